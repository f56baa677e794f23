/** The console's calls for daily work on cases (issue 17 part A): search, export, bulk acts, audit in words, read all. */
import { download, request, type Query } from '../../api/client.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/generated.ts';

export type CaseListQuery = QueryOf<'/api/v1/cases', 'get'>;
export type BulkActBody = BodyOf<'/api/v1/cases/bulk-acts', 'post'>;
export type BulkActResult = ResponseOf<'/api/v1/cases/bulk-acts', 'post'>;
export type AuditQuery = QueryOf<'/api/v1/audit', 'get'>;
export type AuditList = ResponseOf<'/api/v1/audit', 'get'>;
export type AuditRecord = AuditList['items'][number];

const q = (o: object): Query => o as Query;

export const workApi = {
  exportCases: (f: Omit<CaseListQuery, 'limit' | 'offset'>) => download('/cases/export.xlsx', q(f), 'cases.xlsx'),
  bulkAct: (body: BulkActBody) => request<BulkActResult>('/cases/bulk-acts', { method: 'POST', body }),
  audit: (f: AuditQuery) => request<AuditList>('/audit', { query: q(f) }),
  exportAudit: (f: Omit<AuditQuery, 'limit' | 'offset'>) => download('/audit/export.xlsx', q(f), 'audit.xlsx'),
  markAllRead: () => request<{ marked: number }>('/notifications/read-all', { method: 'POST' }),
};

/** Acts that take no further input, so one date applies them to many cases (each still decided by the law). */
export const BULK_ACTS = ['serveRectificationOrder', 'investigate', 'recordClosure'] as const;
