/**
 * Status words and colours, defined once: enterprise status (derived), line state, case state, deadline status
 * and catalogue class. Pages render tags and filter options from these maps, never from literals.
 */
import type { DictKey } from '../i18n/dict.ts';
import {
  CASE_STATES,
  CATALOGUE_CLASSES,
  DEADLINE_STATUSES,
  DIMENSION_LIST as DIMENSIONS,
  ENTERPRISE_STATUSES,
  LINE_STATES,
} from '../../../server/domain/states.ts';

// the lists are the domain's (server/domain/states.ts: a state added there and not given a word here fails compilation)
export { CASE_STATES, CATALOGUE_CLASSES, DEADLINE_STATUSES, DIMENSIONS, ENTERPRISE_STATUSES, LINE_STATES };
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
export type LineState = (typeof LINE_STATES)[number];
export type CatalogueClass = (typeof CATALOGUE_CLASSES)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type CaseState = (typeof CASE_STATES)[number];
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface StatusSpec {
  label: DictKey;
  /** an antd Tag preset colour */
  color: string;
}

export const enterpriseStatus: Record<EnterpriseStatus, StatusSpec> = {
  operating: { label: 'entStatus.operating', color: 'green' },
  rectifying: { label: 'entStatus.rectifying', color: 'gold' },
  enforcement: { label: 'entStatus.enforcement', color: 'volcano' },
  closed: { label: 'entStatus.closed', color: 'red' },
  exited: { label: 'entStatus.exited', color: 'default' },
};

export const lineState: Record<LineState, StatusSpec> = {
  operating: { label: 'lineState.operating', color: 'green' },
  restricted: { label: 'lineState.restricted', color: 'gold' },
  suspended: { label: 'lineState.suspended', color: 'orange' },
  sealed: { label: 'lineState.sealed', color: 'purple' },
  shut: { label: 'lineState.shut', color: 'red' },
  dismantled: { label: 'lineState.dismantled', color: 'red' },
  exited: { label: 'lineState.exited', color: 'default' },
};

export const catalogueClass: Record<CatalogueClass, StatusSpec> = {
  eliminated: { label: 'catalogue.eliminated', color: 'red' },
  restricted: { label: 'catalogue.restricted', color: 'orange' },
  none: { label: 'catalogue.none', color: 'default' },
};

export const dimension: Record<Dimension, StatusSpec> = {
  energy: { label: 'dim.energy', color: 'blue' },
  environment: { label: 'dim.environment', color: 'green' },
  quality: { label: 'dim.quality', color: 'cyan' },
  safety: { label: 'dim.safety', color: 'orange' },
  technology: { label: 'dim.technology', color: 'purple' },
};

/** Case states: the union of the five dimensions' transition tables (server/domain/lifecycle). */
export const caseState: Record<CaseState, StatusSpec> = {
  found: { label: 'caseState.found', color: 'default' },
  rectifying: { label: 'caseState.rectifying', color: 'gold' },
  extensionRequested: { label: 'caseState.extensionRequested', color: 'gold' },
  reinspectionFailed: { label: 'caseState.reinspectionFailed', color: 'volcano' },
  overdue: { label: 'caseState.overdue', color: 'red' },
  closureOrdered: { label: 'caseState.closureOrdered', color: 'red' },
  closed: { label: 'caseState.closed', color: 'green' },
  restricted: { label: 'caseState.restricted', color: 'orange' },
  suspended: { label: 'caseState.suspended', color: 'orange' },
  recheckFailed: { label: 'caseState.recheckFailed', color: 'volcano' },
  serious: { label: 'caseState.serious', color: 'magenta' },
  approvalRequested: { label: 'caseState.approvalRequested', color: 'geekblue' },
  approved: { label: 'caseState.approved', color: 'blue' },
  investigating: { label: 'caseState.investigating', color: 'cyan' },
  penalised: { label: 'caseState.penalised', color: 'orange' },
  rectificationFailed: { label: 'caseState.rectificationFailed', color: 'volcano' },
  suspensionFailed: { label: 'caseState.suspensionFailed', color: 'red' },
  sealing: { label: 'caseState.sealing', color: 'purple' },
  sealed: { label: 'caseState.sealed', color: 'purple' },
  dismantled: { label: 'caseState.dismantled', color: 'green' },
  shut: { label: 'caseState.shut', color: 'red' },
  ceased: { label: 'caseState.ceased', color: 'orange' },
  licenceRevoked: { label: 'caseState.licenceRevoked', color: 'red' },
};

export const deadlineStatus: Record<DeadlineStatus, StatusSpec> = {
  none: { label: 'deadline.none', color: 'default' },
  ok: { label: 'deadline.ok', color: 'green' },
  dueSoon30: { label: 'deadline.dueSoon30', color: 'gold' },
  dueSoon7: { label: 'deadline.dueSoon7', color: 'orange' },
  dueSoon1: { label: 'deadline.dueSoon1', color: 'volcano' },
  dueToday: { label: 'deadline.dueToday', color: 'red' },
  overdue: { label: 'deadline.overdue', color: 'red' },
};

const UNKNOWN: StatusSpec = { label: 'caseState.unknown', color: 'default' };

/** Looks a word up in one of the maps, tolerating a value the client does not know yet (new server state). */
export function specOf<K extends string>(map: Record<K, StatusSpec>, value: string | null | undefined): StatusSpec {
  return value !== null && value !== undefined && value in map ? map[value as K] : UNKNOWN;
}
