/**
 * Runs one job: its advisory lock (pg_try_advisory_lock on a connection held for the run: a second instance's run of
 * the same job is skipped, other jobs run freely), a job_run row written at the start and completed at the end,
 * retries. A run that could not take the lock writes nothing.
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { JobDefinition, JobSummary } from './job.ts';

/** Advisory lock namespace of jobs ("PHSF"); the key's second half is hashtext(job name). */
const JOB_LOCK_NS = 0x50485346;
const MAX_ERROR = 2000;
export const INSTANCE = `${os.hostname()}:${process.pid}`;

export type JobTrigger = 'schedule' | 'cli' | 'test';

export type JobRunResult =
  | { runId: number; outcome: 'ok' | 'skipped' | 'failed'; attempts: number; error: string | null; summary: JobSummary | null }
  | { runId: null; outcome: 'locked' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runJob(db: Kysely<DB>, job: JobDefinition, opts: { clock: () => Date; trigger: JobTrigger }): Promise<JobRunResult> {
  return db.connection().execute(async (conn) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${JOB_LOCK_NS}::int, hashtext(${job.name})) as ok`.execute(conn);
    if (!lock.rows[0]?.ok) return { runId: null, outcome: 'locked' as const };
    try {
      const now = opts.clock();
      const row = await db
        .insertInto('job_run')
        .values({ job: job.name, trigger: opts.trigger, instance: INSTANCE, started_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const retries = Math.max(0, job.retries ?? 2);
      let attempts = 0;
      let outcome: 'ok' | 'skipped' | 'failed' = 'failed';
      let error: string | null = null;
      let summary: JobSummary | null = null;
      while (attempts <= retries) {
        attempts++;
        try {
          const r = await job.run({ db, now, attempt: attempts });
          if ('skipped' in r && typeof r.skipped === 'string') {
            outcome = 'skipped';
            summary = { skipped: r.skipped };
          } else {
            outcome = 'ok';
            summary = r;
          }
          error = null;
          break;
        } catch (e) {
          error = String((e as Error)?.message ?? e).slice(0, MAX_ERROR);
          if (attempts <= retries) await sleep((job.retryDelayMs ?? 1000) * attempts);
        }
      }
      await db
        .updateTable('job_run')
        .set({ finished_at: opts.clock(), outcome, attempts, error, summary: summary === null ? null : JSON.stringify(summary) })
        .where('id', '=', row.id)
        .execute();
      return { runId: Number(row.id), outcome, attempts, error, summary };
    } finally {
      await sql`select pg_advisory_unlock(${JOB_LOCK_NS}::int, hashtext(${job.name}))`.execute(conn);
    }
  });
}
