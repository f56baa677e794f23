/**
 * Overview dashboard bench (console issue): p95 of GET /api/v1/overview at province scale — served from roll-ups
 * kept current in each act's transaction — next to the same aggregates computed as raw SQL over the full tables
 * in the same run; and the throughput of a plain JSON route alone and while one client loops on the dashboard.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { foldPastDue, rollupsChanged } from '../server/projections/index.ts';
import { localToday } from '../server/modules/cases/case-context.ts';
import { percentile, runLoad, type BenchResult } from './load.ts';

export interface DashboardBenchOptions {
  port: number;
  /** headers of a signed-in office client (Authorization: Bearer …) */
  headers: Record<string, string>;
  db: Kysely<DB>;
  seconds?: number;
}

const JSON_ROUTE = '/api/v1/law/parameters?asOf=2020-09-15';

async function rawAggregates(db: Kysely<DB>): Promise<void> {
  await sql`select territory_code, dimension, state, count(*) from case_file group by 1, 2, 3`.execute(db);
  await sql`select territory_code, count(*) from case_file where not closed and due_on < current_date group by 1`.execute(db);
  await sql`select e.industry_code, l.state, l.capacity_unit, count(*), sum(l.capacity) from production_line l join enterprise e on e.id = l.enterprise_id group by 1, 2, 3`.execute(
    db,
  );
}

export async function benchDashboard(o: DashboardBenchOptions): Promise<BenchResult[]> {
  const ms = (o.seconds ?? 8) * 1000;
  const results: BenchResult[] = [];

  // baseline for the dashboard: the same aggregates as raw SQL over the full tables, sequentially
  const raw: number[] = [];
  const rawEnd = performance.now() + ms / 2;
  while (performance.now() < rawEnd && raw.length < 200) {
    const t = performance.now();
    await rawAggregates(o.db);
    raw.push(performance.now() - t);
  }
  raw.sort((a, b) => a - b);

  // the running server's sweep folds the past days of the due-date roll-up every 10 minutes; do what it does first
  const fold0 = performance.now();
  await foldPastDue(o.db, localToday(new Date()));
  const foldMs = performance.now() - fold0;
  const dueRows = Number((await sql<{ n: number }>`select count(*)::int as n from rollup_due`.execute(o.db)).rows[0]!.n);

  const dash = await runLoad({ port: o.port, path: '/api/v1/overview', headers: o.headers, concurrency: 1, durationMs: ms });
  results.push({
    name: 'overview dashboard (1 client)',
    unit: 'req/s',
    value: dash.rps,
    p50: dash.p50,
    p95: dash.p95,
    p99: dash.p99,
    target: 'p95 ≤ 50 ms',
    note: `raw aggregates over full tables in the same run: p50 ${percentile(raw, 50).toFixed(1)} ms, p95 ${percentile(raw, 95).toFixed(1)} ms (${raw.length} runs); errors ${dash.errors}; due-date roll-up folded by the sweep's foldPastDue in ${foldMs.toFixed(0)} ms, ${dueRows} rows left`,
  });

  // the same with the in-process answer cache defeated: a roll-up write "happens" before every request
  const fresh = await runLoad({ port: o.port, path: () => (rollupsChanged(), '/api/v1/overview'), headers: o.headers, concurrency: 1, durationMs: ms });
  results.push({
    name: '  the same, recomputed for every request',
    unit: 'req/s',
    value: fresh.rps,
    p50: fresh.p50,
    p95: fresh.p95,
    p99: fresh.p99,
    target: 'p95 ≤ 50 ms',
    note: `rollupsChanged() before each request, as if an act had just been written; errors ${fresh.errors}`,
  });

  const alone = await runLoad({ port: o.port, path: JSON_ROUTE, concurrency: 8, durationMs: ms });
  const ctrl = new AbortController();
  const background = runLoad({ port: o.port, path: '/api/v1/overview', headers: o.headers, concurrency: 1, durationMs: ms + 5000, signal: ctrl.signal });
  const loaded = await runLoad({ port: o.port, path: JSON_ROUTE, concurrency: 8, durationMs: ms });
  ctrl.abort();
  const bg = await background;
  results.push({
    name: 'plain JSON route while 1 client loops on the dashboard',
    unit: 'req/s',
    value: loaded.rps,
    baseline: alone.rps,
    ratio: loaded.rps / alone.rps,
    p50: loaded.p50,
    p95: loaded.p95,
    p99: loaded.p99,
    target: '≥ 80 % of the route alone',
    note: `dashboard meanwhile: ${bg.rps.toFixed(0)} req/s, p95 ${bg.p95.toFixed(1)} ms`,
  });
  // and while the looping client's answers are recomputed every time (writes all the while)
  const ctrl2 = new AbortController();
  const background2 = runLoad({
    port: o.port,
    path: () => (rollupsChanged(), '/api/v1/overview'),
    headers: o.headers,
    concurrency: 1,
    durationMs: ms + 5000,
    signal: ctrl2.signal,
  });
  const loaded2 = await runLoad({ port: o.port, path: JSON_ROUTE, concurrency: 8, durationMs: ms });
  ctrl2.abort();
  const bg2 = await background2;
  results.push({
    name: '  the same, the dashboard recomputed for every request',
    unit: 'req/s',
    value: loaded2.rps,
    baseline: alone.rps,
    ratio: loaded2.rps / alone.rps,
    p50: loaded2.p50,
    p95: loaded2.p95,
    p99: loaded2.p99,
    note: `dashboard meanwhile: ${bg2.rps.toFixed(0)} req/s, p95 ${bg2.p95.toFixed(1)} ms`,
  });
  return results;
}
