/**
 * The embedded database's known pitfalls, exercised on real processes (issue 2, "Bad input and faults"):
 * first start, second start, a second server on the same data dir, kill -9 of the app, a CLI command beside a
 * running server, a port in use, a bad DATABASE_URL, an unusable data dir, and a database that stops answering.
 * Runs only on the embedded engine (the external tier sets DATABASE_URL).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, pidAlive, readPostmasterPid } from '../../server/platform/db/embedded.ts';

const BIN = path.resolve('bin/phaseout');
const external = Boolean(process.env.DATABASE_URL);
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-life-'));
  dirs.push(d);
  return d;
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  delete e.DATABASE_URL;
  return e;
}

async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: env({ PHASEOUT_DATA_DIR: dataDir, PORT: String(port), ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.status === 200) return { child, port, output: () => out };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready:\n${out}`);
}

function runCli(args: string[], extra: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(extra), encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => r.child.once('exit', (code) => resolve(code)));
  r.child.kill('SIGINT');
  return exited;
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) {
    const pm = readPostmasterPid(path.join(d, 'pg'));
    if (pm && pidAlive(pm.pid)) process.kill(pm.pid, 'SIGQUIT');
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(external)('embedded PostgreSQL lifecycle', () => {
  const dataDir = tmpDir();

  it('first start on an empty data dir: serves health, loads demo data, prints the demo logins', async () => {
    const s = await startServer(dataDir);
    expect(s.output()).toContain('phaseout-demo');
    expect(s.output()).toContain('t-340202');
    const health = (await (await fetch(`http://127.0.0.1:${s.port}/api/v1/health`)).json()) as { database: { engine: string; version: string } };
    expect(health.database.engine).toBe('embedded');
    expect(health.database.version).toMatch(/^18\./);
    // the embedded server listens on loopback only
    const pm = readPostmasterPid(path.join(dataDir, 'pg'))!;
    expect(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[5]).toBe('127.0.0.1');

    // a second server on the same data dir is refused with a clear message, and the first keeps working
    const second = runCli(['serve'], { PHASEOUT_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.status).toBe(1);
    expect(second.out).toMatch(/already running on the data dir/);

    // a CLI command beside the running server connects to its database
    const verify = runCli(['audit', 'verify'], { PHASEOUT_DATA_DIR: dataDir });
    expect(verify.out).toMatch(/audit trail intact/);
    expect(verify.status).toBe(0);
    expect(pidAlive(pm.pid)).toBe(true); // and does not stop it

    expect(await stop(s)).toBe(0);
    expect(pidAlive(pm.pid)).toBe(false); // graceful shutdown stopped PostgreSQL too
  });

  it('kill -9 of the app: the next start shuts the orphaned server down cleanly and comes up', async () => {
    const s = await startServer(dataDir);
    const pm = readPostmasterPid(path.join(dataDir, 'pg'))!;
    s.child.kill('SIGKILL');
    await new Promise((r) => s.child.once('exit', r));
    expect(pidAlive(pm.pid)).toBe(true); // the orphan keeps the data dir locked
    const again = await startServer(dataDir);
    expect(again.output()).toMatch(/left running by a Phaseout process that was killed/);
    expect(pidAlive(pm.pid)).toBe(false);
    // demo data is not loaded twice
    const login = await fetch(`http://127.0.0.1:${again.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: 'phaseout-demo' }),
    });
    expect(login.status).toBe(200);
    expect(again.output()).not.toMatch(/demo data:/);
    expect(await stop(again)).toBe(0);
  });

  it('a CLI command with no server running starts the embedded server for its duration', () => {
    const r = runCli(['audit', 'verify'], { PHASEOUT_DATA_DIR: dataDir });
    expect(r.status).toBe(0);
    const pm = readPostmasterPid(path.join(dataDir, 'pg'));
    expect(pm === undefined || !pidAlive(pm.pid)).toBe(true);
  });

  it('a database that stops answering turns health to 503, and back to 200 when it returns', async () => {
    const s = await startServer(dataDir);
    const pm = readPostmasterPid(path.join(dataDir, 'pg'))!;
    // postmaster and all its children (each backend runs in a session of its own, so a group signal would miss them)
    const family = [pm.pid, ...childrenOf(pm.pid)];
    for (const pid of family) process.kill(pid, 'SIGSTOP');
    try {
      const r = await fetch(`http://127.0.0.1:${s.port}/api/v1/health`);
      expect(r.status).toBe(503);
      expect(((await r.json()) as { database: { reachable: boolean } }).database.reachable).toBe(false);
    } finally {
      for (const pid of family) process.kill(pid, 'SIGCONT');
    }
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`http://127.0.0.1:${s.port}/api/v1/health`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect(await stop(s)).toBe(0);
  });

  it('a port already in use: a clear message and exit 1, and the database is stopped again', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = runCli(['serve'], { PHASEOUT_DATA_DIR: dataDir, PORT: String(port) });
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.out).toMatch(new RegExp(`Port ${port} .*already in use`));
    const pm = readPostmasterPid(path.join(dataDir, 'pg'));
    expect(pm === undefined || !pidAlive(pm.pid)).toBe(true);
  });

  it('a bad DATABASE_URL: a clear message without the password, and exit 1', async () => {
    const port = await freePort();
    const r = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { ...process.env, DATABASE_URL: `postgres://u:secret-pw@127.0.0.1:${port}/x` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Cannot connect to the PostgreSQL server at DATABASE_URL/);
    expect(r.stderr).not.toContain('secret-pw');
    const bad = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { ...process.env, DATABASE_URL: 'mysql://x@y/z', PORT: 'abc' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/DATABASE_URL: expected a postgres:\/\//);
    expect(bad.stderr).toMatch(/PORT="abc"/);
  });

  it('production mode starts with no accounts and no demo data; user create makes the first office account', async () => {
    const prodDir = tmpDir();
    const prod = { PHASEOUT_DATA_DIR: prodDir, NODE_ENV: 'production' };
    const weak = runCli(['user', 'create', '--username', 'admin', '--role', 'office'], { ...prod, PHASEOUT_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
    expect(weak.out).toMatch(/VALIDATION_FAILED/);
    const made = runCli(['user', 'create', '--username', 'admin', '--role', 'office', '--display-name', '领导小组办公室'], {
      ...prod,
      PHASEOUT_PASSWORD: 'a-strong-password-2020',
    });
    expect(made.out).toMatch(/created user admin/);
    expect(made.status).toBe(0);
    const s = await startServer(prodDir, { NODE_ENV: 'production' });
    expect(s.output()).not.toContain('phaseout-demo');
    // issue #19: production tells an anonymous caller only whether it is up (no versions, no demo flag)
    const health = (await (await fetch(`http://127.0.0.1:${s.port}/api/v1/health`)).json()) as { demo?: boolean };
    expect(health).toEqual({ status: 'ok', database: { reachable: true } });
    const post = (username: string, password: string) =>
      fetch(`http://127.0.0.1:${s.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    expect((await post('office', 'phaseout-demo')).status).toBe(401);
    const ok = await post('admin', 'a-strong-password-2020');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/Secure/);
    expect(await stop(s)).toBe(0);
  });

  it('an unusable data dir: a clear message and exit 1, nothing created', () => {
    const file = path.join(tmpDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const r = runCli(['migrate'], { PHASEOUT_DATA_DIR: path.join(file, 'data') });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/data directory .* cannot be created or is not readable and writable/);
  });
});
