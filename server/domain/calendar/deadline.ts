/**
 * Deadline arithmetic (期间计算). One entry point, {@link computeDeadline}, whose answer the HTTP API and the CLI
 * return verbatim. Rules: 民法典 (民法总则 before 2021-01-01) arts. 201–203 for calendar periods; 行政强制法
 * art. 69 / 行政处罚法 art. 85 for working-day periods.
 */
import { addMonthsToDay, formatIsoDate, tryParseIsoDate, WEEKDAY_EN, WEEKDAY_ZH, weekdayOf, type IsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { basisById, basisRef } from '../law/basis.ts';
import { classifyDayNumber, defaultCalendar, type HolidayCalendar } from './calendar.ts';

/** Which law makes a working-day period: 行政强制法 art. 69 (default) or 行政处罚法 art. 85. */
export type WorkingDaysBasis = 'admin-coercion-law-art-69' | 'admin-penalty-law-art-85';

export interface PeriodInput {
  /** The start day (not counted: art. 201). */
  from: IsoDate;
  months?: number;
  days?: number;
  workingDays?: number;
  workingDaysBasis?: WorkingDaysBasis;
}

/**
 * A warning on a deadline: `CALENDAR_YEAR_UNKNOWN` (a year without holiday data: `year`), or `BASIS_NOT_IN_FORCE`
 * (the period starts before the basis it is counted under is in force, e.g. 行政处罚法 art. 85 working days before
 * 2021-07-15: `basisId`, `effectiveFrom`, `from`).
 */
export interface DeadlineWarning {
  code: 'CALENDAR_YEAR_UNKNOWN' | 'BASIS_NOT_IN_FORCE';
  year?: number;
  basisId?: string;
  effectiveFrom?: IsoDate;
  from?: IsoDate;
  zh: string;
  en: string;
}

/**
 * `BASIS_NOT_IN_FORCE` when the period starting on `from` is counted under a basis whose first day in force is
 * later (a basis with an unconfirmed start, `effectiveFrom: null`, is not judged). Exported for the rule-level
 * bases of case deadlines (lifecycle periodDeadline).
 */
export function basisNotInForceWarning(basisId: string, from: IsoDate): DeadlineWarning | undefined {
  let b;
  try {
    b = basisById(basisId);
  } catch {
    return undefined; // an unknown id is refused where it is cited, not here
  }
  if (!b.effectiveFrom || b.effectiveFrom <= from) return undefined;
  const r = basisRef(basisId);
  return {
    code: 'BASIS_NOT_IN_FORCE',
    basisId,
    effectiveFrom: b.effectiveFrom,
    from,
    zh: `期间自 ${from} 起算，所依据的${r.citationZh}自 ${b.effectiveFrom} 起施行，起算日尚未施行：请改依起算日有效的规定（如行政强制法第六十九条）并复核期限`,
    en: `The period starts on ${from}, before ${r.citation} came into force on ${b.effectiveFrom}: count it under the rule in force on the start day (e.g. Administrative Coercion Law art. 69) and re-check the due date`,
  };
}

export interface DeadlineStep {
  from: string;
  to: string;
  basisId: string;
  zh: string;
  en: string;
}

export interface DeadlineAnswer {
  due: IsoDate;
  warnings: DeadlineWarning[];
  steps: DeadlineStep[];
  basis: Array<{ id: string; citation: string; citationZh: string }>;
  /** The calendar version of each year examined (when the calendar is versioned data): a correction lists these deadlines for review. */
  calendar?: Array<{ year: number; version: number }>;
}

export const PERIOD_LIMITS = { months: 1200, days: 36600, workingDays: 2600 } as const;

const CIVIL_CODE_FROM = 18628; // day number of 2021-01-01

function invalid(reason: string, input: unknown): never {
  throw new DomainError('INVALID_PERIOD', { reason, input });
}

/** The art. 201–203 basis ids in force on the start day: 民法总则 before 2021-01-01, 民法典 after. */
function civilIds(fromDay: number): { a201: string; a202: string; a203: string; zhLaw: string; enLaw: string } {
  return fromDay < CIVIL_CODE_FROM
    ? { a201: 'gpcl-art-201', a202: 'gpcl-art-202', a203: 'gpcl-art-203', zhLaw: '民法总则', enLaw: 'General Provisions of the Civil Law' }
    : { a201: 'civil-code-art-201', a202: 'civil-code-art-202', a203: 'civil-code-art-203', zhLaw: '民法典', enLaw: 'Civil Code' };
}

class Ctx {
  readonly unknownYears = new Set<number>();
  readonly knownYears = new Set<number>();
  readonly steps: DeadlineStep[] = [];
  readonly basisIds: string[] = [];
  constructor(readonly cal: HolidayCalendar) {}
  day(n: number) {
    const info = classifyDayNumber(n, this.cal);
    if (!info.known) this.unknownYears.add(info.year);
    else this.knownYears.add(info.year);
    return info;
  }
  step(from: string, to: string, basisId: string, zh: string, en: string) {
    this.steps.push({ from, to, basisId, zh, en });
    if (!this.basisIds.includes(basisId)) this.basisIds.push(basisId);
  }
}

/** Art. 203 roll-forward: if `end` is a rest day, move to the day after the whole rest run. */
function rollForward(ctx: Ctx, end: number, a203: string, artZh: string, artEn: string): number {
  const first = ctx.day(end);
  if (!first.rest) return end;
  let last = end;
  while (ctx.day(last + 1).rest) last++;
  const due = last + 1;
  const e = formatIsoDate(end);
  const l = formatIsoDate(last);
  const d = formatIsoDate(due);
  const run = last > end;
  let zh: string;
  let en: string;
  if (first.reason === 'holiday') {
    zh = `${e} 为法定休假日${run ? `（休假期间 ${e} 至 ${l}）` : ' '}→ 顺延至休假日结束的次日 ${d}（${artZh}）`;
    en = `${e} is a statutory holiday${run ? ` (rest period ${e} to ${l})` : ''} → ${d}, the day after the rest period (${artEn})`;
  } else {
    const wd = weekdayOf(end);
    zh = `${e} 为${WEEKDAY_ZH[wd]}（休息日）${run ? `，休息期间 ${e} 至 ${l}` : ''}→ 顺延至 ${d}（${artZh}）`;
    en = `${e} is a ${WEEKDAY_EN[wd]}${run ? ` (rest period ${e} to ${l})` : ''} → ${d} (${artEn})`;
  }
  ctx.step(e, d, a203, zh, en);
  return due;
}

function ranges(days: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] as number) + 1) j++;
    const a = formatIsoDate(days[i] as number);
    out.push(j > i ? `${a}–${formatIsoDate(days[j] as number)}` : a);
    i = j + 1;
  }
  return out;
}

function checkCount(name: keyof typeof PERIOD_LIMITS, v: unknown, input: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > PERIOD_LIMITS[name]) {
    invalid(`${name} must be an integer from 1 to ${PERIOD_LIMITS[name]}`, input);
  }
  return v;
}

/**
 * Computes a due date with its explanation. Exactly one of `months`, `days`, `workingDays` must be given.
 * Throws `INVALID_PERIOD` on bad input. Warns `CALENDAR_YEAR_UNKNOWN` for any examined day in a year without data.
 */
export function computeDeadline(input: PeriodInput, calendar: HolidayCalendar = defaultCalendar): DeadlineAnswer {
  if (typeof input !== 'object' || input === null) invalid('input must be an object', input);
  const fromDay = tryParseIsoDate(input.from);
  if (fromDay === undefined) invalid('from must be a YYYY-MM-DD date', input);
  const given = (input.months !== undefined ? 1 : 0) + (input.days !== undefined ? 1 : 0) + (input.workingDays !== undefined ? 1 : 0);
  if (given !== 1) invalid('give exactly one of months, days, workingDays', input);
  const ctx = new Ctx(calendar);
  const from = formatIsoDate(fromDay);
  const ids = civilIds(fromDay);
  let due: number;

  if (input.months !== undefined) {
    const months = checkCount('months', input.months, input);
    const { day: raw, clamped } = addMonthsToDay(fromDay, months);
    const r = formatIsoDate(raw);
    ctx.step(
      from,
      r,
      ids.a202,
      clamped
        ? `${from} 次日起算（开始的当日不计入）+ ${months} 个月：到期月无对应日，以月末日 ${r} 为期间最后一日（${ids.zhLaw}第二百零二条）`
        : `${from} 次日起算（开始的当日不计入）+ ${months} 个月 → 到期月对应日 ${r}（${ids.zhLaw}第二百零二条）`,
      clamped
        ? `${from} + ${months} months → ${r}, the last day of the month, which has no corresponding day (art. 202)`
        : `${from} + ${months} months → ${r} (art. 202)`,
    );
    due = rollForward(ctx, raw, ids.a203, `${ids.zhLaw}第二百零三条`, 'art. 203');
  } else if (input.days !== undefined) {
    const days = checkCount('days', input.days, input);
    const raw = fromDay + days;
    const r = formatIsoDate(raw);
    ctx.step(
      from,
      r,
      ids.a201,
      `${from} 开始的当日不计入，自次日起算 ${days} 日 → ${r}（${ids.zhLaw}第二百零一条）`,
      `${from} + ${days} days, the start day not counted → ${r} (art. 201)`,
    );
    due = rollForward(ctx, raw, ids.a203, `${ids.zhLaw}第二百零三条`, 'art. 203');
  } else {
    const n = checkCount('workingDays', input.workingDays, input);
    const basisId: WorkingDaysBasis = input.workingDaysBasis ?? 'admin-coercion-law-art-69';
    if (basisId !== 'admin-coercion-law-art-69' && basisId !== 'admin-penalty-law-art-85') invalid('unknown workingDaysBasis', input);
    const skipped: number[] = [];
    let d = fromDay;
    let counted = 0;
    while (counted < n) {
      d++;
      if (ctx.day(d).rest) skipped.push(d);
      else counted++;
    }
    const to = formatIsoDate(d);
    const law =
      basisId === 'admin-coercion-law-art-69'
        ? { zh: '行政强制法第六十九条', en: 'Administrative Coercion Law art. 69' }
        : { zh: '行政处罚法第八十五条', en: 'Administrative Penalty Law art. 85' };
    const sk = ranges(skipped);
    ctx.step(
      from,
      to,
      basisId,
      `${from} 次日起算 ${n} 个工作日${sk.length ? `（不含法定节假日及休息日：${sk.join('、')}）` : ' '}→ ${to}（${law.zh}）`,
      `${from} + ${n} working days${sk.length ? ` (rest days not counted: ${sk.join(', ')})` : ''} → ${to} (${law.en})`,
    );
    due = d;
  }

  const warnings: DeadlineWarning[] = [...ctx.unknownYears]
    .sort((a, b) => a - b)
    .map((year) => ({
      code: 'CALENDAR_YEAR_UNKNOWN' as const,
      year,
      zh: `${year} 年的法定节假日安排尚无数据：仅按周六、周日计算休息日，结果须在国务院公布安排后复核`,
      en: `No holiday data for ${year}: only Saturdays and Sundays were treated as rest days; re-check once the State Council publishes the ${year} arrangement`,
    }));
  // a step counted under a basis not yet in force on the start day (issue 10 item 2: 行政处罚法 art. 85 from 2021-07-15)
  for (const id of ctx.basisIds) {
    const w = basisNotInForceWarning(id, from);
    if (w) warnings.push(w);
  }
  const answer: DeadlineAnswer = { due: formatIsoDate(due), warnings, steps: ctx.steps, basis: ctx.basisIds.map(basisRef) };
  const versions = calendar.versions;
  if (versions) {
    answer.calendar = [...ctx.knownYears].sort((a, b) => a - b).map((year) => ({ year, version: versions.get(year) ?? 1 }));
  }
  return answer;
}

/**
 * A deterministic workload for the benchmark (bench/ times it; the domain has no clock): answers
 * `iterations` deadlines over a spread of start dates and period kinds and returns a checksum.
 */
export function deadlineBenchWorkload(iterations: number, calendar: HolidayCalendar = defaultCalendar): number {
  const base = 18262; // 2020-01-01
  let checksum = 0;
  for (let i = 0; i < iterations; i++) {
    const from = formatIsoDate(base + ((i * 7919) % 2190));
    const k = i % 3;
    const a = computeDeadline(k === 0 ? { from, months: 1 + (i % 6) } : k === 1 ? { from, days: 1 + (i % 30) } : { from, workingDays: 1 + (i % 10) }, calendar);
    checksum = (checksum + a.due.charCodeAt(9) + a.steps.length) % 1_000_000_007;
  }
  return checksum;
}
