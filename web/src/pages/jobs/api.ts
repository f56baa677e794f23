/** The jobs page's API (GET /jobs, /jobs/runs); its types are the generated ones (web/src/api/generated.ts). */
import { request, type Query } from '../../api/client.ts';
import type { QueryOf, ResponseOf } from '../../api/generated.ts';

export type Job = ResponseOf<'/api/v1/jobs', 'get'>['items'][number];
export type JobRun = ResponseOf<'/api/v1/jobs/runs', 'get'>['items'][number];
export type JobOutcome = NonNullable<JobRun['outcome']>;
type RunsQuery = QueryOf<'/api/v1/jobs/runs', 'get'>;

export const jobsApi = {
  jobs: () => request<ResponseOf<'/api/v1/jobs', 'get'>>('/jobs'),
  runs: (f: RunsQuery) => request<ResponseOf<'/api/v1/jobs/runs', 'get'>>('/jobs/runs', { query: f as Query }),
};
