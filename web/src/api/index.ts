/**
 * The typed API of the console: one function per endpoint, grouped by area. Each goes through `call` (typed.ts), so
 * its parameters and answer are the generated types of that operation; no answer type is written here.
 */
import { download, request, type Query } from './client.ts';
import { call } from './typed.ts';
import type { BodyOf, QueryOf } from './generated.ts';
import type {
  ActBody,
  ActInput,
  CaseFilter,
  CreateCaseInput,
  EnterpriseFilter,
  EnterpriseInput,
  EnterpriseSort,
  EvidenceFile,
  FindingSchemaItem,
  ImportResult,
  LineFilter,
  LineInput,
  List,
} from './types.ts';

export * from './types.ts';
export { ApiError, isApiError, fieldName } from './client.ts';
export { call } from './typed.ts';

interface Page {
  limit?: number;
  offset?: number;
}

const q = (o: object | undefined): Query => (o ?? {}) as Query;

export const api = {
  auth: {
    login: (username: string, password: string) => call('/api/v1/auth/login', 'post', { body: { username, password }, quiet401: true }),
    logout: () => call('/api/v1/auth/logout', 'post', {}),
    me: () => call('/api/v1/auth/me', 'get', { quiet401: true }),
    changePassword: (currentPassword: string, newPassword: string) => call('/api/v1/auth/password', 'post', { body: { currentPassword, newPassword } }),
  },
  reference: {
    territories: () => call('/api/v1/territories', 'get', {}),
    departments: () => call('/api/v1/departments', 'get', {}),
    dimensions: () => call('/api/v1/dimensions', 'get', {}),
    industries: () => call('/api/v1/industries', 'get', {}),
    lineKinds: () => call('/api/v1/line-kinds', 'get', {}),
  },
  enterprises: {
    list: (f: EnterpriseFilter & Page & { sort?: EnterpriseSort }) => call('/api/v1/enterprises', 'get', { query: f }),
    get: (id: number) => call('/api/v1/enterprises/{id}', 'get', { params: { id } }),
    create: (body: EnterpriseInput) => call('/api/v1/enterprises', 'post', { body }),
    update: (id: number, body: BodyOf<'/api/v1/enterprises/{id}', 'patch'>) => call('/api/v1/enterprises/{id}', 'patch', { params: { id }, body }),
    history: (id: number) => call('/api/v1/enterprises/{id}/history', 'get', { params: { id } }),
    lines: (id: number) => call('/api/v1/enterprises/{id}/lines', 'get', { params: { id } }),
    addLine: (id: number, body: LineInput) => call('/api/v1/enterprises/{id}/lines', 'post', { params: { id }, body }),
    exportXlsx: (f: EnterpriseFilter) => download('/enterprises/export.xlsx', q(f), 'enterprises.xlsx'),
  },
  lines: {
    list: (f: LineFilter & Page) => call('/api/v1/lines', 'get', { query: f }),
    get: (id: number) => call('/api/v1/lines/{id}', 'get', { params: { id } }),
    update: (id: number, body: BodyOf<'/api/v1/lines/{id}', 'patch'>) => call('/api/v1/lines/{id}', 'patch', { params: { id }, body }),
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
    list: (f: CaseFilter & Page) => call('/api/v1/cases', 'get', { query: f }),
    get: (id: number) => call('/api/v1/cases/{id}', 'get', { params: { id } }),
    create: (body: CreateCaseInput) => call('/api/v1/cases', 'post', { body }),
    /** The act form builds the body from the kind's payload schema at run time; the domain judges the payload. */
    act: (id: number, body: ActInput) => call('/api/v1/cases/{id}/acts', 'post', { params: { id }, body: body as ActBody }),
    explain: (id: number) => call('/api/v1/cases/{id}/explain', 'get', { params: { id } }),
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
    bases: () => call('/api/v1/law/bases', 'get', {}),
    findingSchemas: () => request<List<FindingSchemaItem>>('/law/finding-schemas'),
  },
  workbench: () => call('/api/v1/workbench', 'get', {}),
  overview: () => call('/api/v1/overview', 'get', {}),
  notifications: {
    list: (p: QueryOf<'/api/v1/notifications', 'get'> = {}) => call('/api/v1/notifications', 'get', { query: p }),
    markRead: (id: number) => call('/api/v1/notifications/{id}/read', 'post', { params: { id } }),
  },
  users: (p: Page = {}) => call('/api/v1/users', 'get', { query: p }),
  audit: (p: Page = {}) => call('/api/v1/audit', 'get', { query: p }),
};
