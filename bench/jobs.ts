/**
 * The job runner's own cost (server/jobs/runner.ts): a no-op job run — advisory lock, job_run insert, update, unlock —
 * against a bare `select 1` round trip on the same pool as the baseline, in the same run. Standalone: `npx tsx bench/jobs.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { defineJob, runJob } from '../server/jobs/index.ts';
import { printResults, type BenchResult } from './load.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchJobs(runs = Number(process.env.BENCH_JOB_RUNS ?? 200)): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-bench-jobs-'));
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const database = await openDatabase(loadConfig({ ...process.env, PHASEOUT_DATA_DIR: dataDir, PHASEOUT_DEMO: '0', DATABASE_URL: '' }), quiet, 'cli');
  try {
    await migrate(database.pool);
    const job = defineJob({ name: 'bench-noop', title: { zh: '空任务', en: 'no-op' }, everyMs: 60_000, run: async () => ({}) });
    const one: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      await runJob(database.db, job, { clock: () => new Date(), trigger: 'test' });
      one.push(performance.now() - t0);
      t0 = performance.now();
      await sql`select 1`.execute(database.db);
      base.push(performance.now() - t0);
    }
    return [
      {
        name: 'job run overhead (no-op job)',
        unit: 'ms',
        value: median(one),
        baseline: median(base),
        ratio: median(one) / median(base),
        note: `median of ${runs}: lock, job_run insert and update, unlock; baseline: one select 1 round trip`,
      },
    ];
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) printResults(await benchJobs());
