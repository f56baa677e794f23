/**
 * The home for jobs (server/jobs/): one lock per job, retries, a job_run record of each run, the deadline sweep as
 * the first job, and the office's view of runs (GET /api/v1/jobs, /api/v1/jobs/runs) with its policy and attacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { defineJob, JOBS, runJob } from '../../server/jobs/index.ts';

let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await createTestApp({ now: '2021-06-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
});
afterAll(async () => t?.close());

const clock = () => t.clock.now;

describe('the job runner (server/jobs/runner.ts)', () => {
  it('records a run: started, finished, outcome ok, the summary it answered', async () => {
    const job = defineJob({ name: 'test-ok', title: { zh: '测试', en: 'Test' }, everyMs: 60_000, run: async ({ now }) => ({ at: now.toISOString() }) });
    const r = await runJob(t.db, job, { clock, trigger: 'test' });
    expect(r).toMatchObject({ outcome: 'ok', attempts: 1, error: null, summary: { at: '2021-06-15T02:00:00.000Z' } });
    const row = await t.db.selectFrom('job_run').selectAll().where('id', '=', r.runId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ job: 'test-ok', trigger: 'test', outcome: 'ok', attempts: 1, error: null });
    expect(row.finished_at).not.toBeNull();
  });

  it('retries a failing attempt, then records failed with the last error text and the number of attempts', async () => {
    let calls = 0;
    const flaky = defineJob({
      name: 'test-flaky',
      title: { zh: '测试', en: 'Test' },
      everyMs: 60_000,
      retries: 2,
      retryDelayMs: 1,
      run: async () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        return { calls };
      },
    });
    expect(await runJob(t.db, flaky, { clock, trigger: 'test' })).toMatchObject({ outcome: 'ok', attempts: 3, summary: { calls: 3 } });
    const broken = defineJob({
      name: 'test-broken',
      title: { zh: '测试', en: 'Test' },
      everyMs: 60_000,
      retries: 1,
      retryDelayMs: 1,
      run: async () => {
        throw new Error('the mail relay is down');
      },
    });
    const r = await runJob(t.db, broken, { clock, trigger: 'test' });
    expect(r).toMatchObject({ outcome: 'failed', attempts: 2, error: 'the mail relay is down', summary: null });
  });

  it('one run of a job at a time: while another session holds its lock, a run is skipped and writes nothing; other jobs run', async () => {
    const job = defineJob({ name: 'test-locked', title: { zh: '测试', en: 'Test' }, everyMs: 60_000, run: async () => ({}) });
    const other = new pg.Client(t.database.connection);
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(${0x50485346}, hashtext('test-locked'))`);
      const before = await t.db
        .selectFrom('job_run')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(await runJob(t.db, job, { clock, trigger: 'test' })).toEqual({ runId: null, outcome: 'locked' });
      const after = await t.db
        .selectFrom('job_run')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const free = defineJob({ name: 'test-free', title: { zh: '测试', en: 'Test' }, everyMs: 60_000, run: async () => ({}) });
      expect((await runJob(t.db, free, { clock, trigger: 'test' })).outcome).toBe('ok');
    } finally {
      await other.end();
    }
    expect((await runJob(t.db, job, { clock, trigger: 'test' })).outcome).toBe('ok');
  });

  it('the deadline sweep is the first registered job; its run is recorded with the sweep report in short', async () => {
    const sweep = JOBS.find((j) => j.name === 'deadline-sweep')!;
    expect(sweep.everyMs).toBe(10 * 60 * 1000);
    const r = await runJob(t.db, sweep, { clock, trigger: 'test' });
    expect(r).toMatchObject({ outcome: 'ok', summary: { asOf: '2021-06-15', examined: 0, events: 0, acts: 0 } });
    // the sweep's own lock held (a CLI sweep running): the job records skipped
    const other = new pg.Client(t.database.connection);
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(${0x50485345}, 1)`);
      expect(await runJob(t.db, sweep, { clock, trigger: 'test' })).toMatchObject({ outcome: 'skipped', summary: { skipped: expect.any(String) } });
    } finally {
      await other.end();
    }
  });
});

describe('GET /api/v1/jobs, /api/v1/jobs/runs (office)', () => {
  it('lists the registered jobs with their schedule and last run, named in Chinese and English', async () => {
    const r = await office.get('/api/v1/jobs');
    expect(r.statusCode).toBe(200);
    const sweep = r.json().items.find((j: { name: string }) => j.name === 'deadline-sweep');
    expect(sweep).toMatchObject({
      title: expect.stringContaining('期限'),
      titleEn: expect.stringContaining('Deadline'),
      everySeconds: 600,
      lastRun: { job: 'deadline-sweep', outcome: 'skipped' },
    });
  });

  it('lists runs newest first, filtered by job and outcome, with totals', async () => {
    const all = (await office.get('/api/v1/jobs/runs?limit=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(7);
    const ids = all.items.map((x: { id: number }) => x.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const failed = (await office.get('/api/v1/jobs/runs?outcome=failed')).json();
    expect(failed.items.map((x: { job: string }) => x.job)).toEqual(['test-broken']);
    expect(failed.items[0]).toMatchObject({ error: 'the mail relay is down', attempts: 2, jobTitle: 'test-broken' });
    const sweeps = (await office.get('/api/v1/jobs/runs?job=deadline-sweep')).json();
    expect(sweeps.total).toBe(2);
    expect(sweeps.items[0]).toMatchObject({ jobTitle: expect.stringContaining('期限'), trigger: 'test' });
  });

  it('other roles are refused (403), anonymous 401', async () => {
    for (const u of ['t-340202', 'd-drc', 'gov']) {
      expect((await (await t.as(u)).get('/api/v1/jobs/runs')).statusCode).toBe(403);
      expect((await (await t.as(u)).get('/api/v1/jobs')).statusCode).toBe(403);
    }
    expect((await t.anon.get('/api/v1/jobs')).statusCode).toBe(401);
  });

  it('hostile query strings get a coded 400 naming the field, never 5xx', async () => {
    for (const [q, field] of [
      ['job=%00', 'job'],
      ["job=x'%20or%201=1--", 'job'],
      [`job=${'a'.repeat(500)}`, 'job'],
      ['outcome=drop', 'outcome'],
      ['limit=-1', 'limit'],
      ['limit=99999999999999999999', 'limit'],
      ['offset=abc', 'offset'],
    ] as const) {
      const r = await office.get(`/api/v1/jobs/runs?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json().details.errors)).toContain(field);
    }
    expect((await sql<{ n: number }>`select 1 as n`.execute(t.db)).rows[0]!.n).toBe(1);
  });
});
