/**
 * Types and small helpers shared by the five transition tables and the engine (index.ts).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { daysBetween, isIsoDate, type IsoDate } from '../dates.ts';
import { basisNotInForceWarning, computeDeadline, type DeadlineAnswer, type PeriodInput } from '../calendar/deadline.ts';
import type { HolidayCalendar } from '../calendar/calendar.ts';
import type { BasisId } from '../law/basis.ts';
import { paramAsOf, type ParameterName, type ParameterTable, type ParameterValues } from '../law/parameters.ts';

export type Dimension = 'energy' | 'environment' | 'quality' | 'safety' | 'technology';
export const DIMENSIONS: readonly Dimension[] = ['energy', 'environment', 'quality', 'safety', 'technology'];

/** office = leading-group office; department = the dimension's lead department; territory = county/district/zone; system = the sweep. */
export type Role = 'office' | 'department' | 'territory' | 'government' | 'system';
export const ROLES: readonly Role[] = ['office', 'department', 'territory', 'government', 'system'];

/**
 * `shut` (关停): a closure order, a licence revocation or a closure shut the line; it is NOT exited until the exit is
 * accepted (验收, plan §3.4). `exited` is set only by the `accept` act, and only then does capacity count as exited.
 * `suspended` covers 停产整治/停产停业整顿/停业 and sealing in progress; `sealed` = all sealing requirements met (§2.5).
 */
export type LineState = 'operating' | 'restricted' | 'suspended' | 'sealed' | 'shut' | 'dismantled' | 'exited';

/** Why a case reached `closed`. */
export type Outcome = 'rectified' | 'lifted' | 'resumed' | 'penalised' | 'licenceRevoked' | 'exited';

/** Line kinds that are always dismantled, never sealed (plan §2.5, "地条钢"). */
export const INDUCTION_FURNACE_KINDS = ['inductionFurnacePowerFrequency', 'inductionFurnaceMediumFrequency'] as const;

export interface LineRecord {
  id: string;
  kind: string;
  state: LineState;
}

/** A parameter value a decision used, to be stored with it. */
export interface ParamUse {
  name: string;
  value: unknown;
  basisId: string;
}

/** The current deadline of a case: the computed answer plus the rule that set it. */
export interface DeadlineRecord extends DeadlineAnswer {
  /** The rule that makes the period (e.g. `plan-2020-§2.1`); `steps`/`basis` cite the calendar rules. */
  basisId: BasisId;
  /** The period as decided: months/days/workingDays from `from`, or a date fixed by the decision. */
  value: { from: IsoDate; months?: number; days?: number; workingDays?: number; fixedDate?: IsoDate };
  setByAct: string;
  setOn: IsoDate;
}

export interface EvidenceRecord {
  date: IsoDate;
  evidenceIds: string[];
}

export interface LicenceRecord {
  licence: string;
  /** The issuing authority's name as printed on the licence. */
  issuingAuthority: string;
  /** The issuing department's code when it is a department on the platform (its account records the revocation). */
  issuingDepartmentCode?: string;
  status: 'pending' | 'revoked';
  requestedOn: IsoDate;
  revokedOn?: IsoDate;
  /** How the revocation was recorded: by the issuing department's account, or the outside authority's decision as evidence. */
  revokedBy?: { departmentCode?: string; decisionNo?: string; decisionDate?: IsoDate; evidenceIds?: string[] };
}

/** Who took an act (separation of duties): the account and its unit (department or territory code). */
export interface ActorRef {
  role: Role;
  actorId?: string;
  unit?: string;
}

export type SealingMeasure = 'cutWater' | 'cutPower' | 'removePowerUnits' | 'sealMainEquipment';
export const SEALING_MEASURES: readonly SealingMeasure[] = ['cutWater', 'cutPower', 'removePowerUnits', 'sealMainEquipment'];

/** An immutable snapshot of a case: the fold of its acts through its dimension's table. */
export interface CaseState {
  dimension: Dimension;
  state: string;
  /** Set when `state === 'closed'`. */
  outcome?: Outcome;
  finding: Finding;
  openedOn: IsoDate;
  lastActOn: IsoDate;
  actCount: number;
  lines: LineRecord[];
  due?: DeadlineRecord;
  /** Energy: the first rectification deadline, from which an extension counts. */
  originalDue?: DeadlineRecord;
  /** Energy §2.1: the end of the rectification period as extended (closure only after it, and a failed re-inspection after it). */
  rectificationDue?: IsoDate;
  /** Energy §2.1: failed re-inspections inside the period (the clock keeps running). */
  nonConformities?: Array<{ date: IsoDate; measured?: string }>;
  /** Energy §2.1: applications made so far (at most energy.extensionMaxCount). */
  extensionApplications: number;
  extension?: {
    requestedMonths: number;
    appliedOn: IsoDate;
    reason: string;
    status: 'requested' | 'approved' | 'refused';
    grantedMonths?: number;
    decidedOn?: IsoDate;
    appliedBy?: ActorRef;
    decidedBy?: ActorRef;
  };
  lastInspection?: { date: IsoDate; result: 'pass' | 'fail' };
  serious?: { declaredOn: IsoDate; reason: string };
  /** Environment §2.2: the city government's approval for cease/close. */
  governmentApproval?: {
    requestedOn: IsoDate;
    /** §2.2: which of the two the department asked for and the city government approved: 停业 (cease) or 关闭 (close). */
    measure?: 'cease' | 'close';
    decision?: 'approved' | 'refused';
    decidedOn?: IsoDate;
    documentNo?: string;
    requestedBy?: ActorRef;
  };
  /** Environment §2.2: the measure ordered (cease = lines suspended, never exited; close = lines shut, exit on acceptance). */
  ceaseOrClose?: { measure: 'cease' | 'close'; date: IsoDate; documentNo?: string };
  /** Safety §2.4: licence revocations, each by its issuing authority. */
  licences: LicenceRecord[];
  /** Safety §2.4: the enterprise holds no licence to revoke (stated with a note instead of a revocation). */
  noLicencesHeld?: { date: IsoDate; note: string };
  /** Technology §2.5: the four sealing measures done. */
  measures: Partial<Record<SealingMeasure, EvidenceRecord>>;
  commitment?: EvidenceRecord;
  notices: Partial<Record<'city' | 'county', { date: IsoDate; url?: string }>>;
  penalty?: { date: IsoDate; documentNo?: string; amount?: string };
  acceptance?: { date: IsoDate; certificateId: string; certificateNo?: string };
  /** The notice that set the period, as served (送达): the day, its number, how (domain/lifecycle/service.ts). */
  served?: { date: IsoDate; documentNo: string; method: string };
}

/** An entry of a case's history. `role` is who took it (checked when present). */
export interface Act {
  kind: string;
  date: IsoDate;
  payload?: unknown;
  role?: Role;
}

export interface ActContext {
  role: Role;
  /** Today (local date, YYYY-MM-DD): acts cannot be dated after it; overdue checks compare with it. */
  now: IsoDate;
  calendar?: HolidayCalendar;
  /** Parameter history; defaults to law/parameters.ts. */
  params?: ParameterTable;
  /** The account acting (separation of duties) and its unit: department code or territory code. */
  actorId?: string;
  unit?: string;
  /** The acting account's department code (a licence is revoked by the department that issued it). */
  departmentCode?: string;
}

/** A refusal reason, zh and en. */
export interface Refusal {
  zh: string;
  en: string;
  [k: string]: unknown;
}

/** One cell of a transition table: where the act may lead, on what basis, by whom. */
export interface TableEntry<S extends string = string> {
  to: readonly S[];
  basisId: BasisId;
  roles: readonly Role[];
}

/** What an act's effect may report besides the new snapshot. */
export interface EffectOut {
  deadline?: DeadlineRecord;
  paramsUsed: ParamUse[];
}

export interface ActDef<S extends string = string> {
  schema: TSchema;
  /** Payload-independent condition, judged with `ctx.now` = the act's date (allowedActs: the day asked). */
  precondition?: (snap: CaseState, ctx: ActContext) => Refusal | null;
  guard?: (snap: CaseState, payload: never, act: Act, ctx: ActContext) => Refusal | null;
  /** Mutates `draft` (a deep copy) and returns the next state. */
  apply: (draft: CaseState, payload: never, act: Act, ctx: ActContext, out: EffectOut) => S;
}

/** Defines an act with a typed payload. */
export function defineAct<S extends string, T extends TSchema>(
  schema: T,
  def: {
    precondition?: (snap: CaseState, ctx: ActContext) => Refusal | null;
    guard?: (snap: CaseState, payload: Static<T>, act: Act, ctx: ActContext) => Refusal | null;
    apply: (draft: CaseState, payload: Static<T>, act: Act, ctx: ActContext, out: EffectOut) => S;
  },
): ActDef<S> {
  return { schema, ...def } as ActDef<S>;
}

export interface DimensionDef<S extends string = string, A extends string = string> {
  dimension: Dimension;
  states: readonly S[];
  findingSchema: TSchema;
  /** Checks a finding against the law in force on its date (beyond its schema); a refusal names the field. */
  checkFinding?: (f: Finding) => Refusal | null;
  table: { readonly [state in S]: { readonly [act in A]?: TableEntry<S> } };
  acts: { readonly [act in A]: ActDef<S> };
}

// ---------- shared schemas ----------

export const IsoDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const DecimalSchema = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', description: 'exact decimal' });
export const EvidenceIds = Type.Array(Type.String({ minLength: 1, pattern: '\\S' }), { maxItems: 200 });
/** Free text: at least one character that is not white space. */
export const Text = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });
export const LineSchema = Type.Object(
  { id: Type.String({ minLength: 1, pattern: '\\S' }), kind: Type.String({ minLength: 1, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const findingBase = {
  date: IsoDateSchema,
  lines: Type.Array(LineSchema, { maxItems: 500 }),
  enterpriseId: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })),
  description: Type.Optional(Text),
  evidenceIds: Type.Optional(EvidenceIds),
};
/** The common optional fields of a served document. */
export const docFields = { documentNo: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })), evidenceIds: Type.Optional(EvidenceIds) };
export const EmptyPayload = Type.Object(docFields, { additionalProperties: false });
export const ResultPayload = Type.Object({ result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]), ...docFields }, { additionalProperties: false });

/** A finding: the facts that open a case. Dimension-specific fields are checked by each dimension's schema. */
export interface Finding {
  dimension: Dimension;
  date: IsoDate;
  lines: Array<{ id: string; kind: string }>;
  enterpriseId?: string;
  description?: string;
  evidenceIds?: string[];
  [field: string]: unknown;
}

// ---------- helpers used by the tables ----------

/** Reads a parameter as of a date and records its use. */
export function useParam<K extends ParameterName>(name: K, date: IsoDate, ctx: ActContext, out: EffectOut): ParameterValues[K] {
  const p = paramAsOf(name, date, ctx.params);
  out.paramsUsed.push({ name, value: p.value, basisId: p.basisId });
  return p.value;
}

/** Computes a deadline record with `computeDeadline` (so steps and warnings come with it). */
export function periodDeadline(period: PeriodInput, basisId: BasisId, act: Act, ctx: ActContext): DeadlineRecord {
  const ans = computeDeadline(period, ctx.calendar);
  const value: DeadlineRecord['value'] = { from: period.from };
  if (period.months !== undefined) value.months = period.months;
  if (period.days !== undefined) value.days = period.days;
  if (period.workingDays !== undefined) value.workingDays = period.workingDays;
  // the rule that sets the period must be in force on its start day too (issue 10 item 2), not only the counting rule
  const w = ans.warnings.some((x) => x.code === 'BASIS_NOT_IN_FORCE' && x.basisId === basisId) ? undefined : basisNotInForceWarning(basisId, period.from);
  return { ...ans, warnings: w ? [...ans.warnings, w] : ans.warnings, basisId, value, setByAct: act.kind, setOn: act.date };
}

/** A deadline fixed by the decision itself (a date, not a period). */
export function fixedDeadline(due: IsoDate, basisId: BasisId, act: Act): DeadlineRecord {
  return {
    due,
    warnings: [],
    steps: [
      {
        from: act.date,
        to: due,
        basisId,
        zh: `决定书确定的期限：${due}`,
        en: `Due date fixed by the decision: ${due}`,
      },
    ],
    basis: [],
    basisId,
    value: { from: act.date, fixedDate: due },
    setByAct: act.kind,
    setOn: act.date,
  };
}

/** Refusal unless `due` is a real date after the act date. */
export function checkDueAfter(due: string, act: Act): Refusal | null {
  if (!isIsoDate(due)) return { zh: `期限 ${due} 不是有效日期`, en: `due ${due} is not a valid date`, field: 'due' };
  if (daysBetween(act.date, due) <= 0) return { zh: '期限须晚于决定日期', en: 'the due date must be after the date of the decision', field: 'due' };
  return null;
}

/** Who is acting, for the record (separation of duties). */
export function actorRef(ctx: ActContext): ActorRef {
  const r: ActorRef = { role: ctx.role };
  if (ctx.actorId !== undefined) r.actorId = ctx.actorId;
  if (ctx.unit !== undefined) r.unit = ctx.unit;
  return r;
}

/** The acceptance act's payload (验收, plan §3.4): the certificate (its id, and its number when issued), the date is the act's. */
export const AcceptPayload = Type.Object(
  {
    certificateId: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    certificateNo: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    ...docFields,
  },
  { additionalProperties: false },
);

/**
 * The `accept` act every dimension has (验收): from the state where the lines are shut (or dismantled), the exit is
 * accepted — only now do the lines become `exited` and their capacity count as exited (plan §3.4).
 */
export function acceptAct(outcome: Outcome = 'exited') {
  return defineAct(AcceptPayload, {
    apply(d, p, act) {
      d.acceptance = { date: act.date, certificateId: p.certificateId, ...(p.certificateNo !== undefined ? { certificateNo: p.certificateNo } : {}) };
      delete d.due;
      setLines(d, 'exited');
      return close(d, outcome);
    },
  });
}

/** Sets every line not yet dismantled/exited to `to` (lines already further along are left alone). */
export function setLines(draft: CaseState, to: LineState, only?: (l: LineRecord) => boolean): void {
  for (const l of draft.lines) {
    if (l.state === 'exited') continue;
    if (l.state === 'dismantled' && to !== 'exited') continue;
    if (only && !only(l)) continue;
    l.state = to;
  }
}

/** Closes the case with an outcome. */
export function close(draft: CaseState, outcome: Outcome): 'closed' {
  draft.outcome = outcome;
  return 'closed';
}
