/** The typed API of the console: one function per endpoint, grouped by area. */
import { download, request, type Query } from './client.ts';
import type {
  ActInput, ActResult, AuditEntry, CaseDetail, CaseFilter, CaseSummary, CreateCaseInput, Department, DimensionRef, Enterprise, EnterpriseFilter,
  EnterpriseInput, EnterpriseSort, EvidenceFile, Explanation, FindingSchemaItem, HistoryEntry, ImportResult, Industry, LegalBasisRef, Line, LineFilter, LineInput, LineKind,
  List, Notification, OverviewData, Session, Territory, UserRow, Workbench,
} from './types.ts';

export * from './types.ts';
export { ApiError, isApiError, fieldName } from './client.ts';

interface Page {
  limit?: number;
  offset?: number;
}

const q = (o: object | undefined): Query => (o ?? {}) as Query;

export const api = {
  auth: {
    login: (username: string, password: string) => request<Session>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true }),
    logout: () => request<void>('/auth/logout', { method: 'POST' }),
    me: () => request<Session>('/auth/me', { quiet401: true }),
    changePassword: (currentPassword: string, newPassword: string) => request<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  },
  reference: {
    territories: () => request<List<Territory>>('/territories'),
    departments: () => request<List<Department>>('/departments'),
    dimensions: () => request<List<DimensionRef>>('/dimensions'),
    industries: () => request<List<Industry>>('/industries'),
    lineKinds: () => request<List<LineKind>>('/line-kinds'),
  },
  enterprises: {
    list: (f: EnterpriseFilter & Page & { sort?: EnterpriseSort }) => request<List<Enterprise>>('/enterprises', { query: q(f) }),
    get: (id: number) => request<Enterprise>(`/enterprises/${id}`),
    create: (body: EnterpriseInput) => request<Enterprise>('/enterprises', { method: 'POST', body }),
    update: (id: number, body: Partial<EnterpriseInput> & { version: number }) => request<Enterprise>(`/enterprises/${id}`, { method: 'PATCH', body }),
    history: (id: number) => request<List<HistoryEntry>>(`/enterprises/${id}/history`),
    lines: (id: number) => request<List<Line>>(`/enterprises/${id}/lines`),
    addLine: (id: number, body: LineInput) => request<Line>(`/enterprises/${id}/lines`, { method: 'POST', body }),
    exportXlsx: (f: EnterpriseFilter) => download('/enterprises/export.xlsx', q(f), 'enterprises.xlsx'),
  },
  lines: {
    list: (f: LineFilter & Page) => request<List<Line>>('/lines', { query: q(f) }),
    get: (id: number) => request<Line>(`/lines/${id}`),
    update: (id: number, body: Partial<LineInput>) => request<Line>(`/lines/${id}`, { method: 'PATCH', body }),
  },
  registry: {
    template: () => download('/registry/import-template.xlsx', undefined, 'import-template.xlsx'),
    /** Multipart upload; a 422 IMPORT_REJECTED answer throws an ApiError whose details.errors are the row errors. */
    import: (file: File, dryRun: boolean) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return request<ImportResult>('/registry/import', { method: 'POST', body: fd, query: dryRun ? { dryRun: 1 } : undefined });
    },
  },
  cases: {
    list: (f: CaseFilter & Page) => request<List<CaseSummary>>('/cases', { query: q(f) }),
    get: (id: number) => request<CaseDetail>(`/cases/${id}`),
    create: (body: CreateCaseInput) => request<CaseDetail>('/cases', { method: 'POST', body }),
    act: (id: number, body: ActInput) => request<ActResult>(`/cases/${id}/acts`, { method: 'POST', body }),
    explain: (id: number) => request<Explanation>(`/cases/${id}/explain`),
  },
  evidence: {
    /** Multipart upload (field "file"); answers the file's SHA-256, to be sent with the act. */
    upload: (file: File) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return request<EvidenceFile>('/evidence', { method: 'POST', body: fd });
    },
    /** Where a browser link downloads the file (same-origin, with the session cookie). */
    href: (sha256: string) => `/api/v1/evidence/${sha256}`,
  },
  law: {
    bases: () => request<List<LegalBasisRef>>('/law/bases'),
    findingSchemas: () => request<List<FindingSchemaItem>>('/law/finding-schemas'),
  },
  workbench: () => request<Workbench>('/workbench'),
  overview: () => request<OverviewData>('/overview'),
  notifications: {
    list: (p: Page & { unread?: boolean } = {}) => request<List<Notification>>('/notifications', { query: q(p) }),
    markRead: (id: number) => request<Notification>(`/notifications/${id}/read`, { method: 'POST' }),
  },
  users: (p: Page = {}) => request<List<UserRow>>('/users', { query: q(p) }),
  audit: (p: Page = {}) => request<List<AuditEntry>>('/audit', { query: q(p) }),
};
