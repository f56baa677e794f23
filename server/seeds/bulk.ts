/**
 * Bulk loading of generated registry data (demo data and the scale generator): multi-row inserts from arrays
 * (unnest), ids reserved from the sequences first so lines can point at their enterprises without a round trip.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { GenEnterprise, GenLine } from './generator.ts';

const BATCH = 5000;

async function reserveIds(db: Kysely<DB>, seq: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{ id: number }>`select nextval(${seq}::regclass)::int8 as id from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** Inserts enterprises and their lines; returns the new enterprise ids in input order. */
export async function insertRegistry(db: Kysely<DB>, data: { enterprises: GenEnterprise[]; lines: GenLine[] }): Promise<number[]> {
  const ids = await reserveIds(db, 'enterprise_id_seq', data.enterprises.length);
  for (let i = 0; i < data.enterprises.length; i += BATCH) {
    const chunk = data.enterprises.slice(i, i + BATCH);
    const col = <K extends keyof GenEnterprise>(k: K) => chunk.map((e) => e[k]);
    await sql`insert into enterprise (id, credit_code, name, territory_code, industry_code, address, legal_representative, contact_name, contact_phone)
      select * from unnest(${ids.slice(i, i + BATCH)}::int8[], ${col('creditCode')}::text[], ${col('name')}::text[], ${col('territoryCode')}::text[],
        ${col('industryCode')}::text[], ${col('address')}::text[], ${col('legalRepresentative')}::text[], ${col('contactName')}::text[], ${col('contactPhone')}::text[])`.execute(db);
  }
  for (let i = 0; i < data.lines.length; i += BATCH) {
    const chunk = data.lines.slice(i, i + BATCH);
    const col = <K extends keyof GenLine>(k: K) => chunk.map((l) => l[k]);
    await sql`insert into production_line (enterprise_id, kind, name, size_value, size_unit, model, unit_count, marks, capacity, capacity_unit, catalogue_edition, catalogue_item, catalogue_class)
      select * from unnest(${chunk.map((l) => ids[l.enterprise])}::int8[], ${col('kind')}::text[], ${col('name')}::text[], ${col('sizeValue')}::numeric[],
        ${col('sizeUnit')}::text[], ${col('model')}::text[], ${col('unitCount')}::int[], ${col('marks')}::text[], ${col('capacity')}::numeric[],
        ${col('capacityUnit')}::text[], ${col('catalogueEdition')}::text[], ${col('catalogueItem')}::text[], ${col('catalogueClass')}::text[])`.execute(db);
  }
  return ids;
}
