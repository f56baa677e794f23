/**
 * Credit-list bench (issue 15): GET /api/v1/credit-list as a bank — the incremental-pull check, the page and the audit
 * record of the read in one statement — next to a baseline server on another port that runs the same page SQL
 * (creditPageSql) through pg with no auth, no schema, no presenter and no audit, in the same run. Target: the API
 * serves ≥ 80 % of the baseline's requests per second.
 *
 * In `npm run bench` it runs on the province set (bench/run.ts). Alone: `npx tsx bench/credit.ts` generates the
 * city set (BENCH_CREDIT_SCALE=province for the province set) in a temporary data dir and prints the figures.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import type { Database } from '../server/platform/db/database.ts';
import { createUser } from '../server/modules/auth/auth.commands.ts';
import { SYSTEM_ACTOR } from '../server/platform/auth/actor.ts';
import { runGenerate } from '../server/cli/commands/registry.ts';
import type { Scale } from '../server/seeds/bulk.ts';
import { creditPageSql } from '../server/modules/credit/credit.repository.ts';
import { ensureCreditListCurrent } from '../server/modules/credit/credit.sync.ts';
import { printResults, runLoad, type BenchResult } from './load.ts';
import { openBenchDatabase } from './bench-db.ts';

export interface CreditBenchOptions {
  port: number;
  database: Database;
  seconds?: number;
  concurrency?: number;
  log?: (m: string) => void;
}

export async function benchCredit(o: CreditBenchOptions): Promise<BenchResult[]> {
  const { db } = o.database;
  const ms = (o.seconds ?? Number(process.env.BENCH_SECONDS ?? 10)) * 1000;
  const concurrency = o.concurrency ?? 8;
  const log = o.log ?? (() => undefined);
  if (!(await db.selectFrom('app_user').select('id').where('username', '=', 'bench-bank').executeTakeFirst())) {
    await createUser(
      db,
      { username: 'bench-bank', role: 'bank', displayName: 'bench bank', password: 'bench-password-1' },
      { actor: SYSTEM_ACTOR, now: new Date() },
      { skipPasswordRules: true },
    );
  }
  const login = await fetch(`http://127.0.0.1:${o.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-bank', password: 'bench-password-1' }),
  });
  const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };
  const t0 = performance.now();
  await ensureCreditListCurrent(db, () => new Date());
  const deriveMs = performance.now() - t0;
  const listed = Number(
    (
      await db
        .selectFrom('credit_listing')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('listed', '=', true)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const pages = Math.max(1, Math.min(500, Math.floor(listed / 20)));
  log(`  credit list: ${listed} listed, derived in ${deriveMs.toFixed(0)} ms; ${pages} pages in rotation`);

  // the baseline: the same page SQL through pg, unprepared, nothing else
  const pool = new pg.Pool({ ...o.database.connection, max: 10 });
  pool.on('error', () => undefined); // an idle client dropped when the bench's database stops
  const base = Fastify({ logger: false });
  base.get('/c', async (req) => {
    const offset = Number((req.query as { offset?: string }).offset ?? 0);
    const q = creditPageSql({}, { limit: 20, offset }).compile(db);
    const r = await pool.query(q.sql, q.parameters as unknown[]);
    return { items: r.rows, total: r.rows.length ? Number(r.rows[0].total) : 0 };
  });
  await base.listen({ port: 0, host: '127.0.0.1' });
  const basePort = (base.server.address() as { port: number }).port;
  const offset = (i: number) => ((i * 7919) % pages) * 20;
  try {
    await runLoad({ port: o.port, path: (i) => `/api/v1/credit-list?offset=${offset(i)}`, headers, concurrency, durationMs: 1000 });
    await runLoad({ port: basePort, path: (i) => `/c?offset=${offset(i)}`, concurrency, durationMs: 1000 });
    const a = await runLoad({ port: o.port, path: (i) => `/api/v1/credit-list?offset=${offset(i)}`, headers, concurrency, durationMs: ms });
    const b = await runLoad({ port: basePort, path: (i) => `/c?offset=${offset(i)}`, concurrency, durationMs: ms });
    const audited = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('act', '=', 'credit.read.list')
          .executeTakeFirstOrThrow()
      ).n,
    );
    return [
      {
        name: 'credit list GET /credit-list (bank, audited)',
        unit: 'req/s',
        value: a.rps,
        baseline: b.rps,
        ratio: a.rps / b.rps,
        p50: a.p50,
        p95: a.p95,
        p99: a.p99,
        target: '≥ 80 % of the raw-SQL baseline',
        note: `${listed} listed; app ${a.requests} req, ${a.errors} errors, ${audited} reads audited; baseline (same page SQL, unprepared, no audit) p50 ${b.p50.toFixed(1)} / p99 ${b.p99.toFixed(1)} ms, ${b.errors} errors; first derivation ${deriveMs.toFixed(0)} ms`,
      },
    ];
  } finally {
    await base.close();
    await pool.end();
  }
}

// standalone: npx tsx bench/credit.ts
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const scale = (process.env.BENCH_CREDIT_SCALE ?? 'city') as Scale;
  const { config, database, close } = await openBenchDatabase('credit');
  try {
    log(`credit bench: generating the ${scale} set…`);
    await runGenerate(database.db, scale, 2020);
    const app = await buildApp({ config, database, db: database.db, now: () => new Date() }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const results = await benchCredit({ port: (app.server.address() as { port: number }).port, database, log });
      printResults(results);
    } finally {
      await app.close();
    }
  } finally {
    await close();
  }
}
