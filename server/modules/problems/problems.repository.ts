/**
 * Problem items through Kysely; every read takes the actor's scope (territory accounts: their own list only;
 * departments, the office and the government: every list). Out of scope = absent (404).
 */
import { sql, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';

export const problemColumns = [
  'p.id',
  'p.territory_code',
  't.name as territory_name',
  'p.source',
  'p.source_ref',
  'p.found_on',
  'p.description',
  'p.level',
  'p.enterprise_id',
  'e.name as enterprise_name',
  'p.line_ids',
  'p.case_id',
  'p.responsible_unit',
  'p.responsible_person',
  'p.measure',
  'p.due_on',
  'p.state',
  'p.closed_on',
  'p.version',
] as const;

export interface ProblemRow {
  id: number;
  territory_code: string;
  territory_name: string;
  source: string;
  source_ref: string | null;
  found_on: string;
  description: string;
  level: string;
  enterprise_id: number | null;
  enterprise_name: string | null;
  line_ids: Array<number | string>;
  case_id: number | null;
  responsible_unit: string;
  responsible_person: string | null;
  measure: string | null;
  due_on: string;
  state: 'open' | 'closing' | 'closed';
  closed_on: string | null;
  version: number;
}

export interface ProblemFilters {
  q?: string | undefined;
  territoryCode?: string | undefined;
  state?: 'open' | 'closing' | 'closed' | undefined;
  source?: string | undefined;
  level?: string | undefined;
  overdue?: boolean | undefined;
  enterpriseId?: number | undefined;
}

function base(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('problem_item as p')
    .innerJoin('territory as t', 't.code', 'p.territory_code')
    .leftJoin('enterprise as e', 'e.id', 'p.enterprise_id')
    .where(territoryScope(scope, 'p.territory_code'));
}

function filtered(db: Kysely<DB>, scope: Scope, f: ProblemFilters, today: string) {
  let q = base(db, scope);
  if (f.territoryCode) q = q.where('p.territory_code', '=', f.territoryCode);
  if (f.state) q = q.where('p.state', '=', f.state);
  if (f.source) q = q.where('p.source', '=', f.source);
  if (f.level) q = q.where('p.level', '=', f.level);
  if (f.enterpriseId) q = q.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.overdue === true) q = q.where('p.state', '<>', 'closed').where('p.due_on', '<', today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('p.state', '=', 'closed'), eb('p.due_on', '>=', today)]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<SqlBool>`(p.description ilike ${like} or p.source_ref ilike ${like} or p.responsible_unit ilike ${like} or e.name ilike ${like})` as Expression<SqlBool>,
    );
  }
  return q;
}

export async function listProblems(db: Kysely<DB>, scope: Scope, f: ProblemFilters, page: { limit: number; offset: number }, today: string) {
  const [rows, count] = await Promise.all([
    filtered(db, scope, f, today).select(problemColumns).orderBy('p.due_on').orderBy('p.id').limit(page.limit).offset(page.offset).execute(),
    filtered(db, scope, f, today)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ProblemRow[], total: Number(count.n) };
}

/** Every row of a filter (export), capped. */
export async function allProblems(db: Kysely<DB>, scope: Scope, f: ProblemFilters, today: string, cap = 50_000): Promise<ProblemRow[]> {
  return (await filtered(db, scope, f, today).select(problemColumns).orderBy('p.territory_code').orderBy('p.id').limit(cap).execute()) as ProblemRow[];
}

export async function findProblem(db: Kysely<DB>, scope: Scope, id: number): Promise<ProblemRow | undefined> {
  return (await base(db, scope).select(problemColumns).where('p.id', '=', id).executeTakeFirst()) as ProblemRow | undefined;
}

export async function problemEvents(db: Kysely<DB>, problemId: number) {
  return db
    .selectFrom('problem_event as ev')
    .leftJoin('app_user as u', 'u.id', 'ev.actor_id')
    .select(['ev.id', 'ev.kind', 'ev.on_date', 'ev.from_state', 'ev.to_state', 'ev.note', 'ev.evidence', 'ev.at', 'u.display_name'])
    .where('ev.problem_id', '=', problemId)
    .orderBy('ev.id')
    .execute();
}
