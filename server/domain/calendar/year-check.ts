/**
 * Checks a year of the holiday calendar before it is loaded (issue 10 item 9): the State Council's notice for the
 * year is cited (number, date, URL); every day is a real date in that year, listed once; no day is both a rest day
 * and an adjusted working day; an adjusted working day (调休上班日) is a Saturday or Sunday; a correction of a year
 * already loaded gives its reason and changes something. Pure: returns the problems (field + zh/en), never throws.
 */
import { formatIsoDate, tryParseIsoDate, weekdayOf, yearOfDay } from '../dates.ts';
import type { CalendarYearData } from './data/index.ts';

export interface CalendarYearInput {
  year: number;
  restDays: string[];
  workDays: string[];
  notice: { number: string; date: string; url: string };
  /** required when the year is already loaded (a correction) */
  reason?: string;
}

export interface CalendarProblem {
  field: string;
  zh: string;
  en: string;
}

/** The normalised year (sorted, canonical dates) and the problems found. */
export function checkCalendarYear(
  input: CalendarYearInput,
  current?: { restDays: readonly string[]; workDays: readonly string[]; notice?: { number: string; date: string | null; url: string } },
): { data: CalendarYearData; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  const add = (field: string, zh: string, en: string) => problems.push({ field, zh, en });
  const year = input.year;
  if (!Number.isInteger(year) || year < 1949 || year > 2200) add('year', '年份无效', 'invalid year');
  const n = input.notice;
  if (!n?.number?.trim()) add('notice.number', '须引用国务院办公厅通知的文号', 'cite the number of the State Council notice');
  const nd = n?.date ? tryParseIsoDate(n.date) : undefined;
  if (nd === undefined) add('notice.date', '通知日期须为 YYYY-MM-DD', 'the notice date must be YYYY-MM-DD');
  else if (yearOfDay(nd) > year) add('notice.date', `通知日期不得晚于 ${year} 年`, `the notice cannot be dated after ${year}`);
  if (!n?.url || !/^https?:\/\/\S+$/.test(n.url)) add('notice.url', '须给出通知的网址（http/https）', 'give the URL of the notice (http/https)');

  const seen = new Map<number, 'rest' | 'work'>();
  const norm = (list: unknown, kind: 'rest' | 'work', field: string): string[] => {
    if (!Array.isArray(list)) {
      add(field, '须为日期列表', 'must be a list of dates');
      return [];
    }
    const out: number[] = [];
    for (const [i, raw] of list.entries()) {
      const d = typeof raw === 'string' ? tryParseIsoDate(raw) : undefined;
      if (d === undefined) {
        add(`${field}/${i}`, `${String(raw)} 不是有效日期`, `${String(raw)} is not a valid date`);
        continue;
      }
      const iso = formatIsoDate(d);
      if (yearOfDay(d) !== year) add(`${field}/${i}`, `${iso} 不在 ${year} 年内`, `${iso} is not in ${year}`);
      const prev = seen.get(d);
      if (prev === kind) add(`${field}/${i}`, `${iso} 重复列出`, `${iso} is listed twice`);
      else if (prev) add(`${field}/${i}`, `${iso} 不能既是休息日又是调休上班日`, `${iso} cannot be both a rest day and a working day`);
      seen.set(d, kind);
      if (kind === 'work') {
        const wd = weekdayOf(d);
        if (wd !== 0 && wd !== 6)
          add(`${field}/${i}`, `${iso} 不是周六或周日，无需列为调休上班日`, `${iso} is not a Saturday or Sunday: it is a working day anyway`);
      }
      out.push(d);
    }
    return [...new Set(out)].sort((a, b) => a - b).map(formatIsoDate);
  };
  const restDays = norm(input.restDays, 'rest', 'restDays');
  const workDays = norm(input.workDays, 'work', 'workDays');
  if (Array.isArray(input.restDays) && input.restDays.length === 0) add('restDays', '须列出放假日', 'list the rest days');

  if (current) {
    if (!input.reason?.trim())
      add('reason', `${year} 年已载入：更正须说明理由（新版本）`, `${year} is already loaded: a correction needs its reason (a new version)`);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    // a correction of the notice alone (its number, date or URL; e.g. one marked UNVERIFIED, now checked) is a new version too
    const c = current.notice;
    const sameNotice = !c || (c.number.trim() === n?.number?.trim() && c.date === n?.date && c.url === n?.url);
    if (sameNotice && same(restDays, [...current.restDays].sort()) && same(workDays, [...current.workDays].sort())) {
      add('restDays', '与现行版本相同，无需更正', 'identical to the version in force: nothing to correct');
    }
  }
  const data: CalendarYearData = {
    year,
    source: 'State Council holiday notice (loaded by the office)',
    notice: n?.number ?? '',
    noticeUrls: n?.url ? [n.url] : [],
    restDays,
    workDays,
  };
  return { data, problems };
}

/** Which of the days changed between two versions of a year (a correction's effect, for the review list). */
export function changedDays(
  a: { restDays: readonly string[]; workDays: readonly string[] },
  b: { restDays: readonly string[]; workDays: readonly string[] },
): string[] {
  const mark = (x: { restDays: readonly string[]; workDays: readonly string[] }) =>
    new Map([...x.restDays.map((d) => [d, 'r'] as const), ...x.workDays.map((d) => [d, 'w'] as const)]);
  const ma = mark(a);
  const mb = mark(b);
  return [...new Set([...ma.keys(), ...mb.keys()])].filter((d) => ma.get(d) !== mb.get(d)).sort();
}
