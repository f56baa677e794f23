/**
 * The enterprise-status rule moved to server/domain/enterprise-status.ts and its SQL to
 * server/projections/enterprise-status.ts. This file keeps the names it exported so that code written against it
 * still compiles; new code imports those.
 */
export { RECTIFYING_CASE_STATES, CLOSURE_OUTCOMES, deriveEnterpriseStatus, statusMayChange, type StatusFacts } from '../../domain/enterprise-status.ts';
export { refreshEnterpriseStatus, refreshAllEnterpriseStatuses, refreshEnterpriseStatusWithCaseSql } from '../../projections/index.ts';
