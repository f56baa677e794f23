/** Resettlement reads (scoped in SQL through the enterprise's territory; out of scope = absent). */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { sql, type SqlBool } from 'kysely';
import { territoryScope } from '../../platform/auth/scope-sql.ts';
import { escapeLike } from '../enterprises/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface ResettlementFilters {
  q?: string | undefined;
  territoryCode?: string | undefined;
}

const columns = [
  'e.id as enterprise_id',
  'e.name as enterprise_name',
  'e.credit_code',
  'e.territory_code',
  't.name as territory_name',
  'e.status as enterprise_status',
  'r.enterprise_id as recorded',
  'r.workers_affected',
  'r.transferred',
  'r.reemployed',
  'r.retired',
  'r.other',
  'r.funds_planned',
  'r.funds_paid',
  'r.plan_filed_on',
  'r.risk_assessed',
  'r.risk_level',
  'r.risk_assessed_on',
  'r.risk_plan',
  'r.note',
  'r.version',
  'r.updated_at',
] as const;

function base(db: Q) {
  return db.selectFrom('enterprise as e').innerJoin('territory as t', 't.code', 'e.territory_code');
}

/** Scope, territory and the search term (part of the name, or a credit-code prefix) over `enterprise as e`. */
export function enterpriseWhere(scope: Scope, f: ResettlementFilters) {
  const parts = [territoryScope(scope, 'e.territory_code')];
  if (f.territoryCode) parts.push(sql<SqlBool>`e.territory_code = ${f.territoryCode}`);
  const term = f.q?.trim();
  if (term) parts.push(sql<SqlBool>`(e.credit_code like ${`${escapeLike(term.toUpperCase())}%`} or e.name ilike ${`%${escapeLike(term)}%`})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** One enterprise with its resettlement record (if any); undefined when the enterprise is missing or out of scope. */
export async function findResettlement(db: Q, scope: Scope, enterpriseId: number) {
  return base(db)
    .leftJoin('resettlement as r', 'r.enterprise_id', 'e.id')
    .where(enterpriseWhere(scope, {}))
    .select(columns)
    .where('e.id', '=', enterpriseId)
    .executeTakeFirst();
}
export type ResettlementRow = NonNullable<Awaited<ReturnType<typeof findResettlement>>>;

/** Enterprises with a resettlement record, newest change first. */
export async function listResettlements(db: Q, scope: Scope, f: ResettlementFilters, page: { limit: number; offset: number }) {
  const q = base(db).innerJoin('resettlement as r', 'r.enterprise_id', 'e.id').where(enterpriseWhere(scope, f));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q.select(columns).orderBy('r.updated_at', 'desc').orderBy('e.id', 'desc').limit(page.limit).offset(page.offset).execute(),
  ]);
  return { rows, total: Number(count.n) };
}
