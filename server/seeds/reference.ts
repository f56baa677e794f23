/**
 * Loads a reference data set (territories, dimensions, departments, industries, line kinds) idempotently:
 * insert or update by code, in one transaction. Runs at every start and in production too.
 * The set is a folder of JSON files under server/seeds/reference/<set>; another city is another folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { seedCalendar } from '../modules/calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { FatalError } from '../platform/errors.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');

interface TerritoryRow {
  code: string;
  name: string;
  nameEn: string;
  kind: DB['territory']['kind'];
  parentCode: string | null;
  validFrom?: string;
  validTo?: string;
  successorCode?: string;
  note?: string;
  sort: number;
}
interface DimensionRow {
  code: DB['dimension']['code'];
  name: string;
  nameEn: string;
  basisId: string;
  law: string;
  leadDepartments: string[];
  sort: number;
}
interface DepartmentRow {
  code: string;
  name: string;
  nameEn: string;
  level: 'city' | 'territory' | 'external';
  leadDimensions?: string[];
  planSections?: string[];
  housesOffice?: boolean;
  sort: number;
}
interface IndustryRow {
  code: string;
  name: string;
  nameEn: string;
  key?: boolean;
  capacityUnits: string[];
  sort: number;
}
interface LineKindRow {
  code: string;
  name: string;
  nameEn: string;
  industry: string;
  sizeUnit: string | null;
  inductionFurnace?: boolean;
  sort: number;
}

export interface ReferenceSet {
  territories: TerritoryRow[];
  dimensions: DimensionRow[];
  departments: DepartmentRow[];
  industries: IndustryRow[];
  lineKinds: LineKindRow[];
}

function read<T>(set: string, file: string): T[] {
  const p = path.join(ROOT, set, file);
  if (!fs.existsSync(p)) throw new FatalError(`Reference data set "${set}" has no ${file} (looked in ${path.join(ROOT, set)}).`);
  return (JSON.parse(fs.readFileSync(p, 'utf8')) as { items: T[] }).items;
}

export function readReferenceSet(set: string): ReferenceSet {
  return {
    territories: read<TerritoryRow>(set, 'territories.json'),
    dimensions: read<DimensionRow>(set, 'dimensions.json'),
    departments: read<DepartmentRow>(set, 'departments.json'),
    industries: read<IndustryRow>(set, 'industries.json'),
    lineKinds: read<LineKindRow>(set, 'line-kinds.json'),
  };
}

/** Upserts the set; returns counts per table. */
export async function loadReference(db: Kysely<DB>, set: string): Promise<Record<string, number>> {
  const ref = readReferenceSet(set);
  await db.transaction().execute(async (trx) => {
    // parents first: insert without successor/parent links, then set them
    for (const t of ref.territories) {
      const row = {
        code: t.code,
        name: t.name,
        name_en: t.nameEn,
        kind: t.kind,
        valid_from: t.validFrom ?? null,
        valid_to: t.validTo ?? null,
        note: t.note ?? null,
        sort: t.sort,
      };
      await trx
        .insertInto('territory')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const t of ref.territories) {
      await trx
        .updateTable('territory')
        .set({ parent_code: t.parentCode, successor_code: t.successorCode ?? null })
        .where('code', '=', t.code)
        .execute();
    }
    for (const d of ref.departments) {
      const row = {
        code: d.code,
        name: d.name,
        name_en: d.nameEn,
        level: d.level,
        lead_dimensions: d.leadDimensions ?? [],
        plan_sections: d.planSections ?? [],
        houses_office: d.housesOffice ?? false,
        sort: d.sort,
      };
      await trx
        .insertInto('department')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const d of ref.dimensions) {
      const row = { code: d.code, name: d.name, name_en: d.nameEn, basis_id: d.basisId, law: d.law, sort: d.sort };
      await trx
        .insertInto('dimension')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const i of ref.industries) {
      const row = { code: i.code, name: i.name, name_en: i.nameEn, key_industry: i.key ?? false, capacity_units: i.capacityUnits, sort: i.sort };
      await trx
        .insertInto('industry')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const k of ref.lineKinds) {
      const row = {
        code: k.code,
        name: k.name,
        name_en: k.nameEn,
        industry_code: k.industry,
        size_unit: k.sizeUnit,
        induction_furnace: k.inductionFurnace ?? false,
        sort: k.sort,
      };
      await trx
        .insertInto('line_kind')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    await seedCalendar(trx); // the vendored holiday calendar as version 1 of each year not yet loaded (issue 10)
  });
  return {
    territories: ref.territories.length,
    departments: ref.departments.length,
    dimensions: ref.dimensions.length,
    industries: ref.industries.length,
    lineKinds: ref.lineKinds.length,
  };
}

/** The lead departments of each dimension, first = owner of new cases (from the loaded set's dimensions.json). */
export function dimensionLeads(set: string): Record<string, string[]> {
  return Object.fromEntries(readReferenceSet(set).dimensions.map((d) => [d.code, d.leadDepartments]));
}

/** Territories in force on `today`, below the city (the units that own enterprises), in reference order. */
export async function currentTerritories(db: Kysely<DB>, today: string): Promise<Array<{ code: string; name: string }>> {
  return db
    .selectFrom('territory')
    .select(['code', 'name'])
    .where('kind', '<>', 'city')
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .orderBy('sort')
    .execute();
}
