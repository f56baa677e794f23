/** Console API of public tips (server/modules/tips), typed here until the generated types cover it. */
import { request } from '../../api/client.ts';

export interface TipItem {
  id: number;
  trackingCode: string;
  serviceCode: string;
  serviceName: string;
  territoryName: string;
  enterpriseName: string | null;
  status: string;
  statusName: string;
  unitName: string;
  nextActor: string;
  createdAt: string;
}
export interface TipDetail extends TipItem {
  description: string;
  address: string | null;
  contact: string | null;
  publicNote: string | null;
  caseId: number | null;
  mergedInto: string | null;
  photos: Array<{ n: number; mimeType: string; sizeBytes: number }>;
  allowedActs: string[];
}
export type Triage =
  | { action: 'openCase'; caseId: number; note?: string }
  | { action: 'orderReinspection'; note: string }
  | { action: 'merge'; intoTrackingCode: string }
  | { action: 'reject'; reason: string };

export const tipsApi = {
  list: (f: { q?: string; status?: string; limit: number; offset: number }) => request<{ items: TipItem[]; total: number }>('/tips', { query: f }),
  get: (id: number) => request<TipDetail>(`/tips/${id}`),
  triage: (id: number, body: Triage) => request<TipDetail>(`/tips/${id}/triage`, { method: 'POST', body }),
};
