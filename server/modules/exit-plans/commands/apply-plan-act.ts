/**
 * An act on an exit plan (§3.1 备案): submit, file (office: 备案号 and date), return with comments (office), or start
 * a new version of a filed plan with its reason (a copy of the items as a new draft; the filed version stays in
 * force until the new one is filed, then it is superseded). One transaction: the record at the version read, the
 * audit record and the notification to whoever acts next.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { decidePlanAct, type PlanAct } from '../../../domain/programme/plans.ts';
import { localToday } from '../../../platform/clock.ts';
import { isUniqueViolation } from '../../enterprises/index.ts';
import { mayWriteTerritory, notifyUnit, optText, programmeChanged, roleOf } from '../../problems/index.ts';
import { findPlan } from '../exit-plans.repository.ts';
import { refreshPlanRollup } from '../../../projections/index.ts';

export interface PlanActInput {
  kind: PlanAct;
  version: number;
  filingNo?: string | null | undefined;
  filedOn?: string | undefined;
  comments?: string | null | undefined;
  reason?: string | null | undefined;
}

/** Applies the act; answers the id of the plan the caller should see next (the new draft for newVersion). */
export async function applyPlanAct(db: Kysely<DB>, scope: Scope, id: number, input: PlanActInput, meta: AuditMeta): Promise<number> {
  const cur = await findPlan(db, scope, id);
  if (!cur) throw new AppError('NOT_FOUND');
  if (!mayWriteTerritory(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
  const today = localToday(meta.now);
  const n = await db
    .selectFrom('exit_plan_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', id)
    .executeTakeFirstOrThrow();
  const d = decidePlanAct(cur.state, input.kind, roleOf(meta.actor), {
    itemCount: Number(n.n),
    filingNo: input.filingNo,
    comments: input.comments,
    reason: input.reason,
  });
  if ('refused' in d) throw new AppError(d.refused.code, { act: input.kind, state: cur.state, ...(d.refused.field ? { field: d.refused.field } : {}) });
  const filedOn = input.filedOn ?? today;
  if (input.kind === 'file' && filedOn > today) throw new AppError('INVALID_FIELD', { field: 'filedOn', reason: 'a filing is not dated in the future' });
  const label = `${cur.territory_name}${cur.year}年落后产能退出计划（第${cur.plan_version}版）`;
  const labelEn = `${cur.year} exit plan of ${cur.territory_name} (version ${cur.plan_version})`;

  programmeChanged();
  return db.transaction().execute(async (trx) => {
    const moved = async (r: Promise<{ numUpdatedRows: bigint }>) => {
      if (Number((await r).numUpdatedRows) !== 1) throw new AppError('CONFLICT', { reason: 'the plan changed meanwhile: reload it' });
    };
    const upd = () => trx.updateTable('exit_plan').where('id', '=', id).where('version', '=', input.version).where('state', '=', cur.state);
    const audit = (after: Record<string, unknown>, entityId = id) =>
      writeAudit(trx, meta, {
        act: `exitPlan.${input.kind}`,
        entityType: 'exit-plan',
        entityId,
        basisId: 'plan-2020-§3.1',
        before: { state: cur.state },
        after,
      });
    switch (input.kind) {
      case 'submit':
        await moved(
          upd()
            .set({ state: 'submitted', submitted_on: today, version: sql`version + 1`, updated_at: meta.now })
            .executeTakeFirst(),
        );
        await audit({ state: 'submitted', submittedOn: today });
        await notifyUnit(trx, {
          unitKind: 'office',
          unitCode: 'office',
          kind: 'exitPlan.submitted',
          title: `退出计划待备案：${label}`,
          titleEn: `Exit plan to file: ${labelEn}`,
        });
        return id;
      case 'return': {
        const comments = optText(input.comments);
        await moved(
          upd()
            .set({ state: 'returned', return_comments: comments, returned_on: today, version: sql`version + 1`, updated_at: meta.now })
            .executeTakeFirst(),
        );
        await audit({ state: 'returned', comments, returnedOn: today });
        await notifyUnit(trx, {
          unitKind: 'territory',
          unitCode: cur.territory_code,
          kind: 'exitPlan.returned',
          title: `退出计划被退回：${label}（${comments}）`,
          titleEn: `Exit plan returned: ${labelEn} (${comments})`,
        });
        return id;
      }
      case 'file': {
        const filingNo = optText(input.filingNo);
        await moved(
          upd()
            .set({ state: 'filed', filing_no: filingNo, filed_on: filedOn, return_comments: null, version: sql`version + 1`, updated_at: meta.now })
            .executeTakeFirst(),
        );
        if (cur.previous_id)
          await trx
            .updateTable('exit_plan')
            .set({ state: 'superseded', version: sql`version + 1`, updated_at: meta.now })
            .where('id', '=', cur.previous_id)
            .where('state', '=', 'filed')
            .execute();
        // the supervision indicators' roll-up of the filed plans: this territory's year now counts this version's items
        await refreshPlanRollup(trx, cur.territory_code, cur.year);
        await audit({ state: 'filed', filingNo, filedOn, supersedes: cur.previous_id });
        await notifyUnit(trx, {
          unitKind: 'territory',
          unitCode: cur.territory_code,
          kind: 'exitPlan.filed',
          title: `退出计划已备案：${label}，备案号 ${filingNo}`,
          titleEn: `Exit plan filed: ${labelEn}, No. ${filingNo}`,
        });
        return id;
      }
      case 'newVersion': {
        const reason = optText(input.reason);
        await moved(upd().set({ updated_at: meta.now }).executeTakeFirst());
        let newId: number;
        try {
          newId = (
            await trx
              .insertInto('exit_plan')
              .values({
                territory_code: cur.territory_code,
                year: cur.year,
                plan_version: cur.plan_version + 1,
                previous_id: id,
                change_reason: reason,
                created_at: meta.now,
                updated_at: meta.now,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        } catch (e) {
          if (isUniqueViolation(e)) throw new AppError('CONFLICT', { reason: 'a new version of this plan is already in work' });
          throw e;
        }
        await sql`insert into exit_plan_item (plan_id, enterprise_id, line_id, capacity, capacity_unit, method, target_on, workers, note)
                  select ${newId}, enterprise_id, line_id, capacity, capacity_unit, method, target_on, workers, note from exit_plan_item where plan_id = ${id} order by id`.execute(
          trx,
        );
        await audit({ newPlanId: newId, planVersion: cur.plan_version + 1, reason }, newId);
        return newId;
      }
    }
  });
}
