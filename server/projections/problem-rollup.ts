/**
 * Projection: the problem lists by territory and date (`rollup_problem`), read by the supervision indicators (§3.3)
 * instead of every item. The only writer of rollup_problem. An item counts
 *   - under 'open' (one row per territory, dated -infinity) while it is not closed (open, or close-out asked);
 *   - under 'found' at its date found and under 'due' at its due date while it is not closed: with the 'open' total,
 *     the open items by age and the overdue items of a day need only the rows of the recent days and the future
 *     (overdue = open − due on or after the day; older than N days = open − found in the last N days), so the read
 *     does not grow with the years of history;
 *   - under 'closed' at its date closed while it has one (a reopened item loses it): the last sign-off up to a day.
 * The problem commands (server/modules/problems/commands/) call moveProblemRollup in the transaction that changes
 * the item, with the item's facts before and after; rebuildProblemRollup recomputes it from the items (after bulk
 * loads, and in rebuildProjections).
 */
import { sql } from 'kysely';
import type { Tx } from './types.ts';
import { rollupsChanged } from './version.ts';

export type ProblemRollupKind = 'open' | 'found' | 'due' | 'closed';

/** The date of the one 'open' row of a territory. */
export const OPEN_ROW_DATE = '-infinity';

/** What of a problem item the projection depends on (null: the item does not exist). */
export interface ProblemFacts {
  territoryCode: string;
  state: 'open' | 'closing' | 'closed';
  foundOn: string;
  dueOn: string;
  closedOn: string | null;
}

export interface ProblemMove {
  territoryCode: string;
  kind: ProblemRollupKind;
  onDate: string;
  n: number;
}

function contribution(f: ProblemFacts | null): ProblemMove[] {
  if (!f) return [];
  const out: ProblemMove[] = [];
  if (f.state !== 'closed') {
    out.push({ territoryCode: f.territoryCode, kind: 'open', onDate: OPEN_ROW_DATE, n: 1 });
    out.push({ territoryCode: f.territoryCode, kind: 'found', onDate: f.foundOn, n: 1 });
    out.push({ territoryCode: f.territoryCode, kind: 'due', onDate: f.dueOn, n: 1 });
  }
  if (f.closedOn !== null) out.push({ territoryCode: f.territoryCode, kind: 'closed', onDate: f.closedOn, n: 1 });
  return out;
}

/** The pure rule: the net moves (nonzero, one per key) a change of one item from `before` to `after` makes. */
export function problemMoves(before: ProblemFacts | null, after: ProblemFacts | null): ProblemMove[] {
  const net = new Map<string, ProblemMove>();
  for (const [m, sign] of [...contribution(before).map((m) => [m, -1] as const), ...contribution(after).map((m) => [m, 1] as const)]) {
    const key = `${m.territoryCode}|${m.kind}|${m.onDate}`;
    const cur = net.get(key);
    if (cur) cur.n += sign;
    else net.set(key, { ...m, n: sign });
  }
  return [...net.values()].filter((m) => m.n !== 0);
}

/** Applies the moves of one item's change, inside the caller's transaction (the one that changes the item). */
export async function moveProblemRollup(trx: Tx, before: ProblemFacts | null, after: ProblemFacts | null): Promise<void> {
  const moves = problemMoves(before, after);
  if (moves.length === 0) return;
  rollupsChanged();
  await sql`insert into rollup_problem (territory_code, kind, on_date, n)
    values ${sql.join(moves.map((m) => sql`(${m.territoryCode}, ${m.kind}, ${m.onDate}::date, ${m.n})`))}
    on conflict (territory_code, kind, on_date) do update set n = rollup_problem.n + excluded.n`.execute(trx);
}

/** Recomputes the projection from the items (inside the caller's transaction). */
export async function rebuildProblemRollup(trx: Tx): Promise<void> {
  rollupsChanged();
  await sql`lock table rollup_problem in exclusive mode`.execute(trx);
  await sql`delete from rollup_problem`.execute(trx);
  await sql`insert into rollup_problem (territory_code, kind, on_date, n)
    select territory_code, 'open', '-infinity'::date, count(*) from problem_item where state <> 'closed' group by 1
    union all
    select territory_code, 'found', found_on, count(*) from problem_item where state <> 'closed' group by 1, 3
    union all
    select territory_code, 'due', due_on, count(*) from problem_item where state <> 'closed' group by 1, 3
    union all
    select territory_code, 'closed', closed_on, count(*) from problem_item where closed_on is not null group by 1, 3`.execute(trx);
}
