/**
 * The holiday calendar in force, from the database (issue 10 item 9): the highest version of each year in
 * `holiday_calendar`. Kept in memory per database and rebuilt when the table's revision (its highest id) changes, so
 * a year loaded by `phaseout calendar import` in another process is in force for the next deadline without a
 * restart. The case act reads the revision in its one read (apply-case-act.ts); other callers use currentCalendar.
 * Before any row exists the vendored files (domain/calendar/data) answer.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { buildCalendar, calendarYears, defaultCalendar, type CalendarYearData, type HolidayCalendar } from '../../domain/calendar/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Calendars by revision (a few: one database per process in production, a few in tests). */
const cache = new Map<string, HolidayCalendar>();
const CACHE_MAX = 8;

/**
 * The SQL expression of the calendar's revision, `<database>:<highest id>` (fold it into a read to spare a round
 * trip): a new version of any year changes it.
 */
export const CALENDAR_REV_SQL = sql<string>`(select current_database() || ':' || coalesce(max(id), 0) from holiday_calendar)`;

export interface CalendarYearRow {
  year: number;
  version: number;
  rest_days: string[];
  work_days: string[];
  notice_no: string;
  notice_date: string | null;
  notice_url: string;
  source: string;
  reason: string | null;
  loaded_at: Date;
  loaded_by: number | null;
  unverified: string[];
}

/** The version in force of every year. */
export async function currentYears(q: Q): Promise<CalendarYearRow[]> {
  const r =
    await sql<CalendarYearRow>`select distinct on (year) year, version, rest_days, work_days, notice_no, notice_date::text as notice_date, notice_url, source, reason, loaded_at, loaded_by, unverified
    from holiday_calendar order by year, version desc`.execute(q);
  return r.rows;
}

function toData(r: CalendarYearRow): CalendarYearData {
  return { year: r.year, source: r.source, notice: r.notice_no, noticeUrls: [r.notice_url], restDays: r.rest_days, workDays: r.work_days };
}

/** The calendar as of revision `rev` (CALENDAR_REV_SQL), rebuilt only when it changed. */
export async function calendarAt(db: Q, rev: string): Promise<HolidayCalendar> {
  const c = cache.get(rev);
  if (c) return c;
  if (rev.endsWith(':0')) return defaultCalendar;
  const rows = await currentYears(db);
  const cal = buildCalendar(rows.map(toData), new Map(rows.map((r) => [r.year, r.version])));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(rev, cal);
  return cal;
}

/** The calendar in force now (one small query, plus a rebuild when a year was loaded since). */
export async function currentCalendar(db: Q): Promise<HolidayCalendar> {
  const r = await sql<{ rev: string }>`select ${CALENDAR_REV_SQL} as rev`.execute(db);
  return calendarAt(db, r.rows[0]?.rev ?? ':0');
}

/** Loads the vendored years (2019–2026) as version 1 where a year is not in the database yet (idempotent). */
export async function seedCalendar(q: Q): Promise<number> {
  let n = 0;
  for (const y of calendarYears) {
    const notice = y.notice ?? y.source;
    const url = y.noticeUrls?.[0] ?? '';
    const r = await sql`insert into holiday_calendar (year, version, rest_days, work_days, notice_no, notice_date, notice_url, source, unverified)
      select ${y.year}, 1, ${[...y.restDays]}::text[], ${[...y.workDays]}::text[], ${notice}, null, ${url}, ${y.source}, ${[...(y.unverified ?? [])]}::text[]
      where not exists (select 1 from holiday_calendar where year = ${y.year})`.execute(q);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}
