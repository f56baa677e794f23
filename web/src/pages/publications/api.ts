/** Console API of the public lists (server/modules/publications), its types generated from /openapi.json. */
import { request } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

/** The public-list types are the generated ones (web/src/api/generated.ts), so the console restates no server shape. */
export type SeriesList = ResponseOf<'/api/v1/publications/series', 'get'>;
export type PublishInput = BodyOf<'/api/v1/publications', 'post'>;
export type ListKind = PublishInput['list'];
/** a series as listed; its `list` (a string in the answer) is always one of the kinds a publication takes */
export type SeriesItem = Omit<SeriesList['items'][number], 'list'> & { list: ListKind };
export type VersionSummary = NonNullable<SeriesItem['latest']>;
export type Proposal = ResponseOf<'/api/v1/publications/proposal', 'get'>;
export type Entry = Proposal['entries'][number];
export type VersionList = ResponseOf<'/api/v1/publications/versions', 'get'>;
export type VersionItem = VersionList['items'][number];

export const publicationsApi = {
  series: (q?: string) => request<{ items: SeriesItem[]; total: number }>('/publications/series', { query: { q } }),
  proposal: (s: { list: ListKind; territoryCode: string; year?: number | null }) =>
    request<Proposal>('/publications/proposal', { query: { list: s.list, territoryCode: s.territoryCode, year: s.year ?? undefined } }),
  publish: (body: PublishInput) => request<ResponseOf<'/api/v1/publications', 'post'>>('/publications', { method: 'POST', body }),
  versions: (f: { q?: string; limit: number; offset: number }) => request<VersionList>('/publications/versions', { query: f }),
};
