/**
 * Every background job, the one list the scheduler runs (scheduler.plugin.ts) and the office sees (GET /api/v1/jobs).
 * Add a job: define it in its module with defineJob (server/jobs/job.ts) and append it here (one line).
 */
import type { JobDefinition } from './job.ts';
import { deadlineSweepJob } from '../modules/cases/sweep.job.ts';
import { programmeRemindersJob } from '../modules/problems/reminders.job.ts';

export const JOBS: readonly JobDefinition[] = [deadlineSweepJob, programmeRemindersJob];

export function jobNamed(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}

export { defineJob, type JobDefinition, type JobContext, type JobSummary } from './job.ts';
export { runJob, type JobRunResult, type JobTrigger } from './runner.ts';
