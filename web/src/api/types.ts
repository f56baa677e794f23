/**
 * Hand-written types of the API shapes the console reads (from server/modules/*\/*.schemas.ts and the OpenAPI
 * document): registry, case, evidence, workbench, overview and notification shapes follow the server's schemas.
 */
import type { JsonSchema } from '../pages/cases/ActFields.tsx';
import type { CaseState, CatalogueClass, DeadlineStatus, Dimension, EnterpriseStatus, LineState } from '../shared/status.ts';

export type Role = 'office' | 'department' | 'territory' | 'government' | 'bank';

export interface List<T> {
  items: T[];
  total: number;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  territoryCode: string | null;
  departmentCode: string | null;
  dimensions: string[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Territory {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'district' | 'county' | 'county_city' | 'zone';
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  current: boolean;
}

export interface Department {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  leadDimensions: string[];
  planSections: string[];
  housesOffice: boolean;
}

export interface Industry {
  code: string;
  name: string;
  nameEn: string;
  keyIndustry: boolean;
  capacityUnits: string[];
}

export interface LineKind {
  code: string;
  name: string;
  nameEn: string;
  industryCode: string;
  sizeUnit: string | null;
  inductionFurnace: boolean;
}

export interface DimensionRef {
  code: string;
  name: string;
  nameEn: string;
  basisId: string;
  law: string;
}

/** Acts the server may list in an enterprise's `allowedActs`. */
export type EnterpriseAct = 'update' | 'addLine' | 'openCase' | 'viewHistory';

export interface Enterprise {
  id: number;
  creditCode: string;
  name: string;
  territoryCode: string;
  territoryName: string;
  industryCode: string;
  industryName: string;
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  longitude: number | null;
  latitude: number | null;
  creditCodeOverride: string | null;
  status: EnterpriseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  allowedActs: string[];
}

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  territoryCode: string;
  industryCode: string;
  address?: string | null;
  legalRepresentative?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  creditCodeOverrideReason?: string;
}

export type EnterpriseSort = 'id' | '-id' | 'name' | '-name' | 'creditCode' | '-creditCode' | 'createdAt' | '-createdAt';

export interface EnterpriseFilter {
  q?: string;
  creditCode?: string;
  territoryCode?: string;
  industryCode?: string;
  status?: EnterpriseStatus;
  catalogueClass?: CatalogueClass;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  changes: Record<string, unknown[]>;
}

export interface Line {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  territoryCode: string;
  industryCode: string;
  kind: string;
  name: string;
  sizeValue: string | null;
  sizeUnit: string | null;
  model: string | null;
  unitCount: number;
  marks: string | null;
  capacity: string;
  capacityUnit: string;
  catalogueEdition: string | null;
  catalogueItem: string | null;
  catalogueClass: CatalogueClass;
  state: LineState;
  createdAt: string;
  updatedAt: string;
  allowedActs: string[];
}

export interface LineInput {
  kind: string;
  name: string;
  sizeValue?: string | null;
  sizeUnit?: string | null;
  model?: string | null;
  unitCount?: number;
  marks?: string | null;
  capacity: string;
  capacityUnit: string;
  catalogueEdition?: string | null;
  catalogueItem?: string | null;
  catalogueClass?: CatalogueClass;
}

export interface LineFilter {
  enterpriseId?: number;
  territoryCode?: string;
  industryCode?: string;
  kind?: string;
  state?: LineState;
  catalogueClass?: CatalogueClass;
}

export interface ImportCounts {
  enterprises: number;
  lines: number;
}

/** The import report (200, or in `details` of a 422 IMPORT_REJECTED). */
export interface ImportResult {
  ok: boolean;
  dryRun?: boolean;
  created: ImportCounts;
  updated: ImportCounts;
  unchanged: ImportCounts;
  alerts?: number;
  errors?: ImportRowError[];
}

export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
}

/** A case as lists show it (server/modules/cases/cases.schemas.ts CaseItem). */
export interface CaseSummary {
  id: number;
  enterprise: { id: number; name: string; creditCode: string };
  dimension: Dimension | string;
  state: CaseState | string;
  closed: boolean;
  outcome: string | null;
  territoryCode: string;
  departmentCode: string;
  openedOn: string;
  dueOn: string | null;
  deadlineStatus: DeadlineStatus;
  version: number;
  /** act kinds this user may take now */
  allowedActs: string[];
}

/** One step of a deadline computation, with its basis. */
export interface DeadlineStep {
  from: string;
  to: string;
  basisId: string;
  zh: string;
  en: string;
}

export interface DeadlineWarning {
  code: string;
  year: number;
  zh: string;
  en: string;
}

export interface CaseDeadline {
  due: string;
  status: DeadlineStatus;
  basisId: string;
  citation: string;
  citationZh: string;
  steps: DeadlineStep[];
  warnings: DeadlineWarning[];
  setByAct: string;
  setOn: string;
}

/** An evidence file as an act references it. */
export interface EvidenceRef {
  sha256: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
}

/** POST /evidence answer. */
export interface EvidenceFile {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  originalName: string;
}

export interface TimelineEntry {
  id: number;
  seq: number;
  kind: string;
  date: string;
  actor: { id: number; displayName: string } | null;
  role: string;
  payload: unknown;
  fromState: string;
  toState: string;
  basisId: string | null;
  citation: string | null;
  citationZh: string | null;
  /** parameter values used, with their basis ids */
  params: unknown;
  dueOn: string | null;
  evidence: EvidenceRef[];
  recordedAt: string;
}

/** An act this user may take now, with its basis and the JSON Schema of its payload. */
export interface AllowedAct {
  kind: string;
  basisId: string;
  citation: string;
  citationZh: string;
  payloadSchema: unknown;
}

export interface CaseLine {
  id: number;
  name: string;
  kind: string;
  state: LineState | string;
  capacity: string;
  capacityUnit: string;
}

export interface CaseDetail extends Omit<CaseSummary, 'allowedActs'> {
  finding: unknown;
  lines: CaseLine[];
  timeline: TimelineEntry[];
  deadline: CaseDeadline | null;
  allowedActs: AllowedAct[];
  createdAt: string;
  updatedAt: string;
}

export interface ActInput {
  kind: string;
  date: string;
  payload?: Record<string, unknown>;
  evidence?: string[];
  version?: number;
}

export interface ActResult {
  caseId: number;
  actId: number;
  seq: number;
  kind: string;
  fromState: string;
  toState: string;
  dueOn: string | null;
  version: number;
}

/** POST /cases body. */
export interface CreateCaseInput {
  enterpriseId: number;
  dimension: Dimension;
  lineIds?: number[];
  finding: Record<string, unknown>;
  openedOn: string;
}

export interface CaseFilter {
  territoryCode?: string;
  dimension?: string;
  state?: string;
  deadlineStatus?: string;
  enterpriseId?: number;
  dueBefore?: string;
  overdue?: boolean;
  closed?: boolean;
}

/** A citation triple as the explanation carries it. */
export interface Cite {
  basisId: string | null;
  citation: string | null;
  citationZh: string | null;
}

/** GET /cases/{id}/explain: the chain of acts with their rules, parameters and deadlines. */
export interface Explanation {
  caseId: number;
  dimension: string;
  state: string;
  closed: boolean;
  outcome: string | null;
  opened: { on: string; state: string } & Cite;
  chain: Array<{
    seq: number;
    kind: string;
    date: string;
    actor: { id: number; displayName: string } | null;
    role: string;
    fromState: string;
    toState: string;
    rule: { from: string; act: string; to: string[]; roles: string[] } & Cite;
    params: Array<{ name: string; value: unknown } & Cite>;
    deadline:
      | ({ due: string; value: unknown; steps: DeadlineStep[]; warnings: DeadlineWarning[]; calendarBasis: unknown } & Cite)
      | null;
  }>;
  current: {
    state: string;
    deadline: CaseDeadline | null;
    next: Array<{ act: string; to: string[]; roles: string[] } & Cite>;
  };
}

/** A notification to the user's unit (server/modules/notifications). */
export interface Notification {
  id: number;
  caseId: number | null;
  kind: string;
  title: string;
  titleEn: string;
  createdAt: string;
  readAt: string | null;
}

/** GET /workbench. */
export interface Workbench {
  dueSoon: CaseSummary[];
  overdue: CaseSummary[];
  waitingForMe: CaseSummary[];
  notifications: Notification[];
  counts: { open: number; dueSoon: number; overdue: number; waitingForMe: number; unreadNotifications: number };
}

/** GET /overview (read from the roll-ups). */
export interface OverviewData {
  asOf: string;
  casesByTerritoryDimensionState: Array<{ territoryCode: string; dimension: string; state: string; n: number }>;
  overdueByTerritory: Array<{ territoryCode: string; n: number }>;
  linesByStateIndustry: Array<{ industryCode: string; state: string; capacityUnit: string; n: number; capacity: string }>;
}

/** The finding fields of one dimension (GET /law/finding-schemas): a JSON Schema, and whether lines are required. */
export interface FindingSchemaItem {
  dimension: Dimension;
  schema: JsonSchema;
  linesRequired: boolean;
}

/** One entry of the legal-basis registry (GET /law/bases). */
export interface LegalBasisRef {
  id: string;
  instrument: string;
  instrumentZh: string;
  article: string;
  title: string;
  titleZh: string;
  url?: string;
  effectiveFrom: string | null;
  effectiveTo?: string;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  territoryCode: string | null;
  departmentCode: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName?: string | null;
  act: string;
  entityType?: string;
  entityId?: string | number | null;
}
