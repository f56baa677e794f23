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

    // ── baseline B: the act's OWN writes as raw SQL (issue 18 item 6: "the raw transaction") — per act, the read of
    // the case and then one transaction sent in ONE round trip (simple protocol, several statements): the case update,
    // the act row, the roll-up move, the numbered document with its counter (where the app's act issued one, with the
    // app's own content), the line move with its history and roll-up (where the app's act moved lines), and the audit
    // record chained from its stream's head (hash computed by PostgreSQL, as the app does). What it leaves out is what
    // the application adds: deciding the act (the domain engine, the law's parameters, guards), composing the document,
    // the enterprise's derived status, scope, evidence and the version check. Roll-up and document rows go to a
    // 'bench' dimension / 'BENCH-RAW' unit, audit records to streams 2000+ — none of the app's.
    const facts = new Map(
      (
        await sql<{
          kind: string;
          from_state: string;
          to_state: string;
          doc_kind: string | null;
          title: string | null;
          content: string | null;
          lines: boolean;
          after: string;
        }>`
          select distinct on (a.kind) a.kind, a.from_state, a.to_state, d.kind as doc_kind, d.title, d.content::text as content,
            exists (select 1 from line_state_history h where h.act_id = a.id) as lines,
            coalesce((select l.after::text from audit_log l where l.entity_type = 'case' and l.entity_id = a.case_id::text and l.act = 'case.act.' || a.kind order by l.id desc limit 1), '{}') as after
          from case_act a left join document d on d.act_id = a.id where a.case_id = ${ids[0]!} order by a.kind, a.id`.execute(db)
      ).rows.map((f) => [f.kind, f]),
    );
    const rawPool = new pg.Pool({ ...database.connection, max: concurrency + 2 });
    const rawLat: number[] = [];
    let rnext = 0;
    const rcpu0 = meter();
    const r0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const client = await rawPool.connect();
        const L = (v: string) => client.escapeLiteral(v);
        const stream = 2000 + w;
        try {
          for (let i = rnext++; i < ids.length; i = rnext++) {
            const id = ids[i]!;
            for (const [kind, , , on] of ACTS) {
              const f = facts.get(kind);
              if (!f) continue;
              const d = L(on ?? date);
              const s = performance.now();
              const c = (await client.query('select c.id, c.territory_code, c.snapshot, c.version from case_file c where c.id = $1', [id])).rows[0] as {
                territory_code: string;
                snapshot: unknown;
                version: number;
              };
              const t = L(c.territory_code);
              let q = `begin;
                update case_file set snapshot = ${L(JSON.stringify(c.snapshot))}::jsonb, state = ${L(f.to_state)}, version = version + 1, updated_at = now() where id = ${id};
                insert into case_act (case_id, seq, kind, act_date, role, payload, basis_id, params, from_state, to_state)
                  values (${id}, ${3000 + c.version}, ${L(kind)}, ${d}, 'department', '{}', 'plan-2020-§2.1', '[]', ${L(f.from_state)}, ${L(f.to_state)});`;
              if (f.from_state !== f.to_state)
                q += `insert into rollup_case (territory_code, dimension, state, slot, n) values (${t}, 'bench', ${L(f.from_state)}, ${id % 16}, -1), (${t}, 'bench', ${L(f.to_state)}, ${id % 16}, 1)
                  on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n;`;
              if (f.doc_kind)
                q += `with n as (insert into document_counter (unit_code, kind, year, last_seq) values ('BENCH-RAW', ${L(f.doc_kind)}, 2020, 1)
                    on conflict (unit_code, kind, year) do update set last_seq = document_counter.last_seq + 1 returning last_seq)
                  insert into document (kind, unit_code, unit_name, year, seq, number, title, doc_date, case_id, act_id, entity_type, entity_id, territory_code, dimension, created_at, content, content_sha256)
                  select ${L(f.doc_kind)}, 'BENCH-RAW', 'bench', 2020, n.last_seq, ${L(`RAW-${f.doc_kind}〔2020〕`)} || n.last_seq || '号', ${L(f.title ?? '')}, ${d}, ${id}, currval('case_act_id_seq'),
                    'case', ${L(String(id))}, ${t}, 'energy', now(), ${L(f.content ?? '{}')}::jsonb, ${L('0'.repeat(64))} from n;`;
              if (f.lines)
                q += `with m as (update production_line p set state = case when p.state = 'operating' then 'suspended' else 'operating' end, updated_at = now()
                    from case_line cl where cl.case_id = ${id} and p.id = cl.line_id returning p.id, p.state, p.capacity, p.capacity_unit),
                  h as (insert into line_state_history (line_id, from_state, to_state, on_date, case_id, act_id) select m.id, 'shut', m.state, ${d}, ${id}, currval('case_act_id_seq') from m)
                  insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity) select ${t}, 'bench', m.state, m.capacity_unit, 1, m.capacity from m
                    on conflict (territory_code, industry_code, state, capacity_unit) do update set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity;`;
              q += `with h as (insert into audit_stream (stream, head_seq, head_hash, prev_hash) values (${stream}, 1, ${L('0'.repeat(64))}, ${L('0'.repeat(64))})
                  on conflict (stream) do update set head_seq = audit_stream.head_seq + 1, prev_hash = audit_stream.head_hash,
                    head_hash = encode(sha256(convert_to(audit_stream.head_hash || E'\\n' || ${L(f.after)}, 'UTF8')), 'hex')
                  returning stream, head_seq, head_hash, prev_hash)
                insert into audit_log (stream, seq, at, actor_name, role, act, entity_type, entity_id, basis_id, before, after, prev_hash, hash)
                  select h.stream, h.head_seq, now(), 'system', 'system', ${L(`case.act.${kind}`)}, 'case', ${L(String(id))}, 'plan-2020-§2.1', ${L(JSON.stringify({ state: f.from_state, version: c.version }))}::jsonb,
                    ${L(f.after)}::jsonb, h.prev_hash, h.head_hash from h;
                commit;`;
              await client.query(q);
              rawLat.push(performance.now() - s);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    const rawSeconds = (performance.now() - r0) / 1000;
    const rawCpu = cpuPer(rcpu0, meter(), rawLat.length);
    await rawPool.end();
    rawLat.sort((a, b) => a - b);
    const rawPerSecond = rawLat.length / rawSeconds;

    // ── deadline calculator, in process ──
    const iterations = opts.deadlineIterations ?? 200_000;
    deadlineBenchWorkload(2_000); // warm-up
    const d0 = performance.now();
    deadlineBenchWorkload(iterations);
    const dSeconds = (performance.now() - d0) / 1000;

    const rawNote = `baseline: per act, the case read and one transaction in one round trip with the act's own writes as raw SQL (case update, act row, roll-up move, numbered document with its counter, line move with history and roll-up, chained audit record), p50/p99 ${percentile(rawLat, 50).toFixed(1)}/${percentile(rawLat, 99).toFixed(1)} ms`;
    return [
      {
        name: `case acts through applyCaseAct (${concurrency} clients, in process)`,
        unit: 'acts/s',
        value: actsPerSecond,
        baseline: rawPerSecond,
        ratio: actsPerSecond / rawPerSecond,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        target: '≥ 50 % of baseline',
        note: `${latencies.length} acts on ${ids.length} cases, ${errors} errors, optimistic ${actPathStats.optimistic - paths0.optimistic} (retries ${actPathStats.retried - paths0.retried}), locking path ${actPathStats.locked - paths0.locked}; ${rawNote}`,
      },
      {
        name: 'case acts against the minimal transaction (no read, no document, roll-up or chain head)',
        unit: 'acts/s',
        value: actsPerSecond,
        baseline: basePerSecond,
        ratio: actsPerSecond / basePerSecond,
        note: `the earlier baseline, kept for comparison: act insert + case update + audit insert (fixed hash), raw SQL in one transaction, five round trips, no read; p50/p99 ${percentile(baseLat, 50).toFixed(1)}/${percentile(baseLat, 99).toFixed(1)} ms`,
      },
      {
        name: 'CPU per case act (Node + PostgreSQL)',
        unit: 'µs',
        value: appCpu.total,
        baseline: rawCpu.total,
        ratio: rawCpu.total / appCpu.total,
        note: `app: Node ${appCpu.node.toFixed(0)} (kernel ${appCpu.nodeSys.toFixed(0)}) + PostgreSQL ${appCpu.pg.toFixed(0)} µs; the act's writes as raw SQL: Node ${rawCpu.node.toFixed(0)} + PostgreSQL ${rawCpu.pg.toFixed(0)} µs; the minimal transaction: Node ${baseCpu.node.toFixed(0)} (kernel ${baseCpu.nodeSys.toFixed(0)}) + PostgreSQL ${baseCpu.pg.toFixed(0)} µs (ratio = baseline/app: the throughput ratio a CPU-bound machine would show)`,
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
