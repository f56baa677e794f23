/**
 * Year-end reads: figures generated from the capacity ledger (capacity_exit: one line, one exit, one year — by the
 * acceptance date) and the cases; the units that owe a summary; summaries and report versions. Summary reads take
 * the actor's Scope (a county sees its own, a department its own, the office and the city government all).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ExitFigure } from '../../domain/yearend/figures.ts';
import { resettlementTotals } from '../resettlement/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type UnitKind = 'territory' | 'department';
export interface Unit {
  kind: UnitKind;
  code: string;
  name: string;
  nameEn: string;
  /** departments: the dimensions they lead */
  dimensions: string[];
}

const yearEnd = (year: number) => `${year}-12-31`;

/** The units that owe a summary for the year (§3.4): every county/district/zone valid at year end, and every city department leading a dimension. */
export async function unitsOfYear(q: Q, year: number): Promise<Unit[]> {
  const t = await sql<{ code: string; name: string; name_en: string }>`
    select code, name, name_en from territory
    where kind <> 'city' and (valid_from is null or valid_from <= ${yearEnd(year)}::date) and (valid_to is null or valid_to >= ${yearEnd(year)}::date)
    order by sort, code`.execute(q);
  const d = await sql<{ code: string; name: string; name_en: string; lead_dimensions: string[] }>`
    select code, name, name_en, lead_dimensions from department where level = 'city' and cardinality(lead_dimensions) > 0 order by sort, code`.execute(q);
  return [
    ...t.rows.map((r) => ({ kind: 'territory' as const, code: r.code, name: r.name, nameEn: r.name_en, dimensions: [] })),
    ...d.rows.map((r) => ({ kind: 'department' as const, code: r.code, name: r.name, nameEn: r.name_en, dimensions: r.lead_dimensions })),
  ];
}

export async function unitOf(q: Q, kind: UnitKind, code: string, year: number): Promise<Unit | undefined> {
  return (await unitsOfYear(q, year)).find((u) => u.kind === kind && u.code === code);
}

/** The unit an account summarises for (a county account its territory, a department account its department). */
export function ownUnit(actor: Actor): { kind: UnitKind; code: string } | null {
  if (actor.kind !== 'user') return null;
  if (actor.role === 'territory' && actor.territoryCode) return { kind: 'territory', code: actor.territoryCode };
  if (actor.role === 'department' && actor.departmentCode) return { kind: 'department', code: actor.departmentCode };
  return null;
}

/** Summary rows the actor may see, as SQL on alias `s`. */
export function summaryScope(actor: Actor) {
  if (actor.kind === 'system') return sql<boolean>`true`;
  if (actor.role === 'office' || actor.role === 'government') return sql<boolean>`true`;
  const own = ownUnit(actor);
  if (!own) return sql<boolean>`false`;
  return sql<boolean>`(s.unit_kind = ${own.kind} and s.unit_code = ${own.code})`;
}

/** A filter of the ledger to a unit: a territory's exits, or the exits whose case is of a department's dimensions. */
export interface FigureFilter {
  territoryCode?: string | undefined;
  dimensions?: readonly string[] | undefined;
}

function ledgerWhere(year: number, f: FigureFilter) {
  const conds = [sql`x.year = ${year}`];
  if (f.territoryCode) conds.push(sql`x.territory_code = ${f.territoryCode}`);
  if (f.dimensions) conds.push(sql`exists (select 1 from case_file c where c.id = x.case_id and c.dimension = any(${[...f.dimensions]}::text[]))`);
  return sql.join(conds, sql` and `);
}

/** Accepted exits of the year by industry and unit (§3.4; capacity_exit counts a line once, in the year of its acceptance). */
export async function ledgerFigures(q: Q, year: number, f: FigureFilter = {}): Promise<ExitFigure[]> {
  const r = await sql<{ industry_code: string; capacity_unit: string; enterprises: number; lines: number; capacity: string }>`
    select x.industry_code, x.capacity_unit, count(distinct l.enterprise_id)::int as enterprises, count(*)::int as lines, sum(x.capacity)::text as capacity
    from capacity_exit x join production_line l on l.id = x.line_id
    where ${ledgerWhere(year, f)}
    group by 1, 2 order by 1, 2`.execute(q);
  return r.rows.map((x) => ({
    industryCode: x.industry_code,
    capacityUnit: x.capacity_unit,
    enterprises: x.enterprises,
    lines: x.lines,
    capacity: trimDecimal(x.capacity),
  }));
}

/** Accepted exits by territory (the city report's second table). */
export async function ledgerByTerritory(q: Q, year: number): Promise<Array<{ territoryCode: string; enterprises: number; lines: number }>> {
  const r = await sql<{ territory_code: string; enterprises: number; lines: number }>`
    select x.territory_code, count(distinct l.enterprise_id)::int as enterprises, count(*)::int as lines
    from capacity_exit x join production_line l on l.id = x.line_id where x.year = ${year} group by 1 order by 1`.execute(q);
  return r.rows.map((x) => ({ territoryCode: x.territory_code, enterprises: x.enterprises, lines: x.lines }));
}

/** Lines shut but not accepted (关停待验收), shown apart: never counted as exited. */
export async function awaitingFigures(q: Q, f: FigureFilter = {}): Promise<ExitFigure[]> {
  const conds = [sql`l.state = any(${AWAITING_LINE_STATES}::text[])`];
  if (f.territoryCode) conds.push(sql`e.territory_code = ${f.territoryCode}`);
  if (f.dimensions)
    conds.push(
      sql`exists (select 1 from case_line cl join case_file c on c.id = cl.case_id where cl.line_id = l.id and c.dimension = any(${[...f.dimensions]}::text[]))`,
    );
  const r = await sql<{ industry_code: string; capacity_unit: string; enterprises: number; lines: number; capacity: string }>`
    select e.industry_code, l.capacity_unit, count(distinct l.enterprise_id)::int as enterprises, count(*)::int as lines, sum(l.capacity)::text as capacity
    from production_line l join enterprise e on e.id = l.enterprise_id
    where ${sql.join(conds, sql` and `)} group by 1, 2 order by 1, 2`.execute(q);
  return r.rows.map((x) => ({
    industryCode: x.industry_code,
    capacityUnit: x.capacity_unit,
    enterprises: x.enterprises,
    lines: x.lines,
    capacity: trimDecimal(x.capacity),
  }));
}

/** Line states that mean "shut, awaiting acceptance": dismantled (technology) and `shut` (the other dimensions, issue 10). */
export const AWAITING_LINE_STATES = ['dismantled', 'shut'];

export interface CaseCount {
  dimension: string;
  outcome: string;
  n: number;
}

/** Cases opened by the year's end, by dimension and outcome ('open' while not closed). */
export async function caseCounts(q: Q, year: number, f: FigureFilter = {}): Promise<CaseCount[]> {
  const conds = [sql`c.opened_on <= ${yearEnd(year)}::date`];
  if (f.territoryCode) conds.push(sql`c.territory_code = ${f.territoryCode}`);
  if (f.dimensions) conds.push(sql`c.dimension = any(${[...f.dimensions]}::text[])`);
  const r = await sql<{ dimension: string; outcome: string; n: number }>`
    select c.dimension, case when c.closed then coalesce(c.outcome, 'closed') else 'open' end as outcome, count(*)::int as n
    from case_file c where ${sql.join(conds, sql` and `)} group by 1, 2 order by 1, 2`.execute(q);
  return r.rows;
}

export function trimDecimal(v: string | null): string {
  if (v === null) return '0';
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export interface SummaryRow {
  id: number;
  year: number;
  unit_kind: UnitKind;
  unit_code: string;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  narrative: string;
  typed: ExitFigure[];
  generated: GeneratedFigures | null;
  explanations: Record<string, { text: string; by: string; at: string }>;
  attachments: string[];
  comment: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  updated_at: Date;
  version: number;
}

export interface GeneratedFigures {
  exits: ExitFigure[];
  awaiting: ExitFigure[];
  cases: CaseCount[];
  asOf: string;
  /** worker resettlement over the enterprises whose exits the year counts (plan §2.6; absent in summaries frozen before it) */
  resettlement?: ResettlementTotals;
}

export type ResettlementTotals = Awaited<ReturnType<typeof resettlementTotals>>;

/** Resettlement totals (read through the resettlement module) over the enterprises with an exit accepted in the year. */
export async function resettlementFigures(q: Q, year: number, f: FigureFilter = {}): Promise<ResettlementTotals> {
  const r = await sql<{ enterprise_id: string }>`
    select distinct l.enterprise_id from capacity_exit x join production_line l on l.id = x.line_id where ${ledgerWhere(year, f)}`.execute(q);
  return resettlementTotals(
    q,
    r.rows.map((x) => Number(x.enterprise_id)),
  );
}

export async function summaryById(q: Q, actor: Actor, id: number, lock = false): Promise<SummaryRow | undefined> {
  const r = await sql<SummaryRow>`select s.* from yearend_summary s where s.id = ${id} and ${summaryScope(actor)} ${lock ? sql`for update` : sql``}`.execute(q);
  return r.rows[0];
}

export async function summariesOfYear(q: Q, actor: Actor, year: number): Promise<SummaryRow[]> {
  const r =
    await sql<SummaryRow>`select s.* from yearend_summary s where s.year = ${year} and ${summaryScope(actor)} order by s.unit_kind desc, s.unit_code`.execute(
      q,
    );
  return r.rows;
}

export function filterOfUnit(u: Pick<Unit, 'kind' | 'code' | 'dimensions'>): FigureFilter {
  return u.kind === 'territory' ? { territoryCode: u.code } : { dimensions: u.dimensions };
}

export async function generateFigures(q: Q, year: number, u: Pick<Unit, 'kind' | 'code' | 'dimensions'>, asOf: string): Promise<GeneratedFigures> {
  const f = filterOfUnit(u);
  const [exits, awaiting, cases, resettlement] = await Promise.all([
    ledgerFigures(q, year, f),
    awaitingFigures(q, f),
    caseCounts(q, year, f),
    resettlementFigures(q, year, f),
  ]);
  return { exits, awaiting, cases, asOf, resettlement };
}

export interface ReportRow {
  id: number;
  year: number;
  version: number;
  status: 'draft' | 'approved' | 'reported' | 'superseded';
  body: ReportBody;
  reason: string | null;
  diff: unknown;
  created_at: Date;
  approved_at: Date | null;
  approved_by_name: string | null;
  reported_on: string | null;
  receiving_authority: string | null;
}

export interface ReportBody {
  year: number;
  cityCode: string;
  cityName: string;
  asOf: string;
  figures: ExitFigure[];
  byTerritory: Array<{ territoryCode: string; territoryName: string; enterprises: number; lines: number }>;
  awaiting: ExitFigure[];
  cases: CaseCount[];
  summaries: Array<{ unitKind: UnitKind; unitCode: string; unitName: string; status: string; included: boolean }>;
  narratives: Array<{ unitName: string; text: string }>;
  differences: Array<{
    unitKind: UnitKind;
    unitCode: string;
    unitName: string;
    key: string;
    industryCode: string;
    capacityUnit: string;
    field: string;
    typed: string;
    ledger: string;
    explanation: string | null;
    resolved: boolean;
  }>;
  /** worker resettlement over the year's exited enterprises, city-wide (absent in versions built before it) */
  resettlement?: ResettlementTotals;
}

const reportCols = sql`r.id, r.year, r.version, r.status, r.body, r.reason, r.diff, r.created_at, r.approved_at, u.display_name as approved_by_name, r.reported_on, r.receiving_authority`;

export async function reportById(q: Q, id: number, lock = false): Promise<ReportRow | undefined> {
  const r =
    await sql<ReportRow>`select ${reportCols} from yearend_report r left join app_user u on u.id = r.approved_by where r.id = ${id} ${lock ? sql`for update of r` : sql``}`.execute(
      q,
    );
  return r.rows[0];
}

export async function reportsOfYear(q: Q, year: number): Promise<ReportRow[]> {
  const r =
    await sql<ReportRow>`select ${reportCols} from yearend_report r left join app_user u on u.id = r.approved_by where r.year = ${year} order by r.version desc`.execute(
      q,
    );
  return r.rows;
}

export async function names(q: Q): Promise<{
  territory: Map<string, string>;
  industry: Map<string, string>;
  dimension: Map<string, string>;
  department: Map<string, string>;
  city: { code: string; name: string };
}> {
  const [t, i, d, dep] = await Promise.all([
    q.selectFrom('territory').select(['code', 'name', 'kind']).execute(),
    q.selectFrom('industry').select(['code', 'name']).execute(),
    q.selectFrom('dimension').select(['code', 'name']).execute(),
    q.selectFrom('department').select(['code', 'name']).execute(),
  ]);
  const city = t.find((x) => x.kind === 'city');
  return {
    territory: new Map(t.map((x) => [x.code, x.name])),
    industry: new Map(i.map((x) => [x.code, x.name])),
    dimension: new Map(d.map((x) => [x.code, x.name])),
    department: new Map(dep.map((x) => [x.code, x.name])),
    city: { code: city?.code ?? '', name: city?.name ?? '' },
  };
}
