/**
 * Records the service (送达) of a document: how (direct, post with tracking number, electronic, public
 * announcement), when, to whom, by whom, with the receipt as evidence. A period that runs from service (the
 * 限期整改通知书: "自本通知送达之日起算"; counting from service is the city's local choice case.periodRunsFromService,
 * server/domain/lifecycle/service.ts) runs from this date: served later than the act that issued it, the case's
 * deadline moves (the registered service effect: the system's recordService act) in the SAME transaction, so the
 * case and the service record never show two starting days. A refusal of that act refuses the service record too.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Scope } from '../../../platform/auth/actor.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { findDocument } from '../documents.repository.ts';
import { templateOf } from '../documents.service.ts';
import { serviceEffect } from '../service-effects.ts';

export interface ServeInput {
  method: 'direct' | 'post' | 'electronic' | 'announcement';
  servedOn: string;
  recipient: string;
  trackingNo?: string | undefined;
  receiptSha256?: string | undefined;
  note?: string | undefined;
}

export async function serveDocument(db: Kysely<DB>, scope: Scope, id: number, input: ServeInput, meta: AuditMeta, today: string): Promise<number> {
  const doc = await findDocument(db, scope, id);
  if (!doc) throw new AppError('NOT_FOUND');
  if (doc.status === 'voided') throw new AppError('DOCUMENT_VOIDED', { documentId: id, number: doc.number });
  if (input.method === 'post' && !input.trackingNo)
    throw new AppError('INVALID_FIELD', { field: 'trackingNo', reason: '邮寄送达须填写邮件单号 / post needs the tracking number' });
  if (input.servedOn < doc.doc_date)
    throw new AppError('INVALID_FIELD', {
      field: 'servedOn',
      reason: `送达日期不得早于成文日期 ${doc.doc_date} / service cannot precede the document`,
      docDate: doc.doc_date,
    });
  if (input.servedOn > today)
    throw new AppError('INVALID_FIELD', { field: 'servedOn', reason: `送达日期不得晚于今天 ${today} / service cannot be in the future`, today });
  const movesDeadline =
    templateOf(doc.kind).deadlineFromService === true && doc.case_id !== null && doc.act_id !== null && doc.act_date !== null && input.servedOn > doc.act_date;
  return db.transaction().execute(async (trx) => {
    if (input.receiptSha256) {
      const known = await trx.selectFrom('evidence_file').select('sha256').where('sha256', '=', input.receiptSha256).executeTakeFirst();
      if (!known) throw new AppError('UNKNOWN_EVIDENCE', { missing: [input.receiptSha256], field: 'receiptSha256' });
    }
    const row = await trx
      .insertInto('document_service')
      .values({
        document_id: id,
        method: input.method,
        served_on: input.servedOn,
        recipient: input.recipient.trim(),
        tracking_no: input.trackingNo ?? null,
        receipt_sha256: input.receiptSha256 ?? null,
        note: input.note ?? null,
        served_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        created_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: 'document.serve',
      entityType: 'document',
      entityId: id,
      basisId: doc.basis_id,
      after: {
        serviceId: Number(row.id),
        number: doc.number,
        method: input.method,
        servedOn: input.servedOn,
        recipient: input.recipient,
        trackingNo: input.trackingNo ?? null,
        receiptSha256: input.receiptSha256 ?? null,
        caseId: doc.case_id,
      },
    });
    const effect = serviceEffect();
    if (movesDeadline && effect) {
      await effect(
        trx,
        { caseId: Number(doc.case_id), actId: Number(doc.act_id), servedOn: input.servedOn, documentNo: doc.number, method: input.method },
        meta,
      );
    }
    return Number(row.id);
  });
}
