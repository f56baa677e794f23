/** Console API types and calls of the documents panel (server/modules/documents/documents.schemas.ts). */
import { request } from '../../api/client.ts';
import type { List } from '../../api/index.ts';

export interface DocumentItem {
  id: number;
  number: string;
  kind: string;
  kindName: string;
  kindNameEn: string;
  title: string;
  unitName: string;
  docDate: string;
  status: 'issued' | 'voided';
  voidReason: string | null;
  caseId: number | null;
  actId: number | null;
  actKind: string | null;
  enterpriseName: string | null;
  territoryName: string | null;
  dimension: string | null;
  version: number;
  sha256: string | null;
  servedOn: string | null;
  nextStep: { code: string; zh: string; en: string; who: string };
  createdAt: string;
}

export interface DocumentService {
  id: number;
  method: ServiceMethod;
  methodName: string;
  servedOn: string;
  recipient: string;
  trackingNo: string | null;
  receiptSha256: string | null;
  note: string | null;
  servedBy: string | null;
  createdAt: string;
}

export interface DocumentDetail extends DocumentItem {
  basis: { id: string; citationZh: string; citation: string } | null;
  deadlineFromService: boolean;
  versions: Array<{ version: number; sha256: string; sizeBytes: number; reason: string | null; createdBy: string | null; createdAt: string }>;
  services: DocumentService[];
  pdf: { available: boolean; reason?: string; reasonZh?: string };
}

export type ServiceMethod = 'direct' | 'post' | 'electronic' | 'announcement';
export const SERVICE_METHODS: ServiceMethod[] = ['direct', 'post', 'electronic', 'announcement'];

export interface ServiceInput {
  method: ServiceMethod;
  servedOn: string;
  recipient: string;
  trackingNo?: string;
  receiptSha256?: string;
  note?: string;
}

export const documentsApi = {
  list: (query: { caseId?: number; q?: string; kind?: string; status?: string; limit?: number; offset?: number }) =>
    request<List<DocumentItem>>('/documents', { query }),
  get: (id: number) => request<DocumentDetail>(`/documents/${id}`),
  serve: (id: number, body: ServiceInput) => request<DocumentDetail>(`/documents/${id}/services`, { method: 'POST', body }),
  regenerate: (id: number, reason: string) => request<DocumentDetail>(`/documents/${id}/regenerate`, { method: 'POST', body: { reason } }),
  void: (id: number, reason: string) => request<DocumentDetail>(`/documents/${id}/void`, { method: 'POST', body: { reason } }),
  docxHref: (id: number, version?: number) => `/api/v1/documents/${id}/docx${version ? `?version=${version}` : ''}`,
  pdfHref: (id: number, version?: number) => `/api/v1/documents/${id}/pdf${version ? `?version=${version}` : ''}`,
};
