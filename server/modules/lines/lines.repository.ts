/**
 * Production line, capacity ledger and alert reads, scoped through the enterprise's territory (lines) or the
 * recorded territory (capacity_exit, registry_alert).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, LineState } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';

type Q = Kysely<DB> | Transaction<DB>;

export const lineColumns = [
  'l.id',
  'l.enterprise_id',
  'e.name as enterprise_name',
  'e.territory_code',
  'e.industry_code',
  'l.kind',
  'l.name',
  'l.size_value',
  'l.size_unit',
  'l.model',
  'l.unit_count',
  'l.marks',
  'l.capacity',
  'l.capacity_unit',
  'l.catalogue_edition',
  'l.catalogue_item',
  'l.catalogue_class',
  'l.state',
  'l.created_at',
  'l.updated_at',
] as const;

export async function findLine(db: Q, scope: Scope, id: number) {
  return db
    .selectFrom('production_line as l')
    .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
    .select(lineColumns)
    .where('l.id', '=', id)
    .where(territoryScope(scope, 'e.territory_code'))
    .executeTakeFirst();
}
export type LineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

export interface LineFilters {
  enterpriseId?: number | undefined;
  territoryCode?: string | undefined;
  industryCode?: string | undefined;
  kind?: string | undefined;
  state?: LineState | undefined;
  catalogueClass?: 'eliminated' | 'restricted' | 'none' | undefined;
}

export async function listLines(db: Q, scope: Scope, f: LineFilters, page: { limit: number; offset: number }): Promise<{ rows: LineRow[]; total: number }> {
  let q = db.selectFrom('production_line as l').innerJoin('enterprise as e', 'e.id', 'l.enterprise_id').where(territoryScope(scope, 'e.territory_code'));
  if (f.enterpriseId !== undefined) q = q.where('l.enterprise_id', '=', f.enterpriseId);
  if (f.territoryCode) q = q.where('e.territory_code', '=', f.territoryCode);
  if (f.industryCode) q = q.where('e.industry_code', '=', f.industryCode);
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.state) q = q.where('l.state', '=', f.state);
  if (f.catalogueClass) q = q.where('l.catalogue_class', '=', f.catalogueClass);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q.select(lineColumns).orderBy('l.id').limit(page.limit).offset(page.offset).execute(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function capacityLedger(
  db: Q,
  scope: Scope,
  f: { year?: number | undefined; territoryCode?: string | undefined; industryCode?: string | undefined },
) {
  let q = db
    .selectFrom('capacity_exit as c')
    .select([
      'c.year',
      'c.territory_code',
      'c.industry_code',
      'c.capacity_unit',
      sql<number>`count(*)`.as('lines'),
      sql<string>`sum(c.capacity)::text`.as('capacity'),
    ])
    .where(territoryScope(scope, 'c.territory_code'));
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  if (f.territoryCode) q = q.where('c.territory_code', '=', f.territoryCode);
  if (f.industryCode) q = q.where('c.industry_code', '=', f.industryCode);
  return q
    .groupBy(['c.year', 'c.territory_code', 'c.industry_code', 'c.capacity_unit'])
    .orderBy('c.year')
    .orderBy('c.territory_code')
    .orderBy('c.industry_code')
    .orderBy('c.capacity_unit')
    .execute();
}

export async function listAlerts(
  db: Q,
  scope: Scope,
  f: { kind?: 'relocation' | 'restart' | undefined; open?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('registry_alert as a')
    .innerJoin('production_line as l', 'l.id', 'a.line_id')
    .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
    .innerJoin('production_line as x', 'x.id', 'a.exited_line_id')
    .innerJoin('enterprise as xe', 'xe.id', 'x.enterprise_id')
    .where(territoryScope(scope, 'a.territory_code'));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.open) q = q.where('a.resolved_at', 'is', null);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'a.id',
        'a.kind',
        'a.match_on',
        'a.territory_code',
        'a.created_at',
        'a.resolved_at',
        'l.id as line_id',
        'l.name as line_name',
        'l.state as line_state',
        'l.marks as line_marks',
        'l.model as line_model',
        'e.id as ent_id',
        'e.name as ent_name',
        'e.territory_code as ent_territory',
        'x.id as x_id',
        'x.name as x_name',
        'x.state as x_state',
        'x.marks as x_marks',
        'x.model as x_model',
        'xe.id as xe_id',
        'xe.name as xe_name',
        'xe.territory_code as xe_territory',
      ])
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { rows, total: Number(count.n) };
}
