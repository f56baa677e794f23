/**
 * Certificate → API shape: the checks in print order with their labels, what still keeps it from being signed, the
 * sign-offs, who acts next and what this account may do now.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { CHECK_LABELS, checksFor, missingForSigning, nextSignUnit, type SignUnit } from '../../domain/yearend/certificate.ts';
import { certificateWorkers, type CertificateResettlement } from './certificate-workers.ts';
import {
  awaitingAcceptance,
  powerWaterRequired,
  type CaseForCertificate,
  type CertificateRow,
  type LineOfCase,
  type SignoffRow,
} from './certificates.repository.ts';

const UNIT_NAMES: Record<SignUnit, { zh: string; en: string }> = {
  enterprise: { zh: '企业（由县区录入签字扫描件）', en: 'the enterprise (recorded by the county with the signed scan)' },
  territory: { zh: '县区', en: 'the county' },
  department: { zh: '市牵头部门', en: 'the lead city department' },
};

/** Whether this account signs for `unit` on this case's certificate. */
export function maySignAs(actor: Actor, unit: SignUnit, c: Pick<CaseForCertificate, 'territory_code' | 'dimension'>): boolean {
  if (actor.kind !== 'user') return false;
  if (unit === 'enterprise' || unit === 'territory') return actor.role === 'territory' && actor.territoryCode === c.territory_code;
  return actor.role === 'department' && (actor.dimensions as readonly string[]).includes(c.dimension);
}

export function mayEdit(actor: Actor, c: Pick<CaseForCertificate, 'territory_code'>): boolean {
  return actor.kind === 'user' && (actor.role === 'office' || (actor.role === 'territory' && actor.territoryCode === c.territory_code));
}

export function presentCertificate(
  c: CaseForCertificate,
  cert: CertificateRow | undefined,
  signoffs: SignoffRow[],
  lines: LineOfCase[],
  actor: Actor,
  resettlement: CertificateResettlement | null = null,
) {
  const checks = cert?.checks ?? {};
  // a complete certificate shows the figures it was signed on; an open one the resettlement record as it stands
  const workers = cert?.status === 'complete' ? (cert.workers ?? null) : certificateWorkers(resettlement, cert?.workers ?? null);
  const pw = powerWaterRequired(c);
  const content = { dimension: c.dimension, powerWaterRequired: pw, checks, workers };
  const missing = missingForSigning(content);
  const status: 'none' | 'draft' | 'returned' | 'complete' = cert?.status ?? 'none';
  const signed = signoffs.map((s) => s.unit);
  const next = status === 'complete' ? null : nextSignUnit(signed);
  const awaiting = awaitingAcceptance(c);
  const acts: string[] = [];
  if (status !== 'complete' && awaiting && signed.length === 0 && mayEdit(actor, c)) acts.push('edit');
  if (status !== 'complete' && cert && missing.length === 0 && next && maySignAs(actor, next, c)) acts.push('sign');
  if (cert && status !== 'complete' && actor.kind === 'user' && actor.role === 'office') acts.push('return');
  let nextActor: { zh: string; en: string } | null = null;
  if (status === 'complete') nextActor = null;
  else if (!awaiting && !cert) nextActor = { zh: '案件尚未关停待验收', en: 'the case is not yet awaiting acceptance' };
  else if (missing.length > 0 || !cert) nextActor = { zh: '县区：填写检查项并附证据', en: 'the county: answer the checks with evidence' };
  else if (next) nextActor = { zh: `待签署：${UNIT_NAMES[next].zh}`, en: `to sign: ${UNIT_NAMES[next].en}` };
  return {
    id: cert?.id ?? null,
    caseId: c.case_id,
    caseState: c.state,
    awaitingAcceptance: awaiting,
    enterprise: { id: c.enterprise_id, name: c.enterprise_name, creditCode: c.credit_code },
    territoryCode: c.territory_code,
    territoryName: c.territory_name,
    dimension: c.dimension,
    dimensionName: c.dimension_name,
    status,
    number: cert?.number ?? null,
    year: cert?.year ?? null,
    acceptedOn: cert?.accepted_on ?? null,
    opinion: cert?.opinion ?? null,
    returnReason: cert?.return_reason ?? null,
    checks: checksFor(c.dimension).map((key) => ({
      key,
      label: CHECK_LABELS[key].zh,
      labelEn: CHECK_LABELS[key].en,
      required: key !== 'powerWaterCut' || pw,
      answer: checks[key]?.answer ?? null,
      evidenceIds: checks[key]?.evidenceIds ?? [],
      note: checks[key]?.note ?? null,
    })),
    workers,
    resettlement,
    lines: lines.map((l) => ({
      id: l.id,
      name: l.name,
      kindName: l.kind_name,
      sizeValue: l.size_value,
      sizeUnit: l.size_unit,
      capacity: l.capacity,
      capacityUnit: l.capacity_unit,
      state: l.state,
    })),
    missing,
    signoffs: signoffs.map((s) => ({
      unit: s.unit,
      signerName: s.signer_name,
      signedOn: s.signed_on,
      unitCode: s.unit_code,
      evidenceIds: s.evidence_ids,
      recordedBy: s.signed_by_name,
      at: new Date(s.at).toISOString(),
    })),
    nextSignUnit: next,
    nextActor,
    allowedActs: acts,
    version: cert?.version ?? 0,
  };
}
