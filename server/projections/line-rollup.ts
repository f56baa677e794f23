/**
 * Projection: lines and declared capacity by territory × industry × state × unit (`rollup_line`). The only writer
 * of rollup_line.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './types.ts';
import { rollupsChanged } from './version.ts';

export interface LineRollupKey {
  territoryCode: string;
  industryCode: string;
  state: string;
  capacityUnit: string;
}

/**
 * The insert that moves the lines of a sibling CTE `moved` (columns territory_code, industry_code, capacity_unit,
 * capacity, from_state, to_state; only lines whose state changes) between buckets: −1 in the old state, +1 in the
 * new, with their capacity. Grouped, so several lines of one bucket are one row (an upsert may touch a row once).
 */
export function lineRollupMoveSql(moved: string): RawBuilder<unknown> {
  return sql`insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select m.territory_code, m.industry_code, s.state, m.capacity_unit, sum(s.d), sum(s.d * m.capacity)
      from ${sql.table(moved)} m, lateral (values (m.from_state::text, -1), (m.to_state::text, 1)) as s(state, d)
      group by 1, 2, 3, 4
      on conflict (territory_code, industry_code, state, capacity_unit) do update
        set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity`;
}

/** Adds `delta` lines with `capacity` each (delta × capacity) to one bucket: a line created, re-keyed or imported. */
export async function bumpLineRollup(trx: Tx, key: LineRollupKey, delta: number, capacity: string): Promise<void> {
  rollupsChanged();
  await sql`insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
    values (${key.territoryCode}, ${key.industryCode}, ${key.state}, ${key.capacityUnit}, ${delta}, ${delta}::numeric * ${capacity}::numeric)
    on conflict (territory_code, industry_code, state, capacity_unit) do update
      set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity`.execute(trx);
}

/** Recomputes the projection from the lines (inside the caller's transaction, tables locked by rebuildProjections). */
export async function rebuildLineRollup(trx: Tx): Promise<void> {
  await sql`delete from rollup_line`.execute(trx);
  await sql`insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select e.territory_code, e.industry_code, l.state, l.capacity_unit, count(*), sum(l.capacity)
      from production_line l join enterprise e on e.id = l.enterprise_id group by 1, 2, 3, 4`.execute(trx);
}
