/**
 * Records (creates or replaces) an enterprise's resettlement figures, with optimistic concurrency on `version`
 * (0 = create) and one audit record in the same transaction. Out of scope = NOT_FOUND; in scope without the right
 * to write = FORBIDDEN; figures breaking §2.6 rules = INVALID_FIELD naming the field.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { scopeOf } from '../../../platform/auth/actor.ts';
import { territoryScope } from '../../../platform/auth/scope-sql.ts';
import { checkResettlement, type ResettlementFigures } from '../resettlement.rules.ts';
import { mayWriteResettlement } from '../resettlement.presenter.ts';

export interface ResettlementInput extends ResettlementFigures {
  version: number;
  note?: string | null | undefined;
}

const money = (s: string) => Number(s).toFixed(2);

export async function saveResettlement(db: Kysely<DB>, enterpriseId: number, input: ResettlementInput, meta: AuditMeta): Promise<void> {
  const today = meta.now.toISOString().slice(0, 10);
  const broken = checkResettlement(input, today);
  if (broken) throw new AppError('INVALID_FIELD', { field: broken.field, reason: broken.reason, reasonZh: broken.reasonZh });
  await db.transaction().execute(async (trx) => {
    const ent = await trx
      .selectFrom('enterprise')
      .select(['id', 'territory_code'])
      .where('id', '=', enterpriseId)
      .where(territoryScope(scopeOf(meta.actor), 'territory_code'))
      .executeTakeFirst();
    if (!ent) throw new AppError('NOT_FOUND');
    if (!mayWriteResettlement(meta.actor, ent.territory_code)) throw new AppError('FORBIDDEN');
    const cur = await trx.selectFrom('resettlement').selectAll().where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();
    const curVersion = cur?.version ?? 0;
    if (input.version !== curVersion) throw new AppError('CONFLICT', { currentVersion: curVersion });
    const values = {
      workers_affected: input.workersAffected,
      transferred: input.transferred,
      reemployed: input.reemployed,
      retired: input.retired,
      other: input.other,
      funds_planned: money(input.fundsPlanned),
      funds_paid: money(input.fundsPaid),
      plan_filed_on: input.planFiledOn,
      risk_assessed: input.riskAssessed,
      risk_level: input.riskLevel,
      risk_assessed_on: input.riskAssessedOn,
      risk_plan: input.riskPlan,
      note: input.note?.trim() ? input.note.trim() : null,
      updated_at: meta.now,
      updated_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
    };
    if (cur) {
      await trx
        .updateTable('resettlement')
        .set({ ...values, version: curVersion + 1 })
        .where('enterprise_id', '=', enterpriseId)
        .execute();
    } else {
      await trx
        .insertInto('resettlement')
        .values({ enterprise_id: enterpriseId, ...values, created_at: meta.now })
        .execute();
    }
    const before = cur ? { ...cur, created_at: undefined, updated_at: undefined } : null;
    await writeAudit(trx, meta, {
      act: cur ? 'resettlement.update' : 'resettlement.create',
      entityType: 'enterprise',
      entityId: enterpriseId,
      basisId: 'plan-2020-§2.6',
      before,
      after: { ...values, updated_at: undefined },
    });
  });
}
