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

/** the state enums live once in server/domain/states.ts */
export type { EnterpriseStatus } from '../domain/states.ts';
import type { EnterpriseStatus, LineState } from '../domain/states.ts';

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

export type { LineState } from '../domain/states.ts';

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
  /** the person the case is assigned to (承办人, migration 0044); null: none */
  assignee_id: Generated<number | null>;
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
  /** addressed to this person within the unit (migration 0044); null: the whole unit */
  user_id: Generated<number | null>;
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

export interface RollupProblemTable {
  territory_code: string;
  /** open: not closed (one row, -infinity); found / due: not closed, by date found / due; closed: by date closed (0029) */
  kind: 'open' | 'found' | 'due' | 'closed';
  on_date: string;
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

// ── Year-end (migration 0017, issue 12) ──
export interface AcceptanceCertificateTable {
  id: Generated<number>;
  case_id: number;
  enterprise_id: number;
  territory_code: string;
  dimension: string;
  status: Generated<'draft' | 'returned' | 'complete'>;
  checks: ColumnType<unknown, string | undefined, string>;
  workers: JsonNull;
  opinion: string | null;
  return_reason: string | null;
  number: string | null;
  year: number | null;
  accepted_on: string | null;
  act_id: number | null;
  created_by: number | null;
  created_at: TimestampGen;
  updated_at: TimestampGen;
  version: Generated<number>;
}

export interface AcceptanceSignoffTable {
  certificate_id: number;
  unit: 'enterprise' | 'territory' | 'department';
  signer_name: string;
  signed_on: string;
  signed_by: number | null;
  unit_code: string | null;
  evidence_ids: ColumnType<string[], string[] | undefined, string[]>;
  at: TimestampGen;
}

export interface AcceptanceCounterTable {
  year: number;
  last_seq: number;
}

export interface YearendYearTable {
  year: number;
  summaries_due: string | null;
  updated_at: TimestampGen;
}

export interface YearendSummaryTable {
  id: Generated<number>;
  year: number;
  unit_kind: 'territory' | 'department';
  unit_code: string;
  status: Generated<'draft' | 'submitted' | 'returned' | 'accepted'>;
  narrative: Generated<string>;
  typed: ColumnType<unknown, string | undefined, string>;
  generated: JsonNull;
  explanations: ColumnType<unknown, string | undefined, string>;
  attachments: ColumnType<string[], string[] | undefined, string[]>;
  comment: string | null;
  submitted_at: TimestampNull;
  reviewed_at: TimestampNull;
  created_at: TimestampGen;
  updated_at: TimestampGen;
  version: Generated<number>;
}

export interface YearendReportTable {
  id: Generated<number>;
  year: number;
  version: number;
  status: Generated<'draft' | 'approved' | 'reported' | 'superseded'>;
  body: Json;
  reason: string | null;
  diff: JsonNull;
  created_by: number | null;
  created_at: TimestampGen;
  approved_by: number | null;
  approved_at: TimestampNull;
  reported_on: string | null;
  receiving_authority: string | null;
}

export interface ReportSigningKeyTable {
  id: Generated<boolean>;
  public_key: string;
  private_key: string;
  created_at: TimestampGen;
}

export interface ProvinceCityKeyTable {
  city_code: string;
  city_name: string;
  public_key: string;
  registered_at: TimestampGen;
}

export interface ProvinceCityReportTable {
  id: Generated<number>;
  city_code: string;
  year: number;
  version: number;
  package_sha256: string;
  manifest: Json;
  body: Json;
  imported_at: TimestampGen;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: TimestampGen;
}

export interface ResettlementTable {
  enterprise_id: number;
  workers_affected: number;
  transferred: Generated<number>;
  reemployed: Generated<number>;
  retired: Generated<number>;
  other: Generated<number>;
  funds_planned: Generated<string>;
  funds_paid: Generated<string>;
  plan_filed_on: string | null;
  risk_assessed: Generated<boolean>;
  risk_level: 'low' | 'medium' | 'high' | null;
  risk_assessed_on: string | null;
  risk_plan: Generated<boolean>;
  note: string | null;
  version: Generated<number>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
  updated_by: number | null;
}

export interface CreditListingTable {
  enterprise_id: number;
  listed: boolean;
  measure: string | null;
  since: string | null;
  case_id: number | null;
  dimension: string | null;
  department_code: string | null;
  basis_id: string | null;
  changed_at: Timestamp;
}

export interface CreditChangeTable {
  id: Generated<number>;
  enterprise_id: number;
  change: 'added' | 'changed' | 'removed';
  on_date: string;
  at: Timestamp;
  measure_before: string | null;
  measure_after: string | null;
}

export interface CreditSyncTable {
  id: Generated<boolean>;
  fingerprint: string;
  synced_at: Timestamp;
}

export interface PowerPriceListTable {
  id: Generated<number>;
  as_of: string;
  issued_at: Timestamp;
  issued_by: number | null;
  row_count: number;
  rows: Json;
}

export interface FreedLandTable {
  id: Generated<number>;
  enterprise_id: number;
  area_m2: string;
  location: string;
  ownership: 'state' | 'collective';
  certificate_no: string | null;
  planned_reuse: 'industrial' | 'commercial' | 'residential' | 'public' | 'ecological' | 'other';
  reuse_note: string | null;
  status: 'idle' | 'planning' | 'transferring' | 'reused';
  version: Generated<number>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
  updated_by: number | null;
}

/** 0021_publications.sql: immutable, hash-chained versions of the public lists (issue 14). */
export interface PublicationVersionTable {
  id: Generated<number>;
  series: string;
  list_kind: 'yellow' | 'red' | 'overEmission' | 'annualExit';
  territory_code: string;
  year: number | null;
  version_no: number;
  action: 'publish' | 'correct' | 'withdraw';
  number: string;
  posted_on: string;
  published_at: Timestamp;
  unit_kind: 'territory' | 'department';
  unit_code: string;
  published_by: number | null;
  reason: string | null;
  body: Json;
  excluded: Json;
  prev_hash: string;
  content_hash: string;
}

/** 0022_tips.sql: public tips (issue 14). */
export interface TipTable {
  id: Generated<number>;
  tracking_code: string;
  service_code: string;
  description: string;
  territory_code: string;
  address: string | null;
  latitude: string | null;
  longitude: string | null;
  enterprise_name: string | null;
  contact: string | null;
  status: Generated<'received' | 'caseOpened' | 'reinspectionOrdered' | 'merged' | 'rejected'>;
  unit_kind: 'territory' | 'department';
  unit_code: string;
  public_note: string | null;
  merged_into: number | null;
  case_id: number | null;
  source_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TipAttachmentTable {
  tip_id: number;
  n: number;
  sha256: string;
  mime_type: string;
  size_bytes: number;
  data: Buffer;
}

export interface TipSaltTable {
  id: Generated<boolean>;
  salt: string;
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
  /** notice fields not confirmed by a checked source (migration 0025) */
  unverified: Generated<string[]>;
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

/** 0009_job_run.sql: one row per run of a background job (server/jobs/). */
export interface JobRunTable {
  id: Generated<number>;
  job: string;
  trigger: 'schedule' | 'cli' | 'test';
  instance: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: 'ok' | 'failed' | 'skipped' | null;
  attempts: Generated<number>;
  error: string | null;
  summary: JsonNull;
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

// ── the programme (0019_programme.sql, issue 13) ──
export type ProblemState = 'open' | 'closing' | 'closed';
export interface ProblemItemTable {
  id: Generated<number>;
  territory_code: string;
  source: string;
  source_ref: string | null;
  found_on: string;
  description: string;
  level: string;
  enterprise_id: number | null;
  line_ids: Generated<number[]>;
  case_id: number | null;
  responsible_unit: string;
  responsible_person: string | null;
  measure: string | null;
  due_on: string;
  state: Generated<ProblemState>;
  closed_on: string | null;
  version: Generated<number>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
}

export interface ProblemEventTable {
  id: Generated<number>;
  problem_id: number;
  kind: string;
  on_date: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  evidence: Generated<string[]>;
  actor_id: number | null;
  at: TimestampGen;
}

export type ExitPlanState = 'draft' | 'submitted' | 'returned' | 'filed' | 'superseded';
export interface ExitPlanTable {
  id: Generated<number>;
  territory_code: string;
  year: number;
  plan_version: Generated<number>;
  previous_id: number | null;
  change_reason: string | null;
  state: Generated<ExitPlanState>;
  submitted_on: string | null;
  filing_no: string | null;
  filed_on: string | null;
  return_comments: string | null;
  returned_on: string | null;
  version: Generated<number>;
  created_at: TimestampGen;
  updated_at: TimestampGen;
}

export interface ExitPlanItemTable {
  id: Generated<number>;
  plan_id: number;
  enterprise_id: number;
  line_id: number | null;
  capacity: string;
  capacity_unit: string;
  method: string;
  target_on: string;
  workers: Generated<number>;
  note: string | null;
}

export interface SupervisionCriteriaTable {
  id: Generated<number>;
  valid_from: string;
  thresholds: Json;
  basis_id: string;
  note: string | null;
  created_by: number | null;
  created_at: TimestampGen;
}

export interface ProgrammeReminderTable {
  kind: 'problem' | 'planItem';
  ref_id: number;
  due_on: string;
  lead: number;
  sent_at: TimestampGen;
}

export interface SupervisionActionTable {
  id: Generated<number>;
  kind: 'criticism' | 'summons';
  territory_code: string;
  reason: string;
  indicators: Json;
  criteria: Json;
  held_on: string;
  place: string | null;
  attendees: string | null;
  summary: string | null;
  commitments: ColumnType<unknown, string | undefined, string>;
  follow_ups: ColumnType<unknown, string | undefined, string>;
  doc_no: string | null;
  document_id: number | null;
  created_by: number | null;
  created_at: TimestampGen;
  version: Generated<number>;
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
  acceptance_certificate: AcceptanceCertificateTable;
  acceptance_signoff: AcceptanceSignoffTable;
  acceptance_counter: AcceptanceCounterTable;
  yearend_year: YearendYearTable;
  yearend_summary: YearendSummaryTable;
  yearend_report: YearendReportTable;
  report_signing_key: ReportSigningKeyTable;
  province_city_key: ProvinceCityKeyTable;
  province_city_report: ProvinceCityReportTable;
  deadline_event: DeadlineEventTable;
  notification: NotificationTable;
  rollup_case: RollupCaseTable;
  rollup_line: RollupLineTable;
  rollup_due: RollupDueTable;
  rollup_due_fold: RollupDueFoldTable;
  rollup_problem: RollupProblemTable;
  audit_stream: AuditStreamTable;
  audit_log: AuditLogTable;
  audit_checkpoint: AuditCheckpointTable;
  schema_migrations: SchemaMigrationsTable;
  resettlement: ResettlementTable;
  credit_listing: CreditListingTable;
  credit_change: CreditChangeTable;
  credit_sync: CreditSyncTable;
  power_price_list: PowerPriceListTable;
  freed_land: FreedLandTable;
  publication_version: PublicationVersionTable;
  tip: TipTable;
  tip_attachment: TipAttachmentTable;
  tip_salt: TipSaltTable;
  document_counter: DocumentCounterTable;
  yearend_reminder: YearendReminderTable;
  document: DocumentTable;
  document_version: DocumentVersionTable;
  document_pdf: DocumentPdfTable;
  document_service: DocumentServiceTable;
  holiday_calendar: HolidayCalendarTable;
  login_throttle: LoginThrottleTable;
  login_source: LoginSourceTable;
  evidence_upload: EvidenceUploadTable;
  problem_item: ProblemItemTable;
  problem_event: ProblemEventTable;
  exit_plan: ExitPlanTable;
  exit_plan_item: ExitPlanItemTable;
  supervision_criteria: SupervisionCriteriaTable;
  supervision_action: SupervisionActionTable;
  programme_reminder: ProgrammeReminderTable;
  job_run: JobRunTable;
  pending_registration: PendingRegistrationTable;
  rollup_plan: RollupPlanTable;
}

/** 0038_pending_registration.sql: registrations of a code registered elsewhere, resolved by the office (issue 19, item 5). */
export interface PendingRegistrationTable {
  id: Generated<number>;
  credit_code: string;
  name: string;
  territory_code: string;
  industry_code: string;
  address: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  state: Generated<'pending' | 'registered' | 'merged' | 'transferred' | 'rejected'>;
  existing_enterprise_id: number | null;
  submitted_by: number | null;
  submitted_at: TimestampGen;
  resolved_by: number | null;
  resolved_at: TimestampNull;
  resolution_note: string | null;
  version: Generated<number>;
  /** 0043: 'codeChange' — a territory account's change of its enterprise's credit code (enterprise_id, previous_credit_code) */
  kind: Generated<'registration' | 'codeChange'>;
  enterprise_id: number | null;
  previous_credit_code: string | null;
}

/** Year-end reminders sent (migration 0027): one per year, unit, part and reminder date. */
export interface YearendReminderTable {
  year: number;
  unit_kind: 'territory' | 'department' | 'office';
  unit_code: string;
  part: 'summary' | 'report';
  remind_on: string;
  notification_id: number | null;
  sent_at: TimestampGen;
}

/** 0041_rollup_plan.sql: the filed exit plans' items by territory, plan year and target date (issue 13, §3.3). */
export interface RollupPlanTable {
  territory_code: string;
  year: number;
  target_on: string;
  pending: Generated<number>;
  exited: Generated<number>;
}
