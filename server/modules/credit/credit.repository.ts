/**
 * Reads of the differentiated-credit list. Not scoped by territory: the list is the banks' and the office's, both
 * city-wide; the routes allow nobody else.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escapeLike } from '../enterprises/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface CreditFilters {
  q?: string | undefined;
  creditCode?: string | undefined;
  measure?: string | undefined;
  updatedSince?: Date | undefined;
}

function where(f: CreditFilters) {
  const parts = [f.updatedSince ? sql<SqlBool>`l.changed_at >= ${f.updatedSince}` : sql<SqlBool>`l.listed`];
  if (f.creditCode) parts.push(sql<SqlBool>`e.credit_code = ${f.creditCode.trim().toUpperCase()}`);
  if (f.measure) parts.push(sql<SqlBool>`l.measure = ${f.measure}`);
  const term = f.q?.trim();
  if (term) parts.push(sql<SqlBool>`(e.credit_code like ${`${escapeLike(term.toUpperCase())}%`} or e.name ilike ${`%${escapeLike(term)}%`})`);
  return sql.join(parts, sql` and `);
}

/** Whether the filters look at the enterprise (else the listing alone answers which rows and how many). */
const needsEnterprise = (f: CreditFilters) => Boolean(f.creditCode || f.q?.trim());

/** The number of entries the filters match: from the listing's own index when no enterprise field is asked. */
function countSql(f: CreditFilters) {
  return sql`select count(*) as n from credit_listing l${needsEnterprise(f) ? sql` join enterprise e on e.id = l.enterprise_id` : sql``} where ${where(f)}`;
}

export interface CreditRow {
  credit_code: string;
  name: string;
  territory_name: string;
  industry_name: string;
  listed: boolean;
  measure: string | null;
  since: string | null;
  department_name: string | null;
  basis_id: string | null;
  changed_at: Date;
}

/** The SQL of one page (shared with the bench's raw baseline). */
export function creditPageSql(f: CreditFilters, page: { limit: number; offset: number }) {
  const order = f.updatedSince ? sql`l.changed_at, l.enterprise_id` : sql`l.enterprise_id`;
  // the total is its own (uncorrelated, run once) count, not count(*) over (): a window count joins and sorts every
  // matching entry for each page (2.3 s a page on the province set's 98,000 entries); the page walks the listing's
  // index in order and stops after offset + limit entries
  return sql<CreditRow & { total: string }>`
    select e.credit_code, e.name, t.name as territory_name, i.name as industry_name, l.listed, l.measure, to_char(l.since, 'YYYY-MM-DD') as since,
      d.name as department_name, l.basis_id, l.changed_at, (${countSql(f)}) as total
    from credit_listing l
      join enterprise e on e.id = l.enterprise_id
      join territory t on t.code = e.territory_code
      join industry i on i.code = e.industry_code
      left join department d on d.code = l.department_code
    where ${where(f)}
    order by ${order}
    limit ${page.limit} offset ${page.offset}`;
}

async function countPastEnd(db: Q, f: CreditFilters): Promise<number> {
  const c = await sql<{ n: string }>`${countSql(f)}`.execute(db);
  return Number(c.rows[0]!.n);
}

export async function listCredit(db: Q, f: CreditFilters, page: { limit: number; offset: number }): Promise<{ rows: CreditRow[]; total: number }> {
  const r = await creditPageSql(f, page).execute(db);
  if (r.rows.length > 0 || page.offset === 0) return { rows: r.rows, total: r.rows.length ? Number(r.rows[0]!.total) : 0 };
  return { rows: [], total: await countPastEnd(db, f) };
}

/**
 * One page and its audit record in ONE statement (one implicit transaction: the read is recorded, or nothing is
 * read), with the `asOf` of the derivation visible to this statement (see credit.sync.ts). With `audit` null (a read
 * on the replica, which cannot write) the page and its `asOf` only: the caller records the read on the primary.
 */
export async function listCreditAudited(
  db: Q,
  f: CreditFilters,
  page: { limit: number; offset: number },
  audit: RawBuilder<unknown> | null,
): Promise<{ rows: CreditRow[]; total: number; asOf: Date | null }> {
  const r = await sql<CreditRow & { total: string | null; as_of: Date | null }>`
    with ${audit === null ? sql`` : sql`${audit}, `}page as (${creditPageSql(f, page)})
    select p.*, s.as_of from (select max(synced_at) as as_of from credit_sync) s left join page p on true`.execute(db);
  const asOf = r.rows[0]?.as_of ?? null;
  const rows = r.rows.filter((x) => x.credit_code !== null);
  if (rows.length > 0 || page.offset === 0) return { rows, total: rows.length ? Number(rows[0]!.total) : 0, asOf };
  return { rows: [], total: await countPastEnd(db, f), asOf };
}

export async function listCreditChanges(db: Q, f: { since: string; creditCode?: string | undefined }, page: { limit: number; offset: number }) {
  const code = f.creditCode ? sql<SqlBool>`e.credit_code = ${f.creditCode.trim().toUpperCase()}` : sql<SqlBool>`true`;
  const r = await sql<{
    credit_code: string;
    name: string;
    change: 'added' | 'changed' | 'removed';
    on_date: string;
    measure_before: string | null;
    measure_after: string | null;
    at: Date;
    total: string;
  }>`
    select e.credit_code, e.name, c.change, to_char(c.on_date, 'YYYY-MM-DD') as on_date, c.measure_before, c.measure_after, c.at, count(*) over () as total
    from credit_change c join enterprise e on e.id = c.enterprise_id
    where c.on_date >= ${f.since}::date and ${code}
    order by c.on_date, c.id
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return { rows: r.rows, total: r.rows.length ? Number(r.rows[0]!.total) : 0 };
}
