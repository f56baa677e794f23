/**
 * The acceptance certificate's use cases (plan §3.4): save its checks (county or office), sign it (enterprise
 * representative recorded by the county, the county, the lead city department — in that order), return it (office).
 * The last sign-off completes it, gives it its number and performs the case's `accept` act through the case-act
 * command in the SAME transaction (certificate number = certificateId), so the capacity ledger keeps one writer and
 * capacity counts as exited only when its certificate is complete.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { scopeOf } from '../../../platform/auth/actor.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  certificateNumber,
  missingForSigning,
  nextSignUnit,
  type CheckKey,
  type CheckRecord,
  type SignUnit,
  type WorkersRecord,
} from '../../../domain/yearend/certificate.ts';
import { applyCaseActIn } from '../../cases/index.ts';
import {
  awaitingAcceptance,
  caseForCertificate,
  certificateOfCase,
  powerWaterRequired,
  signoffsOf,
  type CaseForCertificate,
} from '../certificates.repository.ts';
import { mayEdit, maySignAs } from '../certificate.presenter.ts';
import { certificateWorkers, resettlementOf } from '../certificate-workers.ts';

const BASIS = 'plan-2020-§3.4';

export interface SaveCertificateInput {
  checks?: Partial<Record<CheckKey, CheckRecord>> | undefined;
  workers?: Omit<WorkersRecord, 'source'> | null | undefined;
  opinion?: string | null | undefined;
  version?: number | undefined;
}

async function requireEvidence(q: Kysely<DB> | Transaction<DB>, ids: string[]): Promise<void> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return;
  const known = await q.selectFrom('evidence_file').select('sha256').where('sha256', 'in', uniq).execute();
  const have = new Set(known.map((k) => k.sha256));
  const missing = uniq.filter((h) => !have.has(h));
  if (missing.length) throw new AppError('UNKNOWN_EVIDENCE', { missing });
}

async function scopedCase(trx: Transaction<DB>, meta: AuditMeta, caseId: number): Promise<CaseForCertificate> {
  const c = await caseForCertificate(trx, scopeOf(meta.actor), caseId, true);
  if (!c) throw new AppError('NOT_FOUND', { caseId });
  return c;
}

/** Creates the certificate of a case awaiting acceptance, or changes its checks while nobody has signed it. */
export async function saveCertificate(db: Kysely<DB>, caseId: number, input: SaveCertificateInput, meta: AuditMeta): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const c = await scopedCase(trx, meta, caseId);
    if (!mayEdit(meta.actor, c)) throw new AppError('FORBIDDEN', { reason: 'the county of the case or the office fills in the certificate' });
    const cert = await certificateOfCase(trx, caseId, true);
    if (cert?.status === 'complete') throw new AppError('CERTIFICATE_LOCKED', { number: cert.number });
    if (!cert && !awaitingAcceptance(c)) throw new AppError('NOT_AWAITING_ACCEPTANCE', { caseId, state: c.state });
    if (cert && input.version !== undefined && input.version !== cert.version)
      throw new AppError('CONFLICT', { reason: 'the certificate changed since it was read', expected: input.version, actual: cert.version });
    if (cert && (await signoffsOf(trx, cert.id)).length > 0) {
      throw new AppError('CERTIFICATE_LOCKED', { reason: 'signed in part: the office returns it before it can change' });
    }
    const checks = { ...(cert?.checks ?? {}), ...(input.checks ?? {}) };
    const typed: WorkersRecord | null =
      input.workers === undefined ? (cert?.workers ?? null) : input.workers === null ? null : { ...input.workers, source: 'typed' };
    // the worker-resettlement record's numbers, where one exists, stand instead of typed ones (plan §2.6)
    const workers = certificateWorkers(await resettlementOf(trx, c.enterprise_id), typed);
    await requireEvidence(trx, [...Object.values(checks).flatMap((r) => r?.evidenceIds ?? []), ...(workers?.evidenceIds ?? [])]);
    const opinion = input.opinion === undefined ? (cert?.opinion ?? null) : input.opinion;
    let id: number;
    if (!cert) {
      const row = await trx
        .insertInto('acceptance_certificate')
        .values({
          case_id: caseId,
          enterprise_id: c.enterprise_id,
          territory_code: c.territory_code,
          dimension: c.dimension,
          checks: JSON.stringify(checks),
          workers: workers ? JSON.stringify(workers) : null,
          opinion,
          created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
          created_at: meta.now,
          updated_at: meta.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } else {
      id = cert.id;
      await trx
        .updateTable('acceptance_certificate')
        .set({
          checks: JSON.stringify(checks),
          workers: workers ? JSON.stringify(workers) : null,
          opinion,
          status: cert.status === 'returned' ? 'returned' : 'draft',
          updated_at: meta.now,
          version: cert.version + 1,
        })
        .where('id', '=', id)
        .execute();
    }
    await writeAudit(trx, meta, {
      act: cert ? 'certificate.update' : 'certificate.create',
      entityType: 'certificate',
      entityId: id,
      basisId: BASIS,
      before: cert ? { checks: cert.checks, workers: cert.workers, opinion: cert.opinion, version: cert.version } : null,
      after: { caseId, checks, workers, opinion, version: (cert?.version ?? 0) + 1 },
    });
    return id;
  });
}

export interface SignInput {
  unit: SignUnit;
  signerName: string;
  date: string;
  evidenceIds?: string[] | undefined;
}

export interface SignOutcome {
  certificateId: number;
  complete: boolean;
  number: string | null;
  actId: number | null;
}

/** Numbers certificates per year; the upsert's row lock serialises concurrent completions. */
async function nextNumber(trx: Transaction<DB>, year: number): Promise<string> {
  const r = await sql<{ last_seq: number }>`insert into acceptance_counter (year, last_seq) values (${year}, 1)
    on conflict (year) do update set last_seq = acceptance_counter.last_seq + 1 returning last_seq`.execute(trx);
  return certificateNumber(year, Number(r.rows[0]!.last_seq));
}

/**
 * Records one sign-off. The enterprise's representative is recorded by a county account with the signed scan as
 * evidence; the county signs next; the lead city department signs last, which completes the certificate and
 * performs the case's accept act on the same date, in the same transaction.
 */
export async function signCertificate(db: Kysely<DB>, caseId: number, input: SignInput, meta: AuditMeta, today: string): Promise<SignOutcome> {
  return db.transaction().execute(async (trx) => {
    const c = await scopedCase(trx, meta, caseId);
    const cert = await certificateOfCase(trx, caseId, true);
    if (!cert) throw new AppError('CERTIFICATE_INCOMPLETE', { reason: 'no certificate has been filled in for this case' });
    if (cert.status === 'complete') throw new AppError('CERTIFICATE_LOCKED', { number: cert.number });
    // the resettlement figures as they stand at signing (the record may have moved since the certificate was saved)
    const workers = certificateWorkers(await resettlementOf(trx, c.enterprise_id), cert.workers);
    if (JSON.stringify(workers) !== JSON.stringify(cert.workers)) {
      await trx
        .updateTable('acceptance_certificate')
        .set({ workers: workers ? JSON.stringify(workers) : null })
        .where('id', '=', cert.id)
        .execute();
    }
    const missing = missingForSigning({ dimension: c.dimension, powerWaterRequired: powerWaterRequired(c), checks: cert.checks, workers });
    if (missing.length) throw new AppError('CERTIFICATE_INCOMPLETE', { missing });
    const signed = (await signoffsOf(trx, cert.id)).map((s) => s.unit);
    const next = nextSignUnit(signed);
    if (input.unit !== next) throw new AppError('SIGN_OUT_OF_ORDER', { expected: next, got: input.unit });
    if (!maySignAs(meta.actor, input.unit, c)) throw new AppError('NOT_SIGNING_UNIT', { unit: input.unit });
    if (input.date > today) throw new AppError('INVALID_FIELD', { field: '/date', reason: 'a sign-off cannot be dated in the future', today });
    const evidence = [...new Set(input.evidenceIds ?? [])];
    if (input.unit === 'enterprise' && evidence.length === 0)
      throw new AppError('INVALID_FIELD', { field: '/evidenceIds', reason: "the enterprise representative's signed scan is required" });
    await requireEvidence(trx, evidence);
    const unitCode = meta.actor.kind === 'user' ? (input.unit === 'department' ? meta.actor.departmentCode : meta.actor.territoryCode) : null;
    await trx
      .insertInto('acceptance_signoff')
      .values({
        certificate_id: cert.id,
        unit: input.unit,
        signer_name: input.signerName,
        signed_on: input.date,
        signed_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        unit_code: unitCode,
        evidence_ids: evidence,
        at: meta.now,
      })
      .execute();
    const last = nextSignUnit([...signed, input.unit]) === null;
    let number: string | null = null;
    let actId: number | null = null;
    if (last) {
      const year = Number(input.date.slice(0, 4));
      number = await nextNumber(trx, year);
      await trx
        .updateTable('acceptance_certificate')
        .set({ status: 'complete', number, year, accepted_on: input.date, updated_at: meta.now, version: cert.version + 1 })
        .where('id', '=', cert.id)
        .execute();
      // the case's accept act: lines → exited, the ledger counts them (by this acceptance date)
      const done = await applyCaseActIn(trx, caseId, { kind: 'accept', date: input.date, payload: { certificateId: number } }, meta);
      actId = done.actId;
      await trx.updateTable('acceptance_certificate').set({ act_id: actId }).where('id', '=', cert.id).execute();
    } else {
      await trx
        .updateTable('acceptance_certificate')
        .set({ updated_at: meta.now, version: cert.version + 1 })
        .where('id', '=', cert.id)
        .execute();
    }
    await writeAudit(trx, meta, {
      act: last ? 'certificate.complete' : 'certificate.sign',
      entityType: 'certificate',
      entityId: cert.id,
      basisId: BASIS,
      before: { status: cert.status, signed, version: cert.version },
      after: {
        unit: input.unit,
        signerName: input.signerName,
        date: input.date,
        evidenceIds: evidence,
        status: last ? 'complete' : cert.status,
        ...(last ? { number, actId } : {}),
        ...(workers?.source === 'resettlement' ? { workers } : {}),
        version: cert.version + 1,
      },
    });
    return { certificateId: cert.id, complete: last, number, actId };
  });
}

/** The office returns a certificate with its reason: the sign-offs are withdrawn and the county corrects it. */
export async function returnCertificate(db: Kysely<DB>, caseId: number, reason: string, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await scopedCase(trx, meta, caseId);
    const cert = await certificateOfCase(trx, caseId, true);
    if (!cert) throw new AppError('CERTIFICATE_INCOMPLETE', { reason: 'no certificate has been filled in for this case' });
    if (cert.status === 'complete') throw new AppError('CERTIFICATE_LOCKED', { number: cert.number });
    const signed = await signoffsOf(trx, cert.id);
    await trx.deleteFrom('acceptance_signoff').where('certificate_id', '=', cert.id).execute();
    await trx
      .updateTable('acceptance_certificate')
      .set({ status: 'returned', return_reason: reason, updated_at: meta.now, version: cert.version + 1 })
      .where('id', '=', cert.id)
      .execute();
    await writeAudit(trx, meta, {
      act: 'certificate.return',
      entityType: 'certificate',
      entityId: cert.id,
      basisId: BASIS,
      before: {
        status: cert.status,
        signoffs: signed.map((s) => ({ unit: s.unit, signerName: s.signer_name, signedOn: s.signed_on, evidenceIds: s.evidence_ids })),
        version: cert.version,
      },
      after: { status: 'returned', reason, version: cert.version + 1 },
    });
  });
}

/**
 * The demo's and tests' way to an accepted exit without accounts: a complete certificate (every check answered with
 * `evidence`, signed by the system for the three units) and the accept act, in one transaction.
 */
export async function acceptThroughCertificateAsSystem(
  db: Kysely<DB>,
  caseId: number,
  date: string,
  evidence: string,
  meta: AuditMeta,
  role: 'office' | 'department' = 'office',
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const c = await caseForCertificate(trx, scopeOf(meta.actor), caseId, true);
    if (!c) throw new AppError('NOT_FOUND', { caseId });
    const yes = { answer: 'yes' as const, evidenceIds: [evidence] };
    const checks = { productionCeased: yes, equipmentDismantled: yes, linesShut: yes, powerWaterCut: yes, noRestart: yes, sitePhotos: yes };
    const number = await nextNumber(trx, Number(date.slice(0, 4)));
    const row = await trx
      .insertInto('acceptance_certificate')
      .values({
        case_id: caseId,
        enterprise_id: c.enterprise_id,
        territory_code: c.territory_code,
        dimension: c.dimension,
        status: 'complete',
        checks: JSON.stringify(checks),
        workers: JSON.stringify({ employees: 0, resettled: 0, evidenceIds: [evidence], source: 'typed' }),
        number,
        year: Number(date.slice(0, 4)),
        accepted_on: date,
        created_at: meta.now,
        updated_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('acceptance_signoff')
      .values(
        (['enterprise', 'territory', 'department'] as const).map((unit) => ({
          certificate_id: Number(row.id),
          unit,
          signer_name: 'system',
          signed_on: date,
          evidence_ids: [evidence],
          at: meta.now,
        })),
      )
      .execute();
    const done = await applyCaseActIn(trx, caseId, { kind: 'accept', date, payload: { certificateId: number } }, meta, { role });
    await trx.updateTable('acceptance_certificate').set({ act_id: done.actId }).where('id', '=', Number(row.id)).execute();
    await writeAudit(trx, meta, {
      act: 'certificate.complete',
      entityType: 'certificate',
      entityId: Number(row.id),
      basisId: BASIS,
      before: null,
      after: { caseId, number, actId: done.actId, system: true },
    });
    return number;
  });
}
