/**
 * Public site bench (issue 14): the throughput of a published list page (HTML) and its JSON twin next to a bare
 * Fastify route in the same process and run (target ≥ 60 %), at province scale: every current territory's yellow,
 * red and annual exit lists and the city-wide over-emission list, ~36,000 entries in all, stored as chained
 * versions. Published versions are immutable, so the app serves them from memory with an ETag.
 *
 * Run inside `npm run bench` (on the province set, through bench/run.ts), or alone: `npx tsx bench/public-site.ts`
 * (a fresh embedded database in a temporary directory, with synthetic enterprises for the entries).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import {
  GENESIS_HASH,
  LIST_KINDS,
  seriesKey,
  versionHash,
  versionNumber,
  type HashedVersion,
  type ListKind,
  type PublicEntry,
} from '../server/domain/publication/lists.ts';
import { publicationsChanged } from '../server/modules/publications/public-store.ts';
import { runLoad, type BenchResult, type LoadResult } from './load.ts';

export interface PublicSiteBenchOptions {
  port: number;
  db: Kysely<DB>;
  seconds?: number;
  concurrency?: number;
  log?: (m: string) => void;
}

/** Entries per list of one territory (the over-emission list is city-wide: OVER entries). */
const SIZES: Record<Exclude<ListKind, 'overEmission'>, number> = { yellow: 2000, red: 500, annualExit: 500 };
const OVER = 3000;
/** interleaved measuring rounds per endpoint (the machine's load drifts; every endpoint sees the same drift) */
const ROUNDS = 5;

/** Publishes province-scale lists as stored versions (a valid chain: `publications verify` passes). */
export async function seedPublications(db: Kysely<DB>, year: number, postedOn: string): Promise<{ entries: number; versions: number; territories: string[] }> {
  const territories = await db
    .selectFrom('territory')
    .select(['code', 'name'])
    .where('valid_to', 'is', null)
    .where('kind', '!=', 'city')
    .orderBy('sort')
    .execute();
  const city = await db.selectFrom('territory').select(['code', 'name']).where('kind', '=', 'city').executeTakeFirstOrThrow();
  const facts = async (territory: string | null, limit: number, offset: number) =>
    (
      await sql<PublicEntry>`
        select e.credit_code as "creditCode", e.name, e.territory_code as "territoryCode", t.name as "territoryName", t.name_en as "territoryNameEn",
               e.industry_code as "industryCode", i.name as "industryName", i.name_en as "industryNameEn", e.address
        from enterprise e join territory t on t.code = e.territory_code join industry i on i.code = e.industry_code
        where ${territory === null ? sql`true` : sql`e.territory_code = ${territory}`} order by e.id limit ${limit} offset ${offset}`.execute(db)
    ).rows;
  let entries = 0;
  let versions = 0;
  const put = async (kind: ListKind, code: string, name: string, list: PublicEntry[]) => {
    const y = kind === 'annualExit' ? year : null;
    const series = seriesKey(kind, code, y);
    const exists = await db.selectFrom('publication_version').select('id').where('series', '=', series).executeTakeFirst();
    if (exists) return;
    const body = { entries: list, diff: { added: list.map((e) => ({ creditCode: e.creditCode, name: e.name })), removed: [], changed: [] } };
    const h: HashedVersion = {
      series,
      listKind: kind,
      territoryCode: code,
      year: y,
      versionNo: 1,
      action: 'publish',
      number: versionNumber(name, kind, year, 1),
      postedOn,
      publishedAt: new Date().toISOString(),
      unitKind: kind === 'overEmission' ? 'department' : 'territory',
      unitCode: kind === 'overEmission' ? 'eco' : code,
      publishedBy: null,
      reason: null,
      body,
      excluded: [],
      prevHash: GENESIS_HASH,
    };
    await db
      .insertInto('publication_version')
      .values({
        series,
        list_kind: kind,
        territory_code: code,
        year: y,
        version_no: 1,
        action: 'publish',
        number: h.number,
        posted_on: postedOn,
        published_at: h.publishedAt,
        unit_kind: h.unitKind as 'territory',
        unit_code: h.unitCode,
        published_by: null,
        reason: null,
        body: JSON.stringify(body),
        excluded: '[]',
        prev_hash: GENESIS_HASH,
        content_hash: versionHash(h),
      })
      .execute();
    entries += list.length;
    versions++;
  };
  for (const t of territories) {
    let offset = 0;
    for (const kind of LIST_KINDS) {
      if (kind === 'overEmission') continue;
      const n = SIZES[kind];
      const list = (await facts(t.code, n, offset)).map((f) => ({
        ...f,
        dimensions: kind === 'annualExit' ? [] : ['energy'],
        since: postedOn,
        dueOn: kind === 'yellow' ? `${year + 1}-03-01` : null,
        equipment:
          kind === 'annualExit'
            ? [{ name: `${f.name}1号线`, kind: 'converter', kindName: '转炉', capacity: '120', capacityUnit: '万吨/年', exitedOn: postedOn }]
            : [],
      }));
      offset += n;
      list.sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
      await put(kind, t.code, t.name, list);
    }
  }
  const over = (await facts(null, OVER, 0)).map((f) => ({ ...f, dimensions: ['environment'], since: postedOn, dueOn: null, equipment: [] }));
  over.sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  await put('overEmission', city.code, city.name, over);
  publicationsChanged();
  return { entries, versions, territories: territories.map((t) => t.code) };
}

export async function benchPublicSite(o: PublicSiteBenchOptions): Promise<BenchResult[]> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const ms = (o.seconds ?? 10) * 1000;
  const concurrency = o.concurrency ?? 8;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const t0 = performance.now();
  const seeded = await seedPublications(o.db, Number(today.slice(0, 4)), today);
  const total = (await sql<{ n: number }>`select coalesce(sum(jsonb_array_length(body->'entries')), 0)::int as n from publication_version`.execute(o.db))
    .rows[0]!.n;
  log(`public site bench: ${seeded.versions} versions stored (${total} entries in all) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // the baseline: a bare Fastify route in this process (no hooks, no schema), a small JSON answer
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;
  const ts = seeded.territories;
  const page = (i: number) => `/public/lists/yellow?territory=${ts[i % ts.length]}&page=${1 + (i % 3)}`;
  const json = (i: number) => `/public/api/lists/yellow?territory=${ts[i % ts.length]}&page=${1 + (i % 3)}`;
  const results: BenchResult[] = [];
  try {
    // warm-up: the first request of each key renders once
    await runLoad({ port: o.port, path: page, concurrency, durationMs: 1000 });
    await runLoad({ port: o.port, path: json, concurrency, durationMs: 1000 });
    await runLoad({ port: barePort, path: '/bare', concurrency, durationMs: 1000 });
    // interleaved rounds (bare, page, JSON) so that the machine's load drifts over all three alike
    const sum = { b: [] as LoadResult[], h: [] as LoadResult[], j: [] as LoadResult[] };
    // CPU of this process (server and load generator alike) per request: steadier than req/s on a shared machine
    const cpu = { b: 0, h: 0, j: 0 };
    const measure = async (k: 'b' | 'h' | 'j', port: number, p: string | ((i: number) => string)) => {
      const c0 = process.cpuUsage();
      const r = await runLoad({ port, path: p, concurrency, durationMs: ms / ROUNDS });
      const c = process.cpuUsage(c0);
      cpu[k] += c.user + c.system;
      sum[k].push(r);
    };
    for (let round = 0; round < ROUNDS; round++) {
      await measure('b', barePort, '/bare');
      await measure('h', o.port, page);
      await measure('j', o.port, json);
    }
    const merge = (rs: LoadResult[]) => {
      const requests = rs.reduce((n, r) => n + r.requests, 0);
      const seconds = rs.reduce((n, r) => n + r.seconds, 0);
      const worst = (k: 'p50' | 'p95' | 'p99') => Math.max(...rs.map((r) => r[k]));
      return { requests, errors: rs.reduce((n, r) => n + r.errors, 0), rps: requests / seconds, p50: worst('p50'), p95: worst('p95'), p99: worst('p99') };
    };
    const [b, h, j] = [merge(sum.b), merge(sum.h), merge(sum.j)];
    const base = b.rps;
    const perReq = (k: 'b' | 'h' | 'j', r: { requests: number }) => cpu[k] / Math.max(1, r.requests);
    const cpuNote = (k: 'h' | 'j', r: { requests: number }) =>
      `CPU per request ${perReq(k, r).toFixed(0)} µs vs bare ${perReq('b', b).toFixed(0)} µs (${((100 * perReq('b', b)) / perReq(k, r)).toFixed(0)} %)`;
    const note = (r: { requests: number; errors: number }) =>
      `${r.requests} req, ${r.errors} errors; ${ROUNDS} interleaved rounds with the bare route (${sum.b.map((x) => x.rps.toFixed(0)).join(' / ')} req/s); worst round's percentiles; ${total} entries published`;
    results.push({
      name: 'public list page (HTML, 20 entries, territory filter)',
      unit: 'req/s',
      value: h.rps,
      baseline: base,
      ratio: h.rps / base,
      p50: h.p50,
      p95: h.p95,
      p99: h.p99,
      target: '≥ 60 % of a bare Fastify route',
      note: `${note(h)}; ${cpuNote('h', h)}`,
    });
    results.push({
      name: '  its JSON twin /public/api/lists/yellow',
      unit: 'req/s',
      value: j.rps,
      baseline: base,
      ratio: j.rps / base,
      p50: j.p50,
      p95: j.p95,
      p99: j.p99,
      target: '≥ 60 % of a bare Fastify route',
      note: `${note(j)}; ${cpuNote('j', j)}`,
    });
  } finally {
    await bare.close();
  }
  return results;
}

// standalone: a fresh embedded database with synthetic enterprises
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import('../server/config.ts');
  const { openDatabase } = await import('../server/platform/db/database.ts');
  const { migrate } = await import('../server/db/migrate.ts');
  const { loadReference } = await import('../server/seeds/reference.ts');
  const { buildApp } = await import('../server/app.ts');
  const { printResults } = await import('./load.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-bench-public-'));
  const env: Record<string, string | undefined> = { ...process.env, PHASEOUT_DATA_DIR: dataDir, PHASEOUT_DEMO: '0', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const config = loadConfig(env);
  const quiet = { info: () => undefined, warn: (m: string) => console.warn(m), error: (x: unknown, m?: string) => console.error(m, x) };
  const database = await openDatabase(config, quiet, 'cli');
  try {
    await migrate(database.pool);
    await loadReference(database.db, config.referenceSet);
    // 40,000 synthetic enterprises spread over the current territories (enough for every list at province scale)
    await sql`insert into enterprise (credit_code, name, territory_code, industry_code, address)
      select '91340200BN' || lpad(g::text, 8, '0'), '基准企业' || g || '有限公司', t.codes[1 + g % array_length(t.codes, 1)], 'steel', '芜湖市基准路' || g || '号'
      from generate_series(1, 40000) g, (select array_agg(code order by sort) as codes from territory where valid_to is null and kind <> 'city') t`.execute(
      database.db,
    );
    const app = await buildApp({ config, database, db: database.db, now: () => new Date() }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      printResults(
        await benchPublicSite({ port: (app.server.address() as { port: number }).port, db: database.db, seconds: Number(process.env.BENCH_SECONDS ?? 10) }),
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
