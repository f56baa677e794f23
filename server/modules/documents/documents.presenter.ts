/** Document rows → API shapes, with the next step and who takes it. */
import { basisRef } from '../../domain/law/basis.ts';
import type { Static } from '@sinclair/typebox';
import type { DocumentDetail, DocumentItem } from './documents.schemas.ts';
import { SERVICE_METHOD_ZH } from './documents.schemas.ts';
import type { DocumentRow, documentServices, documentVersions } from './documents.repository.ts';
import { templateOf } from './documents.service.ts';
import { pdfStatus } from './pdf.ts';

function kindNames(kind: string): { zh: string; en: string; author: 'authority' | 'enterprise'; deadlineFromService: boolean } {
  try {
    const t = templateOf(kind);
    return { ...t.name, author: t.author, deadlineFromService: t.deadlineFromService ?? false };
  } catch {
    return { zh: kind, en: kind, author: 'authority', deadlineFromService: false };
  }
}

export function nextStep(
  r: Pick<DocumentRow, 'status' | 'served_on' | 'unit_name' | 'enterprise_name'>,
  author: 'authority' | 'enterprise',
): Static<typeof DocumentItem>['nextStep'] {
  if (r.status === 'voided') return { code: 'none', zh: '已作废（保留文号），无需处理', en: 'Voided (the number is kept); nothing to do', who: '—' };
  if (author === 'enterprise') return { code: 'none', zh: '企业文书已登记，无需送达', en: 'The enterprise’s paper is registered; no service needed', who: '—' };
  if (!r.served_on)
    return {
      code: 'serve',
      zh: '待送达：发文机关送达当事人并登记送达回证',
      en: 'To be served: the issuing unit serves it and records the receipt',
      who: r.unit_name,
    };
  return { code: 'comply', zh: '已送达：当事人按文书要求办理', en: 'Served: the addressee complies', who: r.enterprise_name ?? '当事人' };
}

export function presentDocument(r: DocumentRow): Static<typeof DocumentItem> {
  const k = kindNames(r.kind);
  return {
    id: Number(r.id),
    number: r.number,
    kind: r.kind,
    kindName: k.zh,
    kindNameEn: k.en,
    title: r.title,
    unitName: r.unit_name,
    docDate: r.doc_date,
    status: r.status,
    voidReason: r.void_reason,
    caseId: r.case_id === null ? null : Number(r.case_id),
    actId: r.act_id === null ? null : Number(r.act_id),
    actKind: r.act_kind,
    enterpriseName: r.enterprise_name,
    territoryName: r.territory_name,
    dimension: r.dimension,
    version: r.version === null ? 0 : Number(r.version),
    sha256: r.sha256,
    servedOn: r.served_on,
    nextStep: nextStep(r, k.author),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function presentDocumentDetail(
  r: DocumentRow,
  versions: Awaited<ReturnType<typeof documentVersions>>,
  services: Awaited<ReturnType<typeof documentServices>>,
): Static<typeof DocumentDetail> {
  const b = r.basis_id ? basisRef(r.basis_id) : null;
  return {
    ...presentDocument(r),
    basis: b ? { id: b.id, citationZh: b.citationZh, citation: b.citation } : null,
    deadlineFromService: kindNames(r.kind).deadlineFromService,
    versions: versions.map((v) => ({
      version: v.version,
      sha256: v.sha256,
      sizeBytes: v.size_bytes,
      reason: v.reason,
      createdBy: v.created_by,
      createdAt: new Date(v.created_at).toISOString(),
    })),
    services: services.map((s) => ({
      id: Number(s.id),
      method: s.method,
      methodName: SERVICE_METHOD_ZH[s.method],
      servedOn: s.served_on,
      recipient: s.recipient,
      trackingNo: s.tracking_no,
      receiptSha256: s.receipt_sha256,
      note: s.note,
      servedBy: s.served_by,
      createdAt: new Date(s.created_at).toISOString(),
    })),
    pdf: pdfStatus(),
  };
}
