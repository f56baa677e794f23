/**
 * The holiday calendar (法定休假日): rest day = inside a State Council holiday block, or a Saturday/Sunday that
 * is not a declared 调休上班日 (facts-cn §1.2). A year without data is UNKNOWN and reported as such.
 */
import { formatIsoDate, parseIsoDate, tryParseIsoDate, weekdayOf, yearOfDay, type IsoDate } from '../dates.ts';
import { calendarYears, type CalendarYearData } from './data/index.ts';

const HOLIDAY = 1;
const WORKDAY = 2;

/** An immutable lookup structure built from year data. */
export interface HolidayCalendar {
  readonly years: ReadonlyMap<number, Readonly<CalendarYearData>>;
  /** day number → HOLIDAY (1) | WORKDAY (2). */
  readonly marks: ReadonlyMap<number, number>;
  /** year → the version of its data in force (the calendar kept as data in the database); absent for the vendored files. */
  readonly versions?: ReadonlyMap<number, number>;
}

export type DayReason = 'holiday' | 'weekend' | 'adjustedWorkday' | 'weekday';

/** What the calendar says about one day. `known: false` = its year has no data (only weekends are assumed). */
export interface DayInfo {
  date: IsoDate;
  rest: boolean;
  reason: DayReason;
  known: boolean;
  year: number;
}

/** Builds a calendar; throws `RangeError` on malformed data (a day outside its year, or both rest and work). */
export function buildCalendar(data: readonly CalendarYearData[], versions?: ReadonlyMap<number, number>): HolidayCalendar {
  const years = new Map<number, CalendarYearData>();
  const marks = new Map<number, number>();
  for (const y of data) {
    if (years.has(y.year)) throw new RangeError(`calendar year ${y.year} given twice`);
    years.set(y.year, y);
    for (const [list, mark] of [
      [y.restDays, HOLIDAY],
      [y.workDays, WORKDAY],
    ] as const) {
      for (const d of list) {
        const n = tryParseIsoDate(d);
        if (n === undefined || yearOfDay(n) !== y.year) throw new RangeError(`calendar ${y.year}: bad day ${d}`);
        if (marks.has(n)) throw new RangeError(`calendar ${y.year}: ${d} listed twice`);
        marks.set(n, mark);
      }
    }
  }
  return versions ? { years, marks, versions } : { years, marks };
}

/** The vendored official calendar (2019–2026 at the time of writing; the database's calendar supersedes it at run time). */
export const defaultCalendar: HolidayCalendar = buildCalendar(calendarYears);

/** Whether the calendar has data for `year`. */
export function isYearKnown(year: number, cal: HolidayCalendar = defaultCalendar): boolean {
  return cal.years.has(year);
}

/** The years the calendar covers, ascending. */
export function knownYears(cal: HolidayCalendar = defaultCalendar): number[] {
  return [...cal.years.keys()].sort((a, b) => a - b);
}

/** Fast path on day numbers: `rest`, `reason`, `known` for one day. */
export function classifyDayNumber(day: number, cal: HolidayCalendar = defaultCalendar): Omit<DayInfo, 'date'> {
  const year = yearOfDay(day);
  const known = cal.years.has(year);
  const mark = cal.marks.get(day);
  if (mark === HOLIDAY) return { rest: true, reason: 'holiday', known, year };
  const wd = weekdayOf(day);
  const weekend = wd === 0 || wd === 6;
  if (mark === WORKDAY) return { rest: false, reason: 'adjustedWorkday', known, year };
  return weekend ? { rest: true, reason: 'weekend', known, year } : { rest: false, reason: 'weekday', known, year };
}

/** What the calendar says about `date` (throws `RangeError` on a malformed date). */
export function classifyDay(date: IsoDate, cal: HolidayCalendar = defaultCalendar): DayInfo {
  const n = parseIsoDate(date);
  return { date: formatIsoDate(n), ...classifyDayNumber(n, cal) };
}

/**
 * Rest day = inside a holiday block OR (Saturday/Sunday AND not a declared work day). For a year without data
 * this answers from weekends only; use {@link classifyDay} (`known`) or the deadline warnings to see that.
 */
export function isRestDay(date: IsoDate, cal: HolidayCalendar = defaultCalendar): boolean {
  return classifyDayNumber(parseIsoDate(date), cal).rest;
}

/** Opposite of {@link isRestDay}. */
export function isWorkingDay(date: IsoDate, cal: HolidayCalendar = defaultCalendar): boolean {
  return !isRestDay(date, cal);
}
