/**
 * Supervision indicators bench (issue 13): p95 of GET /api/v1/supervision/indicators — every territory's plan
 * completion, late / at-risk plan items (the plan roll-up, rollup_plan; from every item: joined with the capacity
 * ledger), overdue cases (the due-date roll-up), open /
 * overdue problem items by age (the problem roll-up, rollup_problem) and the days since the last progress — at
 * province scale (the registry bench's 100,000 enterprises and 300,000 cases, plus 2,000 problem items and a filed
 * plan of 400 lines per territory), next to a plain JSON route measured in the same run as the baseline: the answer
 * reused (≤ 1 s), recomputed from the roll-ups for every request, and the statement alone on the database from the
 * roll-ups and from every item (the from-scratch computation the roll-up replaced). Target: p95 ≤ 50 ms.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { localToday } from '../server/modules/cases/case-context.ts';
import { foldPastDue } from '../server/modules/overview/rollups.ts';
import { programmeChanged } from '../server/modules/problems/programme-common.ts';
import { indicatorsQuery, type IndicatorSources } from '../server/modules/supervision/indicators.ts';
import { rebuildPlanRollup, rebuildProblemRollup } from '../server/projections/index.ts';
import { DEFAULT_THRESHOLDS } from '../server/modules/supervision/criteria.ts';
import { percentile, runLoad, type BenchResult } from './load.ts';

export interface SupervisionBenchOptions {
  port: number;
  /** headers of a signed-in office client */
  headers: Record<string, string>;
  db: Kysely<DB>;
  seconds?: number;
  log?: (m: string) => void;
}

const BASELINE = '/api/v1/law/parameters?asOf=2020-09-15';
export const PROBLEMS_PER_TERRITORY = 2000;
export const PLAN_ITEMS_PER_TERRITORY = 400;

/** Province-scale programme data: problem items in every state and age, a filed plan per territory on its lines. */
export async function seedProgramme(db: Kysely<DB>, today: string): Promise<{ problems: number; planItems: number }> {
  const year = Number(today.slice(0, 4));
  const seeded = await sql<{ n: number }>`select count(*)::int as n from problem_item where source_ref like 'bench-%'`.execute(db);
  if (seeded.rows[0]!.n > 0) {
    const n = await sql<{
      p: number;
      i: number;
    }>`select (select count(*) from problem_item)::int as p, (select count(*) from exit_plan_item)::int as i`.execute(db);
    return { problems: n.rows[0]!.p, planItems: n.rows[0]!.i };
  }
  await sql`
    insert into problem_item (territory_code, source, source_ref, found_on, description, level, responsible_unit, due_on, state, closed_on)
    select t.code,
           (array['inspection','central_inspection','provincial_inspection','audit','tip','other'])[1 + g % 6],
           'bench-' || g, ${today}::date - (g % 400), 'bench problem ' || g, (array['general','serious','major'])[1 + g % 3], 'bench unit',
           ${today}::date - (g % 400) + 90,
           case when g % 3 = 0 then 'closed' when g % 7 = 0 then 'closing' else 'open' end,
           case when g % 3 = 0 then ${today}::date - (g % 30) end
    from territory t cross join generate_series(1, ${PROBLEMS_PER_TERRITORY}) g
    where t.kind <> 'city' and t.valid_to is null`.execute(db);
  const plans = await sql<{ id: number; territory_code: string }>`
    insert into exit_plan (territory_code, year, state, submitted_on, filing_no, filed_on)
    select code, ${year}, 'filed', ${today}::date - 100, 'bench-' || code, ${today}::date - 90
    from territory where kind <> 'city' and valid_to is null
    on conflict do nothing
    returning id, territory_code`.execute(db);
  for (const p of plans.rows) {
    await sql`
      insert into exit_plan_item (plan_id, enterprise_id, line_id, capacity, capacity_unit, method, target_on, workers)
      select ${p.id}, l.enterprise_id, l.id, l.capacity, l.capacity_unit, 'technology', ${today}::date - 60 + (row_number() over (order by l.id))::int % 200, 10
      from production_line l join enterprise e on e.id = l.enterprise_id
      where e.territory_code = ${p.territory_code}
      order by l.id limit ${PLAN_ITEMS_PER_TERRITORY}`.execute(db);
  }
  // the rows went in without the commands: the projection is rebuilt from them, as after any bulk load
  await db.transaction().execute(async (trx) => {
    await rebuildProblemRollup(trx);
    await rebuildPlanRollup(trx);
  });
  await sql`analyze problem_item; analyze exit_plan; analyze exit_plan_item; analyze rollup_problem; analyze rollup_plan`.execute(db);
  const n = await sql<{ p: number; i: number }>`select (select count(*) from problem_item)::int as p, (select count(*) from exit_plan_item)::int as i`.execute(
    db,
  );
  return { problems: n.rows[0]!.p, planItems: n.rows[0]!.i };
}

export async function benchSupervision(o: SupervisionBenchOptions): Promise<BenchResult[]> {
  const ms = (o.seconds ?? 8) * 1000;
  const seeded = await seedProgramme(o.db, localToday(new Date()));
  o.log?.(`supervision bench: ${seeded.problems} problem items, ${seeded.planItems} plan items`);
  // the running server's sweep folds the past days of the due-date roll-up every 10 minutes; do what it does first
  await foldPastDue(o.db, localToday(new Date()));
  // that first fold deletes years of due dates at once (in service the sweep folds one day a day and autovacuum keeps
  // up): vacuum, so the read of the due-date roll-up is measured in its steady state, not through the dead rows
  await sql`vacuum (analyze) rollup_due`.execute(o.db);
  await sql`analyze rollup_plan`.execute(o.db); // a kept set gets the plan roll-up from its migration, without statistics
  const path = '/api/v1/supervision/indicators';
  await runLoad({ port: o.port, path, headers: o.headers, concurrency: 1, durationMs: 1000 }); // warm-up
  const base = await runLoad({ port: o.port, path: BASELINE, headers: o.headers, concurrency: 1, durationMs: ms / 2 });
  // the statement alone, straight on the database (no HTTP): from the roll-ups (what the route runs), from the problem
  // roll-up with the plan items joined with the ledger (round two's statement) and from every item, run in turn so
  // that the machine's load at any moment weighs on the three alike
  const SOURCES = { rollup: 'rollup', round2: { problems: 'rollup', plans: 'items' }, items: 'items' } as const satisfies Record<string, IndicatorSources>;
  const direct = async (): Promise<Record<keyof typeof SOURCES, number[]>> => {
    const today = localToday(new Date());
    const out: Record<keyof typeof SOURCES, number[]> = { rollup: [], round2: [], items: [] };
    for (let i = 0; i < 40; i++) {
      for (const k of ['rollup', 'round2', 'items'] as const) {
        const q = indicatorsQuery({ territories: null, dimensions: null, registry: true }, today, DEFAULT_THRESHOLDS, undefined, SOURCES[k]);
        const t = performance.now();
        await q.execute(o.db);
        if (i >= 5) out[k].push(performance.now() - t); // the first runs plan and warm the connection
      }
    }
    for (const v of Object.values(out)) v.sort((a, b) => a - b);
    return out;
  };
  const { rollup: fromRollup, round2: fromRound2, items: fromItems } = await direct();
  // the executor's own time (EXPLAIN ANALYZE, in turn, 15 runs each after one to warm): less of the machine's
  // scheduling than a round trip from Node
  const executor = async (): Promise<Record<keyof typeof SOURCES, number[]>> => {
    const today = localToday(new Date());
    const out: Record<keyof typeof SOURCES, number[]> = { rollup: [], round2: [], items: [] };
    for (let i = 0; i < 16; i++)
      for (const k of ['rollup', 'round2', 'items'] as const) {
        const c = indicatorsQuery({ territories: null, dimensions: null, registry: true }, today, DEFAULT_THRESHOLDS, undefined, SOURCES[k]).compile(o.db);
        const r = await o.db.executeQuery<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(
          CompiledQuery.raw(`explain (analyze, format json) ${c.sql}`, [...c.parameters]),
        );
        if (i >= 1) out[k].push(r.rows[0]!['QUERY PLAN'][0]!['Execution Time']);
      }
    for (const v of Object.values(out)) v.sort((a, b) => a - b);
    return out;
  };
  const exec = await executor();
  const cached = await runLoad({ port: o.port, path, headers: o.headers, concurrency: 1, durationMs: ms });
  // defeat the in-process answer cache: a programme write "happens" before every request
  const fresh = await runLoad({ port: o.port, path: () => (programmeChanged(), path), headers: o.headers, concurrency: 1, durationMs: ms });
  const data = `${seeded.problems} problem items, ${seeded.planItems} filed plan items on the province set`;
  return [
    {
      name: 'supervision indicators, all territories (1 client)',
      unit: 'req/s',
      value: cached.rps,
      p50: cached.p50,
      p95: cached.p95,
      p99: cached.p99,
      baseline: base.p95,
      ratio: cached.p95 / Math.max(base.p95, 0.001),
      target: 'p95 ≤ 50 ms',
      note: `answer reused ≤ 1 s while no write happened in this process; ${data}; baseline = p95 ms of a plain JSON route (${BASELINE}), ratio = p95 / baseline p95; errors ${cached.errors}`,
    },
    {
      name: '  the same, recomputed from the roll-ups for every request',
      unit: 'req/s',
      value: fresh.rps,
      p50: fresh.p50,
      p95: fresh.p95,
      p99: fresh.p99,
      baseline: base.p95,
      ratio: fresh.p95 / Math.max(base.p95, 0.001),
      target: 'p95 ≤ 50 ms',
      note: `programmeChanged() before each request (no reuse); errors ${fresh.errors}`,
    },
    {
      name: '  the statement alone, from the roll-ups (database)',
      unit: 'ms',
      value: percentile(fromRollup, 50),
      p50: percentile(fromRollup, 50),
      p95: percentile(fromRollup, 95),
      p99: percentile(fromRollup, 99),
      baseline: base.p95,
      ratio: percentile(fromRollup, 95) / Math.max(base.p95, 0.001),
      target: '',
      note: `35 runs after 5 warm-up runs, in turn with the two rows below; ratio = p95 / baseline p95`,
    },
    {
      name: '  the statement alone, plan items joined with the ledger',
      unit: 'ms',
      value: percentile(fromRound2, 50),
      p50: percentile(fromRound2, 50),
      p95: percentile(fromRound2, 95),
      p99: percentile(fromRound2, 99),
      baseline: base.p95,
      ratio: percentile(fromRound2, 95) / Math.max(base.p95, 0.001),
      target: '',
      note: `round two's statement (problem roll-up, no plan roll-up); plan roll-up / this p95 = ${(percentile(fromRollup, 95) / Math.max(percentile(fromRound2, 95), 0.001)).toFixed(2)}, p50 = ${(percentile(fromRollup, 50) / Math.max(percentile(fromRound2, 50), 0.001)).toFixed(2)}`,
    },
    {
      name: '  executor time (EXPLAIN ANALYZE): roll-ups / round two / every item',
      unit: 'ms',
      value: percentile(exec.rollup, 50),
      p50: percentile(exec.rollup, 50),
      p95: percentile(exec.rollup, 95),
      p99: percentile(exec.rollup, 99),
      baseline: base.p95,
      ratio: percentile(exec.rollup, 95) / Math.max(base.p95, 0.001),
      target: '',
      note: `15 runs each in turn; p50 ms: roll-ups ${percentile(exec.rollup, 50).toFixed(1)}, plan items joined with the ledger ${percentile(exec.round2, 50).toFixed(1)}, every item ${percentile(exec.items, 50).toFixed(1)}; p95 ms: ${percentile(exec.rollup, 95).toFixed(1)} / ${percentile(exec.round2, 95).toFixed(1)} / ${percentile(exec.items, 95).toFixed(1)}`,
    },
    {
      name: '  the statement alone, from every item (no roll-up)',
      unit: 'ms',
      value: percentile(fromItems, 50),
      p50: percentile(fromItems, 50),
      p95: percentile(fromItems, 95),
      p99: percentile(fromItems, 99),
      baseline: base.p95,
      ratio: percentile(fromItems, 95) / Math.max(base.p95, 0.001),
      target: '',
      note: `the from-scratch computation the problem and plan roll-ups replaced; roll-up / items p95 = ${(percentile(fromRollup, 95) / Math.max(percentile(fromItems, 95), 0.001)).toFixed(2)}`,
    },
  ];
}

// standalone: `npx tsx bench/supervision.ts` (the province set of the registry bench, then this bench only)
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { benchRegistry } = await import('./registry.ts');
  const { printResults } = await import('./load.ts');
  const log = (m: string) => process.stderr.write(`${m}\n`);
  process.env.BENCH_SKIP_IO = '1';
  let mine: BenchResult[] = [];
  await benchRegistry({
    log,
    seconds: 2,
    also: async ({ port, headers, database }) =>
      (mine = await benchSupervision({ port, headers, db: database.db, seconds: Number(process.env.BENCH_SECONDS ?? 10), log })),
  });
  printResults(mine);
}
