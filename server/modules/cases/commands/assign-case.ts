/**
 * Assign a case to a person (承办人) or clear it (issue 17 item 2): one transaction that locks the case, checks the
 * policy (assignee.policy.ts, a LOCAL CHOICE), sets `case_file.assignee_id`, writes the `case.assign` audit record and
 * notifies the new assignee. Naming the person already assigned changes nothing (no audit record, no second
 * notification). The case's `version` (the acts' optimistic lock) is not bumped: an assignment is not an act of
 * the case's law and must not make a pending act form stale.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { caseReadScope } from '../../../platform/auth/scope-sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayAssign, mayBeAssigned } from '../assignee.policy.ts';

export interface AssignInput {
  assigneeId: number | null;
  note?: string | undefined;
}

export interface AssignResult {
  caseId: number;
  assigneeId: number | null;
  assigneeName: string | null;
  /** false: the case already had this assignee (nothing written) */
  changed: boolean;
}

const unitOfAccount = (u: { role: string; territory_code: string | null; department_code: string | null }) =>
  u.role === 'territory' && u.territory_code
    ? { unit_kind: 'territory' as const, unit_code: u.territory_code }
    : u.role === 'department' && u.department_code
      ? { unit_kind: 'department' as const, unit_code: u.department_code }
      : { unit_kind: 'office' as const, unit_code: 'office' };

export async function assignCase(db: Kysely<DB>, scope: Scope, caseId: number, input: AssignInput, meta: AuditMeta): Promise<AssignResult> {
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('case_file as c')
      .select(['c.id', 'c.territory_code', 'c.department_code', 'c.closed', 'c.assignee_id', 'c.enterprise_id'])
      .where('c.id', '=', caseId)
      .where(caseReadScope(scope, 'c.territory_code', 'c.dimension', 'c.snapshot'))
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw new AppError('NOT_FOUND');
    const kase = { territoryCode: c.territory_code, departmentCode: c.department_code, closed: c.closed };
    if (!mayAssign(meta.actor, kase)) throw new AppError('CASE_ASSIGN_FORBIDDEN');
    if (c.closed) throw new AppError('CASE_CLOSED');

    const account =
      input.assigneeId === null
        ? null
        : await trx
            .selectFrom('app_user')
            .select(['id', 'display_name', 'role', 'territory_code', 'department_code', 'disabled_at'])
            .where('id', '=', input.assigneeId)
            .executeTakeFirst();
    if (input.assigneeId !== null) {
      const eligible =
        account &&
        mayBeAssigned(meta.actor, kase, {
          role: account.role,
          territoryCode: account.territory_code,
          departmentCode: account.department_code,
          active: account.disabled_at === null,
        });
      if (!eligible) throw new AppError('ASSIGNEE_NOT_ELIGIBLE', { field: 'assigneeId' });
    }
    const assigneeName = account?.display_name ?? null;
    const previous = c.assignee_id === null ? null : Number(c.assignee_id);
    if (previous === input.assigneeId) return { caseId, assigneeId: previous, assigneeName, changed: false };

    const before = previous === null ? null : await trx.selectFrom('app_user').select('display_name').where('id', '=', previous).executeTakeFirst();
    await trx.updateTable('case_file').set({ assignee_id: input.assigneeId }).where('id', '=', caseId).execute();
    await writeAudit(trx, meta, {
      act: 'case.assign',
      entityType: 'case',
      entityId: caseId,
      before: { assigneeId: previous, assigneeName: before?.display_name ?? null },
      after: { assigneeId: input.assigneeId, assigneeName, ...(input.note ? { note: input.note } : {}) },
    });
    if (account) {
      const e = await trx.selectFrom('enterprise').select('name').where('id', '=', c.enterprise_id).executeTakeFirst();
      const who = e ? `（${e.name}）` : '';
      await trx
        .insertInto('notification')
        .values({
          ...unitOfAccount(account),
          user_id: account.id,
          case_id: caseId,
          kind: 'case.assigned',
          title: `案件 #${caseId}${who}已指派给您承办`,
          title_en: `Case #${caseId}${e ? ` (${e.name})` : ''} was assigned to you`,
        })
        .execute();
    }
    return { caseId, assigneeId: input.assigneeId, assigneeName, changed: true };
  });
}
