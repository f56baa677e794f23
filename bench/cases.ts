/**
 * Cases bench (not part of npm test), on the embedded engine in a throwaway data dir:
 *
 * - case acts per second through the real command (applyCaseAct, in process, NOT over HTTP): 8 concurrent clients,
 *   each driving its own energy cases through serveRectificationOrder → applyExtension → approveExtension →
 *   reinspect(fail, after the extended period: §2.1) → orderClosure → recordClosure (acceptance, 验收, is taken by
 *   the acceptance certificate's last sign-off since issue 12, not as a bare act: not driven here) (each act: domain
 *   engine, case update with the version check,
 *   act row, line changes, enterprise status, roll-ups, hash-chained audit record — one transaction);
 * - next to a BASELINE measured in the same run: the same act insert + case update + audit insert as raw SQL in one
 *   transaction through pg, 8 concurrent clients;
 * - deadline calculator answers per second in process (deadlineBenchWorkload).
 *
 * Standalone: `npx tsx bench/cases.ts` prints a table. BENCH_CASES (default 600) sets the number of cases driven.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase, type Database } from '../server/platform/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadReference } from '../server/seeds/reference.ts';
import { SYSTEM_ACTOR } from '../server/platform/auth/actor.ts';
import { deadlineBenchWorkload } from '../server/domain/calendar/index.ts';
import { openCaseCommand } from '../server/modules/cases/commands/open-case.ts';
import { actPathStats, applyCaseAct } from '../server/modules/cases/commands/apply-case-act.ts';
import type { Role as DomainRole } from '../server/domain/lifecycle/index.ts';
import { cpuMeter, cpuPer, percentile, printResults, type BenchResult } from './load.ts';

export type { BenchResult } from './load.ts';

export interface CasesBenchOptions {
  /** cases driven through their six acts (default BENCH_CASES or 600) */
  cases?: number;
  concurrency?: number;
  /** deadline answers computed for the calculator figure (default 200,000) */
  deadlineIterations?: number;
  /** use this database instead of a throwaway embedded one (it must be migrated with reference data) */
  database?: Database;
  log?: (m: string) => void;
}

const quiet = { info: () => undefined, warn: (m: string) => console.warn(m), error: (o: unknown, m?: string) => console.error(m, o) };
const TERRITORIES = ['340202', '340207', '340209', '340210', '340212', '340223', '340281', '340271'];
const FINDING = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '电炉炼钢工序', measured: '205', limit: '171', unit: 'kgce/t' };
/** Each act with its role, payload and date (issue 10: closure only after the period, as extended to 2020-12-10, and a failed re-inspection after it). */
const ACTS: Array<[string, DomainRole, Record<string, unknown>, string?]> = [
  ['serveRectificationOrder', 'department', {}],
  ['applyExtension', 'territory', { requestedMonths: 3, reason: 'bench' }],
  ['approveExtension', 'department', { grantedMonths: 3 }],
  ['reinspect', 'department', { result: 'fail' }, '2020-12-11'],
  ['orderClosure', 'department', {}, '2020-12-11'],
  ['recordClosure', 'territory', {}, '2020-12-11'],
];

async function prepareCases(db: Kysely<DB>, n: number, tag: string, now: Date): Promise<number[]> {
  const meta = { actor: SYSTEM_ACTOR, now };
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const territory = TERRITORIES[i % TERRITORIES.length]!;
    const e = await db
      .insertInto('enterprise')
      .values({ credit_code: `BENCH${tag}${String(i).padStart(8, '0')}`, name: `基准企业${tag}${i}`, territory_code: territory, industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await db
      .insertInto('production_line')
      .values({ enterprise_id: e.id, kind: 'electric_arc_furnace', name: `电炉${i}`, capacity: '30', capacity_unit: '万吨/年' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(await openCaseCommand(db, { enterpriseId: e.id, dimension: 'energy', lineIds: [l.id], finding: FINDING, openedOn: '2020-03-01' }, meta));
  }
  return ids;
}

export async function benchCases(opts: CasesBenchOptions = {}): Promise<BenchResult[]> {
  const nCases = opts.cases ?? Number(process.env.BENCH_CASES ?? 600);
  const concurrency = opts.concurrency ?? 8;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  let dataDir: string | undefined;
  let database = opts.database;
  try {
    if (!database) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-bench-cases-'));
      const env: Record<string, string | undefined> = {
        ...process.env,
        PHASEOUT_DATA_DIR: dataDir,
        PHASEOUT_DEMO: '0',
        LOG_LEVEL: 'silent',
        PHASEOUT_POOL_SIZE: String(Math.max(10, concurrency + 2)),
      };
      delete env.DATABASE_URL;
      const config = loadConfig(env);
      database = await openDatabase(config, quiet, 'cli');
      await migrate(database.pool);
      await loadReference(database.db, config.referenceSet);
    }
    const { db } = database;
    const now = new Date('2021-03-01T04:00:00Z');
    const date = '2020-03-10';
    log(`cases bench: opening ${nCases} energy cases…`);
    const ids = await prepareCases(db, nCases, `A${Date.now().toString(36).toUpperCase()}`, now);

    // ── the real command: 8 clients, each its own cases, six acts per case ──
    const paths0 = { ...actPathStats };
    const latencies: number[] = [];
    let next = 0;
    let errors = 0;
    const meter = cpuMeter(Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid));
    const cpu0 = meter();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < ids.length; i = next++) {
          for (const [kind, role, payload, on] of ACTS) {
            const s = performance.now();
            try {
              await applyCaseAct(db, ids[i]!, { kind, date: on ?? date, payload }, { actor: SYSTEM_ACTOR, now }, { role });
            } catch (e) {
              errors++;
              if (errors < 5) log(`  act failed: ${(e as Error).message}`);
            }
            latencies.push(performance.now() - s);
          }
        }
      }),
    );
    const cmdSeconds = (performance.now() - t0) / 1000;
    const appCpu = cpuPer(cpu0, meter(), latencies.length);
    latencies.sort((a, b) => a - b);
    const actsPerSecond = latencies.length / cmdSeconds;

    // ── baseline: the same act insert + case update + audit insert, raw SQL, one transaction, 8 clients ──
    const snapshot = (await db.selectFrom('case_file').select('snapshot').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).snapshot;
    const snapJson = JSON.stringify(snapshot);
    const pool = new pg.Pool({ ...database.connection, max: concurrency + 2 });
    const baseIds = ids; // the same rows, updated again
    const baseLat: number[] = [];
    let bnext = 0;
    // baseline audit rows go to streams 1000+ (none of the app's); continue after an earlier run on a kept data dir
    let seqBase = Number((await sql<{ n: string }>`select coalesce(max(seq), 10000) as n from audit_log where stream >= 1000`.execute(db)).rows[0]!.n);
    const bcpu0 = meter();
    const b0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const client = await pool.connect();
        const stream = 1000 + w;
        try {
          for (let i = bnext++; i < baseIds.length; i = bnext++) {
            for (const [kind] of ACTS) {
              const s = performance.now();
              const seq = ++seqBase;
              await client.query('begin');
              const c = await client.query(
                'update case_file set snapshot = $2, state = $3, version = version + 1, updated_at = now() where id = $1 returning version',
                [baseIds[i], snapJson, 'rectifying'],
              );
              await client.query(
                `insert into case_act (case_id, seq, kind, act_date, role, payload, basis_id, params, from_state, to_state) values ($1, $2, $3, $4, 'department', '{}', 'plan-2020-§2.1', '[]', 'rectifying', 'rectifying')`,
                [baseIds[i], 1000 + (c.rows[0] as { version: number }).version, kind, date],
              );
              await client.query(
                `insert into audit_log (stream, seq, at, actor_name, role, act, entity_type, entity_id, basis_id, before, after, prev_hash, hash)
                 values ($1, $2, now(), 'system', 'system', $3, 'case', $4, 'plan-2020-§2.1', '{"state":"rectifying"}', '{"state":"rectifying"}', $5, $6)`,
                [stream, seq, `case.act.${kind}`, String(baseIds[i]), '0'.repeat(64), '1'.repeat(64)],
              );
              await client.query('commit');
              baseLat.push(performance.now() - s);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    const baseSeconds = (performance.now() - b0) / 1000;
    const baseCpu = cpuPer(bcpu0, meter(), baseLat.length);
    await pool.end();
    baseLat.sort((a, b) => a - b);
    const basePerSecond = baseLat.length / baseSeconds;

    // ── deadline calculator, in process ──
    const iterations = opts.deadlineIterations ?? 200_000;
    deadlineBenchWorkload(2_000); // warm-up
    const d0 = performance.now();
    deadlineBenchWorkload(iterations);
    const dSeconds = (performance.now() - d0) / 1000;

    return [
      {
        name: `case acts through applyCaseAct (${concurrency} clients, in process)`,
        unit: 'acts/s',
        value: actsPerSecond,
        baseline: basePerSecond,
        ratio: actsPerSecond / basePerSecond,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        target: '≥ 50 % of baseline',
        note: `${latencies.length} acts on ${ids.length} cases, ${errors} errors, optimistic ${actPathStats.optimistic - paths0.optimistic} (retries ${actPathStats.retried - paths0.retried}), locking path ${actPathStats.locked - paths0.locked}; baseline p50/p99 ${percentile(baseLat, 50).toFixed(1)}/${percentile(baseLat, 99).toFixed(1)} ms (act insert + case update + audit insert, raw SQL)`,
      },
      {
        name: 'CPU per case act (Node + PostgreSQL)',
        unit: 'µs',
        value: appCpu.total,
        baseline: baseCpu.total,
        ratio: baseCpu.total / appCpu.total,
        note: `app: Node ${appCpu.node.toFixed(0)} (kernel ${appCpu.nodeSys.toFixed(0)}) + PostgreSQL ${appCpu.pg.toFixed(0)} µs; baseline: Node ${baseCpu.node.toFixed(0)} (kernel ${baseCpu.nodeSys.toFixed(0)}) + PostgreSQL ${baseCpu.pg.toFixed(0)} µs (ratio = baseline/app: the throughput ratio a CPU-bound machine would show)`,
      },
      {
        name: 'deadline calculator (computeDeadline, in process)',
        unit: 'answers/s',
        value: iterations / dSeconds,
        note: `${iterations} answers (months, days, working days; 2020–2025 starts)`,
      },
    ];
  } finally {
    if (!opts.database) await database?.close().catch(() => undefined);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchCases();
  printResults(results);
  process.exit(0);
}
