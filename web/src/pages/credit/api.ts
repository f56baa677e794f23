/** Types and calls of the differentiated-credit list (server/modules/credit). */
import { download, request, type Query } from '../../api/client.ts';

export type CreditMeasure = 'rectification' | 'restriction' | 'suspension' | 'elimination' | 'closure' | 'exit';
export const CREDIT_MEASURES: readonly CreditMeasure[] = ['rectification', 'restriction', 'suspension', 'elimination', 'closure', 'exit'];

export interface CreditEntry {
  creditCode: string;
  name: string;
  territoryName: string;
  industryName: string;
  listed: boolean;
  measure: CreditMeasure | null;
  measureName: string | null;
  since: string | null;
  leadDepartment: string | null;
  basis: { id: string; citation: string; citationZh: string } | null;
  changedAt: string;
}
export interface CreditChange {
  creditCode: string;
  name: string;
  change: 'added' | 'changed' | 'removed';
  onDate: string;
  measureBefore: CreditMeasure | null;
  measureAfter: CreditMeasure | null;
  recordedAt: string;
}
export interface CreditFilter {
  q?: string | undefined;
  measure?: CreditMeasure | undefined;
}

export const creditApi = {
  list: (f: CreditFilter & { limit: number; offset: number }) =>
    request<{ items: CreditEntry[]; total: number; asOf: string }>('/credit-list', { query: f as unknown as Query }),
  changes: (since: string, limit: number, offset: number) =>
    request<{ items: CreditChange[]; total: number }>('/credit-list/changes', { query: { since, limit, offset } }),
  exportXlsx: (f: CreditFilter) => download('/credit-list/export.xlsx', f as unknown as Query, 'credit-list.xlsx'),
};
