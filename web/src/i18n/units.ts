/**
 * Capacity units as the catalogue stores them (Chinese, e.g. 万吨/年) and their English rendering. A unit not in the
 * map is shown as stored, so a new catalogue unit never disappears; add its English here.
 */
import type { Lang } from './dict.ts';

const UNIT_EN: Record<string, string> = {
  '万吨/年': '10k t/yr',
  '万重量箱/年': '10k weight cases/yr',
  '万千伏安时/年': '10k kVAh/yr',
  '万标张/年': '10k standard hides/yr',
  '万米/年': '10k m/yr',
  // energy-limit units (server/domain/law/energy-limits.ts)
  'kgce/重量箱': 'kgce/weight case',
};

/** The capacity unit in the language shown. */
export function unitLabel(lang: Lang, unit: string): string {
  return lang === 'zh' ? unit : (UNIT_EN[unit] ?? unit);
}
