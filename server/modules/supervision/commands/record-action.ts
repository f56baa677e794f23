/**
 * Records a 通报 or 约谈 (§3.3) for a territory: the indicator values and the criteria in force at that moment are
 * frozen on the record, the 发文字号 is allocated from the office's yearly counter, the territory is notified, all
 * in one transaction with the audit record. Follow-up checks are appended later.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { SYSTEM_ACTOR, type Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { docNumber, slowHits, type ActionKind } from '../../../domain/programme/supervision.ts';
import { localToday } from '../../cases/case-context.ts';
import { assertWritableTerritory, notifyUnit, optText } from '../../problems/programme-common.ts';
import { criteriaInForce } from '../criteria.ts';
import { computeIndicators } from '../indicators.ts';
import { DOC_PREFIX } from '../documents.ts';

export interface ActionInput {
  kind: ActionKind;
  territoryCode: string;
  reason: string;
  heldOn: string;
  place?: string | null | undefined;
  attendees?: string | null | undefined;
  summary?: string | null | undefined;
  commitments?: Array<{ text: string; dueOn: string }> | undefined;
}

export async function recordAction(db: Kysely<DB>, input: ActionInput, meta: AuditMeta): Promise<number> {
  const today = localToday(meta.now);
  await assertWritableTerritory(db, meta.actor, input.territoryCode, today);
  const criteria = await criteriaInForce(db, today);
  const all: Scope = { territories: null, dimensions: null, registry: true };
  const [ind] = await computeIndicators(db, all, today, criteria.thresholds, input.territoryCode);
  if (!ind) throw new AppError('UNKNOWN_TERRITORY', { field: 'territoryCode' });
  const { territoryName: _n, territoryNameEn: _e, ...indicators } = ind;
  const hits = slowHits(indicators, criteria.thresholds);
  const commitments = (input.commitments ?? []).map((c) => ({ text: c.text.trim(), dueOn: c.dueOn }));
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const { n } = await sql<{ n: number }>`
      insert into supervision_doc_counter (year, kind, n) values (${year}, ${input.kind}, 1)
      on conflict (year, kind) do update set n = supervision_doc_counter.n + 1 returning n`
      .execute(trx)
      .then((r) => r.rows[0]!);
    const docNo = docNumber(DOC_PREFIX[input.kind], year, n);
    const { id } = await trx
      .insertInto('supervision_action')
      .values({
        kind: input.kind,
        territory_code: input.territoryCode,
        reason: input.reason.trim(),
        indicators: JSON.stringify(indicators),
        criteria: JSON.stringify({ validFrom: criteria.validFrom, thresholds: criteria.thresholds, basisId: criteria.basisId, hits }),
        held_on: input.heldOn,
        place: optText(input.place),
        attendees: optText(input.attendees),
        summary: optText(input.summary),
        commitments: JSON.stringify(commitments),
        doc_no: docNo,
        created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        created_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, { act: `supervision.${input.kind}`, entityType: 'supervision-action', entityId: id, basisId: 'plan-2020-§3.3', after: { territoryCode: input.territoryCode, docNo, reason: input.reason, indicators, hits, heldOn: input.heldOn, commitments } });
    const what = input.kind === 'summons' ? { zh: '约谈通知', en: 'Summons to a talk' } : { zh: '通报', en: 'Circulated criticism' };
    await notifyUnit(trx, {
      unitKind: 'territory',
      unitCode: input.territoryCode,
      kind: `supervision.${input.kind}`,
      title: `${what.zh}（${docNo}）：${input.kind === 'summons' ? `${input.heldOn} ${optText(input.place) ?? ''}` : input.reason.trim().slice(0, 40)}`,
      titleEn: `${what.en} (${docNo}): ${input.kind === 'summons' ? `${input.heldOn} ${optText(input.place) ?? ''}` : input.reason.trim().slice(0, 40)}`,
    });
    return id;
  });
}

/** Appends a follow-up check (date, what was found) to an action; the office only. */
export async function addFollowUp(db: Kysely<DB>, id: number, input: { on: string; note: string }, meta: AuditMeta): Promise<void> {
  if (input.on > localToday(meta.now)) throw new AppError('INVALID_FIELD', { field: 'on', reason: 'a check is not dated in the future' });
  const by = meta.actor.kind === 'user' ? meta.actor.displayName : SYSTEM_ACTOR.name;
  const entry = { on: input.on, note: input.note.trim(), by };
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('supervision_action')
      .set({ follow_ups: sql`follow_ups || ${JSON.stringify([entry])}::jsonb`, version: sql`version + 1` })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
    await writeAudit(trx, meta, { act: 'supervision.followUp', entityType: 'supervision-action', entityId: id, after: entry });
  });
}
