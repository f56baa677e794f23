/** Console API of the year-end pages (issue 12): certificates, summaries, the city report, the year's status. */
import { download, request } from '../../api/client.ts';
import type { List } from '../../api/index.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

/** The year-end types are the generated ones (web/src/api/generated.ts), so the console restates no server shape. */
export type Certificate = ResponseOf<'/api/v1/cases/{id}/certificate', 'get'>;
export type Answer = NonNullable<Certificate['checks'][number]['answer']>;
export type CertificateItem = ResponseOf<'/api/v1/certificates', 'get'>['items'][number];
export type Summary = ResponseOf<'/api/v1/yearend/summaries/{id}', 'get'>;
export type Figure = Summary['typed'][number];
export type Difference = Summary['differences'][number];
export type SummaryItem = ResponseOf<'/api/v1/yearend/{year}/summaries', 'get'>['items'][number];
export type Report = ResponseOf<'/api/v1/yearend/reports/{id}', 'get'>;
export type ReportItem = ResponseOf<'/api/v1/yearend/{year}/reports', 'get'>['items'][number];
export type YearStatus = ResponseOf<'/api/v1/yearend/{year}', 'get'>;
export type Part = YearStatus['parts'][number];
export type CertificateInput = BodyOf<'/api/v1/cases/{id}/certificate', 'put'>;

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
