/**
 * A read replica (issue 18 item 2) on real PostgreSQL from Debian's packages: a primary and a streaming standby made
 * with pg_basebackup. The dashboard reads the replica while it keeps up; a user's own write is never read stale (the
 * replica is paused and the user who wrote reads the primary); a replica that falls behind or goes away is left for
 * the primary with a log line, and taken back when it has caught up.
 * Needs root (the clusters run as the `postgres` OS user) and Debian's PostgreSQL; skipped with a message otherwise.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createUser } from '../../server/modules/auth/auth.commands.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { openDatabase, type Database } from '../../server/platform/db/database.ts';
import { freePort } from '../../server/platform/db/embedded.ts';
import { loadReference } from '../../server/seeds/reference.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';

const PG_BIN = (() => {
  try {
    const dirs = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const d of dirs) if (fs.existsSync(`/usr/lib/postgresql/${d}/bin/pg_basebackup`)) return `/usr/lib/postgresql/${d}/bin`;
  } catch {
    /* none */
  }
  return undefined;
})();
// it makes its own primary and standby, so it runs once: in the embedded tier (the DATABASE_URL tier skips it)
const skip = !PG_BIN || process.getuid?.() !== 0 || Boolean(process.env.DATABASE_URL);
if (!PG_BIN || process.getuid?.() !== 0)
  console.warn('replica.test.ts skipped: needs root and Debian PostgreSQL (apt-get install postgresql), as .ci/run installs');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-replica-'));
let primaryPort = 0;
let replicaPort = 0;
let database: Database | undefined;
let app: FastifyInstance;
const logLines: string[] = [];

// asynchronous: a blocked worker misses vitest's own messages
async function asPostgres(cmd: string): Promise<string> {
  return (await promisify(execFile)('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { encoding: 'utf8', timeout: 120_000 })).stdout;
}
function psql(port: number, sqlText: string): Promise<string> {
  return asPostgres(`'${PG_BIN}/psql' -h 127.0.0.1 -p ${port} -U phaseout -d phaseout -Atc "${sqlText}"`);
}

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'replica-test-pw-1' } });
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: (r.json() as { csrfToken: string }).csrfToken };
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}\n${logLines.join('\n')}`);
}

beforeAll(async () => {
  if (skip) return;
  fs.chmodSync(dir, 0o777);
  await promisify(execFile)('chown', ['postgres:postgres', dir]);
  primaryPort = await freePort();
  replicaPort = await freePort();
  const common = `-c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}'`;
  await asPostgres(`'${PG_BIN}/initdb' -D '${dir}/primary' -U phaseout --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null`);
  await asPostgres(
    `'${PG_BIN}/pg_ctl' -D '${dir}/primary' -l '${dir}/primary.log' -w -o "-p ${primaryPort} ${common} -c wal_level=replica -c max_wal_senders=4" start >/dev/null`,
  );
  await asPostgres(`'${PG_BIN}/psql' -h 127.0.0.1 -p ${primaryPort} -U phaseout -d postgres -qc 'create database phaseout'`);
  await asPostgres(`'${PG_BIN}/pg_basebackup' -h 127.0.0.1 -p ${primaryPort} -U phaseout -D '${dir}/replica' -R -X stream`);
  await asPostgres(`'${PG_BIN}/pg_ctl' -D '${dir}/replica' -l '${dir}/replica.log' -w -o "-p ${replicaPort} ${common} -c hot_standby=on" start >/dev/null`);

  const config = loadConfig({
    DATABASE_URL: `postgres://phaseout@127.0.0.1:${primaryPort}/phaseout`,
    DATABASE_REPLICA_URL: `postgres://phaseout@127.0.0.1:${replicaPort}/phaseout`,
    PHASEOUT_REPLICA_MAX_LAG_MS: '1500',
    PHASEOUT_DEMO: '0',
    PHASEOUT_DATA_DIR: path.join(dir, 'data'),
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  database = await openDatabase(config, quiet, 'serve');
  await migrate(database.pool);
  await loadReference(database.db, 'wuhu');
  for (const [username, role, territoryCode] of [
    ['writer', 'office', null],
    ['reader', 'office', null],
    ['banker', 'bank', null],
  ] as const) {
    await createUser(
      database.db,
      { username, role, displayName: username, password: 'replica-test-pw-1', territoryCode, departmentCode: null },
      { actor: SYSTEM_ACTOR, now: new Date() },
      { skipPasswordRules: true },
    );
  }
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) logLines.push((JSON.parse(line) as { msg: string }).msg);
      cb();
    },
  });
  app = await buildApp(
    { config, database, db: database.db, now: () => new Date(), evidenceDir: path.join(dir, 'evidence') },
    { logger: { level: 'info', stream } },
  );
  await app.ready();
}, 300_000);

afterAll(async () => {
  if (skip) return;
  await app?.close();
  await database?.close();
  for (const c of ['replica', 'primary']) {
    await asPostgres(`'${PG_BIN}/pg_ctl' -D '${dir}/${c}' -m immediate stop >/dev/null 2>&1`).catch(() => undefined); // already stopped
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('a streaming read replica (issue 18 item 2)', () => {
  it('serves the dashboard from the replica while it keeps up', async () => {
    await until('replica in use', () => app.replicaStatus().healthy);
    const reader = await login('reader');
    const before = app.replicaStatus().reads.replica;
    const r = await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { cookie: reader.cookie } });
    expect(r.statusCode).toBe(200);
    expect(app.replicaStatus().reads.replica).toBe(before + 1);
  });

  it("serves the bank's credit list from the replica and records every read on the primary (issue 15)", async () => {
    await until('replica in use', () => app.replicaStatus().healthy);
    const banker = await login('banker');
    const audited = async () => Number((await psql(primaryPort, "select count(*) from audit_log where act like 'credit.read.%'")).trim());
    const [before, n0] = [app.replicaStatus().reads.replica, await audited()];
    for (const url of ['/api/v1/credit-list', '/api/v1/credit-list/changes?since=2020-01-01', '/api/v1/credit-list/export.xlsx']) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: banker.cookie } });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
    }
    expect(app.replicaStatus().reads.replica).toBe(before + 3);
    expect(await audited()).toBe(n0 + 3);
  });

  it("never reads a user's own write stale: with the replica paused, the writer's dashboard comes from the primary", async () => {
    await psql(replicaPort, 'select pg_wal_replay_pause()');
    const writer = await login('writer');
    const h = { cookie: writer.cookie, 'x-csrf-token': writer.csrf };
    const creditCode = `91340202MA2N0RPL1${creditCodeCheckChar('91340202MA2N0RPL1')}`;
    const ent = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: h,
      payload: { creditCode, name: '副本测试钢铁有限公司', territoryCode: '340202', industryCode: 'steel' },
    });
    expect(ent.statusCode, ent.body).toBe(201);
    const entId = (ent.json() as { id: number }).id;
    const setCookie = String(ent.headers['set-cookie'] ?? '');
    const line = await app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${entId}/lines`,
      headers: h,
      payload: { kind: 'converter', name: '9号转炉', capacity: '120', capacityUnit: '万吨/年' },
    });
    expect(line.statusCode, line.body).toBe(201);
    const lsn = /phaseout_lsn=([^;]+)/.exec(String(line.headers['set-cookie']) + setCookie)?.[1];
    expect(decodeURIComponent(lsn ?? '')).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/); // the primary's WAL position, as the browser keeps it
    const primaryBefore = app.replicaStatus().reads.primary;
    const ov = await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { cookie: `${writer.cookie}; phaseout_lsn=${lsn}` } });
    expect(ov.statusCode).toBe(200);
    expect(app.replicaStatus().reads.primary).toBe(primaryBefore + 1);
    const steel = (ov.json() as { linesByStateIndustry: Array<{ industryCode: string; n: number }> }).linesByStateIndustry.filter(
      (x) => x.industryCode === 'steel',
    );
    expect(steel.reduce((a, x) => a + x.n, 0)).toBe(1); // the write is there
    // the paused replica does not have it
    expect((await psql(replicaPort, 'select count(*) from production_line')).trim()).toBe('0');
  });

  it('leaves a replica that falls behind for the primary, with a log line, and takes it back once it has caught up', async () => {
    // the replica is still paused and the primary has moved on: it falls behind the limit
    await until('replica left behind', () => !app.replicaStatus().healthy);
    expect(logLines.some((l) => /read replica not used: \d+ ms behind the primary/.test(l))).toBe(true);
    const reader = await login('reader');
    const before = app.replicaStatus().reads.primary;
    expect((await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { cookie: reader.cookie } })).statusCode).toBe(200);
    expect(app.replicaStatus().reads.primary).toBe(before + 1);
    await psql(replicaPort, 'select pg_wal_replay_resume()');
    await until('replica back in use', () => app.replicaStatus().healthy);
    expect(logLines.filter((l) => l.startsWith('read replica in use')).length).toBeGreaterThanOrEqual(2);
  });

  it('reads from the primary when the replica goes away, and says so', async () => {
    await asPostgres(`'${PG_BIN}/pg_ctl' -D '${dir}/replica' -m immediate stop >/dev/null`);
    await until('replica unavailable', () => !app.replicaStatus().healthy);
    expect(logLines.some((l) => /read replica not used: unavailable/.test(l))).toBe(true);
    const reader = await login('reader');
    const r = await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { cookie: reader.cookie } });
    expect(r.statusCode).toBe(200);
    const x = await app.inject({ method: 'GET', url: '/api/v1/enterprises/export.xlsx', headers: { cookie: reader.cookie } });
    expect(x.statusCode).toBe(200);
  });
});
