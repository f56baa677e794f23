/**
 * The calendar day of an instant where the programme runs (China Standard Time, UTC+8, no daylight saving): the
 * "today" of deadlines, overdue counts and the sweep. The instant comes from the app's clock (`app.ctx.now()`, moved
 * by tests); nothing here reads the system clock.
 */
export function localToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
