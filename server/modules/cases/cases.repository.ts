/**
 * Case reads. Every query takes the actor's Scope and filters with caseScope inside the SQL (out of scope = absent).
 * Deadline words are derived from due_on and today, never stored: the filters translate them to due_on ranges,
 * which the partial index case_file_due serves.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { caseReadScope } from './licence-authority.ts';
import { addDays } from '../../domain/dates.ts';
import type { DeadlineStatus } from '../../domain/lifecycle/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface CaseFilters {
  territoryCode?: string | undefined;
  dimension?: string | undefined;
  state?: string | undefined;
  enterpriseId?: number | undefined;
  /** due strictly before this date */
  dueBefore?: string | undefined;
  overdue?: boolean | undefined;
  deadlineStatus?: DeadlineStatus | undefined;
  closed?: boolean | undefined;
  /** Search (issue 17): enterprise name (part of it), credit code (exact or its start) or case number (#12 or 12). */
  q?: string | undefined;
  /** The assignee (issue 17): an account id, or 'none' for cases assigned to nobody ('me' is resolved by the route). */
  assignee?: number | 'none' | undefined;
}

/** The search condition of `q`: a case number, a credit code (or its start) or part of the enterprise name. */
export function caseSearchCondition(q: string): Expression<SqlBool> {
  const text = q.trim();
  const num = /^#?(\d{1,9})$/.exec(text);
  const like = `%${text.replace(/[%_\\]/g, '\\$&')}%`;
  const codeStart = `${text.toUpperCase().replace(/[%_\\]/g, '\\$&')}%`;
  const byEnterprise = sql<SqlBool>`c.enterprise_id in (select en.id from enterprise en where en.name ilike ${like} or en.credit_code like ${codeStart})`;
  return num ? sql<SqlBool>`(c.id = ${Number(num[1])} or ${byEnterprise})` : byEnterprise;
}

export const caseColumns = [
  'c.id',
  'c.enterprise_id',
  'c.dimension',
  'c.territory_code',
  'c.department_code',
  'c.state',
  'c.closed',
  'c.outcome',
  'c.opened_on',
  'c.due_on',
  'c.due_basis_id',
  'c.version',
  'c.snapshot',
  'c.created_at',
  'c.updated_at',
  'e.name as enterprise_name',
  'e.credit_code as enterprise_credit_code',
  'c.assignee_id',
  sql<string | null>`(select au.display_name from app_user au where au.id = c.assignee_id)`.as('assignee_name'),
] as const;

/** The due_on condition of a deadline word as of `today`. */
export function deadlineStatusCondition(status: DeadlineStatus, today: string): Expression<SqlBool> {
  const open = sql<SqlBool>`not c.closed and c.due_on is not null`;
  switch (status) {
    case 'none':
      return sql<SqlBool>`(c.closed or c.due_on is null)`;
    case 'overdue':
      return sql<SqlBool>`${open} and c.due_on < ${today}::date`;
    case 'dueToday':
      return sql<SqlBool>`${open} and c.due_on = ${today}::date`;
    case 'dueSoon1':
      return sql<SqlBool>`${open} and c.due_on = ${addDays(today, 1)}::date`;
    case 'dueSoon7':
      return sql<SqlBool>`${open} and c.due_on between ${addDays(today, 2)}::date and ${addDays(today, 7)}::date`;
    case 'dueSoon30':
      return sql<SqlBool>`${open} and c.due_on between ${addDays(today, 8)}::date and ${addDays(today, 30)}::date`;
    case 'ok':
      return sql<SqlBool>`${open} and c.due_on > ${addDays(today, 30)}::date`;
  }
}

function filtered(db: Q, scope: Scope, f: CaseFilters, today: string) {
  let q = db.selectFrom('case_file as c').where(caseReadScope(scope, 'c.territory_code', 'c.dimension', 'c.snapshot'));
  if (f.territoryCode) q = q.where('c.territory_code', '=', f.territoryCode);
  if (f.dimension) q = q.where('c.dimension', '=', f.dimension);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.enterpriseId) q = q.where('c.enterprise_id', '=', f.enterpriseId);
  if (f.closed !== undefined) q = q.where('c.closed', '=', f.closed);
  if (f.dueBefore) q = q.where('c.due_on', '<', f.dueBefore).where('c.closed', '=', false);
  if (f.overdue === true) q = q.where(deadlineStatusCondition('overdue', today));
  if (f.overdue === false) q = q.where(sql<SqlBool>`not (not c.closed and c.due_on is not null and c.due_on < ${today}::date)`);
  if (f.deadlineStatus) q = q.where(deadlineStatusCondition(f.deadlineStatus, today));
  if (f.q?.trim()) q = q.where(caseSearchCondition(f.q));
  if (f.assignee === 'none') q = q.where('c.assignee_id', 'is', null);
  else if (f.assignee !== undefined) q = q.where('c.assignee_id', '=', f.assignee);
  return q;
}

export async function listCases(db: Q, scope: Scope, f: CaseFilters, page: { limit: number; offset: number }, today: string) {
  const countQ = filtered(db, scope, f, today).select((eb) => eb.fn.countAll<number>().as('n'));
  const rowsQ = filtered(db, scope, f, today)
    .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select(caseColumns)
    .orderBy('c.closed')
    .orderBy(sql`c.due_on asc nulls last`)
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
  const [count, rows] = await Promise.all([countQ.executeTakeFirstOrThrow(), rowsQ.execute()]);
  return { rows, total: Number(count.n) };
}
export type CaseRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

export async function findCase(db: Q, scope: Scope, id: number) {
  return db
    .selectFrom('case_file as c')
    .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select([...caseColumns, 'c.finding'])
    .where('c.id', '=', id)
    .where(caseReadScope(scope, 'c.territory_code', 'c.dimension', 'c.snapshot'))
    .executeTakeFirst();
}
export type CaseDetailRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function caseLines(db: Q, caseId: number) {
  return db
    .selectFrom('case_line as cl')
    .innerJoin('production_line as l', 'l.id', 'cl.line_id')
    .select(['l.id', 'l.name', 'l.kind', 'l.state', 'l.capacity', 'l.capacity_unit'])
    .where('cl.case_id', '=', caseId)
    .orderBy('l.id')
    .execute();
}

export async function caseActs(db: Q, caseId: number) {
  const acts = await db
    .selectFrom('case_act as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.seq',
      'a.kind',
      'a.act_date',
      'a.actor_id',
      'u.display_name',
      'u.username',
      'a.role',
      'a.payload',
      'a.basis_id',
      'a.params',
      'a.from_state',
      'a.to_state',
      'a.due_on',
      'a.due_detail',
      'a.created_at',
    ])
    .where('a.case_id', '=', caseId)
    .orderBy('a.seq')
    .execute();
  const ids = acts.map((a) => a.id);
  const files = ids.length
    ? await db
        .selectFrom('act_evidence as ae')
        .innerJoin('evidence_file as f', 'f.sha256', 'ae.sha256')
        .select(['ae.act_id', 'f.sha256', 'f.size_bytes', 'f.mime_type', 'f.original_name'])
        .where('ae.act_id', 'in', ids)
        .orderBy('f.original_name')
        .execute()
    : [];
  return acts.map((a) => ({ ...a, evidence: files.filter((f) => f.act_id === a.id) }));
}
export type CaseActRow = Awaited<ReturnType<typeof caseActs>>[number];
