/**
 * What a background job is. Registering one is one object in server/jobs/index.ts:
 *
 *   export const reminderJob = defineJob({
 *     name: 'case-reminders', title: { zh: '案件提醒', en: 'Case reminders' }, everyMs: 60 * 60_000,
 *     run: async ({ db, now }) => ({ sent: await sendReminders(db, now) }),
 *   });
 *
 * The runner (runner.ts) gives every job one advisory lock (one instance runs it at a time), retries a failed attempt
 * (`retries`, default 2, after `retryDelayMs` × attempt), and records each run in job_run (started, finished,
 * outcome, attempts, error text, the summary `run` answers). A job answers `{ skipped: reason }` when it did nothing
 * on purpose (e.g. its own lock was held by a CLI run).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface JobContext {
  db: Kysely<DB>;
  /** the instant the run stands on (the app's clock: tests move it) */
  now: Date;
  /** 1 for the first attempt */
  attempt: number;
}

export type JobSummary = Record<string, unknown>;

export interface JobDefinition {
  /** stable id, kebab-case (job_run.job, the lock key, the API) */
  name: string;
  /** what the office sees */
  title: { zh: string; en: string };
  /** the schedule: run every this many ms while a server is up */
  everyMs: number;
  /** extra attempts after a failed one (default 2) */
  retries?: number;
  /** wait before the n-th retry: retryDelayMs × n (default 1000) */
  retryDelayMs?: number;
  run(ctx: JobContext): Promise<JobSummary | { skipped: string }>;
}

/** Identity, for type inference at the definition site. */
export function defineJob(def: JobDefinition): JobDefinition {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(def.name)) throw new Error(`job name ${def.name}: kebab-case, 2–63 characters`);
  return def;
}
