/**
 * A close-out act on a problem item (§3.1 逐一整改销号): ask close-out with evidence, the office signs off or rejects,
 * the office reopens with a reason. The pure table decides (domain/programme/problems.ts); one transaction writes
 * the item at the version read, the event, the audit record and the notification to whoever acts next.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { moveProblemRollup } from '../../../projections/index.ts';
import { decideProblemAct, type ProblemAct } from '../../../domain/programme/problems.ts';
import { localToday } from '../../../platform/clock.ts';
import { mayWriteTerritory, notifyUnit, programmeChanged, roleOf } from '../programme-common.ts';
import { findProblem } from '../problems.repository.ts';

export interface ProblemActInput {
  kind: ProblemAct;
  date?: string | undefined;
  note?: string | null | undefined;
  evidence?: string[] | undefined;
}

export async function applyProblemAct(db: Kysely<DB>, scope: Scope, id: number, input: ProblemActInput, meta: AuditMeta): Promise<void> {
  const cur = await findProblem(db, scope, id);
  if (!cur) throw new AppError('NOT_FOUND');
  if (!mayWriteTerritory(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
  const today = localToday(meta.now);
  const date = input.date ?? today;
  if (date > today) throw new AppError('INVALID_FIELD', { field: 'date', reason: 'an act is not dated in the future' });
  if (date < cur.found_on) throw new AppError('INVALID_FIELD', { field: 'date', reason: 'an act is not dated before the problem was found' });
  const evidence = [...new Set(input.evidence ?? [])];
  const d = decideProblemAct(cur.state, input.kind, roleOf(meta.actor), { note: input.note ?? null, evidence });
  if ('refused' in d) {
    const { code, field } = d.refused;
    throw new AppError(code, { act: input.kind, state: cur.state, ...(field ? { field } : {}) });
  }
  if (evidence.length) {
    const known = await db.selectFrom('evidence_file').select('sha256').where('sha256', 'in', evidence).execute();
    const missing = evidence.filter((s) => !known.some((k) => k.sha256 === s));
    if (missing.length) throw new AppError('UNKNOWN_EVIDENCE', { field: 'evidence', missing });
  }
  const note = input.note?.trim() || null;
  programmeChanged();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('problem_item')
      .set({ state: d.to, closed_on: d.to === 'closed' ? date : null, version: sql`version + 1`, updated_at: meta.now })
      .where('id', '=', id)
      .where('version', '=', cur.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { reason: 'the item changed meanwhile: reload it' });
    const facts = { territoryCode: cur.territory_code, foundOn: cur.found_on, dueOn: cur.due_on };
    await moveProblemRollup(trx, { ...facts, state: cur.state, closedOn: cur.closed_on }, { ...facts, state: d.to, closedOn: d.to === 'closed' ? date : null });
    await trx
      .insertInto('problem_event')
      .values({
        problem_id: id,
        kind: input.kind,
        on_date: date,
        from_state: cur.state,
        to_state: d.to,
        note,
        evidence,
        actor_id: meta.actor.kind === 'user' ? meta.actor.userId : null,
        at: meta.now,
      })
      .execute();
    await writeAudit(trx, meta, {
      act: `problem.${input.kind}`,
      entityType: 'problem',
      entityId: id,
      basisId: 'plan-2020-§3.1',
      before: { state: cur.state },
      after: { state: d.to, date, note, evidence },
    });
    const short = cur.description.length > 40 ? `${cur.description.slice(0, 40)}…` : cur.description;
    if (input.kind === 'requestClose') {
      await notifyUnit(trx, {
        unitKind: 'office',
        unitCode: 'office',
        kind: 'problem.closeRequested',
        title: `问题销号待审核：${cur.territory_name}·${short}`,
        titleEn: `Problem close-out to sign off: ${short}`,
      });
    } else if (input.kind === 'rejectClose' || input.kind === 'reopen') {
      const zh = input.kind === 'reopen' ? '问题已重新打开' : '问题销号被退回';
      const en = input.kind === 'reopen' ? 'Problem reopened' : 'Problem close-out returned';
      await notifyUnit(trx, {
        unitKind: 'territory',
        unitCode: cur.territory_code,
        kind: `problem.${input.kind}`,
        title: `${zh}：${short}（${note ?? ''}）`,
        titleEn: `${en}: ${short} (${note ?? ''})`,
      });
    } else if (input.kind === 'signOff') {
      await notifyUnit(trx, {
        unitKind: 'territory',
        unitCode: cur.territory_code,
        kind: 'problem.signOff',
        title: `问题已销号：${short}`,
        titleEn: `Problem closed out: ${short}`,
      });
    }
  });
}
