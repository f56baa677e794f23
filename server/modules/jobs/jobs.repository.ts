/** Reads of job_run (the runner, server/jobs/runner.ts, is its only writer). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface JobRunRow {
  id: number;
  job: string;
  trigger: 'schedule' | 'cli' | 'test';
  instance: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: 'ok' | 'failed' | 'skipped' | null;
  attempts: number;
  error: string | null;
  summary: unknown;
}

const COLS = ['id', 'job', 'trigger', 'instance', 'started_at', 'finished_at', 'outcome', 'attempts', 'error', 'summary'] as const;

export function jobRunRepository(db: Kysely<DB>) {
  return {
    async list(f: { job?: string | undefined; outcome?: 'ok' | 'failed' | 'skipped' | 'running' | undefined; limit: number; offset: number }) {
      const base = db
        .selectFrom('job_run')
        .$if(f.job !== undefined, (q) => q.where('job', '=', f.job!))
        .$if(f.outcome === 'running', (q) => q.where('outcome', 'is', null))
        .$if(f.outcome !== undefined && f.outcome !== 'running', (q) => q.where('outcome', '=', f.outcome as 'ok'));
      const [rows, count] = await Promise.all([
        base.select(COLS).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as JobRunRow[], total: Number(count.n) };
    },
    async lastRuns(jobs: readonly string[]): Promise<Map<string, JobRunRow>> {
      if (jobs.length === 0) return new Map();
      const r = await sql<JobRunRow>`select distinct on (job) ${sql.join(COLS.map((c) => sql.ref(c)))} from job_run
        where job = any(${[...jobs]}::text[]) order by job, started_at desc, id desc`.execute(db);
      return new Map(r.rows.map((x) => [x.job, x]));
    },
  };
}
