/**
 * The one way a production line changes state; the case module calls it inside each act's transaction. It writes
 * line_state_history, moves the line between rollup_line buckets, and when the line first becomes exited or
 * dismantled records it in capacity_exit (year of `onDate`, the enterprise's territory and industry, the declared
 * capacity and unit; the primary key is the line, so a line is counted once ever — §3.4). It then refreshes the
 * enterprise's derived status. No audit record of its own: the calling act's audit record covers it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, LineState } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { bumpLineRollup } from '../overview/rollups.ts';
import { refreshEnterpriseStatus } from '../enterprises/enterprise-status.ts';

export const LINE_STATES: readonly LineState[] = ['operating', 'restricted', 'suspended', 'sealed', 'dismantled', 'exited'];

export interface LineStateChange {
  from: LineState;
  to: LineState;
  /** true when this change recorded the line in capacity_exit */
  counted: boolean;
}

export async function changeLineState(
  trx: Transaction<DB> | Kysely<DB>,
  lineId: number,
  to: LineState,
  opts: { onDate: string; caseId?: number | null; actId?: number | null },
): Promise<LineStateChange> {
  if (!LINE_STATES.includes(to)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/state', message: `unknown line state ${String(to)}` }] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.onDate)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/onDate', message: 'YYYY-MM-DD' }] });
  const line = await trx
    .selectFrom('production_line as l')
    .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
    .select(['l.id', 'l.enterprise_id', 'l.state', 'l.capacity', 'l.capacity_unit', 'e.territory_code', 'e.industry_code'])
    .where('l.id', '=', lineId)
    .forUpdate()
    .executeTakeFirst();
  if (!line) throw new AppError('NOT_FOUND', { lineId });
  const from = line.state;
  let counted = false;
  if (from !== to) {
    await trx.updateTable('production_line').set({ state: to, updated_at: new Date() }).where('id', '=', lineId).execute();
    await trx
      .insertInto('line_state_history')
      .values({ line_id: lineId, from_state: from, to_state: to, on_date: opts.onDate, case_id: opts.caseId ?? null, act_id: opts.actId ?? null })
      .execute();
    const key = { territoryCode: line.territory_code, industryCode: line.industry_code, capacityUnit: line.capacity_unit };
    await bumpLineRollup(trx, { ...key, state: from }, -1, line.capacity);
    await bumpLineRollup(trx, { ...key, state: to }, 1, line.capacity);
  }
  if (to === 'exited' || to === 'dismantled') {
    const r = await trx
      .insertInto('capacity_exit')
      .values({
        line_id: lineId,
        year: Number(opts.onDate.slice(0, 4)),
        territory_code: line.territory_code,
        industry_code: line.industry_code,
        capacity: line.capacity,
        capacity_unit: line.capacity_unit,
        exited_on: opts.onDate,
        case_id: opts.caseId ?? null,
      })
      .onConflict((oc) => oc.column('line_id').doNothing())
      .returning('line_id')
      .executeTakeFirst();
    counted = r !== undefined;
  }
  await refreshEnterpriseStatus(trx, line.enterprise_id);
  return { from, to, counted };
}
