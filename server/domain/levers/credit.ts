/**
 * Differentiated credit (差别化信贷, plan §2.6): which enterprises a bank must treat differently, and under which
 * measure. Pure: the facts (the enterprise's cases and derived status) in, the listing out.
 *
 * An enterprise is listed while an order of the platform binds it — a rectification order, a restriction or
 * suspension of production, a closure (ordered, decided or done), eliminated equipment being sealed or dismantled —
 * or once it has exited. A bare finding (no order yet) and an investigation do not list it; an order lifted or a
 * rectification passed removes it. The consequences for the bank (no new credit in any form; 国发〔2010〕7号 as
 * reported by MIIT, facts-cn §7) are the bank's; the platform states the measure, since when, who leads and why.
 */

export type CreditMeasure = 'rectification' | 'restriction' | 'suspension' | 'elimination' | 'closure' | 'exit';
/** Most severe last: an enterprise under several orders is listed under the most severe. */
export const CREDIT_MEASURES: readonly CreditMeasure[] = ['rectification', 'restriction', 'suspension', 'elimination', 'closure', 'exit'];

export const CREDIT_MEASURE_ZH: Record<CreditMeasure, string> = {
  rectification: '责令限期整改',
  restriction: '限制生产',
  suspension: '停产整治',
  elimination: '淘汰类设备封停待拆除',
  closure: '责令停业、关闭',
  exit: '已退出',
};

/**
 * Open-case states → measure, per dimension (the states of server/domain/lifecycle). States not named here (found,
 * investigating) list nothing. Each row cites the plan section whose order it is.
 */
export const OPEN_STATE_MEASURE: Record<string, Record<string, CreditMeasure>> = {
  // §2.1: rectify within 6 months (an extension keeps the order); failing or overdue → closure is next, the order stands
  energy: {
    rectifying: 'rectification',
    extensionRequested: 'rectification',
    reinspectionFailed: 'rectification',
    overdue: 'rectification',
    closureOrdered: 'closure',
  },
  // §2.2: restrict or suspend; serious cases go to the city government for closure, production stays suspended
  environment: {
    restricted: 'restriction',
    suspended: 'suspension',
    recheckFailed: 'suspension',
    serious: 'suspension',
    approvalRequested: 'suspension',
    approved: 'closure',
    closureOrdered: 'closure',
    // the line state of #10 (关停待验收), should a dimension use it as a case state
    shut: 'closure',
  },
  // §2.3: a penalty orders the production stopped; serious cases lose the business licence
  quality: { penalised: 'rectification', serious: 'closure' },
  // §2.4: rectify; suspend (停产停业整顿); close
  safety: {
    rectifying: 'rectification',
    rectificationFailed: 'rectification',
    suspended: 'suspension',
    suspensionFailed: 'suspension',
    closureOrdered: 'closure',
  },
  // §2.5: eliminated equipment sealed and dismantled within a limit
  technology: { sealing: 'elimination', sealed: 'elimination', overdue: 'elimination', dismantled: 'elimination' },
};

/** Closed-case outcomes that keep the enterprise listed (closed according to law: the red card of §3.3). */
export const CLOSURE_OUTCOMES_LISTED: readonly string[] = ['exited', 'licenceRevoked'];

export interface CreditCaseFact {
  caseId: number;
  dimension: string;
  state: string;
  closed: boolean;
  outcome: string | null;
  departmentCode: string;
  /** the date the case entered its current state (its latest act to that state, or its opening) */
  since: string;
}

export interface CreditFacts {
  /** derived enterprise status (enterprise-status.ts): `exited` = every line gone */
  status: string;
  /** the date the last line exited (capacity ledger), when exited */
  exitedOn: string | null;
  cases: readonly CreditCaseFact[];
}

export interface CreditListing {
  measure: CreditMeasure;
  since: string;
  caseId: number | null;
  dimension: string | null;
  departmentCode: string | null;
  /** the plan section whose order it is */
  basisId: string;
}

const BASIS: Record<string, string> = {
  energy: 'plan-2020-§2.1',
  environment: 'plan-2020-§2.2',
  quality: 'plan-2020-§2.3',
  safety: 'plan-2020-§2.4',
  technology: 'plan-2020-§2.5',
};
const rank = (m: CreditMeasure) => CREDIT_MEASURES.indexOf(m);

export function caseMeasure(c: CreditCaseFact): CreditMeasure | null {
  if (c.closed) return c.outcome !== null && CLOSURE_OUTCOMES_LISTED.includes(c.outcome) ? 'closure' : null;
  return OPEN_STATE_MEASURE[c.dimension]?.[c.state] ?? null;
}

/** The listing of one enterprise, or null when it is not (or no longer) listed (§2.6). */
export function creditListingOf(f: CreditFacts): CreditListing | null {
  let best: { c: CreditCaseFact; m: CreditMeasure } | null = null;
  for (const c of f.cases) {
    const m = caseMeasure(c);
    if (m === null) continue;
    // the most severe measure; among equals the earliest (listed since the first order of that severity)
    if (!best || rank(m) > rank(best.m) || (rank(m) === rank(best.m) && c.since < best.c.since)) best = { c, m };
  }
  if (f.status === 'exited') {
    return {
      measure: 'exit',
      since: f.exitedOn ?? best?.c.since ?? '1970-01-01',
      caseId: best?.c.caseId ?? null,
      dimension: best?.c.dimension ?? null,
      departmentCode: best?.c.departmentCode ?? null,
      basisId: best ? BASIS[best.c.dimension]! : 'plan-2020-§3.4',
    };
  }
  if (!best) return null;
  return {
    measure: best.m,
    since: best.c.since,
    caseId: best.c.caseId,
    dimension: best.c.dimension,
    departmentCode: best.c.departmentCode,
    basisId: BASIS[best.c.dimension] ?? 'plan-2020-§2.6',
  };
}

export type CreditChange = 'added' | 'changed' | 'removed';

/** How a listing moved, or null when it did not (a change of measure, since or lead counts as `changed`). */
export function creditChange(before: CreditListing | null, after: CreditListing | null): CreditChange | null {
  if (!before && !after) return null;
  if (!before) return 'added';
  if (!after) return 'removed';
  return before.measure !== after.measure || before.since !== after.since || before.departmentCode !== after.departmentCode || before.basisId !== after.basisId
    ? 'changed'
    : null;
}
