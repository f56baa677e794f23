/**
 * Start and CLI times of the compiled server (bin/phaseout runs dist/), each next to the same measured through tsx
 * from the TypeScript sources (PHASEOUT_FROM_SOURCES=1, what bin/phaseout did before the build) in the same run:
 *
 * - a second start on an existing data dir (embedded PostgreSQL, demo data already loaded): spawn → /api/v1/health
 *   answers 200; target ≤ 2.5 s;
 * - `phaseout token create` beside the running server (it connects to that server's database); target ≤ 0.5 s;
 * - `phaseout deadline` beside the running server (it reads the holiday calendar from its database: one connection, one query); target ≤ 0.3 s; bare `node -e 0` is given in its note.
 *
 * Medians of BENCH_STARTS (default 5) starts and BENCH_CLI_RUNS (default 7) CLI runs. Standalone: `npx tsx bench/startup.ts`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '../scripts/build-server.mjs';
import { printResults, type BenchResult } from './load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'phaseout');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The child's environment: this process's, less DATABASE_URL and PHASEOUT_FROM_SOURCES, then `extra` (which may set
 * PHASEOUT_FROM_SOURCES=1 for the tsx baseline: it must be added after the clean-up, or the baseline runs compiled too). */
function env(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, PHASEOUT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete e.DATABASE_URL;
  delete e.PHASEOUT_FROM_SOURCES;
  return { ...e, ...extra };
}

/** Spawns `serve` and answers the ms until /api/v1/health answers 200 and the child. */
async function start(dataDir: string, extra: Record<string, string>): Promise<{ ms: number; child: ChildProcess; port: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: env(dataDir, { PORT: String(port), ...extra }), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.status === 200) return { ms: performance.now() - t0, child, port };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 10));
    if (performance.now() - t0 > 120_000) throw new Error(`server not ready: ${err}`);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

function cli(args: string[], e: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { env: e, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`phaseout ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function benchStartup(opts: { log?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => undefined);
  const starts = Number(process.env.BENCH_STARTS ?? 5);
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 7);
  await ensureServerBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-bench-start-'));
  const SOURCES = { PHASEOUT_FROM_SOURCES: '1' };
  try {
    log('startup bench: first start (creates the data dir, loads the demo city)…');
    await stop((await start(dataDir, {})).child);
    const built: number[] = [];
    const sources: number[] = [];
    for (let i = 0; i < starts; i++) {
      const a = await start(dataDir, {});
      built.push(a.ms);
      await stop(a.child);
      const b = await start(dataDir, SOURCES);
      sources.push(b.ms);
      await stop(b.child);
    }
    log('startup bench: CLI beside a running server…');
    const running = await start(dataDir, {});
    const token: number[] = [];
    const tokenSrc: number[] = [];
    const deadline: number[] = [];
    const deadlineSrc: number[] = [];
    const bare: number[] = [];
    const args = ['deadline', '--from', '2021-01-04', '--working-days', '10'];
    try {
      for (let i = 0; i < runs; i++) {
        token.push(cli(['token', 'create', '--user', 'office', '--name', `bench-${i}`], env(dataDir)));
        tokenSrc.push(cli(['token', 'create', '--user', 'office', '--name', `bench-src-${i}`], env(dataDir, SOURCES)));
        deadline.push(cli(args, env(dataDir)));
        deadlineSrc.push(cli(args, env(dataDir, SOURCES)));
        const t0 = performance.now();
        spawnSync(process.execPath, ['-e', '0']);
        bare.push(performance.now() - t0);
      }
    } finally {
      await stop(running.child);
    }
    const row = (name: string, xs: number[], base: number[], target: string, note: string): BenchResult => ({
      name,
      unit: 'ms',
      value: median(xs),
      baseline: median(base),
      ratio: median(xs) / median(base),
      target,
      note,
    });
    const load = `load average ${os.loadavg()[0]!.toFixed(1)}`;
    return [
      row(
        'second start → ready (compiled)',
        built,
        sources,
        '≤ 2500 ms',
        `median of ${starts}; baseline: the same start through tsx from the sources; ${load}`,
      ),
      row('token create beside a running server', token, tokenSrc, '≤ 500 ms', `median of ${runs}; baseline: through tsx; ${load}`),
      row(
        'deadline (calendar read from the database)',
        deadline,
        deadlineSrc,
        '≤ 300 ms',
        `median of ${runs}; baseline: through tsx; bare node -e 0: ${median(bare).toFixed(0)} ms; ${load}`,
      ),
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printResults(await benchStartup({ log: (m) => process.stderr.write(`${m}\n`) }));
}
