/**
 * The programme's console API (issue 13): problem lists, exit plans and supervision. Types mirror the routes'
 * response schemas (server/modules/problems, exit-plans, supervision) until they are generated from /openapi.json.
 */
import { download, request, type Query } from '../../api/client.ts';
import type { List } from '../../api/types.ts';

export type ProblemState = 'open' | 'closing' | 'closed';
export type ProblemSource = 'inspection' | 'central_inspection' | 'provincial_inspection' | 'audit' | 'tip' | 'other';
export type ProblemLevel = 'general' | 'serious' | 'major';
export const PROBLEM_SOURCES: ProblemSource[] = ['inspection', 'central_inspection', 'provincial_inspection', 'audit', 'tip', 'other'];
export const PROBLEM_LEVELS: ProblemLevel[] = ['general', 'serious', 'major'];

export interface ProblemItem {
  id: number;
  territoryCode: string;
  territoryName: string;
  source: ProblemSource;
  sourceRef: string | null;
  foundOn: string;
  description: string;
  level: ProblemLevel;
  enterpriseId: number | null;
  enterpriseName: string | null;
  lineIds: number[];
  caseId: number | null;
  responsibleUnit: string;
  responsiblePerson: string | null;
  measure: string | null;
  dueOn: string;
  state: ProblemState;
  overdue: boolean;
  closedOn: string | null;
  nextActor: 'territory' | 'office' | null;
  version: number;
  allowedActs: string[];
}
export interface ProblemEvent {
  id: number;
  kind: string;
  onDate: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  evidence: string[];
  actorName: string | null;
  at: string;
}
export type ProblemDetail = ProblemItem & { events: ProblemEvent[] };
export interface ProblemFilter {
  q?: string | undefined;
  territoryCode?: string | undefined;
  state?: ProblemState | undefined;
  source?: ProblemSource | undefined;
  overdue?: boolean | undefined;
}
export interface ProblemInput {
  territoryCode: string;
  source: ProblemSource;
  sourceRef?: string | null;
  foundOn: string;
  description: string;
  level: ProblemLevel;
  responsibleUnit: string;
  responsiblePerson?: string | null;
  measure?: string | null;
  dueOn: string;
}
export interface ProblemImportResult {
  ok: boolean;
  dryRun: boolean;
  sha256: string;
  created: number;
  unchanged: number;
  errors: Array<{ sheet: string; row: number; column: string; code: string; message: string; messageZh: string }>;
}
export interface BurnDownPoint {
  date: string;
  open: number;
  overdue: number;
  closed: number;
}

export type PlanState = 'draft' | 'submitted' | 'returned' | 'filed' | 'superseded';
export type ExitMethod = 'technology' | 'energy' | 'environment' | 'quality' | 'safety' | 'voluntary';
export const EXIT_METHODS: ExitMethod[] = ['technology', 'energy', 'environment', 'quality', 'safety', 'voluntary'];
export type ItemProgress = 'done' | 'doneLate' | 'late' | 'atRisk' | 'onTrack';
export interface PlanItem {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  lineId: number | null;
  lineName: string | null;
  capacity: string;
  capacityUnit: string;
  method: ExitMethod;
  targetOn: string;
  workers: number;
  note: string | null;
  exitedOn: string | null;
  exitedCapacity: string;
  progress: ItemProgress;
}
export interface PlanProgress {
  items: number;
  done: number;
  late: number;
  atRisk: number;
  byUnit: Array<{ unit: string; planned: number; exited: number; share: number | null }>;
  completionDue: number | null;
  workers: number;
}
export interface PlanSummary {
  id: number;
  territoryCode: string;
  territoryName: string;
  year: number;
  planVersion: number;
  previousId: number | null;
  changeReason: string | null;
  state: PlanState;
  submittedOn: string | null;
  filingNo: string | null;
  filedOn: string | null;
  returnComments: string | null;
  returnedOn: string | null;
  version: number;
  updatedAt: string;
  nextActor: 'territory' | 'office' | null;
  allowedActs: string[];
  progress: PlanProgress;
}
export type Plan = PlanSummary & { items: PlanItem[] };
export interface PlanItemInput {
  enterpriseId: number;
  lineId?: number | null;
  capacity?: string;
  capacityUnit?: string;
  method: ExitMethod;
  targetOn: string;
  workers?: number;
  note?: string | null;
}
export interface PlanActInput {
  kind: 'submit' | 'file' | 'return' | 'newVersion';
  version: number;
  filingNo?: string;
  filedOn?: string;
  comments?: string;
  reason?: string;
}

export interface Indicators {
  territoryCode: string;
  planCompletion: number | null;
  planItems: number;
  latePlanItems: number;
  atRiskPlanItems: number;
  overdueCases: number;
  openProblems: number;
  overdueProblems: number;
  daysSinceProgress: number | null;
  lastProgressOn: string | null;
  openByAge: number[];
  oldOpenItems: number;
}
export interface Hit {
  criterion: string;
  value: number;
  threshold: number;
}
export type TerritoryRow = Indicators & { territoryName: string; territoryNameEn: string; slow: boolean; hits: Hit[]; actions: number };
export interface Thresholds {
  planCompletionBelow: number;
  latePlanItemsAtLeast: number;
  overdueCasesAtLeast: number;
  overdueProblemsAtLeast: number;
  daysSinceProgressAtLeast: number;
  oldOpenItemDays: number;
  oldOpenItemsAtLeast: number;
  atRiskDays: number;
}
export interface CriteriaVersion {
  id: number;
  validFrom: string;
  thresholds: Thresholds;
  basisId: string;
  note: string | null;
  createdAt: string;
}
export interface SupervisionAction {
  id: number;
  kind: 'criticism' | 'summons';
  territoryCode: string;
  territoryName: string;
  reason: string;
  indicators: Indicators;
  hits: Hit[];
  criteriaValidFrom: string;
  heldOn: string;
  place: string | null;
  attendees: string | null;
  summary: string | null;
  commitments: Array<{ text: string; dueOn: string }>;
  followUps: Array<{ on: string; note: string; by: string | null }>;
  docNo: string;
  createdAt: string;
  allowedActs: string[];
}
export interface ActionInput {
  kind: 'criticism' | 'summons';
  territoryCode: string;
  reason: string;
  heldOn: string;
  place?: string | null;
  attendees?: string | null;
  summary?: string | null;
  commitments?: Array<{ text: string; dueOn: string }>;
}

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
    indicators: (slowOnly?: boolean) =>
      request<{ asOf: string; criteria: CriteriaVersion; items: TerritoryRow[] }>('/supervision/indicators', { query: { slowOnly } }),
    exportXlsx: () => download('/supervision/indicators.xlsx', undefined, 'supervision.xlsx'),
    criteria: () => request<{ inForce: CriteriaVersion; versions: CriteriaVersion[] }>('/supervision/criteria'),
    actions: (f: { territoryCode?: string; q?: string; limit?: number; offset?: number }) =>
      request<List<SupervisionAction>>('/supervision/actions', { query: q(f) }),
    exportActions: (f: { territoryCode?: string; q?: string }) => download('/supervision/actions/export.xlsx', q(f), 'supervision-actions.xlsx'),
    record: (body: ActionInput) => request<SupervisionAction>('/supervision/actions', { method: 'POST', body }),
    followUp: (id: number, body: { on: string; note: string }) => request<SupervisionAction>(`/supervision/actions/${id}/follow-ups`, { method: 'POST', body }),
    document: (id: number) => download(`/supervision/actions/${id}/document.docx`, undefined, `notice-${id}.docx`),
  },
};
