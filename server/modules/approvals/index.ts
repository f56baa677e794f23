/**
 * What other modules may use of the approval queue: register a source of items that wait for the city government
 * (the year-end report of plan §3.4 is one; server/modules/yearend/report-approval-source.ts).
 */
export { registerApprovalSource, type ApprovalItem, type ApprovalSource } from './approval-sources.ts';
