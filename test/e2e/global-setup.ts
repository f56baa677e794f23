/**
 * E2E setup: builds the console if web/dist is missing or older than web/src, then starts the real server (`node bin/phaseout serve`) as a
 * child process with a fresh PHASEOUT_DATA_DIR under os.tmpdir(), a free PORT and demo mode on, waits for
 * /api/v1/health, runs the deadline sweep once (so notifications exist), and stops the server with SIGINT at teardown.
 */
import { ensureServerBuild } from '../../scripts/build-server.mjs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the server exited with ${server.exitCode} before it was ready:\n${log}`);
    try {
      const r = await fetch(`${url}api/v1/health`);
      const body = (await r.json()) as { status?: string };
      if (r.ok && body.status === 'ok') return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not healthy within ${timeoutMs / 1000} s (${last}):\n${log}`);
}

/** The newest modification time under a path (files only). */
function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((n) => newest(path.join(p, n))));
}

/** The console is (re)built when web/dist is missing or older than its sources. */
function consoleStale(): boolean {
  const built = path.join(ROOT, 'web', 'dist', 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newest(path.join(ROOT, 'web', 'src')),
    newest(path.join(ROOT, 'web', 'index.html')),
    newest(path.join(ROOT, 'web', 'vite.config.ts')),
  );
  return sources > fs.statSync(built).mtimeMs;
}

export default async function setup(project: TestProject) {
  // bin/phaseout runs the compiled server (dist/): rebuild it when it is older than server/
  await ensureServerBuild();
  if (consoleStale()) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (r.status !== 0) throw new Error('building the console failed');
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-e2e-'));
  const port = await freePort();
  server = spawn(process.execPath, [path.join(ROOT, 'bin', 'phaseout'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PHASEOUT_DATA_DIR: dataDir, PHASEOUT_DEMO: '1', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitHealthy(url, 240_000);
  } catch (e) {
    await teardown(); // vitest runs no teardown when setup throws: stop the server and remove the data dir here
    throw e;
  }
  // The deadline sweep runs every 10 minutes in the server; run it once now (the CLI, against the same data dir) so
  // the workbench has the notifications it would have in a running city.
  const sweep = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'phaseout'), 'sweep'], {
    cwd: ROOT,
    env: { ...process.env, PHASEOUT_DATA_DIR: dataDir, PHASEOUT_DEMO: '1', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (sweep.status !== 0) {
    await teardown();
    throw new Error(`the deadline sweep failed (${sweep.status}):\n${sweep.stdout}\n${sweep.stderr}`);
  }
  project.provide('baseUrl', url);
  // Returned rather than exported as `teardown`: with a default export, vitest only calls what setup returns.
  return teardown;
}

async function teardown() {
  const child = server;
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
