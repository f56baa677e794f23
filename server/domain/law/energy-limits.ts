/**
 * The mandatory energy-consumption limit standards (强制性能耗限额) as reference data for energy findings (plan §2.1;
 * issue 17 item 4: the finding form picks the standard, its edition, the process and the unit, and shows the limit).
 * Stored as facts-cn §5 recommends: per standard, its editions (each with its in-force date and legal basis), per
 * edition the processes with the limit value and unit.
 *
 * The values are what facts-cn §5 records, and no more: the current editions' 3级 values as a public rules repository
 * transcribes them (secondary, "verify before use"; reading 3级 as the limit for existing plants is usual but
 * UNVERIFIED), and NO value for the editions in force in 2020 (GB 21256-2013, GB 16780-2012, GB 21340-2013), whose
 * values facts-cn says not to encode without the standard text: for those `limit` is null and the inspector enters
 * the limit from the standard. Corrections (ore grade, clinker ratio, capacity utilisation…) are not applied here:
 * the limit shown is the base value and the inspector may enter the corrected one.
 */
import type { BasisId } from './basis.ts';

export interface EnergyLimitProcess {
  /** the process or indicator as the standard names it (what a finding's `process` records) */
  process: string;
  processEn: string;
  /** the limit (a maximum), as a decimal string; null: not encoded, the inspector enters it from the standard */
  limit: string | null;
  unit: string;
}

export interface EnergyLimitEdition {
  /** e.g. `GB 21256-2025`: what a finding's `edition` records */
  edition: string;
  basisId: BasisId;
  /** in force from (YYYY-MM-DD), null where facts-cn could not confirm it */
  inForceFrom: string | null;
  /** what the sources could not confirm */
  unverified: string;
  processes: EnergyLimitProcess[];
}

export interface EnergyLimitStandard {
  /** e.g. `GB 21256`: what a finding's `standard` records */
  standard: string;
  titleZh: string;
  titleEn: string;
  editions: EnergyLimitEdition[];
}

const SECONDARY = '3级 values transcribed by a public rules repository (secondary; verify against the standard text)';
const NOT_ENCODED = 'limit values not encoded (facts-cn §5): enter the limit from the standard text';

export const energyLimitStandards: readonly EnergyLimitStandard[] = [
  {
    standard: 'GB 21256',
    titleZh: '粗钢生产主要工序单位产品能源消耗限额',
    titleEn: 'Energy limits for the main processes of crude steel',
    editions: [
      {
        edition: 'GB 21256-2025',
        basisId: 'gb-21256-2025',
        inForceFrom: null,
        unverified: SECONDARY,
        processes: [
          { process: '烧结工序', processEn: 'Sintering', limit: '52', unit: 'kgce/t' },
          { process: '球团工序', processEn: 'Pelletising', limit: '33', unit: 'kgce/t' },
          { process: '高炉工序', processEn: 'Blast furnace', limit: '415', unit: 'kgce/t' },
          { process: '转炉工序', processEn: 'Converter', limit: '-12', unit: 'kgce/t' },
          { process: '电弧炉冶炼工序', processEn: 'Electric arc furnace (< 50 t)', limit: '86', unit: 'kgce/t' },
          { process: '电弧炉冶炼工序（50–70吨）', processEn: 'Electric arc furnace (50–70 t)', limit: '72', unit: 'kgce/t' },
          { process: '电弧炉冶炼工序（70吨及以上）', processEn: 'Electric arc furnace (≥ 70 t)', limit: '72', unit: 'kgce/t' },
        ],
      },
      {
        edition: 'GB 21256-2013',
        basisId: 'gb-21256-2013',
        inForceFrom: '2014-10-01',
        unverified: NOT_ENCODED,
        processes: [
          { process: '烧结工序', processEn: 'Sintering', limit: null, unit: 'kgce/t' },
          { process: '球团工序', processEn: 'Pelletising', limit: null, unit: 'kgce/t' },
          { process: '高炉工序', processEn: 'Blast furnace', limit: null, unit: 'kgce/t' },
          { process: '转炉工序', processEn: 'Converter', limit: null, unit: 'kgce/t' },
        ],
      },
    ],
  },
  {
    standard: 'GB 16780',
    titleZh: '水泥单位产品能源消耗限额',
    titleEn: 'Energy limits per unit of cement',
    editions: [
      {
        edition: 'GB 16780-2021',
        basisId: 'gb-16780-2021',
        inForceFrom: null,
        unverified: SECONDARY,
        processes: [
          { process: '水泥单位产品综合能耗', processEn: 'Cement, comprehensive energy per unit', limit: '94', unit: 'kgce/t' },
          { process: '熟料综合能耗', processEn: 'Clinker, comprehensive energy', limit: '117', unit: 'kgce/t' },
          { process: '熟料综合电耗', processEn: 'Clinker, comprehensive electricity', limit: '61', unit: 'kWh/t' },
          { process: '熟料综合煤耗', processEn: 'Clinker, comprehensive coal', limit: '109', unit: 'kgce/t' },
          { process: '水泥制备工段电耗', processEn: 'Cement grinding, electricity', limit: '34', unit: 'kWh/t' },
        ],
      },
      {
        edition: 'GB 16780-2012',
        basisId: 'gb-16780-2012',
        inForceFrom: null,
        unverified: NOT_ENCODED,
        processes: [
          { process: '水泥单位产品综合能耗', processEn: 'Cement, comprehensive energy per unit', limit: null, unit: 'kgce/t' },
          { process: '熟料综合能耗', processEn: 'Clinker, comprehensive energy', limit: null, unit: 'kgce/t' },
        ],
      },
    ],
  },
  {
    standard: 'GB 21340',
    titleZh: '玻璃和铸石单位产品能源消耗限额',
    titleEn: 'Energy limits per unit of glass and cast stone',
    editions: [
      {
        edition: 'GB 21340-2019',
        basisId: 'gb-21340-2019',
        inForceFrom: null,
        unverified: SECONDARY,
        processes: [
          { process: '平板玻璃单位产品综合能耗', processEn: 'Flat glass, comprehensive energy per unit (≤ 500 t/d)', limit: '14.0', unit: 'kgce/重量箱' },
          {
            process: '平板玻璃单位产品综合能耗（500–800吨/天）',
            processEn: 'Flat glass, comprehensive energy per unit (500–800 t/d)',
            limit: '13.5',
            unit: 'kgce/重量箱',
          },
          {
            process: '平板玻璃单位产品综合能耗（800吨/天以上）',
            processEn: 'Flat glass, comprehensive energy per unit (> 800 t/d)',
            limit: '12.0',
            unit: 'kgce/重量箱',
          },
        ],
      },
      {
        edition: 'GB 21340-2013',
        basisId: 'gb-21340-2013',
        inForceFrom: null,
        unverified: NOT_ENCODED,
        processes: [{ process: '平板玻璃单位产品综合能耗', processEn: 'Flat glass, comprehensive energy per unit', limit: null, unit: 'kgce/重量箱' }],
      },
    ],
  },
];
