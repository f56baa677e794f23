/**
 * Integration tier setup: one real PostgreSQL server for the run — the embedded one in a fresh temporary data dir,
 * or the external server named by DATABASE_URL — with a template database that holds the migrated schema and the
 * reference data. Each test file clones the template into a database of its own (fast, and isolated).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/platform/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadReference } from '../../server/seeds/reference.ts';
import { ensureServerBuild } from '../../scripts/build-server.mjs';

export const TEMPLATE_DB = 'phaseout_test_template';

let database: Database | undefined;
let dataDir: string | undefined;

const quiet = { info: () => undefined, warn: (m: string) => console.warn(m), error: (o: unknown, m?: string) => console.error(m, o) };

export default async function setup(project: TestProject) {
  // tests that spawn bin/phaseout (lifecycle.test.ts) run the compiled server: never a stale one
  await ensureServerBuild();
  const external = process.env.DATABASE_URL;
  if (!external) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-test-'));
  const config = loadConfig({ ...process.env, PHASEOUT_DATA_DIR: dataDir ?? path.join(os.tmpdir(), 'unused'), PHASEOUT_DEMO: '0' });
  database = await openDatabase(config, quiet, 'cli');
  // Build the template in its own database so the admin connection stays free.
  const admin = new pg.Client({ ...database.connection, database: database.engine === 'embedded' ? 'postgres' : (database.connection.database ?? undefined) });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const base = database.engine === 'embedded' ? database.connection : { connectionString: external };
  const tplConn = withDatabaseName(base, TEMPLATE_DB);
  const pool = new pg.Pool(tplConn);
  await migrate(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await loadReference(db, 'wuhu');
  await db.destroy();
  project.provide('pgConnection', JSON.stringify(base));
  project.provide('pgEngine', database.engine);
  project.provide('pgVersion', database.serverVersion);
  // vitest ignores a separately exported teardown when setup is the default export: return it instead, or every
  // run leaves its embedded server and data dir behind
  return teardown;
}

async function teardown() {
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

export function withDatabaseName(conn: pg.PoolConfig, name: string): pg.PoolConfig {
  if (conn.connectionString) {
    const u = new URL(conn.connectionString);
    u.pathname = `/${name}`;
    return { connectionString: u.toString() };
  }
  return { ...conn, database: name };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgConnection: string;
    pgEngine: 'embedded' | 'external';
    pgVersion: string;
  }
}
