/** Console API of the public lists (server/modules/publications), typed here until the generated types cover it. */
import { request } from '../../api/client.ts';

export type ListKind = 'yellow' | 'red' | 'overEmission' | 'annualExit';
export interface VersionSummary {
  id: number;
  versionNo: number;
  action: string;
  number: string;
  postedOn: string;
  entries: number;
}
export interface SeriesItem {
  series: string;
  list: ListKind;
  listName: string;
  territoryCode: string;
  territoryName: string;
  year: number | null;
  unit: { kind: string; code: string; name: string };
  canPublish: boolean;
  latest: VersionSummary | null;
  nextActor: string;
}
export interface Entry {
  creditCode: string;
  name: string;
  territoryName: string;
  industryName: string;
  dimensions: string[];
  since: string;
  dueOn: string | null;
  equipment: Array<{ name: string; capacity: string; capacityUnit: string }>;
}
export interface Proposal {
  series: string;
  list: ListKind;
  territoryCode: string;
  year: number | null;
  basisId: string;
  latest: VersionSummary | null;
  entries: Entry[];
  added: string[];
  kept: string[];
  removed: Array<{ creditCode: string; name: string; reason: string }>;
}
export interface VersionItem {
  id: number;
  series: string;
  list: string;
  listName: string;
  territoryName: string;
  versionNo: number;
  action: string;
  number: string;
  postedOn: string;
  entries: number;
  unitName: string;
}
export interface PublishInput {
  list: ListKind;
  territoryCode: string;
  year?: number;
  action: 'publish' | 'correct' | 'withdraw';
  postedOn: string;
  exclusions?: Array<{ creditCode: string; reason: string }>;
  reason?: string;
}

export const publicationsApi = {
  series: (q?: string) => request<{ items: SeriesItem[]; total: number }>('/publications/series', { query: { q } }),
  proposal: (s: { list: ListKind; territoryCode: string; year?: number | null }) =>
    request<Proposal>('/publications/proposal', { query: { list: s.list, territoryCode: s.territoryCode, year: s.year ?? undefined } }),
  publish: (body: PublishInput) => request<{ id: number; number: string }>('/publications', { method: 'POST', body }),
  versions: (f: { q?: string; limit: number; offset: number }) => request<{ items: VersionItem[]; total: number }>('/publications/versions', { query: f }),
};
