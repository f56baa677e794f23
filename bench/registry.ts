/**
 * Registry bench (not part of npm test). At province scale (100,000 enterprises, ≈150,000 lines, 300,000 cases,
 * 2,000,000 case acts, `phaseout generate --scale province`) on the embedded engine in a throwaway data dir:
 *
 * - req/s and p50/p99 of the enterprise page, a 2-character Chinese name search, a filtered list page at offset 0
 *   and a deep page (offset 90,000), each next to a BASELINE measured in the same run: a minimal Fastify route on
 *   another port (no auth, no schema, no presenter) running the same SQL directly through pg;
 * - the import of a 10,000-row workbook (time);
 * - the export of 100,000 enterprises (time, and peak RSS of a child process doing it: process.resourceUsage().maxRSS).
 *
 * Load: 8 concurrent keep-alive clients against 127.0.0.1, bounded in time (BENCH_SECONDS, default 10 s per endpoint).
 * Standalone: `npx tsx bench/registry.ts` prints a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import type { Database } from '../server/platform/db/database.ts';
import { buildApp } from '../server/app.ts';
import { createUser } from '../server/modules/auth/auth.commands.ts';
import { SYSTEM_ACTOR, scopeOf } from '../server/platform/auth/actor.ts';
import { runGenerate } from '../server/cli/commands/registry.ts';
import { SCALES, type Scale } from '../server/seeds/bulk.ts';
import { runImport } from '../server/modules/registry-io/import.ts';
import { exportEnterprises } from '../server/modules/registry-io/export.ts';
import { generateRegistry } from '../server/seeds/generator.ts';
import { ENTERPRISE_COLUMNS, LINE_COLUMNS } from '../server/modules/registry-io/sheets.ts';
import { statementName } from '../server/platform/db/prepared.ts';
import { printResults, runLoad, type BenchResult, type LoadResult } from './load.ts';
import { openBenchDatabase, type BenchDatabase } from './bench-db.ts';
import { runBenchChild, streamInChild, type ChildFigures } from './stream-child.ts';

export type { BenchResult } from './load.ts';

export interface RegistryBenchOptions {
  /** seconds of load per endpoint (default BENCH_SECONDS or 10) */
  seconds?: number;
  concurrency?: number;
  seed?: number;
  log?: (m: string) => void;
  /** more benches to run on the same province-scale database and server (bench/run.ts adds the dashboard and cases) */
  also?: (env: { port: number; headers: Record<string, string>; database: Database }) => Promise<BenchResult[]>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

// the SQL of the app's queries (enterprises.repository.ts), written out for the baseline route
const ENTERPRISE_SQL = `select e.id, e.credit_code, e.name, e.territory_code, e.industry_code, e.address, e.legal_representative, e.contact_name, e.contact_phone,
  e.longitude, e.latitude, e.credit_code_override, e.status, e.version, e.created_at, e.updated_at, t.name as territory_name, i.name as industry_name
  from enterprise e join territory t on t.code = e.territory_code join industry i on i.code = e.industry_code`;

interface Endpoint {
  name: string;
  app: (i: number) => string;
  base: (i: number) => string;
}

export async function benchRegistry(opts: RegistryBenchOptions = {}): Promise<BenchResult[]> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const concurrency = opts.concurrency ?? 8;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  // BENCH_DATA_DIR keeps the generated set between runs (for iterating; published figures come from a fresh dir)
  const keep = process.env.BENCH_DATA_DIR;
  let bench: BenchDatabase | undefined;
  const closers: Array<() => Promise<unknown>> = [];
  try {
    bench = await openBenchDatabase('registry', keep);
    const { config, database, dataDir } = bench;
    const { db } = database;
    const scale = benchScale();
    const size = SCALES[scale].enterprises;
    // a kept data dir is reused when it already holds the set of this scale (the national set takes ~25 minutes to make)
    const have =
      keep === undefined
        ? 0
        : Number(
            (
              await db
                .selectFrom('enterprise')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
    const reuse = keep !== undefined && have >= size;
    let counts: unknown = `reused the ${scale} set in BENCH_DATA_DIR (${have} enterprises)`;
    let genSeconds = Number.NaN;
    if (!reuse) {
      log(`registry bench: generating the ${scale} set (${size.toLocaleString('en')} enterprises, ${(size * 3).toLocaleString('en')} cases)…`);
      const t0 = performance.now();
      counts = await runGenerate(db, scale, opts.seed ?? 2020, (d, t) => d % (t / 10) < 10_000 && log(`  ${d}/${t} enterprises`));
      genSeconds = (performance.now() - t0) / 1000;
      log(`  generated in ${genSeconds.toFixed(0)} s: ${JSON.stringify(counts)}`);
    }
    if ((await db.selectFrom('app_user').select('id').where('username', '=', 'bench-office').executeTakeFirst()) === undefined) {
      await createUser(
        db,
        { username: 'bench-office', role: 'office', displayName: 'bench', password: 'bench-password-1' },
        { actor: SYSTEM_ACTOR, now: new Date() },
        { skipPasswordRules: true },
      );
    }
    const app = await buildApp({ config, database, db, now: () => new Date() }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const appPort = (app.server.address() as { port: number }).port;
    // a browser session, as the console uses (an API token would add the token's last_used_at write to every request)
    const login = await fetch(`http://127.0.0.1:${appPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-office', password: 'bench-password-1' }),
    });
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };

    // baselines: tiny Fastify servers on other ports, the same SQL through pg, no auth, no schema, no presenter — one
    // sends the SQL unprepared (the baseline the registry issue defines), one as named prepared statements by the app's
    // rule (server/platform/db/prepared.ts: the name search stays unprepared), so that the app's own overhead is visible apart from the statement cache
    const basePool = new pg.Pool({ ...database.connection, max: 10 });
    closers.push(() => basePool.end());
    const baseline = async (prepared: boolean) => {
      const names = new Map<string, string>();
      const run = (text: string, values: unknown[]) => {
        if (!prepared || statementName(text, values.length) === undefined) return basePool.query(text, values);
        let name = names.get(text);
        if (!name) names.set(text, (name = `bp_${names.size}`));
        return basePool.query({ name, text, values });
      };
      const base = Fastify({ logger: false });
      base.get('/e/:id', async (req) => (await run(`${ENTERPRISE_SQL} where e.id = $1 and true`, [Number((req.params as { id: string }).id)])).rows[0]);
      base.get('/list', async (req) => {
        const q = req.query as { q?: string; t?: string; i?: string; sort?: string; offset?: string; after?: string };
        const where: string[] = ['true'];
        const params: unknown[] = [];
        if (q.q) where.push(`(registry_bigrams(e.name) @> registry_bigrams($${params.push(q.q)}) and e.name ilike $${params.push(`%${q.q}%`)})`);
        if (q.t) where.push(`e.territory_code = $${params.push(q.t)}`);
        if (q.i) where.push(`e.industry_code = $${params.push(q.i)}`);
        const w = where.join(' and ');
        const order = q.sort === 'name' ? 'e.name, e.id' : 'e.id';
        // keyset: the row after (name, id) of the previous page's last row; the total travels in the cursor
        const cursor = q.after ? (JSON.parse(Buffer.from(q.after, 'base64url').toString()) as [string, number, number]) : undefined;
        if (q.q && !cursor) {
          // the app's search: the first 10,001 matches in order, counted by a window and paged, in one statement
          const hits = await run(
            `select m.id, count(*) over () as n from (select e.id, ${q.sort === 'name' ? 'e.name' : 'e.id'} as k from enterprise e where ${w} order by ${order} limit 10001) m order by m.k, m.id limit $${params.length + 1} offset $${params.length + 2}`,
            [...params, 20, Number(q.offset ?? 0)],
          );
          const rows = (await run(`${ENTERPRISE_SQL} where e.id = any($1)`, [hits.rows.map((r: { id: number }) => r.id)])).rows;
          return { items: rows, total: Math.min(Number(hits.rows[0]?.n ?? 0), 10000) };
        }
        const count = cursor ? Promise.resolve({ rows: [{ n: cursor[2] }] }) : run(`select count(*) as n from enterprise e where ${w}`, [...params]);
        const page = cursor
          ? run(`select e.id from enterprise e where ${w} and (e.name, e.id) > ($${params.length + 1}, $${params.length + 2}) order by ${order} limit 20`, [
              ...params,
              cursor[0],
              cursor[1],
            ])
          : run(`select e.id from enterprise e where ${w} order by ${order} limit $${params.length + 1} offset $${params.length + 2}`, [
              ...params,
              20,
              Number(q.offset ?? 0),
            ]);
        const [, ids] = await Promise.all([count, page]);
        const n = await count;
        const rows = (await run(`${ENTERPRISE_SQL} where e.id = any($1)`, [ids.rows.map((r: { id: number }) => r.id)])).rows;
        return { items: rows, total: Number(n.rows[0].n) };
      });
      await base.listen({ port: 0, host: '127.0.0.1' });
      closers.push(() => base.close());
      return (base.server.address() as { port: number }).port;
    };
    const basePort = await baseline(false);
    const preparedPort = await baseline(true);

    const ids = (await db.selectFrom('enterprise').select('id').orderBy('id').execute()).map((r) => r.id);
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    // the row before the deep page, as the cursor the previous page would have returned
    const deep = Math.floor(size * 0.9);
    const before = await db
      .selectFrom('enterprise')
      .select(['id', 'name'])
      .orderBy('name')
      .orderBy('id')
      .offset(deep - 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const cursor = Buffer.from(JSON.stringify([before.name, before.id, size])).toString('base64url');
    const terms = ['宏达', '鑫源', '华诚', '永辉', '恒晟', '金鼎', '新顺', '瑞益', '安隆', '泰嘉', '盛和', '德茂'];
    const term = (i: number) => encodeURIComponent(terms[i % terms.length]!);
    const endpoints: Endpoint[] = [
      { name: 'enterprise page GET /enterprises/{id}', app: (i) => `/api/v1/enterprises/${pick(i)}`, base: (i) => `/e/${pick(i)}` },
      { name: 'name search q=<2 Chinese chars>', app: (i) => `/api/v1/enterprises?q=${term(i)}`, base: (i) => `/list?q=${term(i)}` },
      {
        name: 'filtered list (territory+industry), offset 0',
        app: () => '/api/v1/enterprises?territoryCode=340207&industryCode=steel',
        base: () => '/list?t=340207&i=steel',
      },
      {
        name: `list sorted by name, deep page offset ${deep.toLocaleString('en')}`,
        app: () => `/api/v1/enterprises?sort=name&offset=${deep}`,
        base: () => `/list?sort=name&offset=${deep}`,
      },
      {
        name: `  the same page by keyset cursor (after=)`,
        app: () => `/api/v1/enterprises?sort=name&after=${cursor}`,
        base: () => `/list?sort=name&after=${cursor}`,
      },
    ];
    const results: BenchResult[] = [];
    const fmt = (r: LoadResult) => `${r.requests} req, ${r.errors} errors`;
    for (const ep of endpoints) {
      log(`  load: ${ep.name}`);
      await runLoad({ port: appPort, path: ep.app, headers, concurrency, durationMs: 1000 }); // warm-up
      await runLoad({ port: basePort, path: ep.base, concurrency, durationMs: 1000 });
      await runLoad({ port: preparedPort, path: ep.base, concurrency, durationMs: 1000 });
      const a = await runLoad({ port: appPort, path: ep.app, headers, concurrency, durationMs: seconds * 1000 });
      const b = await runLoad({ port: basePort, path: ep.base, concurrency, durationMs: seconds * 1000 });
      const p = await runLoad({ port: preparedPort, path: ep.base, concurrency, durationMs: seconds * 1000 });
      results.push({
        name: ep.name,
        unit: 'req/s',
        value: a.rps,
        baseline: b.rps,
        ratio: a.rps / b.rps,
        p50: a.p50,
        p95: a.p95,
        p99: a.p99,
        note: `app ${fmt(a)}; baseline (same SQL, unprepared) p50 ${b.p50.toFixed(1)} / p99 ${b.p99.toFixed(1)} ms`,
      });
      results.push({
        name: `  the same vs a baseline that also prepares`,
        unit: 'req/s',
        value: a.rps,
        baseline: p.rps,
        ratio: a.rps / p.rps,
        note: `prepared baseline p50 ${p.p50.toFixed(1)} / p99 ${p.p99.toFixed(1)} ms, ${fmt(p)}`,
      });
    }

    if (opts.also) results.push(...(await opts.also({ port: appPort, headers, database })));

    if (process.env.BENCH_SKIP_IO === '1') return results; // iterating on the load figures only
    // import of a 10,000-row workbook (5,000 enterprises + 5,000 lines), as the office
    const file = path.join(dataDir, 'import-10k.xlsx');
    await writeImportFile(db, file, 5000, 5000);
    const buf = fs.readFileSync(file);
    let t = performance.now();
    const rep = await runImport(db, buf, { actor: { ...SYSTEM_ACTOR, name: 'bench' }, now: new Date() }, { fileName: 'import-10k.xlsx' });
    const importSec = (performance.now() - t) / 1000;
    t = performance.now();
    const again = await runImport(db, buf, { actor: { ...SYSTEM_ACTOR, name: 'bench' }, now: new Date() }, { fileName: 'import-10k.xlsx' });
    const reimportSec = (performance.now() - t) / 1000;
    results.push({
      name: 'import 10,000 rows (.xlsx, one transaction)',
      unit: 's',
      value: importSec,
      note: `created ${rep.created.enterprises}+${rep.created.lines} (models/marks distinct from exited lines, alerts ${rep.alerts}); re-import (all unchanged: ${again.unchanged.enterprises}+${again.unchanged.lines}) ${reimportSec.toFixed(2)} s; file ${(buf.length / 1024).toFixed(0)} KiB`,
    });

    // export of 100,000 enterprises (+ their lines) in a child process: time and peak RSS
    const child = await runBenchChild<ChildOut>(path.join(HERE, 'registry.ts'), [
      '--child-export',
      JSON.stringify(database.connection),
      path.join(dataDir, 'export.xlsx'),
    ]);
    const idle = await runBenchChild<ChildOut>(path.join(HERE, 'registry.ts'), ['--child-idle', JSON.stringify(database.connection)]);
    results.push({
      name: 'export 100,000 enterprises (.xlsx, streamed)',
      unit: 's',
      value: child.ms / 1000,
      note: `${child.enterprises} enterprises + ${child.lines} lines, ${(child.bytes / 1048576).toFixed(1)} MiB; child peak RSS ${(child.maxRSS / 1024).toFixed(0)} MiB (same child idle after imports + connect: ${(idle.maxRSS / 1024).toFixed(0)} MiB)`,
    });
    results.push({
      name: 'export peak RSS (child process)',
      unit: 'MiB',
      value: child.maxRSS / 1024,
      baseline: idle.maxRSS / 1024,
      ratio: child.maxRSS / idle.maxRSS,
      note: 'baseline: the same child without exporting',
    });
    results.push({ name: `generate ${scale} set`, unit: 's', value: genSeconds, note: JSON.stringify(counts) });
    return results;
  } finally {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    await bench?.close().catch(() => undefined);
  }
}

/** BENCH_SCALE: city | province (default) | national (1,000,000 enterprises; docs/scaling.md). */
export function benchScale(): Scale {
  const s = process.env.BENCH_SCALE ?? 'province';
  if (!(s in SCALES)) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
  return s as Scale;
}

async function writeImportFile(db: Kysely<DB>, file: string, enterprises: number, lines: number) {
  const territories = await db.selectFrom('territory').select(['code', 'name']).where('kind', '<>', 'city').where('valid_to', 'is', null).execute();
  const industries = (await db.selectFrom('industry').select(['code', 'key_industry', 'capacity_units']).execute()).map((i) => ({
    code: i.code,
    key: i.key_industry,
    unit: i.capacity_units[0]!,
  }));
  // indices far above the generated set keep codes and names unique
  const data = generateRegistry({ seed: 99, enterprises, territories, industries, offset: 5_000_000, uniqueCodes: true, lineWeights: [[1, 1]] });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const we = wb.addWorksheet('企业');
  we.addRow(ENTERPRISE_COLUMNS.map((c) => c.header)).commit();
  for (const e of data.enterprises)
    we.addRow([e.creditCode, e.name, e.territoryCode, e.industryCode, e.address, e.legalRepresentative, e.contactName, e.contactPhone]).commit();
  we.commit();
  const wl = wb.addWorksheet('生产线');
  wl.addRow(LINE_COLUMNS.map((c) => c.header)).commit();
  for (const l of data.lines.slice(0, lines)) {
    const e = data.enterprises[l.enterprise]!;
    wl.addRow([
      e.creditCode,
      l.name,
      l.kind,
      l.sizeValue,
      l.sizeUnit,
      `${l.model}-IMP`,
      l.unitCount,
      `${l.marks}-IMP`,
      l.capacity,
      l.capacityUnit,
      l.catalogueEdition,
      l.catalogueItem,
      l.catalogueClass,
    ]).commit();
  }
  wl.commit();
  await wb.commit();
}

interface ChildOut extends ChildFigures {
  enterprises: number;
  lines: number;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, conn, file] = process.argv.slice(2);
  if (mode === '--child-export' || mode === '--child-idle') {
    await streamInChild(conn!, mode === '--child-export' ? file : undefined, (db, out) => exportEnterprises(db, scopeOf(SYSTEM_ACTOR), {}, out));
  } else {
    const results = await benchRegistry();
    printResults(results);
  }
}
