/**
 * Demo findings that read true (issue 17 item 10): each finding fits the line it is made on. An energy finding
 * cites the consumption standard of the line's own sector and process (a cement mill is measured against GB 16780,
 * never the steel standard GB 21256); an emission finding cites the sector's emission standard; a quality finding
 * names a product the sector makes; a technology finding quotes the catalogue item of the line itself (an induction
 * furnace's item names its kind, 工频 or 中频). A line no template fits gets no finding of that dimension (`null`),
 * and the demo picks another enterprise.
 *
 * The figures are DEMO values: the limits are the 3级 values of the current editions as facts-cn §5 transcribes
 * them (secondary, not encoded as law anywhere); the measured value is set above the limit, as an energy case
 * requires (plan §2.1: only capacity that does not meet the limit is to be rectified).
 */
import type { Dimension } from '../../domain/lifecycle/index.ts';

export interface DemoLine {
  industryCode: string;
  kind: string;
  catalogueItem: string | null;
  catalogueClass: string;
}

interface EnergyTemplate {
  standard: string;
  edition: string;
  process: string;
  measured: string;
  limit: string;
  unit: string;
}

/** Energy: by line kind (facts-cn §5; GB 21256-2013 has no 电弧炉 limit, so electric furnaces cite the 2025 edition). */
const ENERGY_BY_KIND: Record<string, EnergyTemplate> = {
  blast_furnace: { standard: 'GB 21256', edition: 'GB 21256-2025', process: '高炉工序', measured: '438', limit: '415', unit: 'kgce/t' },
  iron_blast_furnace: { standard: 'GB 21256', edition: 'GB 21256-2025', process: '高炉工序', measured: '441', limit: '415', unit: 'kgce/t' },
  electric_arc_furnace: { standard: 'GB 21256', edition: 'GB 21256-2025', process: '电弧炉冶炼工序', measured: '97', limit: '86', unit: 'kgce/t' },
  clinker_line: { standard: 'GB 16780', edition: 'GB 16780-2021', process: '熟料综合能耗', measured: '126', limit: '117', unit: 'kgce/t' },
  shaft_kiln: { standard: 'GB 16780', edition: 'GB 16780-2021', process: '熟料综合能耗', measured: '139', limit: '117', unit: 'kgce/t' },
  cement_mill: { standard: 'GB 16780', edition: 'GB 16780-2021', process: '水泥单位产品综合能耗', measured: '101', limit: '94', unit: 'kgce/t' },
  float_glass_line: {
    standard: 'GB 21340',
    edition: 'GB 21340-2019',
    process: '平板玻璃单位产品综合能耗',
    measured: '15.2',
    limit: '14.0',
    unit: 'kgce/重量箱',
  },
  flat_draw_glass_line: {
    standard: 'GB 21340',
    edition: 'GB 21340-2019',
    process: '平板玻璃单位产品综合能耗',
    measured: '16.8',
    limit: '14.0',
    unit: 'kgce/重量箱',
  },
};

/** The sector's emission standard (GB, 大气 or 水污染物排放标准) and the pollutant measured. */
const EMISSION_BY_INDUSTRY: Record<string, { standard: string; pollutant: string; measured: string; limit: string; unit: string }> = {
  steel: { standard: 'GB 28664-2012', pollutant: '颗粒物', measured: '48', limit: '20', unit: 'mg/m³' },
  ironmaking: { standard: 'GB 28663-2012', pollutant: '颗粒物', measured: '52', limit: '25', unit: 'mg/m³' },
  cement: { standard: 'GB 4915-2013', pollutant: '颗粒物', measured: '62', limit: '30', unit: 'mg/m³' },
  flat_glass: { standard: 'GB 26453-2011', pollutant: '氮氧化物', measured: '960', limit: '700', unit: 'mg/m³' },
  coke: { standard: 'GB 16171-2012', pollutant: '二氧化硫', measured: '86', limit: '50', unit: 'mg/m³' },
  ferroalloy: { standard: 'GB 28666-2012', pollutant: '颗粒物', measured: '71', limit: '50', unit: 'mg/m³' },
  paper: { standard: 'GB 3544-2008', pollutant: '化学需氧量', measured: '148', limit: '90', unit: 'mg/L' },
  dyeing: { standard: 'GB 4287-2012', pollutant: '化学需氧量', measured: '132', limit: '80', unit: 'mg/L' },
  leather: { standard: 'GB 30486-2013', pollutant: '化学需氧量', measured: '166', limit: '100', unit: 'mg/L' },
};

/** A product of the sector that a quality inspection samples (生产许可证 products where there is one). */
const PRODUCT_BY_INDUSTRY: Record<string, string> = {
  steel: '热轧带肋钢筋',
  cement: '通用硅酸盐水泥',
  flat_glass: '平板玻璃',
  paper: '纸制品',
  lead_acid_battery: '铅酸蓄电池',
  chemical_fibre: '涤纶短纤维',
};

const ELIMINATED_PRODUCT_BY_INDUSTRY: Record<string, string> = { steel: '地条钢' };

/** A hazard a safety inspection of the sector finds. */
const HAZARD_BY_INDUSTRY: Record<string, string> = {
  steel: '煤气区域未设置固定式一氧化碳检测报警装置',
  ironmaking: '高炉煤气区域未设置固定式一氧化碳检测报警装置',
  coke: '焦炉煤气区域未设置固定式一氧化碳检测报警装置',
  ferroalloy: '矿热炉冷却水系统未设置断水报警装置',
  cement: '水泥筒库清库作业未执行有限空间作业审批',
  flat_glass: '熔窑燃气管道未设置紧急切断阀',
};
const HAZARD_OTHER = '粉尘涉爆除尘系统未按规定设置泄爆装置';

/** The word an induction furnace's catalogue item must carry for its kind. */
export const FURNACE_WORD: Record<string, string> = { induction_furnace_medium_frequency: '中频', induction_furnace_power_frequency: '工频' };

/** Which energy standard applies to a sector (the invariant the demo test checks). */
export const ENERGY_STANDARD_BY_INDUSTRY: Record<string, string> = { steel: 'GB 21256', ironmaking: 'GB 21256', cement: 'GB 16780', flat_glass: 'GB 21340' };

/** The finding fields of `dimension` that fit `line`, or `null` when no demo template fits it. */
export function demoFinding(dimension: Dimension, line: DemoLine, variant: Record<string, unknown> = {}): Record<string, unknown> | null {
  switch (dimension) {
    case 'energy': {
      const e = ENERGY_BY_KIND[line.kind];
      return e && ENERGY_STANDARD_BY_INDUSTRY[line.industryCode] === e.standard ? { ...e } : null;
    }
    case 'environment': {
      const e = EMISSION_BY_INDUSTRY[line.industryCode];
      return e ? { kind: 'emission', ...e } : null;
    }
    case 'quality': {
      // a product the state has ordered out (国家明令淘汰产品) only where the demo knows one: 地条钢
      const product = variant.kind === 'eliminatedProduct' ? ELIMINATED_PRODUCT_BY_INDUSTRY[line.industryCode] : PRODUCT_BY_INDUSTRY[line.industryCode];
      return product ? { kind: 'nonConforming', product, ...variant } : null;
    }
    case 'safety':
      return { hazard: HAZARD_BY_INDUSTRY[line.industryCode] ?? HAZARD_OTHER };
    case 'technology': {
      // only equipment the catalogue eliminates, cited by the line's own item
      if (line.catalogueClass !== 'eliminated' || !line.catalogueItem) return null;
      const word = FURNACE_WORD[line.kind];
      if (word && !line.catalogueItem.includes(word)) return null;
      return { catalogueItem: line.catalogueItem };
    }
    default:
      return null;
  }
}
