/**
 * Projection: the capacity-exit ledger (`capacity_exit`), what §3.4 counts as exited capacity: one row per line,
 * ever (the primary key is the line), with the year, the enterprise's territory and industry, and the declared
 * capacity and unit at the moment it was counted. The only writer of capacity_exit.
 *
 * WHEN a line counts is decided here, once, from the state the line moves to (countsAsExit / EXIT_COUNTING_STATES):
 * a rule that counts capacity at another moment (e.g. at acceptance) changes this file only.
 */
import { sql, type RawBuilder } from 'kysely';
import { EXITED_LINE_STATES } from '../domain/lifecycle/line-states.ts';

/**
 * Line states whose reaching records the line in the ledger: `exited`, set only by the acceptance act (验收, §3.4;
 * issue 10). A shut or dismantled line has not exited yet: its capacity counts in the year and on the date of the
 * acceptance.
 */
export const EXIT_COUNTING_STATES: readonly string[] = EXITED_LINE_STATES;

/** Whether a line moving to `to` is counted (the pure form of the SQL below). */
export function countsAsExit(to: string): boolean {
  return EXIT_COUNTING_STATES.includes(to);
}

/**
 * The insert that records the lines of a sibling CTE `lines` (columns id, to_state, on_date, case_id,
 * territory_code, industry_code, capacity, capacity_unit) that move to a counting state; a line already recorded
 * keeps its first row. `returning line_id` names the lines counted now.
 */
export function capacityExitInsertSql(lines: string): RawBuilder<unknown> {
  return sql`insert into capacity_exit (line_id, year, territory_code, industry_code, capacity, capacity_unit, exited_on, case_id)
      select l.id, extract(year from l.on_date)::int, l.territory_code, l.industry_code, l.capacity, l.capacity_unit, l.on_date, l.case_id
      from ${sql.table(lines)} l where l.to_state = any(${[...EXIT_COUNTING_STATES]}::text[])
      on conflict (line_id) do nothing
      returning line_id`;
}
