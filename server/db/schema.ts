/**
 * Kysely table types, written by hand to match server/db/migrations (a test checks every column here exists).
 * Generated<T>: the database fills it in. NUMERIC columns are strings (exact decimals), DATE columns 'YYYY-MM-DD'.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TimestampGen = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type JsonNull = ColumnType<unknown, string | null | undefined, string | null>;

export interface TerritoryTable {
  code: string;
  name: string;
  name_en: string;
  kind: 'city' | 'district' | 'county' | 'county_city' | 'zone';
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_code: string | null;
  note: string | null;
  sort: Generated<number>;
}

export interface DimensionTable {
  code: 'energy' | 'environment' | 'quality' | 'safety' | 'technology';
  name: string;
  name_en: string;
  basis_id: string;
  law: string;
  sort: number;
}

export interface DepartmentTable {
  code: string;
  name: string;
  name_en: string;
  level: 'city' | 'territory' | 'external';
  lead_dimensions: Generated<string[]>;
  plan_sections: Generated<string[]>;
  houses_office: Generated<boolean>;
  sort: Generated<number>;
}

export interface IndustryTable {
  code: string;
  name: string;
  name_en: string;
  key_industry: Generated<boolean>;
  capacity_units: string[];
  sort: Generated<number>;
}

export interface LineKindTable {
  code: string;
  name: string;
  name_en: string;
  industry_code: string;
  size_unit: string | null;
  induction_furnace: Generated<boolean>;
  sort: Generated<number>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'office' | 'department' | 'territory' | 'government' | 'bank';
  territory_code: string | null;
  department_code: string | null;
  password_hash: string;
  disabled_at: TimestampNull;
  failed_logins: Generated<number>;
  locked_until: TimestampNull;
  password_changed_at: TimestampGen;
  created_at: TimestampGen;
  demo: Generated<boolean>;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: TimestampGen;
  expires_at: Timestamp;
  last_seen_at: TimestampGen;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: TimestampGen;
  revoked_at: TimestampNull;
  last_used_at: TimestampNull;
}

export type EnterpriseStatus = 'operating' | 'rectifying' | 'enforcement' | 'closed' | 'exited';

export interface EnterpriseTable {
  id: Generated<number>;
  credit_code: string;
  name: string;
  territory_code: string;
  industry_code: string;
  address: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  longitude: string | null;
  latitude: string | null;
  credit_code_override: string | null;
  status: Generated<EnterpriseStatus>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
  version: Generated<number>;
}

export interface EnterpriseHistoryTable {
  id: Generated<number>;
  enterprise_id: number;
  at: TimestampGen;
  actor_id: number | null;
  changes: Json;
}

export type LineState = 'operating' | 'restricted' | 'suspended' | 'sealed' | 'shut' | 'dismantled' | 'exited';

export interface ProductionLineTable {
  id: Generated<number>;
  enterprise_id: number;
  kind: string;
  name: string;
  size_value: string | null;
  size_unit: string | null;
  model: string | null;
  unit_count: Generated<number>;
  marks: string | null;
  capacity: string;
  capacity_unit: string;
  catalogue_edition: string | null;
  catalogue_item: string | null;
  catalogue_class: Generated<'eliminated' | 'restricted' | 'none'>;
  state: Generated<LineState>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
}

export interface LineStateHistoryTable {
  id: Generated<number>;
  line_id: number;
  from_state: string;
  to_state: string;
  on_date: string;
  case_id: number | null;
  act_id: number | null;
  at: TimestampGen;
}

export interface CapacityExitTable {
  line_id: number;
  year: number;
  territory_code: string;
  industry_code: string;
  capacity: string;
  capacity_unit: string;
  exited_on: string;
  case_id: number | null;
}

export interface RegistryAlertTable {
  id: Generated<number>;
  kind: 'relocation' | 'restart';
  line_id: number;
  exited_line_id: number;
  match_on: string;
  territory_code: string;
  created_at: TimestampGen;
  resolved_at: TimestampNull;
}

export interface CaseFileTable {
  id: Generated<number>;
  enterprise_id: number;
  dimension: string;
  territory_code: string;
  department_code: string;
  state: string;
  closed: Generated<boolean>;
  outcome: string | null;
  finding: Json;
  snapshot: Json;
  opened_on: string;
  due_on: string | null;
  due_basis_id: string | null;
  version: Generated<number>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
}

export interface CaseLineTable {
  case_id: number;
  line_id: number;
}

export interface CaseActTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  kind: string;
  act_date: string;
  actor_id: number | null;
  role: string;
  payload: Json;
  basis_id: string | null;
  params: Json;
  from_state: string;
  to_state: string;
  due_on: string | null;
  due_detail: JsonNull;
  request_id: string | null;
  created_at: TimestampGen;
}

export interface EvidenceFileTable {
  sha256: string;
  size_bytes: number;
  mime_type: string;
  original_name: string;
  uploaded_by: number | null;
  created_at: TimestampGen;
}

export interface ActEvidenceTable {
  act_id: number;
  sha256: string;
}

export interface DeadlineEventTable {
  id: Generated<number>;
  case_id: number;
  due_on: string;
  kind: 'due30' | 'due7' | 'due1' | 'passed';
  recorded_at: TimestampGen;
  as_of: string;
}

export interface NotificationTable {
  id: Generated<number>;
  unit_kind: 'territory' | 'department' | 'office';
  unit_code: string;
  case_id: number | null;
  kind: string;
  title: string;
  title_en: string;
  created_at: TimestampGen;
  read_at: TimestampNull;
}

export interface RollupCaseTable {
  territory_code: string;
  dimension: string;
  state: string;
  slot: Generated<number>;
  n: Generated<number>;
}

export interface RollupLineTable {
  territory_code: string;
  industry_code: string;
  state: string;
  capacity_unit: string;
  n: Generated<number>;
  capacity: Generated<string>;
}

export interface RollupDueTable {
  territory_code: string;
  dimension: string;
  due_on: string;
  slot: Generated<number>;
  n: Generated<number>;
}

export interface RollupDueFoldTable {
  id: Generated<boolean>;
  /** rollup_due rows before this date are folded (0008_rollup_due_fold.sql) */
  before: string;
}

export interface AuditStreamTable {
  stream: number;
  head_seq: Generated<number>;
  head_hash: string;
  /** the hash the head moved from (the newest record's prev_hash; 0007_audit_chain_in_sql.sql) */
  prev_hash: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  stream: number;
  seq: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  role: string | null;
  territory_code: string | null;
  department_code: string | null;
  act: string;
  entity_type: string | null;
  entity_id: string | null;
  basis_id: string | null;
  before: JsonNull;
  after: JsonNull;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: TimestampGen;
  heads: JSONColumnType<Array<{ stream: number; seq: number; hash: string }>>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: TimestampGen;
}

export interface HolidayCalendarTable {
  id: Generated<number>;
  year: number;
  version: number;
  rest_days: string[];
  work_days: string[];
  notice_no: string;
  notice_date: string | null;
  notice_url: string;
  source: string;
  reason: string | null;
  loaded_at: TimestampGen;
  loaded_by: number | null;
}

export interface DocumentCounterTable {
  unit_code: string;
  kind: string;
  year: number;
  last_seq: number;
}

export interface DocumentTable {
  id: Generated<number>;
  kind: string;
  unit_code: string;
  unit_name: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  doc_date: string;
  basis_id: string | null;
  case_id: number | null;
  act_id: number | null;
  entity_type: string | null;
  entity_id: string | null;
  territory_code: string | null;
  dimension: string | null;
  status: Generated<'issued' | 'voided'>;
  void_reason: string | null;
  voided_at: TimestampNull;
  voided_by: number | null;
  issued_by: number | null;
  created_at: TimestampGen;
  /** migration 0016: the content as issued (version 1 is rendered from it) */
  content: JsonNull;
  content_sha256: string | null;
}

export interface DocumentVersionTable {
  document_id: number;
  version: number;
  sha256: string;
  size_bytes: number;
  content: Json;
  docx: Buffer;
  reason: string | null;
  created_by: number | null;
  created_at: TimestampGen;
}

export interface DocumentPdfTable {
  docx_sha256: string;
  sha256: string;
  pdf: Buffer;
  created_at: TimestampGen;
}

export interface DocumentServiceTable {
  id: Generated<number>;
  document_id: number;
  method: 'direct' | 'post' | 'electronic' | 'announcement';
  served_on: string;
  recipient: string;
  tracking_no: string | null;
  receipt_sha256: string | null;
  note: string | null;
  served_by: number | null;
  created_at: TimestampGen;
}

/** 0011: sign-in attempt counters (issue #19). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_at: Date;
  blocked_until: Date | null;
  refused: Generated<boolean>;
  lim: number;
  base_seconds: number;
}

/** 0011: addresses an account signed in from (its real user is not throttled by others' failures there). */
export interface LoginSourceTable {
  user_id: number;
  ip: string;
  last_success_at: Date;
}

/** 0012: every account that uploaded an evidence content (issue #19: evidence only through scope). */
export interface EvidenceUploadTable {
  sha256: string;
  user_id: number;
  uploaded_at: Date;
}

export interface DB {
  territory: TerritoryTable;
  dimension: DimensionTable;
  department: DepartmentTable;
  industry: IndustryTable;
  line_kind: LineKindTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  enterprise: EnterpriseTable;
  enterprise_history: EnterpriseHistoryTable;
  production_line: ProductionLineTable;
  line_state_history: LineStateHistoryTable;
  capacity_exit: CapacityExitTable;
  registry_alert: RegistryAlertTable;
  case_file: CaseFileTable;
  case_line: CaseLineTable;
  case_act: CaseActTable;
  evidence_file: EvidenceFileTable;
  act_evidence: ActEvidenceTable;
  deadline_event: DeadlineEventTable;
  notification: NotificationTable;
  rollup_case: RollupCaseTable;
  rollup_line: RollupLineTable;
  rollup_due: RollupDueTable;
  rollup_due_fold: RollupDueFoldTable;
  audit_stream: AuditStreamTable;
  audit_log: AuditLogTable;
  audit_checkpoint: AuditCheckpointTable;
  schema_migrations: SchemaMigrationsTable;
  document_counter: DocumentCounterTable;
  document: DocumentTable;
  document_version: DocumentVersionTable;
  document_pdf: DocumentPdfTable;
  document_service: DocumentServiceTable;
  holiday_calendar: HolidayCalendarTable;
  login_throttle: LoginThrottleTable;
  login_source: LoginSourceTable;
  evidence_upload: EvidenceUploadTable;
}
