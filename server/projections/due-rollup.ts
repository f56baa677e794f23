/**
 * Projection: open cases by due date (`rollup_due`, with `rollup_due_fold`), the dashboard's overdue counts. The
 * only writer of both tables. A case counts at its due date while it is open and has one.
 */
import { sql, type RawBuilder } from 'kysely';
import { ROLLUP_SLOTS, slotOf, type CaseRollupKey } from './case-rollup.ts';
import type { Tx } from './types.ts';
import { rollupsChanged } from './version.ts';

export interface DueFacts {
  /** the case's due date (null: none) */
  dueOn: string | null;
  closed: boolean;
}

/** The pure rule: the (day, ±1) moves a case's change from `before` to `after` makes in the projection. */
export function dueMoves(before: DueFacts, after: DueFacts): Array<[string, number]> {
  const wasOpen = before.dueOn !== null && !before.closed;
  const isOpen = after.dueOn !== null && !after.closed;
  const moves: Array<[string, number]> = [];
  if (wasOpen && !(isOpen && after.dueOn === before.dueOn)) moves.push([before.dueOn!, -1]);
  if (isOpen && !(wasOpen && after.dueOn === before.dueOn)) moves.push([after.dueOn!, 1]);
  return moves;
}

/** The insert that applies `moves` for one case; a statement or the body of a CTE. */
export function dueRollupMoveSql(key: CaseRollupKey, moves: ReadonlyArray<[string, number]>): RawBuilder<unknown> {
  const slot = slotOf(key.caseId);
  return sql`insert into rollup_due (territory_code, dimension, due_on, slot, n)
          values ${sql.join(moves.map(([day, n]) => sql`(${key.territoryCode}, ${key.dimension}, ${day}::date, ${slot}, ${n})`))}
          on conflict (territory_code, dimension, due_on, slot) do update set n = rollup_due.n + excluded.n`;
}

/**
 * Folds the open-cases-by-due-date roll-up for the days before `asOf` − 1 into one row per (territory, dimension,
 * slot) dated `asOf` − 1, and records `before = asOf` (never moving backwards). Sums over `due_on < d` for any d ≥
 * `before` are unchanged; acts that later move a case off an old due date add their −1 at that date, which such sums
 * include as well. One statement, safe beside concurrent acts (a row an act updated meanwhile is deleted in its new
 * version and its count goes into the fold; a row an act inserts after the delete stays a row of its own). Run by the
 * sweep.
 */
export async function foldPastDue(db: Tx, asOf: string): Promise<void> {
  rollupsChanged();
  await sql`
    with f as (
      insert into rollup_due_fold (id, before) values (true, ${asOf}::date)
      on conflict (id) do update set before = greatest(rollup_due_fold.before, excluded.before)
      returning before
    ),
    gone as (delete from rollup_due where due_on < (select before from f) - 1 returning territory_code, dimension, slot, n)
    insert into rollup_due (territory_code, dimension, due_on, slot, n)
    select territory_code, dimension, (select before from f) - 1, slot, sum(n) from gone group by territory_code, dimension, slot
    on conflict (territory_code, dimension, due_on, slot) do update set n = rollup_due.n + excluded.n`.execute(db);
}

/** Recomputes the projection from case_file (inside the caller's transaction, tables locked by rebuildProjections). */
export async function rebuildDueRollup(trx: Tx): Promise<void> {
  await sql`delete from rollup_due`.execute(trx);
  await sql`delete from rollup_due_fold`.execute(trx);
  await sql`insert into rollup_due (territory_code, dimension, due_on, slot, n)
      select territory_code, dimension, due_on, id % ${ROLLUP_SLOTS}, count(*) from case_file where not closed and due_on is not null group by 1, 2, 3, 4`.execute(
    trx,
  );
}
