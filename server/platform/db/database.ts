/**
 * Opens the one database the app uses: the embedded server under the data dir (default) or an external
 * PostgreSQL server named by DATABASE_URL. Nothing above this file knows which; `engine` is reported by /health.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import { PreparingClient } from './prepared.ts';
import pg from 'pg';
import type { Config } from '../../config.ts';
import { FatalError } from '../errors.ts';
import type { DB } from '../../db/schema.ts';
import { EmbeddedPostgres, pidAlive } from './embedded.ts';

// DATE columns stay 'YYYY-MM-DD' strings (no time-zone shifts); NUMERIC stays a string (exact decimals);
// BIGINT counts come back as numbers (they are far below 2^53 here).
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));

export type Engine = 'embedded' | 'external';

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  engine: Engine;
  /** server_version of the PostgreSQL server, e.g. "18.1" */
  serverVersion: string;
  /** connection parameters, for tools (tests, bench) that open their own connections */
  connection: pg.PoolConfig;
  close(): Promise<void>;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(obj: unknown, msg?: string): void;
}

const DB_NAME = 'phaseout';

/** The lock file that says which Phaseout process owns the embedded server of a data dir. */
interface OwnerLock {
  pid: number;
  mode: 'serve' | 'cli';
  httpPort?: number;
  startedAt: string;
}

function lockPath(dataDir: string) {
  return path.join(dataDir, 'phaseout.lock');
}

export function readOwnerLock(dataDir: string): OwnerLock | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as OwnerLock;
  } catch {
    return undefined;
  }
}

/** The lock's pid may have been reused by an unrelated process after a crash: only a Node process can own the lock. */
function isNodeProcess(pid: number): boolean {
  try {
    return /node|phaseout|tsx/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function probe(conn: pg.PoolConfig, what: string): Promise<string> {
  const c = new pg.Client({ ...conn, connectionTimeoutMillis: 10_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    const r = await c.query<{ server_version: string }>('show server_version');
    const version = r.rows[0]?.server_version ?? 'unknown';
    const major = Number(version.split(/[.\s]/)[0]);
    if (!(major >= 15)) throw new FatalError(`${what} runs PostgreSQL ${version}; Phaseout needs PostgreSQL 15 or later.`);
    return version;
  } catch (e) {
    if (e instanceof FatalError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new FatalError(
      `Cannot connect to ${what}: ${err.code ? `${err.code} ` : ''}${err.message}`,
      'Check that the server is running and that the URL, user and password are right.',
    );
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Kysely's query log hook: statements slower than `slowMs` are logged with their SQL text (never their parameters). */
export function slowQueryLog(log: Logger, slowMs: number): ((e: LogEvent) => void) | undefined {
  if (slowMs <= 0) return undefined;
  return (e) => {
    if (e.queryDurationMillis >= slowMs)
      log.warn(`slow statement (${Math.round(e.queryDurationMillis)} ms${e.level === 'error' ? ', failed' : ''}): ${e.query.sql.slice(0, 500)}`);
  };
}

function withLog(log: Logger, slowMs: number): { log?: (e: LogEvent) => void } {
  const fn = slowQueryLog(log, slowMs);
  return fn ? { log: fn } : {};
}

/** The application's pool (also used by the integration tests, so they run the same statement path). */
export function makePool(conn: pg.PoolConfig, size: number, log: Logger, prepared: boolean): pg.Pool {
  const Base = prepared ? PreparingClient : pg.Client;
  // A client checked out of the pool has no 'error' listener of pg-pool's: when its server goes away between two
  // statements (a crash, a restart) pg emits 'error' on it, and an unheard 'error' event ends the process. Every
  // client therefore listens for its whole life; the statement in flight fails (the request answers 503) and pg-pool
  // drops the broken client when it is released (issue #19, item 1).
  class GuardedClient extends Base {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (err: Error) => log.warn(`database connection lost (client in use): ${err.message}`));
    }
  }
  const pool = new pg.Pool({ ...conn, max: size, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, Client: GuardedClient });
  // Without this handler an idle client's error (server restart, network cut) would crash the process.
  pool.on('error', (err) => log.error({ err: { message: err.message, code: (err as NodeJS.ErrnoException).code } }, 'database connection lost (idle client)'));
  return pool;
}

/**
 * Opens the database. `mode` says who asks: `serve` owns the embedded server for its lifetime and refuses to start
 * beside another server process; `cli` connects to a server already running on the data dir, or starts one for the
 * duration of the command.
 */
export async function openDatabase(config: Config, log: Logger, mode: 'serve' | 'cli', opts: { httpPort?: number } = {}): Promise<Database> {
  if (config.databaseUrl) {
    const connection: pg.PoolConfig = { connectionString: config.databaseUrl };
    const serverVersion = await probe(connection, `the PostgreSQL server at DATABASE_URL (${redact(config.databaseUrl)})`);
    const pool = makePool(connection, config.poolSize, log, config.preparedStatements);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...withLog(log, config.slowQueryMs) });
    return { db, pool, engine: 'external', serverVersion, connection, close: () => db.destroy() };
  }

  const embedded = new EmbeddedPostgres(config.dataDir, log);
  const owner = readOwnerLock(config.dataDir);
  const ownerAlive = owner !== undefined && owner.pid !== process.pid && pidAlive(owner.pid) && isNodeProcess(owner.pid);
  let startedHere = false;
  let port: number;
  if (ownerAlive && owner.mode === 'serve') {
    const running = embedded.runningServer();
    if (mode === 'serve') {
      throw new FatalError(
        `Phaseout is already running on the data dir ${config.dataDir} (pid ${owner.pid}${owner.httpPort ? `, http://127.0.0.1:${owner.httpPort}` : ''}).`,
        'Stop it first, or give this instance another PHASEOUT_DATA_DIR.',
      );
    }
    if (!running) throw new FatalError(`Phaseout (pid ${owner.pid}) owns ${config.dataDir} but its database is not ready yet; try again in a moment.`);
    port = running.port;
  } else if (ownerAlive && mode === 'cli' && embedded.runningServer()) {
    port = embedded.runningServer()!.port; // another CLI command started it; share it while it lasts
  } else {
    const running = await embedded.start({ ownerAlive: false });
    port = running.port;
    startedHere = true;
    fs.writeFileSync(
      lockPath(config.dataDir),
      JSON.stringify({ pid: process.pid, mode, httpPort: opts.httpPort, startedAt: new Date().toISOString() } satisfies OwnerLock),
    );
  }
  const { user, password } = embedded.credentials();
  const admin: pg.PoolConfig = { host: '127.0.0.1', port, user, password, database: 'postgres' };
  // a server this process started may lack the database; a running server's owner created it at its start
  if (startedHere) {
    const c = new pg.Client(admin);
    c.on('error', () => undefined);
    await c.connect();
    try {
      const exists = await c.query('select 1 from pg_database where datname = $1', [DB_NAME]);
      if (exists.rowCount === 0) await c.query(`create database ${DB_NAME}`);
    } finally {
      await c.end();
    }
  }
  const connection: pg.PoolConfig = { ...admin, database: DB_NAME };
  const pool = makePool(connection, config.poolSize, log, config.preparedStatements);
  // the version through the pool: its connection serves the command's first statements too (one connect, not two)
  let serverVersion: string;
  try {
    serverVersion = (await pool.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? 'unknown';
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (startedHere) await embedded.stop().catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    throw new FatalError(
      `Cannot connect to the embedded PostgreSQL server: ${err.code ? `${err.code} ` : ''}${err.message}`,
      'Check that the server is running and that the URL, user and password are right.',
    );
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...withLog(log, config.slowQueryMs) });
  let closing = false;
  let restarting: Promise<void> | undefined;
  if (startedHere) {
    // Supervision (issue #19, item 1): when the server we started dies (a crash, an OOM kill, kill -9), we start it
    // again — after its orphaned backends are gone, waiting for crash recovery however long it takes — on the same
    // port when free, so the pool reconnects by itself. Meanwhile requests answer 503 and /health says so.
    embedded.onUnexpectedExit = ({ pid, code, signal }) => {
      if (closing) return;
      log.error({ pid, code, signal }, 'embedded PostgreSQL exited unexpectedly; restarting it');
      restarting ??= superviseRestart().finally(() => (restarting = undefined));
    };
  }
  async function superviseRestart(): Promise<void> {
    const t0 = Date.now();
    for (let attempt = 0; !closing; attempt++) {
      try {
        const running = await embedded.start({ ownerAlive: false, port });
        if (closing) {
          await embedded.stop();
          return;
        }
        if (running.port !== port) {
          port = running.port;
          connection.port = port;
          (pool as unknown as { options: pg.PoolConfig }).options.port = port;
        }
        log.info(`embedded PostgreSQL restarted after ${Date.now() - t0} ms (pid ${running.pid}, port ${port})`);
        return;
      } catch (e) {
        const wait = Math.min(250 * 2 ** attempt, 10_000);
        log.error({ message: (e as Error).message }, `embedded PostgreSQL restart failed (attempt ${attempt + 1}); trying again in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  return {
    db,
    pool,
    engine: 'embedded',
    serverVersion,
    connection,
    async close() {
      closing = true;
      await db.destroy();
      if (startedHere) {
        await restarting?.catch(() => undefined);
        await embedded.stop();
        const lock = readOwnerLock(config.dataDir);
        if (lock?.pid === process.pid) fs.rmSync(lockPath(config.dataDir), { force: true });
      }
    },
  };
}

/** Records the HTTP port in the owner lock once the server listens (the CLI prints it when it finds the server). */
export function recordHttpPort(dataDir: string, httpPort: number): void {
  const lock = readOwnerLock(dataDir);
  if (lock?.pid === process.pid) fs.writeFileSync(lockPath(dataDir), JSON.stringify({ ...lock, httpPort }));
}
