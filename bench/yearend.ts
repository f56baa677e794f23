/**
 * Year-end bench (issue 12; not part of npm test), on the province-scale set (100,000 enterprises):
 *
 * - consolidating the city report (buildReportBody: ledger by industry and unit, by territory, shut-awaiting-acceptance
 *   lines, cases by dimension and outcome, summaries and reconciliation) — target ≤ 2 s — next to a BASELINE measured
 *   in the same run: the ledger's one aggregate over the year as raw SQL (`select … from capacity_exit where year = Y
 *   group by industry, unit`); and one real consolidation (with its write and audit record);
 * - the province-shaped exits workbook of that year, streamed by a child process: time and peak RSS
 *   (process.resourceUsage().maxRSS) — target ≤ 300 MB — next to the same child idle after connecting.
 *
 * bench/run.ts runs it on the set the registry bench generated; standalone: `npx tsx bench/yearend.ts` (generates the
 * province set in a throwaway data dir, or reuses BENCH_DATA_DIR).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../server/platform/db/database.ts';
import { runGenerate } from '../server/cli/commands/registry.ts';
import { SYSTEM_ACTOR, scopeOf } from '../server/platform/auth/actor.ts';
import { buildReportBody, consolidateReport } from '../server/modules/yearend/commands/yearend-commands.ts';
import { writeExitsWorkbook } from '../server/modules/yearend/exits-workbook.ts';
import { percentile, printResults, type BenchResult } from './load.ts';
import { openBenchDatabase } from './bench-db.ts';
import { runBenchChild, streamInChild, type ChildFigures } from './stream-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = 7;

async function timed(n: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

export async function benchYearend(o: { database: Database; log?: (m: string) => void }): Promise<BenchResult[]> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const { db } = o.database;
  const top = await sql<{ year: number; n: number }>`select year, count(*)::int as n from capacity_exit group by year order by n desc limit 1`.execute(db);
  const year = top.rows[0]?.year ?? 2020;
  const exits = top.rows[0]?.n ?? 0;
  log(`year-end bench: consolidating ${year} (${exits} accepted exits in the ledger)…`);
  const base = await timed(RUNS, () =>
    sql`select industry_code, capacity_unit, count(*), sum(capacity) from capacity_exit where year = ${year} group by 1, 2`.execute(db),
  );
  const today = new Date().toISOString().slice(0, 10);
  const build = await timed(RUNS, () => buildReportBody(db, year, today));
  const t = performance.now();
  await consolidateReport(db, year, null, { actor: { ...SYSTEM_ACTOR, name: 'bench' }, now: new Date() });
  const writeMs = performance.now() - t;
  const results: BenchResult[] = [
    {
      name: `consolidate the city report (${exits} exits)`,
      unit: 'ms',
      value: percentile(build, 50),
      baseline: percentile(base, 50),
      ratio: percentile(build, 50) / percentile(base, 50),
      p95: percentile(build, 95),
      target: '≤ 2000 ms',
      note: `median of ${RUNS}; baseline: the ledger's year aggregate as raw SQL (median ${percentile(base, 50).toFixed(1)} ms); one real consolidation with its write and audit record ${writeMs.toFixed(0)} ms`,
    },
  ];
  log('year-end bench: exits workbook in a child process…');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-bench-yearend-'));
  try {
    const file = path.join(dir, 'exits.xlsx');
    const child = await runBenchChild<ChildOut>(path.join(HERE, 'yearend.ts'), ['--child-workbook', JSON.stringify(o.database.connection), String(year), file]);
    const idle = await runBenchChild<ChildOut>(path.join(HERE, 'yearend.ts'), ['--child-idle', JSON.stringify(o.database.connection), String(year)]);
    results.push({
      name: `exits workbook of ${year} (.xlsx, streamed)`,
      unit: 's',
      value: child.ms / 1000,
      note: `${child.rows} rows on ${child.sheets} sheets, ${(child.bytes / 1048576).toFixed(1)} MiB`,
    });
    results.push({
      name: 'exits workbook peak RSS (child process)',
      unit: 'MiB',
      value: child.maxRSS / 1024,
      baseline: idle.maxRSS / 1024,
      ratio: child.maxRSS / idle.maxRSS,
      target: '≤ 300 MB',
      note: 'baseline: the same child connected, not exporting',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

interface ChildOut extends ChildFigures {
  rows: number;
  sheets: number;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, conn, year, file] = process.argv.slice(2);
  if (mode === '--child-workbook' || mode === '--child-idle') {
    await streamInChild(conn!, mode === '--child-workbook' ? file : undefined, (db, out) => writeExitsWorkbook(db, scopeOf(SYSTEM_ACTOR), Number(year), out));
  } else {
    const { database, close } = await openBenchDatabase('yearend', process.env.BENCH_DATA_DIR);
    try {
      const have = await database.db.selectFrom('enterprise').select('id').limit(1).executeTakeFirst();
      if (!have) {
        process.stderr.write('year-end bench: generating the province set…\n');
        await runGenerate(database.db, (process.env.BENCH_SCALE as 'province' | 'city' | undefined) ?? 'province', 2020);
      }
      printResults(await benchYearend({ database }));
    } finally {
      await close();
    }
  }
}
