/**
 * Drafts an exit plan for a territory and year (§3.1), or replaces the items of a draft or returned plan. Every
 * item names an enterprise of the plan's territory, optionally one of its lines (then capacity and unit default to
 * the line's declared ones); one version in work per territory and year (a filed plan changes by newVersion).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ExitMethod } from '../../../domain/programme/plans.ts';
import { localToday } from '../../../platform/clock.ts';
import { isUniqueViolation } from '../../enterprises/index.ts';
import { assertWritableTerritory, mayWriteTerritory, optText, programmeChanged } from '../../problems/index.ts';
import { findPlan } from '../exit-plans.repository.ts';

export interface PlanItemInput {
  enterpriseId: number;
  lineId?: number | null | undefined;
  capacity?: string | undefined;
  capacityUnit?: string | undefined;
  method: ExitMethod;
  targetOn: string;
  workers?: number | undefined;
  note?: string | null | undefined;
}

/** Resolves and checks the items against the territory; INVALID_FIELD names `items/N/field`. */
async function resolveItems(trx: Transaction<DB>, territoryCode: string, year: number, items: readonly PlanItemInput[]) {
  const entIds = [...new Set(items.map((i) => i.enterpriseId))];
  const lineIds = [...new Set(items.map((i) => i.lineId).filter((x): x is number => typeof x === 'number'))];
  const ents = entIds.length ? await trx.selectFrom('enterprise').select(['id', 'territory_code']).where('id', 'in', entIds).execute() : [];
  const lines = lineIds.length
    ? await trx.selectFrom('production_line').select(['id', 'enterprise_id', 'capacity', 'capacity_unit']).where('id', 'in', lineIds).execute()
    : [];
  const seenLines = new Set<number>();
  return items.map((it, n) => {
    const bad = (field: string, reason: string) => new AppError('INVALID_FIELD', { field: `items/${n}/${field}`, reason });
    const e = ents.find((x) => x.id === it.enterpriseId);
    if (!e || e.territory_code !== territoryCode) throw bad('enterpriseId', "no such enterprise in the plan's territory");
    let capacity = it.capacity;
    let unit = it.capacityUnit;
    if (it.lineId) {
      const l = lines.find((x) => x.id === it.lineId);
      if (!l || l.enterprise_id !== it.enterpriseId) throw bad('lineId', 'not a line of this enterprise');
      if (seenLines.has(l.id)) throw bad('lineId', 'the line is planned twice');
      seenLines.add(l.id);
      capacity ??= String(Number(l.capacity));
      unit ??= l.capacity_unit;
    }
    if (capacity === undefined) throw bad('capacity', 'capacity is required for an item without a line');
    if (!unit) throw bad('capacityUnit', 'the capacity unit is required for an item without a line');
    const y = Number(it.targetOn.slice(0, 4));
    if (y < year || y > year + 1) throw bad('targetOn', 'the target date lies in the plan year (or the next)');
    return {
      enterprise_id: it.enterpriseId,
      line_id: it.lineId ?? null,
      capacity,
      capacity_unit: unit,
      method: it.method,
      target_on: it.targetOn,
      workers: it.workers ?? 0,
      note: optText(it.note),
    };
  });
}

export async function createExitPlan(db: Kysely<DB>, input: { territoryCode: string; year: number; items: PlanItemInput[] }, meta: AuditMeta): Promise<number> {
  await assertWritableTerritory(db, meta.actor, input.territoryCode, localToday(meta.now));
  programmeChanged();
  return db.transaction().execute(async (trx) => {
    const filed = await trx
      .selectFrom('exit_plan')
      .select('id')
      .where('territory_code', '=', input.territoryCode)
      .where('year', '=', input.year)
      .where('state', '=', 'filed')
      .executeTakeFirst();
    if (filed) throw new AppError('CONFLICT', { field: 'year', reason: 'a plan of this year is filed: change it by a new version', planId: filed.id });
    const items = await resolveItems(trx, input.territoryCode, input.year, input.items);
    let id: number;
    try {
      id = (
        await trx
          .insertInto('exit_plan')
          .values({ territory_code: input.territoryCode, year: input.year, created_at: meta.now, updated_at: meta.now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', { field: 'year', reason: 'a plan of this territory and year is already in work' });
      throw e;
    }
    if (items.length)
      await trx
        .insertInto('exit_plan_item')
        .values(items.map((i) => ({ ...i, plan_id: id })))
        .execute();
    await writeAudit(trx, meta, {
      act: 'exitPlan.create',
      entityType: 'exit-plan',
      entityId: id,
      basisId: 'plan-2020-§3.1',
      after: { territoryCode: input.territoryCode, year: input.year, items },
    });
    return id;
  });
}

export async function updateExitPlanItems(
  db: Kysely<DB>,
  scope: Scope,
  id: number,
  input: { version: number; items: PlanItemInput[] },
  meta: AuditMeta,
): Promise<void> {
  const cur = await findPlan(db, scope, id);
  if (!cur) throw new AppError('NOT_FOUND');
  if (!mayWriteTerritory(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
  if (cur.state !== 'draft' && cur.state !== 'returned')
    throw new AppError('WRONG_STATE', { state: cur.state, reason: 'only a draft or returned plan is edited; a filed plan changes by a new version' });
  programmeChanged();
  await db.transaction().execute(async (trx) => {
    const items = await resolveItems(trx, cur.territory_code, cur.year, input.items);
    const r = await trx
      .updateTable('exit_plan')
      .set({ version: cur.version + 1, updated_at: meta.now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('state', 'in', ['draft', 'returned'])
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { reason: 'the plan changed meanwhile: reload it' });
    const before = await trx
      .selectFrom('exit_plan_item')
      .select(['enterprise_id', 'line_id', 'capacity', 'capacity_unit', 'method', 'target_on', 'workers', 'note'])
      .where('plan_id', '=', id)
      .execute();
    await trx.deleteFrom('exit_plan_item').where('plan_id', '=', id).execute();
    if (items.length)
      await trx
        .insertInto('exit_plan_item')
        .values(items.map((i) => ({ ...i, plan_id: id })))
        .execute();
    await writeAudit(trx, meta, { act: 'exitPlan.editItems', entityType: 'exit-plan', entityId: id, before: { items: before }, after: { items } });
  });
}
