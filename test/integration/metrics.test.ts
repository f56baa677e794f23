/**
 * /metrics (issue 18 item 5): Prometheus text with per-route request counts and durations, the pool and the audit
 * trail; readable from loopback or with the metrics token, and invisible (404) to anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowQueryLog } from '../../server/platform/db/database.ts';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { JOBS, runJob } from '../../server/jobs/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
});
afterAll(async () => t.close());

describe('metrics', () => {
  it('counts requests per route template and status, and reports the pool and the audit trail', async () => {
    const office = await t.as('office');
    for (let i = 0; i < 3; i++) expect((await office.get('/api/v1/enterprises?limit=1')).statusCode).toBe(200);
    expect((await office.get('/api/v1/enterprises/999999999')).statusCode).toBe(404);
    const r = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/plain/);
    expect(r.body).toMatch(/phaseout_http_requests_total\{method="GET",route="\/api\/v1\/enterprises",status="200"\} 3/);
    expect(r.body).toMatch(/phaseout_http_requests_total\{method="GET",route="\/api\/v1\/enterprises\/:id",status="404"\} 1/);
    expect(r.body).toMatch(/phaseout_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/enterprises"\} 3/);
    expect(r.body).toMatch(/phaseout_db_pool_connections\{state="total"\} \d+/);
    expect(r.body).toMatch(/phaseout_db_pool_connections\{state="waiting"\} 0/);
    // logins write audit records
    expect(Number(/phaseout_audit_records (\d+)/.exec(r.body)?.[1])).toBeGreaterThan(0);
  });

  it('reports job runs by outcome, the last good finish and the sweep lag, from job_run (the same on every instance)', async () => {
    const sweep = JOBS.find((j) => j.name === 'deadline-sweep')!;
    const read = async () => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (body: string, re: RegExp) => Number(re.exec(body)?.[1]);
    // never run: the lag counts from the instance's start, beyond one interval
    t.clock.now = new Date(t.clock.now.getTime() + sweep.everyMs + 90_000);
    let body = await read();
    expect(value(body, /phaseout_job_runs\{job="deadline-sweep",outcome="ok"\} (\d+)/)).toBe(0);
    expect(value(body, /phaseout_sweep_lag_seconds (\d+(?:\.\d+)?)/)).toBeCloseTo(90, 0);
    expect(body).not.toMatch(/phaseout_job_last_success_seconds\{job="deadline-sweep"\}/);
    // a run brings it back on schedule
    expect((await runJob(t.db, sweep, { clock: () => t.clock.now, trigger: 'test' })).outcome).toBe('ok');
    body = await read();
    expect(value(body, /phaseout_job_runs\{job="deadline-sweep",outcome="ok"\} (\d+)/)).toBe(1);
    expect(value(body, /phaseout_sweep_lag_seconds (\d+(?:\.\d+)?)/)).toBe(0);
    expect(value(body, /phaseout_job_last_success_seconds\{job="deadline-sweep"\} (\d+(?:\.\d+)?(?:e\+\d+)?)/)).toBeGreaterThan(0);
    // a failed run is counted as such (written by another instance: the table, not this process, is the source)
    await t.db
      .insertInto('job_run')
      .values({
        job: 'deadline-sweep',
        trigger: 'schedule',
        instance: 'other',
        started_at: t.clock.now,
        finished_at: t.clock.now,
        outcome: 'failed',
        attempts: 3,
        error: 'boom',
      })
      .execute();
    // two intervals later with no good run since: the lag is one interval and a half
    t.clock.now = new Date(t.clock.now.getTime() + 2.5 * sweep.everyMs);
    body = await read();
    expect(value(body, /phaseout_job_runs\{job="deadline-sweep",outcome="failed"\} (\d+)/)).toBe(1);
    expect(value(body, /phaseout_sweep_lag_seconds (\d+(?:\.\d+)?)/)).toBeCloseTo((1.5 * sweep.everyMs) / 1000, 0);
    expect(value(body, /phaseout_job_lag_seconds\{job="deadline-sweep"\} (\d+(?:\.\d+)?)/)).toBeCloseTo((1.5 * sweep.everyMs) / 1000, 0);
  });

  it('is not there for a caller off the loopback interface, or one that came through a proxy', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { forwarded: 'for=203.0.113.9' } })).statusCode).toBe(404);
    // a session of the office is not a metrics credential either
    const office = await t.as('office');
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { cookie: office.cookie! } })).statusCode).toBe(404);
  });

  it('answers a remote caller with the configured token, and not with a wrong one', async () => {
    const cfg = t.app.ctx.config as { metricsToken: string | undefined };
    cfg.metricsToken = 'metrics-token-0123456789abcdef';
    try {
      const ok = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '10.1.2.3',
        headers: { authorization: `Basic ${Buffer.from('metrics:metrics-token-0123456789abcdef').toString('base64')}` },
      });
      expect(ok.statusCode).toBe(200);
      const bad = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '10.1.2.3',
        headers: { authorization: `Basic ${Buffer.from('metrics:metrics-token-0123456789abcdeX').toString('base64')}` },
      });
      expect(bad.statusCode).toBe(404);
    } finally {
      cfg.metricsToken = undefined;
    }
  });

  it('logs statements slower than the threshold, with their text and without their parameters', () => {
    const lines: string[] = [];
    const log = slowQueryLog({ info: () => undefined, warn: (m) => lines.push(m), error: () => undefined }, 100);
    const query = { sql: 'select * from enterprise where credit_code = $1', parameters: ['91340200SECRET'], query: {} as never, queryId: {} as never };
    log!({ level: 'query', query, queryDurationMillis: 99 });
    log!({ level: 'query', query, queryDurationMillis: 250 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('250 ms');
    expect(lines[0]).toContain('credit_code = $1');
    expect(lines[0]).not.toContain('SECRET');
    expect(slowQueryLog({ info: () => undefined, warn: () => undefined, error: () => undefined }, 0)).toBeUndefined();
  });
});
