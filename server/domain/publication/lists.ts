/**
 * Public lists (plan §3.3, §2.5; issue 14) as data and pure functions: which case states put an enterprise on which
 * list, the proposal (additions, keeps and removals 摘牌 against the last published version), the differences
 * between two versions, the public number of a version, and the canonical content that is hashed and chained.
 * No I/O and no clock: `today` and the candidate rows come in as parameters.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../dates.ts';
import { canonical } from '../canonical.ts';

export type ListKind = 'yellow' | 'red' | 'overEmission' | 'annualExit';
export const LIST_KINDS: readonly ListKind[] = ['yellow', 'red', 'overEmission', 'annualExit'];

export const LIST_NAMES: Record<ListKind, { zh: string; en: string }> = {
  yellow: { zh: '黄牌名单', en: 'Yellow-card list' },
  red: { zh: '红牌名单', en: 'Red-card list' },
  overEmission: { zh: '超标排放企业名单', en: 'List of enterprises exceeding emission standards' },
  annualExit: { zh: '年度落后产能退出名单', en: 'Annual list of exiting enterprises, equipment and capacity' },
};

/**
 * The rule of each list, as data (basis plan §3.3). `states`: for each dimension, the case states in which the
 * enterprise belongs on the list (a case not closed); `closedOutcomes`: closed cases whose outcome puts it there.
 * Which states count as "a rectification order in force" is a LOCAL CHOICE read from the plan's wording: the
 * states after an order to rectify (or restrict/suspend) and before the case closes.
 */
export interface ListRule {
  basisId: string;
  description: { zh: string; en: string };
  states?: Partial<Record<string, readonly string[]>>;
  closedOutcomes?: Partial<Record<string, readonly string[]>>;
  /** environment findings: only these finding kinds (over-emission) */
  findingKinds?: readonly string[];
  /** the annual exit list reads the capacity ledger, not case states */
  ledger?: true;
}

export const LIST_RULES: Record<ListKind, ListRule> = {
  yellow: {
    basisId: 'plan-2020-§3.3',
    description: { zh: '未达标、须限期整改的企业（整改决定在执行中）', en: 'Enterprises failing the standards with a rectification order in force' },
    states: {
      energy: ['rectifying', 'extensionRequested', 'reinspectionFailed', 'overdue'],
      safety: ['rectifying', 'rectificationFailed', 'suspended', 'suspensionFailed'],
      quality: ['investigating', 'penalised'],
    },
  },
  red: {
    basisId: 'plan-2020-§3.3',
    description: { zh: '整改后仍不达标、已依法关停的企业', en: 'Enterprises still failing after rectification and closed according to law' },
    closedOutcomes: { energy: ['exited'], safety: ['exited', 'licenceRevoked'], quality: ['licenceRevoked', 'exited'], environment: ['exited'] },
  },
  overEmission: {
    basisId: 'plan-2020-§3.3',
    description: {
      zh: '污染物超标排放或超总量控制指标的企业（环境违法认定在执行中）',
      en: 'Enterprises discharging above emission standards or total-quantity targets (finding in force)',
    },
    states: { environment: ['found', 'restricted', 'suspended', 'recheckFailed', 'serious', 'approvalRequested', 'approved', 'closureOrdered'] },
    findingKinds: ['emission', 'totalQuantity'],
  },
  annualExit: {
    basisId: 'plan-2020-§3.3',
    description: { zh: '本年度经验收退出的企业、设备（生产线）和产能', en: 'Enterprises, equipment (lines) and capacity whose exit was accepted this year' },
    ledger: true,
  },
};

/** Outcomes of a closed case that take an enterprise off the yellow/over-emission list (摘牌: the re-check passed, the order lifted). */
export const DELISTING_OUTCOMES: readonly string[] = ['rectified', 'lifted', 'resumed'];

/** A case as the proposal sees it (from case_file). */
export interface CaseCandidate {
  caseId: number;
  enterpriseKey: string;
  dimension: string;
  state: string;
  closed: boolean;
  outcome: string | null;
  findingKind: string | null;
  /** the date the case entered a listed state (or closed) */
  since: IsoDate;
  dueOn: IsoDate | null;
}

/** An enterprise as published (names copied into the snapshot so a version stands on its own). */
export interface EnterpriseFacts {
  creditCode: string;
  name: string;
  territoryCode: string;
  territoryName: string;
  territoryNameEn: string;
  industryCode: string;
  industryName: string;
  industryNameEn: string;
  address: string | null;
}

export interface Equipment {
  name: string;
  kind: string;
  kindName: string;
  capacity: string;
  capacityUnit: string;
  exitedOn: IsoDate;
}

/** One entry of a published list: public fields only. */
export interface PublicEntry extends EnterpriseFacts {
  /** the dimensions on which the enterprise is listed (codes, sorted) */
  dimensions: string[];
  since: IsoDate;
  dueOn: IsoDate | null;
  equipment: Equipment[];
}

export type RemovalReason = 'recheckPassed' | 'noLongerQualifies';

export interface Proposal {
  entries: PublicEntry[];
  added: string[];
  kept: string[];
  removed: Array<{ creditCode: string; name: string; reason: RemovalReason }>;
}

/** Whether one case puts its enterprise on the list (§3.3). */
export function caseQualifies(kind: ListKind, c: CaseCandidate, rules: Record<ListKind, ListRule> = LIST_RULES): boolean {
  const rule = rules[kind];
  if (rule.ledger) return false;
  if (rule.findingKinds && !(c.findingKind !== null && rule.findingKinds.includes(c.findingKind))) return false;
  if (c.closed) return !!c.outcome && (rule.closedOutcomes?.[c.dimension] ?? []).includes(c.outcome);
  return (rule.states?.[c.dimension] ?? []).includes(c.state);
}

const byKey = <T extends { creditCode: string }>(a: T, b: T) => (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0);

/**
 * The proposal of a list (§3.3): entries from the cases (or, for the annual exit list, from the capacity ledger's
 * equipment), compared with the entries of the version in force. An enterprise of the previous version that no
 * longer qualifies is proposed for removal; the reason is `recheckPassed` when one of its cases closed with a
 * delisting outcome.
 */
export function propose(
  kind: ListKind,
  input: {
    cases: CaseCandidate[];
    enterprises: Map<string, EnterpriseFacts>;
    /** annual exit list: exited equipment per enterprise key */
    equipment?: Map<string, Equipment[]>;
    previous: PublicEntry[] | null;
  },
  rules: Record<ListKind, ListRule> = LIST_RULES,
): Proposal {
  const grouped = new Map<string, { dims: Set<string>; since: IsoDate; dueOn: IsoDate | null }>();
  if (rules[kind].ledger) {
    for (const [key, eq] of input.equipment ?? []) {
      if (eq.length === 0) continue;
      const since = eq.map((e) => e.exitedOn).sort()[0]!;
      grouped.set(key, { dims: new Set(), since, dueOn: null });
    }
  } else {
    for (const c of input.cases) {
      if (!caseQualifies(kind, c, rules)) continue;
      const g = grouped.get(c.enterpriseKey) ?? { dims: new Set<string>(), since: c.since, dueOn: null };
      g.dims.add(c.dimension);
      if (c.since < g.since) g.since = c.since;
      if (c.dueOn && (!g.dueOn || c.dueOn < g.dueOn)) g.dueOn = c.dueOn;
      grouped.set(c.enterpriseKey, g);
    }
  }
  const entries: PublicEntry[] = [];
  for (const [key, g] of grouped) {
    const e = input.enterprises.get(key);
    if (!e) continue;
    entries.push({
      ...e,
      dimensions: [...g.dims].sort(),
      since: g.since,
      dueOn: g.dueOn,
      equipment: (input.equipment?.get(key) ?? []).slice().sort((a, b) => (a.name < b.name ? -1 : 1)),
    });
  }
  entries.sort(byKey);
  const prev = new Map((input.previous ?? []).map((p) => [p.creditCode, p]));
  const now = new Set(entries.map((e) => e.creditCode));
  const delisted = new Set(input.cases.filter((c) => c.closed && c.outcome && DELISTING_OUTCOMES.includes(c.outcome)).map((c) => c.enterpriseKey));
  const creditOf = new Map([...input.enterprises].map(([k, e]) => [e.creditCode, k]));
  return {
    entries,
    added: entries.filter((e) => !prev.has(e.creditCode)).map((e) => e.creditCode),
    kept: entries.filter((e) => prev.has(e.creditCode)).map((e) => e.creditCode),
    removed: [...prev.values()]
      .filter((p) => !now.has(p.creditCode))
      .sort(byKey)
      .map((p) => {
        const key = creditOf.get(p.creditCode);
        return { creditCode: p.creditCode, name: p.name, reason: key !== undefined && delisted.has(key) ? 'recheckPassed' : 'noLongerQualifies' };
      }),
  };
}

export interface VersionDiff {
  added: Array<{ creditCode: string; name: string }>;
  removed: Array<{ creditCode: string; name: string }>;
  /** entries whose public fields changed: the names of the fields */
  changed: Array<{ creditCode: string; name: string; fields: string[] }>;
}

/** What changed from one version's entries to the next (the public history shows it). */
export function diffEntries(before: PublicEntry[], after: PublicEntry[]): VersionDiff {
  const b = new Map(before.map((e) => [e.creditCode, e]));
  const a = new Map(after.map((e) => [e.creditCode, e]));
  const diff: VersionDiff = { added: [], removed: [], changed: [] };
  for (const e of after) {
    const old = b.get(e.creditCode);
    if (!old) {
      diff.added.push({ creditCode: e.creditCode, name: e.name });
      continue;
    }
    const fields = (Object.keys(e) as Array<keyof PublicEntry>).filter((k) => canonical(e[k]) !== canonical(old[k])).sort();
    if (fields.length) diff.changed.push({ creditCode: e.creditCode, name: e.name, fields });
  }
  for (const e of before) if (!a.has(e.creditCode)) diff.removed.push({ creditCode: e.creditCode, name: e.name });
  return diff;
}

/** The series a version belongs to: one list of one territory (and one year for the annual exit list). */
export function seriesKey(kind: ListKind, territoryCode: string, year: number | null): string {
  return kind === 'annualExit' ? `${kind}/${territoryCode}/${year}` : `${kind}/${territoryCode}`;
}

/** The public number of a version, e.g. 镜湖区黄牌名单〔2020〕第1版 (LOCAL CHOICE: the plan prescribes no numbering). */
export function versionNumber(territoryName: string, kind: ListKind, year: number, versionNo: number): string {
  return `${territoryName}${LIST_NAMES[kind].zh}〔${year}〕第${versionNo}版`;
}

/** JSON with sorted keys at every level: what is hashed (a value read back from jsonb hashes the same). */
export { canonical };

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a version that its hash covers (everything stored except the id and the hash itself). */
export interface HashedVersion {
  series: string;
  listKind: ListKind;
  territoryCode: string;
  year: number | null;
  versionNo: number;
  action: 'publish' | 'correct' | 'withdraw';
  number: string;
  postedOn: IsoDate;
  publishedAt: string;
  unitKind: string;
  unitCode: string;
  publishedBy: number | null;
  reason: string | null;
  body: unknown;
  excluded: unknown;
  prevHash: string;
}

export function versionHash(v: HashedVersion): string {
  return createHash('sha256').update(canonical(v)).digest('hex');
}

export interface ChainRow extends HashedVersion {
  id: number;
  contentHash: string;
}

export interface ChainProblem {
  id: number;
  series: string;
  versionNo: number;
  reason: string;
}

/** Re-computes every series' chain (rows in any order): a changed field, a removed or re-ordered version is named. */
export function verifyChains(rows: ChainRow[]): { ok: boolean; versions: number; series: number; problems: ChainProblem[] } {
  const bySeries = new Map<string, ChainRow[]>();
  for (const r of rows) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
  const problems: ChainProblem[] = [];
  for (const [series, list] of bySeries) {
    list.sort((a, b) => a.versionNo - b.versionNo);
    let prev = GENESIS_HASH;
    list.forEach((r, i) => {
      const { id: _id, contentHash, ...hashed } = r;
      if (r.versionNo !== i + 1) problems.push({ id: r.id, series, versionNo: r.versionNo, reason: `version ${i + 1} is missing` });
      if (r.prevHash !== prev) problems.push({ id: r.id, series, versionNo: r.versionNo, reason: 'prev_hash does not match the previous version' });
      if (versionHash(hashed) !== contentHash)
        problems.push({ id: r.id, series, versionNo: r.versionNo, reason: 'content does not match its hash (edited after publication)' });
      prev = contentHash;
    });
  }
  return { ok: problems.length === 0, versions: rows.length, series: bySeries.size, problems };
}
