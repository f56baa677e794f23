/** Types and calls of worker resettlement (server/modules/resettlement). */
import { download, request, type Query } from '../../api/client.ts';

export type RiskLevel = 'low' | 'medium' | 'high';
export type NextStep = 'filePlan' | 'assessRisk' | 'prepareRiskPlan' | 'resettleWorkers' | 'payFunds' | 'done';

export interface ResettlementFigures {
  workersAffected: number;
  transferred: number;
  reemployed: number;
  retired: number;
  other: number;
  fundsPlanned: string;
  fundsPaid: string;
  planFiledOn: string | null;
  riskAssessed: boolean;
  riskLevel: RiskLevel | null;
  riskAssessedOn: string | null;
  riskPlan: boolean;
  note?: string | null;
}
export interface Resettlement extends ResettlementFigures {
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  territoryCode: string;
  territoryName: string;
  enterpriseStatus: string;
  recorded: boolean;
  resettled: number;
  note: string | null;
  nextStep: NextStep;
  nextActor: { kind: 'territory'; code: string; name: string } | null;
  version: number;
  updatedAt: string | null;
  allowedActs: string[];
}

export const resettlementApi = {
  list: (f: { q?: string; nextStep?: string; limit: number; offset: number }) =>
    request<{ items: Resettlement[]; total: number }>('/resettlements', { query: f as Query }),
  get: (enterpriseId: number) => request<Resettlement>(`/enterprises/${enterpriseId}/resettlement`),
  save: (enterpriseId: number, body: ResettlementFigures & { version: number }) =>
    request<Resettlement>(`/enterprises/${enterpriseId}/resettlement`, { method: 'PUT', body }),
  exportXlsx: (f: { q?: string; nextStep?: string }) => download('/resettlements/export.xlsx', f as Query, 'resettlement.xlsx'),
};
