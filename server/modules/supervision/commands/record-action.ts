/**
 * Records a 通报 or 约谈 (§3.3) for a territory: the indicator values and the criteria in force at that moment are
 * frozen on the record, its document (通报 / 约谈通知) is issued through the document service with its 发文字号, the
 * territory is notified, all in one transaction with the audit records. Follow-up checks are appended later.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { SYSTEM_ACTOR, type Scope } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { slowHits, type ActionKind, type Hit, type Indicators } from '../../../domain/programme/supervision.ts';
import { issueDocument, renderIssuedDocument } from '../../documents/index.ts';
import { localToday } from '../../../platform/clock.ts';
import { assertWritableTerritory, notifyUnit, optText, programmeChanged } from '../../problems/index.ts';
import { criteriaInForce } from '../criteria.ts';
import { computeIndicators } from '../indicators.ts';

const CRITERION_ZH: Record<string, string> = {
  planCompletion: '退出计划到期完成率',
  latePlanItems: '逾期未完成的计划项',
  overdueCases: '逾期未办结案件',
  overdueProblems: '逾期未销号问题',
  daysSinceProgress: '距最近一次进展天数',
  oldOpenItems: '长期未销号问题',
};

/** The frozen figures as the document prints them, with the criteria they met (the office's thresholds). */
export function figures(i: Indicators, hits: readonly Hit[]): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `退出计划到期完成率：${i.planCompletion === null ? '无到期计划项' : pct(i.planCompletion)}；逾期未完成计划项 ${i.latePlanItems} 项`,
    `逾期未办结案件 ${i.overdueCases} 件；未销号问题 ${i.openProblems} 个，其中逾期 ${i.overdueProblems} 个`,
    `距最近一次工作进展 ${i.daysSinceProgress === null ? '—' : `${i.daysSinceProgress} 天`}`,
  ];
  for (const h of hits) {
    const v = h.criterion === 'planCompletion' ? pct(h.value) : String(h.value);
    const t = h.criterion === 'planCompletion' ? `低于 ${(h.threshold * 100).toFixed(0)}%` : `达到 ${h.threshold}`;
    lines.push(`${CRITERION_ZH[h.criterion] ?? h.criterion}为 ${v}（市淘汰落后产能工作领导小组办公室设定的标准：${t}）`);
  }
  return lines;
}

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

export async function recordAction(db: Kysely<DB>, input: ActionInput, meta: AuditMeta, opts: { referenceSet?: string } = {}): Promise<number> {
  const today = localToday(meta.now);
  await assertWritableTerritory(db, meta.actor, input.territoryCode, today);
  const criteria = await criteriaInForce(db, today);
  const all: Scope = { territories: null, dimensions: null, registry: true };
  const [ind] = await computeIndicators(db, all, today, criteria.thresholds, input.territoryCode);
  if (!ind) throw new AppError('UNKNOWN_TERRITORY', { field: 'territoryCode' });
  const { territoryName: _n, territoryNameEn: _e, ...indicators } = ind;
  const hits = slowHits(indicators, criteria.thresholds);
  const commitments = (input.commitments ?? []).map((c) => ({ text: c.text.trim(), dueOn: c.dueOn }));
  programmeChanged();
  const done = await db.transaction().execute(async (trx) => {
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
        created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        created_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const doc = await issueDocument(
      trx,
      {
        kind: `supervision-${input.kind}`,
        issuingUnit: 'office',
        date: today,
        subject: { entityType: 'supervision-action', entityId: id, territoryCode: input.territoryCode },
        basisId: 'plan-2020-§3.3',
        content: {
          territoryName: ind.territoryName,
          reason: input.reason.trim(),
          figures: figures(indicators, hits),
          heldOn: input.heldOn,
          place: optText(input.place),
          attendees: optText(input.attendees),
          summary: optText(input.summary),
          commitments,
        },
      },
      meta,
      opts.referenceSet ? { referenceSet: opts.referenceSet } : {},
    );
    const docNo = doc.number;
    await trx.updateTable('supervision_action').set({ doc_no: docNo, document_id: doc.id }).where('id', '=', id).execute();
    await writeAudit(trx, meta, {
      act: `supervision.${input.kind}`,
      entityType: 'supervision-action',
      entityId: id,
      basisId: 'plan-2020-§3.3',
      after: { territoryCode: input.territoryCode, docNo, reason: input.reason, indicators, hits, heldOn: input.heldOn, commitments },
    });
    const what = input.kind === 'summons' ? { zh: '约谈通知', en: 'Summons to a talk' } : { zh: '通报', en: 'Circulated criticism' };
    await notifyUnit(trx, {
      unitKind: 'territory',
      unitCode: input.territoryCode,
      kind: `supervision.${input.kind}`,
      title: `${what.zh}（${docNo}）：${input.kind === 'summons' ? `${input.heldOn} ${optText(input.place) ?? ''}` : input.reason.trim().slice(0, 40)}`,
      titleEn: `${what.en} (${docNo}): ${input.kind === 'summons' ? `${input.heldOn} ${optText(input.place) ?? ''}` : input.reason.trim().slice(0, 40)}`,
    });
    return { id, documentId: doc.id };
  });
  // the document service renders version 1 after the commit (as the case acts do)
  await renderIssuedDocument(db, done.documentId, meta);
  return done.id;
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
