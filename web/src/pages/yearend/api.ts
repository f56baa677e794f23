/** Console API of the year-end pages (issue 12): certificates, summaries, the city report, the year's status. */
import { download, request } from '../../api/client.ts';
import type { List } from '../../api/index.ts';

export interface Text2 {
  zh: string;
  en: string;
}
export type Answer = 'yes' | 'no' | 'notApplicable';

export interface Certificate {
  id: number | null;
  caseId: number;
  caseState: string;
  awaitingAcceptance: boolean;
  enterprise: { id: number; name: string; creditCode: string };
  territoryName: string;
  dimensionName: string;
  status: 'none' | 'draft' | 'returned' | 'complete';
  number: string | null;
  acceptedOn: string | null;
  opinion: string | null;
  returnReason: string | null;
  checks: Array<{ key: string; label: string; labelEn: string; required: boolean; answer: Answer | null; evidenceIds: string[]; note: string | null }>;
  workers: { employees: number; resettled: number; evidenceIds: string[]; source?: string } | null;
  /** the enterprise's worker-resettlement record (plan §2.6), whose numbers stand instead of typed ones */
  resettlement: {
    workersAffected: number;
    resettled: number;
    transferred: number;
    reemployed: number;
    retired: number;
    other: number;
    fundsPlanned: string;
    fundsPaid: string;
    planFiledOn: string | null;
    complete: boolean;
  } | null;
  lines: Array<{ id: number; name: string; kindName: string; capacity: string; capacityUnit: string; state: string }>;
  missing: Array<{ check: string; zh: string; en: string }>;
  signoffs: Array<{ unit: string; signerName: string; signedOn: string; recordedBy: string | null }>;
  nextSignUnit: 'enterprise' | 'territory' | 'department' | null;
  nextActor: Text2 | null;
  allowedActs: string[];
  version: number;
}

export interface CertificateItem {
  id: number;
  caseId: number;
  enterpriseName: string;
  creditCode: string;
  territoryName: string;
  dimensionName: string;
  status: string;
  number: string | null;
  acceptedOn: string | null;
  nextActor: Text2 | null;
}

export interface Figure {
  industryCode: string;
  industryName: string;
  capacityUnit: string;
  enterprises: number;
  lines: number;
  capacity: string;
}

export interface Difference {
  key: string;
  industryName: string;
  capacityUnit: string;
  field: string;
  typed: string;
  ledger: string;
  explanation: string | null;
  resolved: boolean;
}

export interface Summary {
  id: number;
  year: number;
  unitName: string;
  status: string;
  narrative: string;
  typed: Figure[];
  generated: { exits: Figure[]; awaiting: Figure[]; cases: Array<{ dimensionName: string; outcome: string; n: number }>; asOf: string; frozen: boolean };
  differences: Difference[];
  comment: string | null;
  nextActor: Text2 | null;
  allowedActs: string[];
  version: number;
}

export interface SummaryItem {
  id: number;
  unitName: string;
  status: string;
  openDifferences: number;
  submittedAt: string | null;
  nextActor: Text2 | null;
}

export interface Report {
  id: number;
  year: number;
  version: number;
  status: string;
  locked: boolean;
  cityName: string;
  figures: Figure[];
  awaiting: Figure[];
  byTerritory: Array<{ territoryName: string; enterprises: number; lines: number }>;
  summaries: Array<{ unitName: string; status: string; included: boolean }>;
  differences: Array<Difference & { unitName: string }>;
  reason: string | null;
  diff: { againstVersion: number; figures: Array<{ key: string; field: string; before: string | null; after: string | null }> } | null;
  approvedAt: string | null;
  approvedBy: string | null;
  reportedOn: string | null;
  receivingAuthority: string | null;
  nextActor: Text2 | null;
  allowedActs: string[];
}

export interface ReportItem {
  id: number;
  version: number;
  status: string;
  reason: string | null;
  openDifferences: number;
}

export interface Part {
  part: string;
  unitName: string;
  status: string;
  due: string | null;
  flag: 'notDue' | 'reminding' | 'overdue' | 'done';
  summaryId: number | null;
}

export interface YearStatus {
  year: number;
  today: string;
  reportDue: string;
  remindFrom: string;
  summariesDue: string | null;
  parts: Part[];
  mine: Part[];
}

export interface CertificateInput {
  checks?: Record<string, { answer: Answer; evidenceIds: string[]; note?: string }>;
  workers?: { employees: number; resettled: number; evidenceIds: string[] } | null;
  opinion?: string | null;
}

export const yearendApi = {
  certificate: (caseId: number) => request<Certificate>(`/cases/${caseId}/certificate`),
  saveCertificate: (caseId: number, body: CertificateInput) => request<Certificate>(`/cases/${caseId}/certificate`, { method: 'PUT', body }),
  sign: (caseId: number, body: { unit: string; signerName: string; date: string; evidenceIds?: string[] }) =>
    request<{ complete: boolean; number: string | null }>(`/cases/${caseId}/certificate/sign`, { method: 'POST', body }),
  returnCertificate: (caseId: number, reason: string) => request<Certificate>(`/cases/${caseId}/certificate/return`, { method: 'POST', body: { reason } }),
  certificateDocx: (caseId: number) => download(`/cases/${caseId}/certificate.docx`, undefined, 'certificate.docx'),
  certificates: (q: { q?: string; year?: number; status?: string; limit?: number; offset?: number }) =>
    request<List<CertificateItem>>('/certificates', { query: q }),
  certificatesXlsx: (q: { q?: string; year?: number; status?: string }) => download('/certificates/export.xlsx', q, 'certificates.xlsx'),
  status: (year: number) => request<YearStatus>(`/yearend/${year}`),
  summaries: (year: number) => request<List<SummaryItem>>(`/yearend/${year}/summaries`),
  openSummary: (year: number) => request<Summary>(`/yearend/${year}/summaries`, { method: 'POST', body: {} }),
  summary: (id: number) => request<Summary>(`/yearend/summaries/${id}`),
  editSummary: (id: number, body: { narrative?: string; typed?: Array<Omit<Figure, 'industryName'>>; version?: number }) =>
    request<Summary>(`/yearend/summaries/${id}`, { method: 'PUT', body }),
  submitSummary: (id: number) => request<Summary>(`/yearend/summaries/${id}/submit`, { method: 'POST', body: {} }),
  returnSummary: (id: number, comment: string) => request<Summary>(`/yearend/summaries/${id}/return`, { method: 'POST', body: { comment } }),
  acceptSummary: (id: number) => request<Summary>(`/yearend/summaries/${id}/accept`, { method: 'POST', body: {} }),
  explain: (id: number, key: string, text: string) => request<Summary>(`/yearend/summaries/${id}/explain`, { method: 'POST', body: { key, text } }),
  reports: (year: number) => request<List<ReportItem>>(`/yearend/${year}/reports`),
  report: (id: number) => request<Report>(`/yearend/reports/${id}`),
  consolidate: (year: number, reason?: string) => request<Report>(`/yearend/${year}/reports`, { method: 'POST', body: reason ? { reason } : {} }),
  approve: (id: number) => request<Report>(`/yearend/reports/${id}/approve`, { method: 'POST', body: {} }),
  reported: (id: number, reportedOn: string, receivingAuthority: string) =>
    request<Report>(`/yearend/reports/${id}/reported`, { method: 'POST', body: { reportedOn, receivingAuthority } }),
  reportDocx: (id: number) => download(`/yearend/reports/${id}/report.docx`, undefined, 'report.docx'),
  exitsXlsx: (year: number) => download(`/yearend/${year}/exits.xlsx`, undefined, 'exits.xlsx'),
};
