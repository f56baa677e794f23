/** The jobs page's API (GET /jobs, /jobs/runs): types from the generated OpenAPI types once they cover it. */
import { request, type Query } from '../../api/client.ts';

export type JobOutcome = 'ok' | 'failed' | 'skipped';

export interface JobRun {
  id: number;
  job: string;
  jobTitle: string;
  jobTitleEn: string;
  trigger: 'schedule' | 'cli' | 'test';
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: JobOutcome | null;
  attempts: number;
  error: string | null;
  summary: Record<string, unknown> | null;
}

export interface Job {
  name: string;
  title: string;
  titleEn: string;
  everySeconds: number;
  retries: number;
  lastRun: JobRun | null;
}

export const jobsApi = {
  jobs: () => request<{ items: Job[] }>('/jobs'),
  runs: (f: { job?: string; outcome?: JobOutcome | 'running'; limit?: number; offset?: number }) => request<{ items: JobRun[]; total: number }>('/jobs/runs', { query: f as Query }),
};
