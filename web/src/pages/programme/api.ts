/**
 * The programme's console API (issue 13): problem lists, exit plans and supervision. Its types are the routes'
 * schemas (server/modules/problems, exit-plans, supervision) as generated from /openapi.json (web/src/api/generated.ts).
 */
import { download, request, type Query } from '../../api/client.ts';
import type { List } from '../../api/types.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

/** The problem-list types are the generated ones (web/src/api/generated.ts): no server shape restated. */
export type ProblemDetail = ResponseOf<'/api/v1/problems/{id}', 'get'>;
export type ProblemItem = ResponseOf<'/api/v1/problems', 'get'>['items'][number];
export type ProblemEvent = ProblemDetail['events'][number];
export type ProblemState = ProblemItem['state'];
export type ProblemSource = ProblemItem['source'];
export type ProblemLevel = ProblemItem['level'];
export const PROBLEM_SOURCES: ProblemSource[] = ['inspection', 'central_inspection', 'provincial_inspection', 'audit', 'tip', 'other'];
export const PROBLEM_LEVELS: ProblemLevel[] = ['general', 'serious', 'major'];
export type ProblemInput = BodyOf<'/api/v1/problems', 'post'>;
export type ProblemImportResult = ResponseOf<'/api/v1/problems/import', 'post'>;
export type BurnDownPoint = ResponseOf<'/api/v1/problems/burndown', 'get'>['points'][number];
/** the console's filter form (a subset of the list's query string) */
export interface ProblemFilter {
  q?: string | undefined;
  territoryCode?: string | undefined;
  state?: ProblemState | undefined;
  source?: ProblemSource | undefined;
  overdue?: boolean | undefined;
}

/** The exit-plan and supervision types are the generated ones (web/src/api/generated.ts): no server shape restated. */
export type Plan = ResponseOf<'/api/v1/exit-plans/{id}', 'get'>;
export type PlanItem = Plan['items'][number];
export type PlanProgress = Plan['progress'];
export type PlanSummary = ResponseOf<'/api/v1/exit-plans', 'get'>['items'][number];
export type PlanState = Plan['state'];
export type ExitMethod = PlanItem['method'];
export const EXIT_METHODS: ExitMethod[] = ['technology', 'energy', 'environment', 'quality', 'safety', 'voluntary'];
export type ItemProgress = PlanItem['progress'];
export type PlanItemInput = BodyOf<'/api/v1/exit-plans', 'post'>['items'][number];
export type PlanActInput = BodyOf<'/api/v1/exit-plans/{id}/acts', 'post'>;

export type IndicatorList = ResponseOf<'/api/v1/supervision/indicators', 'get'>;
export type TerritoryRow = IndicatorList['items'][number];
export type Hit = TerritoryRow['hits'][number];
export type CriteriaList = ResponseOf<'/api/v1/supervision/criteria', 'get'>;
export type CriteriaVersion = CriteriaList['inForce'];
export type Thresholds = CriteriaVersion['thresholds'];
export type SupervisionAction = ResponseOf<'/api/v1/supervision/actions/{id}', 'get'>;
export type Indicators = SupervisionAction['indicators'];
export type ActionInput = BodyOf<'/api/v1/supervision/actions', 'post'>;

const q = (o: object | undefined): Query => (o ?? {}) as Query;

export const programmeApi = {
  problems: {
    list: (f: ProblemFilter & { limit?: number; offset?: number }) => request<List<ProblemItem>>('/problems', { query: q(f) }),
    get: (id: number) => request<ProblemDetail>(`/problems/${id}`),
    create: (body: ProblemInput) => request<ProblemDetail>('/problems', { method: 'POST', body }),
    act: (id: number, body: { kind: string; note?: string | null; evidence?: string[] }) =>
      request<ProblemDetail>(`/problems/${id}/acts`, { method: 'POST', body }),
    burndown: (territoryCode?: string) => request<{ points: BurnDownPoint[] }>('/problems/burndown', { query: { territoryCode } }),
    exportXlsx: (f: ProblemFilter) => download('/problems/export.xlsx', q(f), 'problems.xlsx'),
    template: () => download('/problems/import-template.xlsx', undefined, 'problem-template.xlsx'),
    import: (file: File, dryRun: boolean) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return request<ProblemImportResult>('/problems/import', { method: 'POST', body: fd, query: dryRun ? { dryRun: 1 } : undefined });
    },
    evidenceUrl: (id: number, sha: string) => `/api/v1/problems/${id}/evidence/${sha}`,
  },
  evidence: {
    upload: (file: File) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return request<{ sha256: string }>('/evidence', { method: 'POST', body: fd });
    },
  },
  plans: {
    list: (f: { territoryCode?: string; year?: number; state?: PlanState; q?: string; limit?: number; offset?: number }) =>
      request<List<PlanSummary>>('/exit-plans', { query: q(f) }),
    get: (id: number) => request<Plan>(`/exit-plans/${id}`),
    create: (body: { territoryCode: string; year: number; items: PlanItemInput[] }) => request<Plan>('/exit-plans', { method: 'POST', body }),
    update: (id: number, body: { version: number; items: PlanItemInput[] }) => request<Plan>(`/exit-plans/${id}`, { method: 'PATCH', body }),
    act: (id: number, body: PlanActInput) => request<Plan>(`/exit-plans/${id}/acts`, { method: 'POST', body }),
    exportXlsx: (f: { territoryCode?: string; year?: number; state?: PlanState; q?: string }) => download('/exit-plans/export.xlsx', q(f), 'exit-plans.xlsx'),
  },
  supervision: {
    indicators: (slowOnly?: boolean) => request<IndicatorList>('/supervision/indicators', { query: { slowOnly } }),
    exportXlsx: () => download('/supervision/indicators.xlsx', undefined, 'supervision.xlsx'),
    criteria: () => request<CriteriaList>('/supervision/criteria'),
    actions: (f: { territoryCode?: string; q?: string; limit?: number; offset?: number }) =>
      request<List<SupervisionAction>>('/supervision/actions', { query: q(f) }),
    exportActions: (f: { territoryCode?: string; q?: string }) => download('/supervision/actions/export.xlsx', q(f), 'supervision-actions.xlsx'),
    record: (body: ActionInput) => request<SupervisionAction>('/supervision/actions', { method: 'POST', body }),
    followUp: (id: number, body: { on: string; note: string }) => request<SupervisionAction>(`/supervision/actions/${id}/follow-ups`, { method: 'POST', body }),
    document: (id: number) => download(`/supervision/actions/${id}/document.docx`, undefined, `notice-${id}.docx`),
  },
};
