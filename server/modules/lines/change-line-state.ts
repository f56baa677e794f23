/**
 * The one way a production line changes state: the case module calls it inside each act's transaction, and the
 * bulk seed calls its set form. One statement per call: lock the lines, update them, write line_state_history, and
 * the projections that follow from a line's state (server/projections/): the line roll-up, the capacity-exit ledger
 * (§3.4: counted once, when the line reaches a counting state — decided in projections/capacity-exit.ts), the
 * enterprise's derived status and the filed plans' roll-up (an item whose line is counted is exited, plan-rollup.ts). No audit record of its own: the calling act's audit record covers it.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { LINE_STATES, type LineState } from '../../domain/states.ts';
import { AppError } from '../../platform/errors.ts';
import { capacityExitInsertSql, lineRollupMoveSql, planRollupExitSql, refreshEnterpriseStatusWithLinesSql, rollupsChanged } from '../../projections/index.ts';

export { LINE_STATES };

export interface LineStateChange {
  from: LineState;
  to: LineState;
  /** true when this change recorded the line in capacity_exit */
  counted: boolean;
}

/**
 * The line move as CTEs for a caller's statement, named with `p` as prefix (`${p}src`, `${p}l`, … `${p}pl`), over
 * `source`, a query with columns (line_id, to_state, on_date, case_id, act_id), one row per line: lock, update,
 * history, roll-up move, capacity_exit (§3.4: counted once, when a line reaches a counting state) and the filed plans'
 * roll-up, and the derived status of the enterprises — `status` gives that refresh (by default the lines in their new
 * states and every case as stored; a case act that moves lines in its own statement passes the refresh that also
 * reads its case in its new state, refreshEnterpriseStatusWithCaseAndLinesSql over `${p}l`). `${p}l` answers the
 * lines (id, enterprise_id, from_state, to_state …), `${p}c` the counted ones (line_id).
 */
export function moveLinesCtes(source: RawBuilder<unknown>, p: string, status?: RawBuilder<unknown>): RawBuilder<unknown> {
  const n = (name: string) => sql.table(`${p}${name}`);
  return sql`${n('src')} as (${source}),
    ${n('l')} as (
      select l.id, l.enterprise_id, l.state as from_state, s.to_state::text as to_state, s.on_date::date as on_date, s.case_id::bigint as case_id, s.act_id::bigint as act_id,
        l.capacity, l.capacity_unit, e.territory_code, e.industry_code
      from ${n('src')} s join production_line l on l.id = s.line_id join enterprise e on e.id = l.enterprise_id
      for update of l
    ),
    ${n('m')} as (select * from ${n('l')} l where l.from_state <> l.to_state),
    ${n('u')} as (update production_line p set state = m.to_state, updated_at = now() from ${n('m')} m where p.id = m.id returning p.id),
    ${n('h')} as (
      insert into line_state_history (line_id, from_state, to_state, on_date, case_id, act_id)
      select m.id, m.from_state, m.to_state, m.on_date, m.case_id, m.act_id from ${n('m')} m
    ),
    ${n('r')} as (${lineRollupMoveSql(`${p}m`)}),
    ${n('st')} as (${status ?? refreshEnterpriseStatusWithLinesSql(`${p}l`)}),
    ${n('c')} as (${capacityExitInsertSql(`${p}l`)}),
    ${n('pl')} as (${planRollupExitSql(`${p}l`, `${p}c`)})`;
}

/**
 * The line move as one statement over `source` (see moveLinesCtes); earlier statements of the transaction, such as
 * an act's case update, are visible to it. Answers one row per line: id, enterprise_id, from_state, counted.
 */
export function moveLinesSql(source: RawBuilder<unknown>) {
  return sql<{ id: number; enterprise_id: number; from_state: LineState; counted: boolean }>`
    with ${moveLinesCtes(source, '')}
    select l.id, l.enterprise_id, l.from_state, exists (select 1 from c where c.line_id = l.id) as counted from l`;
}

type Opts = { onDate: string; caseId?: number | null; actId?: number | null };

/** Refuses an unknown line state or a malformed date (before any statement). */
export function checkLineMove(to: string, opts: Opts): void {
  if (!(LINE_STATES as readonly string[]).includes(to))
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/state', message: `unknown line state ${String(to)}` }] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.onDate)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/onDate', message: 'YYYY-MM-DD' }] });
}

async function moveLine(trx: Transaction<DB> | Kysely<DB>, lineId: number, to: LineState, opts: Opts): Promise<LineStateChange> {
  checkLineMove(to, opts);
  rollupsChanged();
  const r = await moveLinesSql(
    sql`select ${lineId}::bigint as line_id, ${to}::text as to_state, ${opts.onDate}::date as on_date, ${opts.caseId ?? null}::bigint as case_id, ${opts.actId ?? null}::bigint as act_id`,
  ).execute(trx);
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', { lineId });
  return { from: row.from_state, to, counted: row.counted };
}

/** The one way a production line changes state (then the enterprise's derived status is refreshed). */
export async function changeLineState(trx: Transaction<DB> | Kysely<DB>, lineId: number, to: LineState, opts: Opts): Promise<LineStateChange> {
  return moveLine(trx, lineId, to, opts);
}

/** Several lines of one act: each moved in one statement (which also re-derives its enterprise's status). */
export async function changeLineStates(
  trx: Transaction<DB> | Kysely<DB>,
  changes: ReadonlyArray<{ lineId: number; to: LineState }>,
  opts: Opts,
): Promise<LineStateChange[]> {
  const out: LineStateChange[] = [];
  for (const ch of changes) out.push(await moveLine(trx, ch.lineId, ch.to, opts));
  return out;
}

/**
 * Many lines at once (bulk loads): `source` selects (line_id, to_state, on_date, case_id, act_id), one row per line.
 * The same statement as an act's line move; answers how many lines it took.
 */
export async function changeLineStatesBulk(db: Transaction<DB> | Kysely<DB>, source: RawBuilder<unknown>): Promise<number> {
  rollupsChanged();
  const r = await moveLinesSql(source).execute(db);
  return r.rows.length;
}
