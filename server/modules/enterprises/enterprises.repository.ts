/**
 * Enterprise reads. Every query takes the actor's Scope and filters inside the SQL (out of scope = absent).
 * Lists: the count and the page use indexes (territory/industry/status btrees, the name trigram and bigram GINs, the
 * credit-code pattern index; sort columns have (col, id) indexes: migrations 0002_registry.sql, 0003_registry_search.sql).
 */
import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB, EnterpriseStatus } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';
import type { EnterpriseSort } from './enterprises.schemas.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface EnterpriseFilters {
  q?: string | undefined;
  creditCode?: string | undefined;
  territoryCode?: string | undefined;
  industryCode?: string | undefined;
  status?: EnterpriseStatus | undefined;
  catalogueClass?: 'eliminated' | 'restricted' | 'none' | undefined;
}

export const enterpriseColumns = [
  'e.id',
  'e.credit_code',
  'e.name',
  'e.territory_code',
  'e.industry_code',
  'e.address',
  'e.legal_representative',
  'e.contact_name',
  'e.contact_phone',
  'e.longitude',
  'e.latitude',
  'e.credit_code_override',
  'e.status',
  'e.version',
  'e.created_at',
  'e.updated_at',
  't.name as territory_name',
  'i.name as industry_name',
] as const;

/** Escapes LIKE metacharacters (the default escape character is the backslash). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const CODE_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{1,18}$/;

/** Applies the scope and the filters to a query over `enterprise as e`. */
export function applyEnterpriseFilters<O>(qb: SelectQueryBuilder<DB & { e: DB['enterprise'] }, 'e', O>, scope: Scope, f: EnterpriseFilters) {
  let q = qb.where(territoryScope(scope, 'e.territory_code'));
  if (f.territoryCode) q = q.where('e.territory_code', '=', f.territoryCode);
  if (f.industryCode) q = q.where('e.industry_code', '=', f.industryCode);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.creditCode) q = q.where('e.credit_code', '=', f.creditCode.trim().toUpperCase());
  if (f.q) {
    const term = f.q.trim();
    const upper = term.toUpperCase();
    const nameLike = `%${escapeLike(term)}%`;
    // 2+ characters: the bigram GIN index narrows (2-character Chinese terms cannot use the trigram index), ILIKE confirms
    const nameMatch =
      [...term].length >= 2
        ? sql<SqlBool>`(registry_bigrams(e.name) @> registry_bigrams(${term}) and e.name ilike ${nameLike})`
        : sql<SqlBool>`e.name ilike ${nameLike}`;
    if (CODE_PREFIX.test(upper)) {
      const prefix = `${escapeLike(upper)}%`;
      // a code-like term: a credit-code prefix, or (2+ characters) part of the name; the planner BitmapOrs the indexes
      q = upper.length >= 2 ? q.where((eb) => eb.or([eb('e.credit_code', 'like', prefix), nameMatch])) : q.where('e.credit_code', 'like', prefix);
    } else if (term !== '') {
      q = q.where(nameMatch);
    }
  }
  if (f.catalogueClass) {
    const cls = f.catalogueClass;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('production_line as pl')
          .select(sql`1`.as('one'))
          .whereRef('pl.enterprise_id', '=', 'e.id')
          .where('pl.catalogue_class', '=', cls),
      ),
    );
  }
  return q;
}

function findEnterpriseQuery(db: Q, scope: Scope, id: number) {
  return db
    .selectFrom('enterprise as e')
    .innerJoin('territory as t', 't.code', 'e.territory_code')
    .innerJoin('industry as i', 'i.code', 'e.industry_code')
    .select(enterpriseColumns)
    .where('e.id', '=', id)
    .where(territoryScope(scope, 'e.territory_code'));
}

// The enterprise page is the hottest read: its SQL depends only on the kind of scope, so it is built once per kind
// and then run with the request's values (checked against the builder's own parameters when first cached).
const findEnterpriseSql = new Map<string, string>();

export async function findEnterprise(db: Q, scope: Scope, id: number) {
  if (!scope.registry || scope.territories?.length === 0) return undefined; // territoryScope is `false`: no row
  const kind = scope.territories === null ? 'all' : 'some';
  const params = scope.territories === null ? [id] : [id, [...scope.territories]];
  let text = findEnterpriseSql.get(kind);
  if (text === undefined) {
    const compiled = findEnterpriseQuery(db, scope, id).compile();
    if (JSON.stringify(compiled.parameters) !== JSON.stringify(params)) return findEnterpriseQuery(db, scope, id).executeTakeFirst();
    findEnterpriseSql.set(kind, (text = compiled.sql));
  }
  return (await db.executeQuery<EnterpriseRowOf>(CompiledQuery.raw(text, params))).rows[0];
}
type EnterpriseRowOf = NonNullable<Awaited<ReturnType<ReturnType<typeof findEnterpriseQuery>['executeTakeFirst']>>>;
export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

const SORT_COLUMN = { id: 'e.id', name: 'e.name', creditCode: 'e.credit_code', createdAt: 'e.created_at' } as const;
const SORT_FIELD = { id: 'id', name: 'name', creditCode: 'credit_code', createdAt: 'created_at' } as const;

/**
 * Keyset cursors (`after=`): the sort value and the id of the last row of a page, as base64url JSON. A deep page by
 * offset makes PostgreSQL walk and drop every earlier row (docs/scaling.md); a cursor seeks the (col, id) index to the
 * row after it, so page 50,000 costs what page 1 costs. The cursor also carries the first page's total, so a later
 * page does not count the whole filtered set again (at 1,000,000 enterprises that count is most of a page's cost);
 * the total shown while walking is the one of the walk's first page.
 */
export function encodeCursor(sort: EnterpriseSort, row: EnterpriseRow, total: number, totalCapped = false): string {
  const field = SORT_FIELD[sort.replace(/^-/, '') as keyof typeof SORT_FIELD];
  const v = row[field];
  const key = [v instanceof Date ? v.toISOString() : v, row.id, total];
  return Buffer.from(JSON.stringify(totalCapped ? [...key, 1] : key)).toString('base64url');
}

export interface Cursor {
  key: [string | number, number];
  total: number;
  /** the walk's first page counted only up to SEARCH_COUNT_CAP */
  totalCapped: boolean;
}

/** The cursor's [sort value, id], or undefined when it is not one this sort could have produced. */
export function decodeCursor(sort: EnterpriseSort, cursor: string): Cursor | undefined {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || (v.length !== 3 && !(v.length === 4 && v[3] === 1))) return undefined;
  if (!Number.isSafeInteger(v[1]) || (v[1] as number) < 1 || !Number.isSafeInteger(v[2]) || (v[2] as number) < 0) return undefined;
  const id = v[1] as number;
  const total = v[2] as number;
  const totalCapped = v.length === 4;
  const key = sort.replace(/^-/, '');
  const value = v[0] as unknown;
  if (key === 'id') return value === id ? { key: [id, id], total, totalCapped } : undefined;
  if (typeof value !== 'string' || value.length > 400) return undefined;
  if (key === 'createdAt' && Number.isNaN(Date.parse(value))) return undefined;
  return { key: [value, id], total, totalCapped };
}

/**
 * A text search counts its matches only up to this many (the list then says "10,000+"). Counting every match of a
 * broad term ("有限", "公司": every enterprise) would read the whole table on each keystroke; nobody pages through more
 * than ten thousand hits — they narrow the term. An engineering choice, not a rule of the plan (docs/scaling.md).
 */
export const SEARCH_COUNT_CAP = 10_000;

export async function listEnterprises(
  db: Q,
  scope: Scope,
  f: EnterpriseFilters,
  page: { sort: EnterpriseSort; limit: number; offset: number; after?: Cursor | undefined },
): Promise<{ rows: EnterpriseRow[]; total: number; totalCapped: boolean; nextCursor?: string | undefined }> {
  const searching = (f.q ?? '').trim() !== '';
  const desc = page.sort.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  const col = SORT_COLUMN[page.sort.replace(/^-/, '') as keyof typeof SORT_COLUMN];
  const after = page.after?.key;
  const filtered = () => applyEnterpriseFilters(db.selectFrom('enterprise as e'), scope, f);
  // a search counts up to the cap; other lists count exactly (their filters use btree indexes)
  const countMatches = async () =>
    Number(
      (searching
        ? await db
            .selectFrom(
              filtered()
                .select(sql`1`.as('one'))
                .limit(SEARCH_COUNT_CAP + 1)
                .as('m'),
            )
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        : await filtered()
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
      ).n,
    );
  let ids: Array<{ id: number }>;
  let count: number | undefined;
  if (searching && after === undefined && page.offset + page.limit <= SEARCH_COUNT_CAP) {
    // a search's first pages in ONE statement: the first CAP+1 matches in sort order, counted by a window and paged,
    // so the matches are found once (the bigram index's bitmap) instead of once for the count and once for the page
    const firstMatches = filtered()
      .select(['e.id', sql.ref(col).as('sort_key')])
      .orderBy(col, dir)
      .$if(col !== 'e.id', (qb) => qb.orderBy('e.id', dir))
      .limit(SEARCH_COUNT_CAP + 1);
    const rows = await db
      .selectFrom(firstMatches.as('m'))
      .select(['m.id', sql<string>`count(*) over ()`.as('n')])
      .orderBy('m.sort_key', dir)
      .orderBy('m.id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    ids = rows;
    count = rows.length > 0 ? Number(rows[0]!.n) : undefined;
  } else {
    // page over the ids first (index-only where possible), then join the display columns for just this page
    const idsQ = filtered()
      .select(['e.id'])
      .$if(after !== undefined && col === 'e.id', (qb) => qb.where('e.id', desc ? '<' : '>', after![1]))
      .$if(after !== undefined && col !== 'e.id', (qb) =>
        // created_at has microseconds that a JS Date drops: the row's own value is read back by its id
        qb.where(
          sql<SqlBool>`(${sql.ref(col)}, e.id) ${sql.raw(desc ? '<' : '>')} (${col === 'e.created_at' ? sql`(select c.created_at from enterprise c where c.id = ${after![1]})` : sql`${after![0]}`}, ${after![1]})`,
        ),
      )
      .orderBy(col, dir)
      .$if(col !== 'e.id', (qb) => qb.orderBy('e.id', dir))
      .limit(page.limit)
      .$if(after === undefined, (qb) => qb.offset(page.offset));
    // the cursor carries its walk's total (capped: one more than the cap), so a later page does not count again
    [count, ids] = await Promise.all([page.after ? page.after.total + (page.after.totalCapped ? 1 : 0) : countMatches(), idsQ.execute()]);
  }
  // a search page past its last match has no window count to read
  count ??= await countMatches();
  const totalCapped = searching && count > SEARCH_COUNT_CAP;
  const total = totalCapped ? SEARCH_COUNT_CAP : count;
  if (ids.length === 0) return { rows: [], total, totalCapped };
  const rows = await db
    .selectFrom('enterprise as e')
    .innerJoin('territory as t', 't.code', 'e.territory_code')
    .innerJoin('industry as i', 'i.code', 'e.industry_code')
    .select(enterpriseColumns)
    .where(
      'e.id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((r) => byId.get(r.id)!).filter(Boolean);
  const last = ordered.length === page.limit ? ordered[ordered.length - 1] : undefined;
  return { rows: ordered, total, totalCapped, nextCursor: last ? encodeCursor(page.sort, last, total, totalCapped) : undefined };
}

export async function enterpriseHistory(db: Q, enterpriseId: number) {
  return db
    .selectFrom('enterprise_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.at', 'h.actor_id', 'u.username', 'h.changes'])
    .where('h.enterprise_id', '=', enterpriseId)
    .orderBy('h.id')
    .execute();
}
