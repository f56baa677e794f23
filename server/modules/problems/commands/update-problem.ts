/** Changes an open problem item (a signed-off or pending close-out is not edited: reopen it first). */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { moveProblemRollup } from '../../../projections/index.ts';
import type { ProblemLevel, ProblemSource } from '../../../domain/programme/problems.ts';
import { localToday } from '../../../platform/clock.ts';
import { mayWriteTerritory, optText, programmeChanged } from '../programme-common.ts';
import { findProblem } from '../problems.repository.ts';

export interface ProblemPatch {
  version: number;
  source?: ProblemSource | undefined;
  sourceRef?: string | null | undefined;
  foundOn?: string | undefined;
  description?: string | undefined;
  level?: ProblemLevel | undefined;
  responsibleUnit?: string | undefined;
  responsiblePerson?: string | null | undefined;
  measure?: string | null | undefined;
  dueOn?: string | undefined;
}

export async function updateProblem(db: Kysely<DB>, scope: Scope, id: number, patch: ProblemPatch, meta: AuditMeta): Promise<void> {
  const cur = await findProblem(db, scope, id);
  if (!cur) throw new AppError('NOT_FOUND');
  if (!mayWriteTerritory(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
  if (cur.state !== 'open') throw new AppError('WRONG_STATE', { state: cur.state, reason: 'only an open item is edited' });
  const next = {
    source: patch.source ?? cur.source,
    source_ref: patch.sourceRef === undefined ? cur.source_ref : optText(patch.sourceRef),
    found_on: patch.foundOn ?? cur.found_on,
    description: patch.description?.trim() ?? cur.description,
    level: patch.level ?? cur.level,
    responsible_unit: patch.responsibleUnit?.trim() ?? cur.responsible_unit,
    responsible_person: patch.responsiblePerson === undefined ? cur.responsible_person : optText(patch.responsiblePerson),
    measure: patch.measure === undefined ? cur.measure : optText(patch.measure),
    due_on: patch.dueOn ?? cur.due_on,
  };
  if (next.due_on < next.found_on) throw new AppError('INVALID_FIELD', { field: 'dueOn', reason: 'the due date is before the date found' });
  const before = Object.fromEntries(Object.keys(next).map((k) => [k, cur[k as keyof typeof cur]]));
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k] !== v));
  programmeChanged();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('problem_item')
      .set({ ...next, version: cur.version + 1, updated_at: meta.now })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .where('version', '=', cur.version) // the roll-up moves from the facts read
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { reason: 'the item changed meanwhile: reload it' });
    await moveProblemRollup(
      trx,
      { territoryCode: cur.territory_code, state: 'open', foundOn: cur.found_on, dueOn: cur.due_on, closedOn: cur.closed_on },
      { territoryCode: cur.territory_code, state: 'open', foundOn: next.found_on, dueOn: next.due_on, closedOn: cur.closed_on },
    );
    if (Object.keys(changed).length) {
      await trx
        .insertInto('problem_event')
        .values({
          problem_id: id,
          kind: 'update',
          on_date: localToday(meta.now),
          from_state: 'open',
          to_state: 'open',
          note: Object.keys(changed).join(', '),
          actor_id: meta.actor.kind === 'user' ? meta.actor.userId : null,
          at: meta.now,
        })
        .execute();
    }
    await writeAudit(trx, meta, {
      act: 'problem.update',
      entityType: 'problem',
      entityId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k]])),
      after: changed,
    });
  });
}
