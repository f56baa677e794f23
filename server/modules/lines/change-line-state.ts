/**
 * The one way a production line changes state; the case module calls it inside each act's transaction. It writes
 * line_state_history, moves the line between rollup_line buckets, and when the line first becomes exited (set only by
 * the acceptance act, 验收: a shut or dismantled line has not yet exited) records it in capacity_exit (year of `onDate`, the enterprise's territory and industry, the declared
 * capacity and unit; the primary key is the line, so a line is counted once ever — §3.4), and re-derives the
 * enterprise's status in the same statement. No audit record of its own: the calling act's audit record covers it.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, LineState } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { refreshEnterpriseStatusWithLineSql } from '../enterprises/enterprise-status.ts';
import { rollupsChanged } from '../overview/rollups.ts';

import { LINE_STATES } from '../../domain/lifecycle/line-states.ts';

export { LINE_STATES };

export interface LineStateChange {
  from: LineState;
  to: LineState;
  /** true when this change recorded the line in capacity_exit */
  counted: boolean;
}

/**
 * Changes one line's state in one statement: lock, update, history, roll-up move, capacity_exit and the
 * enterprise's derived status (computed with this line in its new state; earlier statements, such as the act's case
 * update or an earlier line of the same act, are visible to it).
 */
async function moveLine(trx: Transaction<DB> | Kysely<DB>, lineId: number, to: LineState, opts: { onDate: string; caseId?: number | null; actId?: number | null }): Promise<LineStateChange> {
  if (!LINE_STATES.includes(to)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/state', message: `unknown line state ${String(to)}` }] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.onDate)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/onDate', message: 'YYYY-MM-DD' }] });
  // capacity counts as exited only at acceptance (plan §3.4): `shut` and `dismantled` are not yet exited
  const exits = to === 'exited';
  rollupsChanged();
  const r = await sql<{ enterprise_id: number; from_state: LineState; counted: boolean }>`
    with l as (
      select l.id, l.enterprise_id, l.state as from_state, l.capacity, l.capacity_unit, e.territory_code, e.industry_code
      from production_line l join enterprise e on e.id = l.enterprise_id
      where l.id = ${lineId} for update of l
    ),
    u as (update production_line p set state = ${to}, updated_at = now() from l where p.id = l.id and l.from_state <> ${to} returning p.id),
    h as (
      insert into line_state_history (line_id, from_state, to_state, on_date, case_id, act_id)
      select l.id, l.from_state, ${to}, ${opts.onDate}::date, ${opts.caseId ?? null}::bigint, ${opts.actId ?? null}::bigint from l where l.from_state <> ${to}
    ),
    r as (
      insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select l.territory_code, l.industry_code, s.state, l.capacity_unit, s.d, s.d * l.capacity
      from l, lateral (values (l.from_state, -1), (${to}::text, 1)) as s(state, d)
      where l.from_state <> ${to}
      on conflict (territory_code, industry_code, state, capacity_unit) do update
        set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity
    ),
    st as (${refreshEnterpriseStatusWithLineSql('l', to)}),
    c as (
      insert into capacity_exit (line_id, year, territory_code, industry_code, capacity, capacity_unit, exited_on, case_id)
      select l.id, ${Number(opts.onDate.slice(0, 4))}, l.territory_code, l.industry_code, l.capacity, l.capacity_unit, ${opts.onDate}::date, ${opts.caseId ?? null}::bigint
      from l where ${exits}
      on conflict (line_id) do nothing
      returning line_id
    )
    select l.enterprise_id, l.from_state, exists (select 1 from c) as counted from l`.execute(trx);
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', { lineId });
  return { from: row.from_state, to, counted: row.counted };
}

/** The one way a production line changes state (then the enterprise's derived status is refreshed). */
export async function changeLineState(
  trx: Transaction<DB> | Kysely<DB>,
  lineId: number,
  to: LineState,
  opts: { onDate: string; caseId?: number | null; actId?: number | null },
): Promise<LineStateChange> {
  return moveLine(trx, lineId, to, opts);
}

/** Several lines of one act: each moved in one statement (which also re-derives its enterprise's status). */
export async function changeLineStates(
  trx: Transaction<DB> | Kysely<DB>,
  changes: ReadonlyArray<{ lineId: number; to: LineState }>,
  opts: { onDate: string; caseId?: number | null; actId?: number | null },
): Promise<LineStateChange[]> {
  const out: LineStateChange[] = [];
  for (const ch of changes) out.push(await moveLine(trx, ch.lineId, ch.to, opts));
  return out;
}
