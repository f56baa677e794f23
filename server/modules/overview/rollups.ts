/**
 * Roll-ups behind the overview dashboard (cases by territory × dimension × state, open cases by due date, lines by state), kept current in the same transaction as each act (bumpCaseRollup,
 * bumpLineRollup) and rebuilt wholesale after bulk loads (rebuildRollups). A test compares them to the raw
 * aggregates after a series of acts.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Tx = Transaction<DB> | Kysely<DB>;

/**
 * A counter of roll-up writes in this process: every writer of a roll-up calls rollupsChanged(), and the overview's
 * cached answer (overview.routes.ts) is used only while the counter is where it was when the answer was built. A
 * writer calls it before its transaction commits, so an answer built in between may miss that write for at most the
 * cache's lifetime (OVERVIEW_CACHE_MS), as may writes of other processes.
 */
let rollupVersion = 0;
export function rollupsChanged(): void {
  rollupVersion++;
}
export function rollupsVersion(): number {
  return rollupVersion;
}

/**
 * Case roll-ups keep ROLLUP_SLOTS rows per key (slot = case id modulo ROLLUP_SLOTS) so that concurrent acts on
 * cases of the same territory and dimension do not queue on one row lock; readers sum over the slots.
 */
export const ROLLUP_SLOTS = 16;
export const slotOf = (caseId: number) => caseId % ROLLUP_SLOTS;

export async function bumpCaseRollup(trx: Tx, key: { territoryCode: string; dimension: string; state: string; caseId: number }, delta: number): Promise<void> {
  rollupsChanged();
  await sql`insert into rollup_case (territory_code, dimension, state, slot, n) values (${key.territoryCode}, ${key.dimension}, ${key.state}, ${slotOf(key.caseId)}, ${delta})
    on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n`.execute(trx);
}

export async function bumpLineRollup(trx: Tx, key: { territoryCode: string; industryCode: string; state: string; capacityUnit: string }, delta: number, capacity: string): Promise<void> {
  rollupsChanged();
  await sql`insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
    values (${key.territoryCode}, ${key.industryCode}, ${key.state}, ${key.capacityUnit}, ${delta}, ${delta}::numeric * ${capacity}::numeric)
    on conflict (territory_code, industry_code, state, capacity_unit) do update
      set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity`.execute(trx);
}

/** Recomputes both roll-ups from the base tables (after bulk loads and by `phaseout rollups rebuild`). */
export async function rebuildRollups(db: Kysely<DB>): Promise<void> {
  rollupsChanged();
  await db.transaction().execute(async (trx) => {
    await sql`lock table rollup_case, rollup_line, rollup_due in exclusive mode`.execute(trx);
    await sql`delete from rollup_case`.execute(trx);
    await sql`delete from rollup_due`.execute(trx);
    await sql`delete from rollup_due_fold`.execute(trx);
    await sql`insert into rollup_due (territory_code, dimension, due_on, slot, n)
      select territory_code, dimension, due_on, id % ${ROLLUP_SLOTS}, count(*) from case_file where not closed and due_on is not null group by 1, 2, 3, 4`.execute(trx);
    await sql`delete from rollup_line`.execute(trx);
    await sql`insert into rollup_case (territory_code, dimension, state, slot, n)
      select territory_code, dimension, state, id % ${ROLLUP_SLOTS}, count(*) from case_file group by 1, 2, 3, 4`.execute(trx);
    await sql`insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select e.territory_code, e.industry_code, l.state, l.capacity_unit, count(*), sum(l.capacity)
      from production_line l join enterprise e on e.id = l.enterprise_id group by 1, 2, 3, 4`.execute(trx);
  });
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
