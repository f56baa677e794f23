/**
 * Test helpers for the integration tier: a fresh database cloned from the template, the real app on top of it
 * (HTTP through app.inject), a settable clock, and `as(username)` sessions that carry their CSRF token.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DB } from '../../server/db/schema.ts';
import { loadConfig } from '../../server/config.ts';
import { buildApp } from '../../server/app.ts';
import { makePool, type Database } from '../../server/platform/db/database.ts';
import { withDatabaseName, TEMPLATE_DB } from './global-setup.ts';
import { createUser } from '../../server/modules/auth/auth.commands.ts';
import { SYSTEM_ACTOR, type Role } from '../../server/platform/auth/actor.ts';

export const TEST_PASSWORD = 'test-password-1';

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<DB>;
  pool: pg.Pool;
  database: Database;
  /** the app's clock; set `clock.now` to move time */
  clock: { now: Date };
  /** a signed-in client for `username` (created by `user()`) */
  as(username: string): Promise<Client>;
  anon: Client;
  /** creates an account with TEST_PASSWORD */
  user(username: string, role: Role, unit?: { territoryCode?: string; departmentCode?: string }): Promise<number>;
  close(): Promise<void>;
}

export interface Client {
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie?: string;
  csrf?: string;
}

function client(app: FastifyInstance, cookie?: string, csrf?: string): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
    });
  const c: Client = {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
  if (cookie) c.cookie = cookie;
  if (csrf) c.csrf = csrf;
  return c;
}

/** Creates a database of its own for one test file, from the migrated template with reference data. */
export async function createTestApp(opts: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const base = JSON.parse(inject('pgConnection')) as pg.PoolConfig;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(withDatabaseName(base, 'postgres'));
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  const connection = withDatabaseName(base, name);
  const config = loadConfig({
    PHASEOUT_DATA_DIR: '/nonexistent',
    PHASEOUT_DEMO: '0',
    LOG_LEVEL: 'silent',
    ...(process.env.PHASEOUT_PREPARED_STATEMENTS ? { PHASEOUT_PREPARED_STATEMENTS: process.env.PHASEOUT_PREPARED_STATEMENTS } : {}),
    ...(opts.env ?? {}),
  });
  // the application's own pool (named prepared statements unless PHASEOUT_PREPARED_STATEMENTS=off)
  const pool = makePool(connection, 10, { info: () => undefined, warn: () => undefined, error: () => undefined }, config.preparedStatements);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const database: Database = { db, pool, engine: inject('pgEngine'), serverVersion: inject('pgVersion'), connection, close: () => db.destroy() };
  const clock = { now: new Date(opts.now ?? '2020-09-15T02:00:00Z') };
  const app = await buildApp(
    { config, database, db, now: () => clock.now, evidenceDir: `${process.env.TMPDIR ?? '/tmp'}/phaseout-evidence-${name}` },
    { logger: false },
  );
  await app.ready();
  const t: TestApp = {
    app,
    db,
    pool,
    database,
    clock,
    anon: client(app),
    async user(username, role, unit = {}) {
      return createUser(
        db,
        {
          username,
          role,
          displayName: username,
          password: TEST_PASSWORD,
          territoryCode: unit.territoryCode ?? null,
          departmentCode: unit.departmentCode ?? null,
        },
        { actor: SYSTEM_ACTOR, now: clock.now },
        { skipPasswordRules: true },
      );
    },
    async as(username) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`login as ${username} failed: ${r.statusCode} ${r.body}`);
      const setCookie = r.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      const cookie = raw!.split(';')[0]!;
      return client(app, cookie, (r.json() as { csrfToken: string }).csrfToken);
    },
    async close() {
      await app.close();
      await db.destroy();
      const a = new pg.Client(withDatabaseName(base, 'postgres'));
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
  return t;
}

/** The standard set of accounts: office, a territory pair, the five departments, government, bank. */
export async function standardUsers(t: TestApp): Promise<void> {
  await t.user('office', 'office');
  await t.user('t-340202', 'territory', { territoryCode: '340202' });
  await t.user('t-340207', 'territory', { territoryCode: '340207' });
  for (const d of ['drc', 'eit', 'eco', 'msa', 'ema']) await t.user(`d-${d}`, 'department', { departmentCode: d });
  await t.user('gov', 'government');
  await t.user('bank', 'bank');
}
