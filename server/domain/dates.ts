/**
 * ISO calendar dates (`YYYY-MM-DD`) as plain strings and as integer day numbers (days since 1970-01-01, UTC).
 * No `Date` objects, no time zones, no clock: the deadline calculator runs on integers.
 */

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

const ZERO = 48;

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `[year, month, day]` of a day number (inverse of {@link dayNumberOf}). */
export function civilOf(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`: the month's last day. */
export function lastDayOfMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - ZERO;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Parses `YYYY-MM-DD` (years 1000–9999) into a day number, or returns `undefined` when it is not a real date. */
export function tryParseIsoDate(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y0 = digit(s, 0),
    y1 = digit(s, 1),
    y2 = digit(s, 2),
    y3 = digit(s, 3);
  const m0 = digit(s, 5),
    m1 = digit(s, 6),
    d0 = digit(s, 8),
    d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 === 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return dayNumberOf(year, month, day);
}

/** Whether `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is IsoDate {
  return tryParseIsoDate(s) !== undefined;
}

/** Parses `YYYY-MM-DD` into a day number; throws `RangeError` on anything else (callers wrap it in a DomainError). */
export function parseIsoDate(s: string): number {
  const n = tryParseIsoDate(s);
  if (n === undefined) throw new RangeError(`not an ISO date: ${String(s)}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatIsoDate(dayNumber: number): IsoDate {
  const [y, m, d] = civilOf(dayNumber);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Year of a day number. */
export function yearOfDay(dayNumber: number): number {
  return civilOf(dayNumber)[0];
}

/** Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Weekday of an ISO date (0 = Sunday). */
export function weekday(date: IsoDate): number {
  return weekdayOf(parseIsoDate(date));
}

/** `date + n` calendar days. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return formatIsoDate(parseIsoDate(date) + n);
}

/** Whole days from `a` to `b` (`b − a`). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return parseIsoDate(b) - parseIsoDate(a);
}

/**
 * Adds `months` calendar months: the corresponding day of the final month, or that month's last day when it
 * has no such day (the month arithmetic of 民法典 art. 202). `clamped` tells which case applied.
 */
export function addMonthsToDay(dayNumber: number, months: number): { day: number; clamped: boolean } {
  const [y, m, d] = civilOf(dayNumber);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = lastDayOfMonth(ny, nm);
  const clamped = d > last;
  return { day: dayNumberOf(ny, nm, clamped ? last : d), clamped };
}

/** ISO-date form of {@link addMonthsToDay}. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return formatIsoDate(addMonthsToDay(parseIsoDate(date), months).day);
}

export const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
