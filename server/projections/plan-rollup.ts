/**
 * Projection: the filed exit plans by territory, plan year and target date (`rollup_plan`), read by the supervision
 * indicators (§3.3: plan completion, late and at-risk items) instead of joining every plan item with the capacity
 * ledger. The only writer of rollup_plan. An item of a filed plan (§3.1 备案) counts at its target date under
 * `exited` when the ledger (capacity_exit, §3.4: accepted exits) holds its line — or, for an item naming a whole
 * enterprise, every line of that enterprise (at least one) — and under `pending` otherwise.
 *
 * Three moments change a figure, each in the transaction that changes it:
 *   - the line move (server/modules/lines/change-line-state.ts, moveLinesSql) counts lines in the ledger: its one
 *     statement folds planRollupExitSql in, which moves the filed items of the lines counted now (and of their
 *     enterprises, when the move leaves none of their lines outside the ledger) from pending to exited;
 *   - a plan is filed (and its previous version superseded): refreshPlanRollup recomputes its territory and year;
 *   - an enterprise named by a filed item gets a new line (no longer wholly exited): planRollupLinesAdded recomputes
 *     the territories and years of its filed items.
 * The recomputations first take `share row exclusive` on rollup_plan, which the line move's statement (writing
 * rollup_plan, so holding `row exclusive` from its start until its transaction ends) conflicts with: a filing and an
 * exit never miss each other (whichever comes second waits, and under READ COMMITTED its next statement sees the
 * first). rebuildPlanRollup recomputes everything (after bulk loads, and in rebuildProjections).
 *
 * Known limits, both on items naming a whole enterprise (line items are exact), both repaired by the next
 * recomputation of the territory and year (a filing) or by rebuildProjections: two acts committing at the same
 * moment that accept the last two lines of one enterprise each see the other line as not exited (the item stays
 * pending; the enterprise's derived status shares this); a new line registered while a plan naming its fully exited
 * enterprise is being filed (the item stays exited).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './types.ts';
import { rollupsChanged } from './version.ts';

/**
 * The from-scratch rows (territory_code, year, target_on, pending, exited) of the filed plans, all or those whose
 * (territory, year) is in `keys`: the definition every writer and the test compare against.
 */
export function planRollupRowsSql(keys?: ReadonlyArray<{ territoryCode: string; year: number }>): RawBuilder<unknown> {
  const only =
    keys === undefined
      ? sql`true`
      : sql`(p.territory_code, p.year) in (select * from unnest(${keys.map((k) => k.territoryCode)}::text[], ${keys.map((k) => k.year)}::int[]))`;
  return sql`
    select p.territory_code, p.year, i.target_on,
           (count(*) filter (where not x.exited))::int as pending, (count(*) filter (where x.exited))::int as exited
    from exit_plan p join exit_plan_item i on i.plan_id = p.id
    cross join lateral (
      select case when i.line_id is not null then exists (select 1 from capacity_exit ce where ce.line_id = i.line_id)
                  else (select count(*) > 0 and count(*) = count(ce.line_id)
                        from production_line pl left join capacity_exit ce on ce.line_id = pl.id where pl.enterprise_id = i.enterprise_id) end as exited
    ) x
    where p.state = 'filed' and ${only}
    group by 1, 2, 3`;
}

/**
 * The roll-up move of the line move's statement: `lines` is its CTE of the locked lines (columns id, enterprise_id)
 * and `counted` its CTE of the lines the ledger records now (column line_id, from `returning`). The filed items of
 * the counted lines, and the whole-enterprise items whose every line is now in the ledger (stored, or counted now),
 * move from pending to exited at their target date.
 */
export function planRollupExitSql(lines: string, counted: string): RawBuilder<unknown> {
  const l = sql.table(lines);
  const c = sql.table(counted);
  return sql`insert into rollup_plan (territory_code, year, target_on, pending, exited)
      select territory_code, year, target_on, -count(*)::int, count(*)::int from (
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id in (select line_id from ${c})
        union all
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id is null
          and i.enterprise_id in (select ll.enterprise_id from ${l} ll where ll.id in (select line_id from ${c}))
          and not exists (select 1 from production_line pl where pl.enterprise_id = i.enterprise_id
                            and not exists (select 1 from capacity_exit ce where ce.line_id = pl.id)
                            and pl.id not in (select line_id from ${c}))
      ) moved
      group by territory_code, year, target_on
      on conflict (territory_code, year, target_on)
      do update set pending = rollup_plan.pending + excluded.pending, exited = rollup_plan.exited + excluded.exited`;
}

async function lockForRecompute(trx: Tx): Promise<void> {
  await sql`lock table rollup_plan in share row exclusive mode`.execute(trx);
}

async function recompute(trx: Tx, keys: ReadonlyArray<{ territoryCode: string; year: number }>): Promise<void> {
  if (keys.length === 0) return;
  rollupsChanged();
  await sql`delete from rollup_plan
    where (territory_code, year) in (select * from unnest(${keys.map((k) => k.territoryCode)}::text[], ${keys.map((k) => k.year)}::int[]))`.execute(trx);
  await sql`insert into rollup_plan (territory_code, year, target_on, pending, exited) ${planRollupRowsSql(keys)}`.execute(trx);
}

/** Recomputes one territory's year (a plan of it filed, its previous version superseded), in the act's transaction. */
export async function refreshPlanRollup(trx: Tx, territoryCode: string, year: number): Promise<void> {
  await lockForRecompute(trx);
  await recompute(trx, [{ territoryCode, year }]);
}

/**
 * New lines were registered for these enterprises: recomputes the territories and years of their filed
 * whole-enterprise items. Looked up first without the lock, so that an import or a line form on enterprises no filed
 * plan names as a whole (nearly always) takes no lock that line moves would wait for.
 */
export async function planRollupLinesAdded(trx: Tx, enterpriseIds: readonly number[]): Promise<void> {
  if (enterpriseIds.length === 0) return;
  const affected = async () =>
    (
      await sql<{ territory_code: string; year: number }>`
        select distinct p.territory_code, p.year from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id is null and i.enterprise_id = any(${[...enterpriseIds]}::int8[])`.execute(trx)
    ).rows.map((x) => ({ territoryCode: x.territory_code, year: x.year }));
  if ((await affected()).length === 0) return;
  await lockForRecompute(trx);
  await recompute(trx, await affected());
}

/** Recomputes the whole projection from the plans and the ledger (inside the caller's transaction). */
export async function rebuildPlanRollup(trx: Tx): Promise<void> {
  rollupsChanged();
  await sql`lock table rollup_plan in exclusive mode`.execute(trx);
  await sql`delete from rollup_plan`.execute(trx);
  await sql`insert into rollup_plan (territory_code, year, target_on, pending, exited) ${planRollupRowsSql()}`.execute(trx);
}
