/**
 * The state enums, once: the database schema types (server/db/schema.ts), the TypeBox schemas, the domain rules and
 * the console (through the generated API types) all take them from here.
 */
import type { LineState } from './lifecycle/types.ts';
import type { Dimension } from './lifecycle/types.ts';
import type { EnergyState } from './lifecycle/energy.ts';
import type { EnvironmentState } from './lifecycle/environment.ts';
import type { QualityState } from './lifecycle/quality.ts';
import type { SafetyState } from './lifecycle/safety.ts';
import type { TechnologyState } from './lifecycle/technology.ts';
import type { DeadlineStatus } from './lifecycle/index.ts';

export type { LineState } from './lifecycle/types.ts';

/** Production line states (the type is the lifecycle's LineState; this is its list, in the order the console shows it). */
export const LINE_STATES = ['operating', 'restricted', 'suspended', 'sealed', 'shut', 'dismantled', 'exited'] as const satisfies readonly LineState[];
// a state added to LineState but not to LINE_STATES fails here
const lineStatesComplete: Exclude<LineState, (typeof LINE_STATES)[number]> extends never ? true : false = true;
void lineStatesComplete;

/** An enterprise's derived status (server/domain/enterprise-status.ts). */
export const ENTERPRISE_STATUSES = ['operating', 'rectifying', 'enforcement', 'closed', 'exited'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

// ---- state enums once (issue 16): the console's status words and the API schemas take these lists ----

/** The five dimensions of the plan (§2.1–§2.5), in the plan's order. */
export const DIMENSION_LIST = ['energy', 'environment', 'quality', 'safety', 'technology'] as const satisfies readonly Dimension[];
const dimensionsComplete: Exclude<Dimension, (typeof DIMENSION_LIST)[number]> extends never ? true : false = true;
void dimensionsComplete;

/** Case states: the union of the five dimensions' transition tables, in the order the console shows them. */
export const CASE_STATES = [
  'found',
  'rectifying',
  'extensionRequested',
  'reinspectionFailed',
  'overdue',
  'closureOrdered',
  'closed',
  'restricted',
  'suspended',
  'recheckFailed',
  'serious',
  'approvalRequested',
  'approved',
  'investigating',
  'penalised',
  'rectificationFailed',
  'suspensionFailed',
  'sealing',
  'sealed',
  'dismantled',
  'shut',
  'ceased',
  'licenceRevoked',
] as const;
export type AnyCaseState = EnergyState | EnvironmentState | QualityState | SafetyState | TechnologyState;
// a state added to a dimension's table but not here, or listed here but in no table, fails compilation
const caseStatesComplete: [Exclude<AnyCaseState, (typeof CASE_STATES)[number]>, Exclude<(typeof CASE_STATES)[number], AnyCaseState>] extends [never, never]
  ? true
  : false = true;
void caseStatesComplete;

/** A case's deadline status, derived from the due date and today (server/domain/lifecycle deadlineStatus). */
export const DEADLINE_STATUSES = ['none', 'ok', 'dueSoon30', 'dueSoon7', 'dueSoon1', 'dueToday', 'overdue'] as const satisfies readonly DeadlineStatus[];
const deadlineStatusesComplete: Exclude<DeadlineStatus, (typeof DEADLINE_STATUSES)[number]> extends never ? true : false = true;
void deadlineStatusesComplete;

/** A line's class in the industrial restructuring catalogue (淘汰类 / 限制类 / neither). */
export const CATALOGUE_CLASSES = ['eliminated', 'restricted', 'none'] as const;
export type CatalogueClass = (typeof CATALOGUE_CLASSES)[number];
