/**
 * Job figures for /metrics (issue 18 item 5), read from the job_run table so that every instance reports the same
 * cluster-wide truth (a job runs on whichever instance holds its lock):
 * - phaseout_job_runs{job,outcome}: runs recorded, by outcome (ok, failed, skipped; 'running' while unfinished);
 * - phaseout_job_last_success_seconds{job}: when the job last finished ok (Unix seconds; absent if never);
 * - phaseout_job_lag_seconds{job}: how far the job is behind its schedule — the time since its last good finish
 *   beyond one interval (0 while on schedule; counted from this instance's start if it never ran);
 * - phaseout_sweep_lag_seconds: the same for the deadline sweep, the job an operator pages on (§2.1–§2.5 deadlines
 *   turn overdue only when it runs).
 * A gauge, not a counter: the numbers come from the database and may be reset by a restore, not by this process.
 */
import { sql, type Kysely } from 'kysely';
import client from 'prom-client';
import type { DB } from '../db/schema.ts';
import type { JobDefinition } from './job.ts';

export const SWEEP_JOB = 'deadline-sweep';

export function registerJobMetrics(registry: client.Registry, db: Kysely<DB>, jobs: readonly JobDefinition[], clock: () => Date): void {
  const startedAt = clock().getTime();
  const lastOk = async () => {
    const r = await sql<{ job: string; at: Date | null }>`select job, max(finished_at) as at from job_run where outcome = 'ok' group by job`
      .execute(db)
      .catch(() => null);
    return new Map((r?.rows ?? []).map((x) => [x.job, x.at ? new Date(x.at).getTime() : null]));
  };
  const lagOf = (job: JobDefinition, last: number | null | undefined, now: number) => Math.max(0, (now - (last ?? startedAt) - job.everyMs) / 1000);

  new client.Gauge({
    name: 'phaseout_job_runs',
    help: 'Job runs recorded in job_run, by job and outcome (running = not finished yet)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const j of jobs) for (const outcome of ['ok', 'failed', 'skipped']) this.set({ job: j.name, outcome }, 0);
      const r = await sql<{ job: string; outcome: string | null; n: string }>`select job, outcome, count(*) as n from job_run group by job, outcome`
        .execute(db)
        .catch(() => null);
      for (const x of r?.rows ?? []) this.set({ job: x.job, outcome: x.outcome ?? 'running' }, Number(x.n));
    },
  });
  new client.Gauge({
    name: 'phaseout_job_last_success_seconds',
    help: 'When each job last finished ok (Unix time, seconds)',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [job, at] of await lastOk()) if (at !== null) this.set({ job }, at / 1000);
    },
  });
  new client.Gauge({
    name: 'phaseout_job_lag_seconds',
    help: 'How far each job is behind its schedule: time since its last good finish beyond one interval (0 = on schedule)',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      const last = await lastOk();
      const now = clock().getTime();
      for (const j of jobs) this.set({ job: j.name }, lagOf(j, last.get(j.name), now));
    },
  });
  const sweep = jobs.find((j) => j.name === SWEEP_JOB);
  if (sweep) {
    new client.Gauge({
      name: 'phaseout_sweep_lag_seconds',
      help: 'How far the deadline sweep is behind its schedule (seconds; 0 = on schedule)',
      registers: [registry],
      async collect() {
        const last = await lastOk();
        this.set(lagOf(sweep, last.get(SWEEP_JOB), clock().getTime()));
      },
    });
  }
}
