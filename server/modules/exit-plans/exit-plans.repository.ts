/**
 * Exit plans and their items through Kysely, scoped by territory. Progress is read from the capacity ledger
 * (capacity_exit: one row per line, written when an exit is accepted), never typed.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB, ExitPlanState } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';

export const planColumns = [
  'p.id',
  'p.territory_code',
  't.name as territory_name',
  'p.year',
  'p.plan_version',
  'p.previous_id',
  'p.change_reason',
  'p.state',
  'p.submitted_on',
  'p.filing_no',
  'p.filed_on',
  'p.return_comments',
  'p.returned_on',
  'p.version',
  'p.updated_at',
] as const;

export interface PlanRow {
  id: number;
  territory_code: string;
  territory_name: string;
  year: number;
  plan_version: number;
  previous_id: number | null;
  change_reason: string | null;
  state: ExitPlanState;
  submitted_on: string | null;
  filing_no: string | null;
  filed_on: string | null;
  return_comments: string | null;
  returned_on: string | null;
  version: number;
  updated_at: Date;
}

export interface PlanItemRow {
  id: number;
  plan_id: number;
  enterprise_id: number;
  enterprise_name: string;
  credit_code: string;
  line_id: number | null;
  line_name: string | null;
  capacity: string;
  capacity_unit: string;
  method: string;
  target_on: string;
  workers: number;
  note: string | null;
  exited_on: string | null;
  exited_capacity: string;
}

const base = (db: Kysely<DB>, scope: Scope) =>
  db.selectFrom('exit_plan as p').innerJoin('territory as t', 't.code', 'p.territory_code').where(territoryScope(scope, 'p.territory_code'));

export interface PlanFilter {
  territoryCode?: string | undefined;
  year?: number | undefined;
  state?: ExitPlanState | undefined;
  /** text search: territory name, filing number, an item's enterprise name or credit code */
  q?: string | undefined;
}

export async function listPlans(db: Kysely<DB>, scope: Scope, f: PlanFilter, page: { limit: number; offset: number }) {
  let q = base(db, scope);
  if (f.territoryCode) q = q.where('p.territory_code', '=', f.territoryCode);
  if (f.year) q = q.where('p.year', '=', f.year);
  if (f.state) q = q.where('p.state', '=', f.state);
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<SqlBool>`(t.name ilike ${like} or p.filing_no ilike ${like} or exists (select 1 from exit_plan_item i join enterprise e on e.id = i.enterprise_id where i.plan_id = p.id and (e.name ilike ${like} or e.credit_code ilike ${like})))` as Expression<SqlBool>,
    );
  }
  const [rows, n] = await Promise.all([
    q.select(planColumns).orderBy('p.year', 'desc').orderBy('t.sort').orderBy('p.plan_version', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as PlanRow[], total: Number(n.n) };
}

export async function findPlan(db: Kysely<DB>, scope: Scope, id: number): Promise<PlanRow | undefined> {
  return (await base(db, scope).select(planColumns).where('p.id', '=', id).executeTakeFirst()) as PlanRow | undefined;
}

/**
 * The items of some plans with what the ledger says: a line item is exited when its line is in capacity_exit; an
 * enterprise item (no line) when every line of the enterprise is (the date: the last of them).
 */
export async function planItems(db: Kysely<DB>, planIds: readonly number[]): Promise<PlanItemRow[]> {
  if (planIds.length === 0) return [];
  const r = await sql<PlanItemRow>`
    select i.id, i.plan_id, i.enterprise_id, e.name as enterprise_name, e.credit_code, i.line_id, l.name as line_name,
           i.capacity::text as capacity, i.capacity_unit, i.method, i.target_on, i.workers, i.note,
           case when i.line_id is not null then ce.exited_on else ent.exited_on end as exited_on,
           coalesce(case when i.line_id is not null then (case when ce.capacity_unit = i.capacity_unit then ce.capacity end) else ent.capacity end, 0)::text as exited_capacity
    from exit_plan_item i
    join enterprise e on e.id = i.enterprise_id
    left join production_line l on l.id = i.line_id
    left join capacity_exit ce on ce.line_id = i.line_id
    left join lateral (
      select case when count(*) > 0 and count(*) = count(x.line_id) then max(x.exited_on) end as exited_on,
             sum(x.capacity) filter (where x.capacity_unit = i.capacity_unit) as capacity
      from production_line pl left join capacity_exit x on x.line_id = pl.id
      where i.line_id is null and pl.enterprise_id = i.enterprise_id
    ) ent on true
    where i.plan_id = any(${[...planIds]}::bigint[])
    order by i.plan_id, i.id`.execute(db);
  return r.rows.map((x) => ({
    ...x,
    id: Number(x.id),
    plan_id: Number(x.plan_id),
    enterprise_id: Number(x.enterprise_id),
    line_id: x.line_id === null ? null : Number(x.line_id),
  }));
}
