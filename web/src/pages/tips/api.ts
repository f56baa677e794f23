/** Console API of public tips (server/modules/tips), typed from the OpenAPI document. */
import { request } from '../../api/client.ts';
import type { ResponseOf } from '../../api/generated.ts';

export type TipItem = ResponseOf<'/api/v1/tips', 'get'>['items'][number];
export type TipDetail = ResponseOf<'/api/v1/tips/{id}', 'get'>;
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
