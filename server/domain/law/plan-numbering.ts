/**
 * How officials cite the plan in Chinese: by its own numbering, not by the § ids this codebase uses. The 2020 plan
 * (shared/seed, the Chinese original) numbers its parts 一、总体要求 / 二、重点任务 / 三、工作要求 and the items inside a
 * part （一）…（六）, so §2.1 is cited 《芜湖市2020年落后产能退出工作方案》二、（一）. The § ids stay in English and in
 * the API (basis ids); only the Chinese citation uses this table.
 */
import { toChineseNumber } from './chinese-number.ts';

/** The 2020 plan's numbering, as data, checked against the seed text (line by line: 一、…三、（四）). */
export const PLAN_2020_NUMBERING_ZH: Readonly<Record<string, string>> = {
  '§1': '一、',
  '§2': '二、',
  '§2.1': '二、（一）',
  '§2.2': '二、（二）',
  '§2.3': '二、（三）',
  '§2.4': '二、（四）',
  '§2.5': '二、（五）',
  '§2.6': '二、（六）',
  '§3': '三、',
  '§3.1': '三、（一）',
  '§3.2': '三、（二）',
  '§3.3': '三、（三）',
  '§3.4': '三、（四）',
};

/**
 * The Chinese numbering of a plan section id: the table when given (a later plan may bring its own as data), else
 * the usual layout of a 工作方案 (part 一、, item （一）), which the 2020 plan follows. `undefined` for an id that is
 * not a section (e.g. `—`).
 */
export function planSectionZh(section: string, table: Readonly<Record<string, string>> = PLAN_2020_NUMBERING_ZH): string | undefined {
  const given = table[section];
  if (given !== undefined) return given;
  const m = /^§(\d+)(?:\.(\d+))?$/.exec(section);
  if (!m) return undefined;
  const part = `${toChineseNumber(Number(m[1]))}、`;
  return m[2] === undefined ? part : `${part}（${toChineseNumber(Number(m[2]))}）`;
}

/** Rewrites every `§2.1`-style plan reference inside a Chinese text to the plan's numbering (`二、（一）`). */
export function planRefsToZh(text: string): string {
  return text.replace(/§(\d+(?:\.\d+)?)/g, (whole, s: string) => planSectionZh(`§${s}`) ?? whole);
}
