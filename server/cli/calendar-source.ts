/**
 * The holiday calendar for `phaseout deadline` (issue 10 item 9): the one in the DATABASE — the years that
 * `phaseout calendar import` and the console load — not the vendored files, so a deadline in an imported year answers
 * without the unknown-year warning. Kept light (the command's target is ≤ 0.3 s): one pg connection and one query,
 * without the server's runtime, when DATABASE_URL is set or a server runs on the data dir. Only when the data dir's
 * embedded cluster exists but nobody runs it is it started for the command (withDatabase, slower but right). A data
 * dir without a cluster has no loaded years: the vendored calendar answers and says so.
 */
import pg from 'pg';
import { buildCalendar, defaultCalendar, type CalendarYearData, type HolidayCalendar } from '../domain/calendar/index.ts';
import type { Logger } from '../platform/db/database.ts';

export interface CalendarSource {
  calendar: HolidayCalendar;
  /** where the calendar came from: `database`, or `bundled` (the vendored years) with the reason */
  source: 'database' | 'bundled';
  note?: string;
}

/** The embedded database's name (server/platform/db/database.ts). */
const DB_NAME = 'phaseout';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Row {
  year: number;
  version: number;
  rest_days: string[];
  work_days: string[];
  notice_no: string;
  notice_url: string;
  source: string;
}

/** The version in force of every year (as modules/calendar/calendar-store.ts currentYears). */
const YEARS_SQL = `select distinct on (year) year, version, rest_days, work_days, notice_no, notice_url, source
  from holiday_calendar order by year, version desc`;

async function readYears(query: (text: string) => Promise<{ rows: Row[] }>): Promise<CalendarSource> {
  let rows: Row[];
  try {
    rows = (await query(YEARS_SQL)).rows;
  } catch (e) {
    // a database not migrated yet has no table: nothing was loaded into it
    if ((e as { code?: string }).code === '42P01') return { calendar: defaultCalendar, source: 'bundled', note: 'the database has no holiday calendar yet' };
    throw e;
  }
  if (rows.length === 0) return { calendar: defaultCalendar, source: 'bundled', note: 'the database has no holiday calendar yet' };
  const data: CalendarYearData[] = rows.map((r) => ({
    year: r.year,
    source: r.source,
    notice: r.notice_no,
    noticeUrls: [r.notice_url],
    restDays: r.rest_days,
    workDays: r.work_days,
  }));
  return { calendar: buildCalendar(data, new Map(rows.map((r) => [r.year, r.version]))), source: 'database' };
}

async function readWith(connection: pg.ClientConfig): Promise<CalendarSource> {
  const c = new pg.Client({ ...connection, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await readYears((text) => c.query<Row>(text));
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The calendar in force in the database the CLI is configured for (DATABASE_URL, or the data dir's embedded server). */
export async function cliCalendar(): Promise<CalendarSource> {
  const { loadConfig } = await import('../config.ts');
  const config = loadConfig();
  if (config.databaseUrl) return readWith({ connectionString: config.databaseUrl });
  const { EmbeddedPostgres } = await import('../platform/db/embedded.ts');
  const embedded = new EmbeddedPostgres(config.dataDir, quiet);
  if (!embedded.isInitialised()) return { calendar: defaultCalendar, source: 'bundled', note: `no database under ${config.dataDir} yet` };
  const running = embedded.runningServer();
  if (running) {
    const { user, password } = embedded.credentials();
    return readWith({ host: running.host, port: running.port, user, password, database: DB_NAME });
  }
  const { withDatabase } = await import('./command.ts');
  return withDatabase((database) => readYears((text) => database.pool.query<Row>(text)), { seed: false });
}
