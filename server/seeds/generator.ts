/**
 * Deterministic synthetic registry data: the demo city (`npm start`) and the scale sets of `phaseout generate`
 * draw from the same generator. Same seed → same data. Distributions: most enterprises are small with one line,
 * a few have many; the key industries (steel, cement, flat glass) are over-weighted; a share of lines is in the
 * eliminated category of the catalogue.
 */
import { creditCodeCheckChar } from '../domain/credit-code.ts';

/** mulberry32: a small, fast, seedable PRNG (deterministic data, not security). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r < 0) return x;
      }
      return xs[xs.length - 1]![0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code (GB 32100-2015) for an enterprise registered in `regionCode`. */
export function syntheticCreditCode(r: Rng, regionCode: string): string {
  const region = /^\d{6}$/.test(regionCode) ? regionCode : '340200';
  let org = '';
  for (let i = 0; i < 8; i++) org += CHARS[r.int(0, 9 + (i > 3 ? 20 : 0))];
  org += CHARS[r.int(0, 30)];
  const first17 = `91${region}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

const PREFIX = [
  '皖',
  '江',
  '华',
  '宏',
  '鑫',
  '恒',
  '盛',
  '瑞',
  '永',
  '金',
  '新',
  '长',
  '荣',
  '安',
  '泰',
  '兴',
  '丰',
  '德',
  '佳',
  '凯',
  '银',
  '中',
  '东',
  '海',
  '天',
  '明',
  '远',
  '信',
  '达',
  '通',
  '华',
  '祥',
  '利',
  '富',
  '源',
  '昌',
  '顺',
  '宝',
];
const MID = ['峰', '源', '达', '诚', '晟', '鼎', '顺', '益', '辰', '远', '旺', '润', '隆', '辉', '宇', '嘉', '城', '发', '众', '成', '胜', '和', '茂', '弘'];
const INDUSTRY_WORD: Record<string, string[]> = {
  steel: ['钢铁', '特钢', '金属制品', '冶金'],
  cement: ['水泥', '建材', '新型建材'],
  flat_glass: ['玻璃', '玻璃制品', '光电玻璃'],
  ironmaking: ['炼铁', '冶金'],
  coke: ['焦化', '煤化'],
  ferroalloy: ['铁合金', '合金材料'],
  calcium_carbide: ['电石', '化工'],
  electrolytic_aluminium: ['铝业', '电解铝'],
  copper_smelting: ['铜业', '有色金属'],
  lead_smelting: ['铅业', '有色冶炼'],
  paper: ['纸业', '造纸'],
  leather: ['皮革', '制革'],
  dyeing: ['印染', '纺织印染'],
  chemical_fibre: ['化纤', '纤维'],
  lead_acid_battery: ['蓄电池', '电源'],
};
const SUFFIX = ['有限公司', '有限责任公司', '股份有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '建国', '志强', '海燕'];
const ROADS = ['长江路', '银湖路', '九华山路', '赭山路', '中山路', '北京路', '峨山路', '弋江路', '花津路', '龙窝湖路', '万春路', '凤鸣湖路'];

export interface TerritoryRef {
  code: string;
  name: string;
}
export interface IndustryRef {
  code: string;
  key: boolean;
  unit: string;
}

export interface GenEnterprise {
  creditCode: string;
  name: string;
  territoryCode: string;
  industryCode: string;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
}

export interface GenLine {
  /** index into the enterprise array */
  enterprise: number;
  kind: string;
  name: string;
  sizeValue: string;
  sizeUnit: string | null;
  model: string;
  unitCount: number;
  marks: string;
  capacity: string;
  capacityUnit: string;
  catalogueEdition: string | null;
  catalogueItem: string | null;
  catalogueClass: 'eliminated' | 'restricted' | 'none';
}

interface KindSpec {
  kind: string;
  size: [number, number];
  sizeUnit: string | null;
  capacity: (size: number, r: Rng) => number;
  eliminatedBelow?: number;
  item?: string;
  alwaysEliminated?: boolean;
}

const KIND_SPECS: Record<string, KindSpec[]> = {
  steel: [
    { kind: 'blast_furnace', size: [300, 2500], sizeUnit: 'm³', capacity: (s) => s * 0.09, eliminatedBelow: 400, item: '400立方米及以下炼铁高炉' },
    { kind: 'converter', size: [20, 150], sizeUnit: 't', capacity: (s) => s * 1.1, eliminatedBelow: 30, item: '30吨及以下转炉（不含铁合金转炉）' },
    { kind: 'electric_arc_furnace', size: [15, 100], sizeUnit: 't', capacity: (s) => s * 0.9, eliminatedBelow: 30, item: '30吨及以下电炉（不含机械铸造电炉）' },
    {
      kind: 'induction_furnace_medium_frequency',
      size: [1, 20],
      sizeUnit: 't',
      capacity: (s) => s * 0.6,
      alwaysEliminated: true,
      item: '用于地条钢、普碳钢、不锈钢冶炼的工频和中频感应炉',
    },
    {
      kind: 'induction_furnace_power_frequency',
      size: [1, 10],
      sizeUnit: 't',
      capacity: (s) => s * 0.5,
      alwaysEliminated: true,
      item: '用于地条钢、普碳钢、不锈钢冶炼的工频和中频感应炉',
    },
  ],
  cement: [
    { kind: 'clinker_line', size: [1000, 5000], sizeUnit: 't/d', capacity: (s) => (s * 310) / 10000 },
    { kind: 'shaft_kiln', size: [100, 600], sizeUnit: 't/d', capacity: (s) => (s * 300) / 10000, alwaysEliminated: true, item: '水泥机立窑' },
    { kind: 'cement_mill', size: [2.2, 4.6], sizeUnit: 'm', capacity: (s) => s * 22, eliminatedBelow: 3, item: '直径3米以下水泥粉磨设备（生产特种水泥除外）' },
  ],
  flat_glass: [
    { kind: 'float_glass_line', size: [300, 1200], sizeUnit: 't/d', capacity: (s) => (s * 365 * 0.8) / 500 },
    {
      kind: 'flat_draw_glass_line',
      size: [100, 300],
      sizeUnit: 't/d',
      capacity: (s) => (s * 365 * 0.7) / 500,
      alwaysEliminated: true,
      item: '平拉工艺平板玻璃生产线（含格法）',
    },
  ],
  ironmaking: [
    { kind: 'iron_blast_furnace', size: [100, 1200], sizeUnit: 'm³', capacity: (s) => s * 0.08, eliminatedBelow: 400, item: '400立方米及以下炼铁高炉' },
  ],
  coke: [{ kind: 'coke_oven', size: [3, 7], sizeUnit: 'm', capacity: (s) => s * 15, eliminatedBelow: 4.3, item: '炭化室高度小于4.3米焦炉' }],
  ferroalloy: [
    {
      kind: 'ferroalloy_furnace',
      size: [3000, 30000],
      sizeUnit: 'kVA',
      capacity: (s) => s / 1500,
      eliminatedBelow: 12500,
      item: '12500千伏安以下铁合金矿热电炉',
    },
  ],
  calcium_carbide: [{ kind: 'carbide_furnace', size: [5000, 40000], sizeUnit: 'kVA', capacity: (s) => s / 2000 }],
  electrolytic_aluminium: [{ kind: 'electrolytic_cell', size: [100, 500], sizeUnit: 'kA', capacity: (s) => s / 20 }],
  copper_smelting: [{ kind: 'smelting_furnace', size: [5, 50], sizeUnit: 'm²', capacity: (s) => s }],
  lead_smelting: [{ kind: 'smelting_furnace', size: [5, 30], sizeUnit: 'm²', capacity: (s) => s * 0.8 }],
  paper: [{ kind: 'paper_machine', size: [1, 6], sizeUnit: 'm', capacity: (s) => s * 3, eliminatedBelow: 1.76, item: '幅宽在1.76米及以下造纸机' }],
  leather: [{ kind: 'tanning_drum', size: [5, 40], sizeUnit: 'm³', capacity: (s) => s * 2 }],
  dyeing: [{ kind: 'dyeing_machine', size: [1, 4], sizeUnit: 'm', capacity: (s) => s * 800 }],
  chemical_fibre: [{ kind: 'fibre_line', size: [20, 300], sizeUnit: 't/d', capacity: (s) => (s * 330) / 10000 }],
  lead_acid_battery: [{ kind: 'battery_line', size: [1, 1], sizeUnit: null, capacity: (_s, r) => r.int(5, 200) }],
};

const INDUSTRY_WEIGHTS: Record<string, number> = { steel: 18, cement: 16, flat_glass: 10 };

function round(n: number, digits: number): string {
  return (Math.round(n * 10 ** digits) / 10 ** digits).toFixed(digits);
}

export interface GenerateOptions {
  seed: number;
  enterprises: number;
  territories: TerritoryRef[];
  industries: IndustryRef[];
  /** enterprise index offset, for generating in batches with unique codes and names */
  offset?: number;
  /** lines per enterprise as [count, weight] pairs (default: mean ≈ 1.85, heavy tail) */
  lineWeights?: readonly (readonly [number, number])[];
  /** derive each credit code from the enterprise index, so codes are unique at any scale (scale sets) */
  uniqueCodes?: boolean;
}

/** Default lines-per-enterprise distribution (the demo city): most have one line, a few have many. */
export const DEFAULT_LINE_WEIGHTS = [
  [1, 60],
  [2, 22],
  [3, 9],
  [4, 4],
  [6, 3],
  [10, 2],
] as const;
/** The scale sets' distribution: mean ≈ 1.5 lines per enterprise (province: 100,000 enterprises → ≈150,000 lines). */
export const SCALE_LINE_WEIGHTS = [
  [1, 70],
  [2, 18],
  [3, 7],
  [4, 3],
  [6, 1.5],
  [10, 0.5],
] as const;

/** A valid credit code whose subject id encodes `n` (unique per n); the region and a random char vary. */
export function indexedCreditCode(r: Rng, regionCode: string, n: number): string {
  const region = /^\d{6}$/.test(regionCode) ? regionCode : '340200';
  let org = '';
  let x = n;
  for (let i = 0; i < 8; i++) {
    org = CHARS[x % 31]! + org;
    x = Math.floor(x / 31);
  }
  org += CHARS[r.int(0, 30)];
  const first17 = `91${region}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Generates `enterprises` enterprises and their lines. Names and codes are unique within a seed. */
export function generateRegistry(opts: GenerateOptions): { enterprises: GenEnterprise[]; lines: GenLine[] } {
  const offset = opts.offset ?? 0;
  const r = rng(opts.seed ^ (offset * 2654435761));
  const industryWeights = opts.industries.map((i) => [i, INDUSTRY_WEIGHTS[i.code] ?? 3] as const);
  const enterprises: GenEnterprise[] = [];
  const lines: GenLine[] = [];
  for (let i = 0; i < opts.enterprises; i++) {
    const n = offset + i;
    const t = r.pick(opts.territories);
    const ind = r.weighted(industryWeights);
    const place = t.name
      .replace(/(区|县|市|经济技术开发区|经济开发区|高新技术产业开发区|新兴产业集中区)$/, '')
      .replace(/^安徽芜湖|^芜湖/, '')
      .slice(0, 2);
    const words = INDUSTRY_WORD[ind.code] ?? ['实业'];
    // the serial number keeps names unique at any scale
    const name = `${place}${r.pick(PREFIX)}${r.pick(MID)}${r.pick(words)}${SUFFIX[n % 3]}${n >= 1000 ? `（${n.toString(36).toUpperCase()}）` : ''}`;
    enterprises.push({
      creditCode: opts.uniqueCodes ? indexedCreditCode(r, t.code, n) : syntheticCreditCode(r, t.code),
      name,
      territoryCode: t.code,
      industryCode: ind.code,
      address: `${t.name}${r.pick(ROADS)}${r.int(1, 999)}号`,
      legalRepresentative: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
      contactName: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
      contactPhone: `1${r.pick(['39', '58', '77', '80', '86', '52'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
    });
    // most enterprises have one line; a few have many (heavy tail)
    const lineCount = r.weighted(opts.lineWeights ?? DEFAULT_LINE_WEIGHTS);
    const specs = KIND_SPECS[ind.code] ?? [];
    for (let k = 0; k < lineCount && specs.length > 0; k++) {
      const spec = r.weighted(specs.map((s) => [s, s.alwaysEliminated ? 1 : 4] as const));
      const size = spec.size[0] + r.next() * (spec.size[1] - spec.size[0]);
      const sizeValue = spec.sizeUnit === 'm' ? round(size, 2) : String(Math.round(size));
      const eliminated = spec.alwaysEliminated === true || (spec.eliminatedBelow !== undefined && Number(sizeValue) <= spec.eliminatedBelow);
      const capacity = spec.capacity(Number(sizeValue), r);
      lines.push({
        enterprise: i,
        kind: spec.kind,
        name: `${k + 1}号${spec.kind.includes('line') ? '生产线' : '设备'}`,
        sizeValue,
        sizeUnit: spec.sizeUnit,
        model: `${spec.kind
          .split('_')
          .map((w) => w[0]!.toUpperCase())
          .join('')}-${sizeValue}`,
        unitCount: 1,
        marks: `SN${(n * 16 + k).toString(36).toUpperCase().padStart(7, '0')}`,
        capacity: round(Math.max(capacity, 0.1), 2),
        capacityUnit: ind.unit,
        catalogueEdition: eliminated ? '2019' : null,
        catalogueItem: eliminated ? (spec.item ?? null) : null,
        catalogueClass: eliminated ? 'eliminated' : 'none',
      });
    }
  }
  return { enterprises, lines };
}
