/**
 * Differentiated and punitive electricity prices (差别电价 / 惩罚性电价, plan §2.6 "差别化能源资源价格"): which tier
 * applies to an enterprise on a date, from its lines' catalogue class and its energy findings, and the surcharge of
 * that tier as a dated parameter with its basis. Pure: the facts and the table in, the tier out.
 *
 * Sources (shared/domain/facts-cn.md §7): national general scheme 淘汰类 0.3 and 限制类 0.1 元/kWh on top of the
 * catalogue or market price (document number UNVERIFIED); steel 淘汰类 raised to 0.5 元/kWh (NDRC and MIIT, end of
 * 2016; 发改价格〔2016〕2803号 UNVERIFIED; in force from 2017-01-01 is this project's reading). Anhui's own rates and
 * the punitive surcharge for exceeding energy-consumption limits are UNVERIFIED: they are local data
 * (server/seeds/reference/<set>/power-prices.json), never constants here.
 */

export type PowerTier = 'eliminated' | 'punitive' | 'restricted';
/** Most severe first. */
export const POWER_TIERS: readonly PowerTier[] = ['eliminated', 'punitive', 'restricted'];
export const POWER_TIER_ZH: Record<PowerTier, string> = { eliminated: '淘汰类差别电价', punitive: '惩罚性电价（超能耗限额）', restricted: '限制类差别电价' };

export interface PriceBasis {
  id: string;
  instrumentZh: string;
  /** the instrument in English, where known (the console shows it in the English UI) */
  instrument?: string;
  /** what the sources could not confirm (facts-cn.md UNVERIFIED) */
  unverified?: string;
  localChoice?: boolean;
}

export interface PriceVersion {
  tier: PowerTier;
  from: string;
  to?: string;
  /** null = every industry */
  industries: readonly string[] | null;
  /** 元/kWh surcharge, exact decimal */
  surcharge: string;
  basis: PriceBasis;
}

const NATIONAL_GENERAL: PriceBasis = {
  id: 'ndrc-differentiated-power-price',
  instrumentZh: '国家发展改革委差别电价政策（淘汰类0.3元/千瓦时、限制类0.1元/千瓦时）',
  instrument: 'NDRC differentiated power price policy (eliminated 0.3 yuan/kWh, restricted 0.1 yuan/kWh)',
  unverified: '文号（发改价格〔2010〕978号或类似）未核实',
};
const NATIONAL_STEEL: PriceBasis = {
  id: 'ndrc-miit-steel-power-price-2016',
  instrumentZh: '国家发展改革委、工业和信息化部关于钢铁行业差别电价政策的通知（2016年底）',
  instrument: 'NDRC and MIIT notice on differentiated power prices for the steel industry (end of 2016)',
  unverified: '文号（发改价格〔2016〕2803号）未核实；2017-01-01起执行为本平台的理解',
};

/** The national table (facts-cn §7). Provincial rows come from data and are appended after these. */
export const NATIONAL_POWER_PRICES: readonly PriceVersion[] = [
  { tier: 'eliminated', from: '2004-06-01', industries: null, surcharge: '0.3', basis: NATIONAL_GENERAL },
  { tier: 'restricted', from: '2004-06-01', industries: null, surcharge: '0.1', basis: NATIONAL_GENERAL },
  { tier: 'eliminated', from: '2017-01-01', industries: ['steel'], surcharge: '0.5', basis: NATIONAL_STEEL },
  { tier: 'restricted', from: '2017-01-01', industries: ['steel'], surcharge: '0.1', basis: NATIONAL_STEEL },
];

/**
 * The version in force for a tier, an industry and a date: among the versions in force, an industry-specific one
 * beats a general one, then the later `from` wins (a provincial row appended later, from the same date, wins too).
 */
export function priceVersionOn(table: readonly PriceVersion[], tier: PowerTier, industry: string, date: string): PriceVersion | null {
  let best: { v: PriceVersion; i: number } | null = null;
  table.forEach((v, i) => {
    if (v.tier !== tier || v.from > date || (v.to !== undefined && date > v.to)) return;
    if (v.industries !== null && !v.industries.includes(industry)) return;
    if (!best) return void (best = { v, i });
    const spec = (x: PriceVersion) => (x.industries === null ? 0 : 1);
    const better = spec(v) > spec(best.v) || (spec(v) === spec(best.v) && (v.from > best.v.from || (v.from === best.v.from && i > best.i)));
    if (better) best = { v, i };
  });
  return (best as { v: PriceVersion } | null)?.v ?? null;
}

export interface PowerFacts {
  industryCode: string;
  /** lines still drawing power (operating, restricted, suspended): their catalogue class */
  lines: ReadonlyArray<{ catalogueClass: 'eliminated' | 'restricted' | 'none'; catalogueEdition: string | null }>;
  /** energy findings (§2.1): the case, when it was found, and when (if) it ended by rectification or closure */
  energyCases: ReadonlyArray<{ caseId: number; foundOn: string; endedOn: string | null }>;
}

export interface PowerTierAnswer {
  tier: PowerTier;
  surcharge: string;
  /** the tier applies from (the later of the rule's start and the fact's) */
  effectiveFrom: string;
  basis: PriceBasis;
  reason: string;
  reasonZh: string;
}

/** The catalogue edition in force from (产业结构调整指导目录 2019年本: 2020-01-01; 2024年本: 2024-02-01). */
const CATALOGUE_FROM: Record<string, string> = { '2011': '2011-06-01', '2019': '2020-01-01', '2024': '2024-02-01' };

/** The tier that applies on `date` (the most severe; null = ordinary price). */
export function powerTierOn(f: PowerFacts, table: readonly PriceVersion[], date: string): PowerTierAnswer | null {
  const candidates: Array<{ tier: PowerTier; start: string; reason: string; reasonZh: string }> = [];
  const eliminated = f.lines.filter((l) => l.catalogueClass === 'eliminated');
  if (eliminated.length > 0) {
    const start = eliminated.map((l) => CATALOGUE_FROM[l.catalogueEdition ?? ''] ?? '2020-01-01').sort()[0]!;
    if (start <= date)
      candidates.push({
        tier: 'eliminated',
        start,
        reason: `${eliminated.length} eliminated-class line(s) still drawing power`,
        reasonZh: `${eliminated.length}条淘汰类生产线未停用`,
      });
  }
  const open = f.energyCases.filter((c) => c.foundOn <= date && (c.endedOn === null || c.endedOn > date));
  if (open.length > 0) {
    const start = open.map((c) => c.foundOn).sort()[0]!;
    candidates.push({
      tier: 'punitive',
      start,
      reason: `energy consumption above the mandatory limit (case ${open.map((c) => c.caseId).join(', ')})`,
      reasonZh: '单位产品能耗超过强制性能耗限额标准（§2.1）',
    });
  }
  const restricted = f.lines.filter((l) => l.catalogueClass === 'restricted');
  if (restricted.length > 0) {
    const start = restricted.map((l) => CATALOGUE_FROM[l.catalogueEdition ?? ''] ?? '2020-01-01').sort()[0]!;
    if (start <= date)
      candidates.push({ tier: 'restricted', start, reason: `${restricted.length} restricted-class line(s)`, reasonZh: `${restricted.length}条限制类生产线` });
  }
  for (const tier of POWER_TIERS) {
    const c = candidates.find((x) => x.tier === tier);
    if (!c) continue;
    const v = priceVersionOn(table, tier, f.industryCode, date);
    if (!v) continue; // no surcharge in force for this tier (e.g. punitive without provincial data)
    return { tier, surcharge: v.surcharge, effectiveFrom: c.start > v.from ? c.start : v.from, basis: v.basis, reason: c.reason, reasonZh: c.reasonZh };
  }
  return null;
}

export type PriceListChange = 'added' | 'changed' | 'unchanged' | 'removed';

export interface PriceListRow {
  creditCode: string;
  tier: PowerTier;
  surcharge: string;
  effectiveFrom: string;
}

/** Compares a new list with the last one issued, by credit code. */
export function comparePriceLists(
  prev: readonly PriceListRow[],
  next: readonly PriceListRow[],
): { rows: Array<PriceListRow & { change: PriceListChange }>; removed: PriceListRow[] } {
  const before = new Map(prev.map((r) => [r.creditCode, r]));
  const seen = new Set<string>();
  const rows = next.map((r) => {
    seen.add(r.creditCode);
    const b = before.get(r.creditCode);
    const change: PriceListChange = !b
      ? 'added'
      : b.tier !== r.tier || b.surcharge !== r.surcharge || b.effectiveFrom !== r.effectiveFrom
        ? 'changed'
        : 'unchanged';
    return { ...r, change };
  });
  return { rows, removed: prev.filter((r) => !seen.has(r.creditCode)) };
}
