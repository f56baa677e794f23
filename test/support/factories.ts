/**
 * Test data factories shared by the integration tests: registry records written straight to the database (no HTTP,
 * no audit), with the projections kept true (a new line is counted in rollup_line). Each call makes a distinct
 * record; pass what the test cares about, the rest is filled in.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { bumpLineRollup } from '../../server/projections/index.ts';

let serial = 900_000;

/** A valid unified social credit code (GB 32100-2015) in `region`, distinct per call. */
export function creditCode(region = '340202'): string {
  const body = `91${region}${String(++serial).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

export async function makeEnterprise(
  db: Kysely<DB>,
  over: { territoryCode?: string; industryCode?: string; name?: string; creditCode?: string } = {},
): Promise<{ id: number; territoryCode: string; industryCode: string; creditCode: string }> {
  const territoryCode = over.territoryCode ?? '340202';
  const industryCode = over.industryCode ?? 'steel';
  const code = over.creditCode ?? creditCode(territoryCode);
  const r = await db
    .insertInto('enterprise')
    .values({ credit_code: code, name: over.name ?? `测试企业${serial}有限公司`, territory_code: territoryCode, industry_code: industryCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, territoryCode, industryCode, creditCode: code };
}

export async function makeLine(
  db: Kysely<DB>,
  enterprise: { id: number; territoryCode: string; industryCode: string },
  over: { kind?: string; capacity?: string; capacityUnit?: string; catalogueClass?: 'eliminated' | 'restricted' | 'none' } = {},
): Promise<number> {
  const capacity = over.capacity ?? '50';
  const unit = over.capacityUnit ?? '万吨/年';
  const kind = over.kind ?? 'blast_furnace';
  const r = await db
    .insertInto('production_line')
    .values({
      enterprise_id: enterprise.id,
      kind,
      name: `${kind}-${++serial}`,
      capacity,
      capacity_unit: unit,
      ...(over.catalogueClass !== undefined ? { catalogue_class: over.catalogueClass } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpLineRollup(
    db,
    { territoryCode: enterprise.territoryCode, industryCode: enterprise.industryCode, state: 'operating', capacityUnit: unit },
    1,
    capacity,
  );
  return r.id;
}
