/** Types and calls of worker resettlement (server/modules/resettlement). */
import { download, request, type Query } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

/** The resettlement types are the generated ones (web/src/api/generated.ts), so the console restates no server shape. */
export type Resettlement = ResponseOf<'/api/v1/enterprises/{id}/resettlement', 'get'>;
export type ResettlementInput = BodyOf<'/api/v1/enterprises/{id}/resettlement', 'put'>;
export type RiskLevel = NonNullable<Resettlement['riskLevel']>;
export type NextStep = Resettlement['nextStep'];

export const resettlementApi = {
  list: (f: { q?: string; nextStep?: string; limit: number; offset: number }) =>
    request<ResponseOf<'/api/v1/resettlements', 'get'>>('/resettlements', { query: f as Query }),
  get: (enterpriseId: number) => request<Resettlement>(`/enterprises/${enterpriseId}/resettlement`),
  save: (enterpriseId: number, body: ResettlementInput) => request<Resettlement>(`/enterprises/${enterpriseId}/resettlement`, { method: 'PUT', body }),
  exportXlsx: (f: { q?: string; nextStep?: string }) => download('/resettlements/export.xlsx', f as Query, 'resettlement.xlsx'),
};
