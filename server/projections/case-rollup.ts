/**
 * Projection: cases by territory × dimension × state (`rollup_case`), the dashboard's case counts. The only writer
 * of rollup_case. Each key is spread over ROLLUP_SLOTS rows (slot = case id modulo ROLLUP_SLOTS) so that concurrent
 * acts on cases of one territory and dimension do not queue on one row lock; readers sum over the slots.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './types.ts';
import { rollupsChanged } from './version.ts';

export const ROLLUP_SLOTS = 16;
export const slotOf = (caseId: number) => caseId % ROLLUP_SLOTS;

export interface CaseRollupKey {
  territoryCode: string;
  dimension: string;
  caseId: number;
}

/** The insert that moves one case from state `from` to state `to` (−1, +1); a statement or the body of a CTE. */
export function caseRollupMoveSql(key: CaseRollupKey, from: string, to: string): RawBuilder<unknown> {
  const slot = slotOf(key.caseId);
  return sql`insert into rollup_case (territory_code, dimension, state, slot, n)
          values (${key.territoryCode}, ${key.dimension}, ${from}, ${slot}, -1), (${key.territoryCode}, ${key.dimension}, ${to}, ${slot}, 1)
          on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n`;
}

/** Adds `delta` cases in `state` (a case opened: +1). */
export async function bumpCaseRollup(trx: Tx, key: CaseRollupKey & { state: string }, delta: number): Promise<void> {
  rollupsChanged();
  await sql`insert into rollup_case (territory_code, dimension, state, slot, n) values (${key.territoryCode}, ${key.dimension}, ${key.state}, ${slotOf(key.caseId)}, ${delta})
    on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n`.execute(trx);
}

/** Recomputes the projection from case_file (inside the caller's transaction, tables locked by rebuildProjections). */
export async function rebuildCaseRollup(trx: Tx): Promise<void> {
  await sql`delete from rollup_case`.execute(trx);
  await sql`insert into rollup_case (territory_code, dimension, state, slot, n)
      select territory_code, dimension, state, id % ${ROLLUP_SLOTS}, count(*) from case_file group by 1, 2, 3, 4`.execute(trx);
}
