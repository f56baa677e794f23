/**
 * The power company's list: the tier of every enterprise that has one on a date (domain: powerTierOn), and the
 * lists issued so far (power_price_list) so a new list says what changed since the last.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  comparePriceLists,
  POWER_TIER_ZH,
  powerTierOn,
  type PowerFacts,
  type PowerTier,
  type PriceBasis,
  type PriceListChange,
  type PriceListRow,
  type PriceVersion,
} from '../../domain/levers/power-price.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface PowerListItem extends PriceListRow {
  name: string;
  territoryName: string;
  industryName: string;
  tierName: string;
  basis: PriceBasis;
  reasonZh: string;
  reason: string;
}

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** Computes the list on `asOf` (every enterprise on a tier), ordered by credit code. */
export async function computePowerList(db: Q, table: readonly PriceVersion[], asOf: string): Promise<PowerListItem[]> {
  const lines = await sql<{ enterprise_id: string; catalogue_class: 'eliminated' | 'restricted'; catalogue_edition: string | null }>`
    select enterprise_id, catalogue_class, catalogue_edition from production_line
    where catalogue_class <> 'none' and state in ('operating', 'restricted', 'suspended')`.execute(db);
  const cases = await sql<{ id: string; enterprise_id: string; opened_on: unknown; ended_on: unknown }>`
    select c.id, c.enterprise_id, c.opened_on,
      case when c.closed then (select max(a.act_date) from case_act a where a.case_id = c.id and a.to_state = 'closed') end as ended_on
    from case_file c where c.dimension = 'energy' and c.opened_on <= ${asOf}::date`.execute(db);
  const facts = new Map<number, { lines: PowerFacts['lines'][number][]; energyCases: PowerFacts['energyCases'][number][] }>();
  const of = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = { lines: [], energyCases: [] }));
    return f;
  };
  for (const l of lines.rows) of(Number(l.enterprise_id)).lines.push({ catalogueClass: l.catalogue_class, catalogueEdition: l.catalogue_edition });
  for (const c of cases.rows)
    of(Number(c.enterprise_id)).energyCases.push({ caseId: Number(c.id), foundOn: day(c.opened_on), endedOn: c.ended_on === null ? null : day(c.ended_on) });
  if (facts.size === 0) return [];
  const ents = await db
    .selectFrom('enterprise as e')
    .innerJoin('territory as t', 't.code', 'e.territory_code')
    .innerJoin('industry as i', 'i.code', 'e.industry_code')
    .select(['e.id', 'e.credit_code', 'e.name', 'e.industry_code', 't.name as territory_name', 'i.name as industry_name'])
    .where('e.id', 'in', [...facts.keys()])
    .where('e.status', '<>', 'exited')
    .execute();
  const out: PowerListItem[] = [];
  for (const e of ents) {
    const f = facts.get(Number(e.id))!;
    const a = powerTierOn({ industryCode: e.industry_code, ...f }, table, asOf);
    if (!a) continue;
    out.push({
      creditCode: e.credit_code,
      name: e.name,
      territoryName: e.territory_name,
      industryName: e.industry_name,
      tier: a.tier,
      tierName: POWER_TIER_ZH[a.tier],
      surcharge: a.surcharge,
      effectiveFrom: a.effectiveFrom,
      basis: a.basis,
      reason: a.reason,
      reasonZh: a.reasonZh,
    });
  }
  return out.sort((x, y) => x.creditCode.localeCompare(y.creditCode));
}

export type StoredRow = PowerListItem;

/** The list issued last before `beforeId` (or the latest), with its rows. */
export async function previousList(db: Q, beforeId?: number) {
  let q = db.selectFrom('power_price_list').select(['id', 'as_of', 'rows']).orderBy('id', 'desc').limit(1);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  const r = await q.executeTakeFirst();
  return r ? { id: Number(r.id), asOf: day(r.as_of), rows: r.rows as StoredRow[] } : null;
}

export function withChanges(prev: readonly PriceListRow[] | null, next: readonly PowerListItem[]) {
  const cmp = comparePriceLists(prev ?? [], next);
  const changeOf = new Map(cmp.rows.map((r) => [r.creditCode, r.change]));
  return {
    items: next.map((r) => ({ ...r, change: (prev === null ? 'added' : changeOf.get(r.creditCode)!) as PriceListChange })),
    removed: cmp.removed as StoredRow[],
  };
}

export const TIER_OF = (t: string) => t as PowerTier;
