/**
 * A streamed export measured in a child process, so that its peak RSS (process.resourceUsage().maxRSS) is its own:
 * the bench file runs itself again as a child (`runBenchChild`), and the child (`streamInChild`) connects to the
 * bench's database, streams the export into a file — or, given no file, stays idle after connecting: the baseline —
 * and prints its figures as the last line of its output.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../server/db/schema.ts';

export interface ChildFigures {
  ms: number;
  /** KiB */
  maxRSS: number;
  bytes: number;
}

/** Runs the bench file `script` as a child (through tsx) with `args`; what it printed last, as JSON. */
export function runBenchChild<T extends ChildFigures>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: path.join(path.dirname(script), '..'),
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T) : reject(new Error(`child exited ${code}: ${out}`))));
  });
}

/** In the child: connects to `connJson`'s database, streams `write` into `file` (none: idle), prints the figures. */
export async function streamInChild<R extends object>(
  connJson: string,
  file: string | undefined,
  write: (db: Kysely<DB>, out: Writable) => Promise<R>,
): Promise<void> {
  const pool = new pg.Pool({ ...(JSON.parse(connJson) as pg.PoolConfig), max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await db.selectFrom('territory').select('code').limit(1).execute();
  const t = performance.now();
  let r: R | undefined;
  if (file) {
    const out = fs.createWriteStream(file);
    const done = new Promise<void>((res, rej) => {
      out.on('finish', () => res());
      out.on('error', rej);
    });
    r = await write(db, out);
    await done;
  }
  const ms = performance.now() - t;
  await db.destroy();
  const bytes = file && fs.existsSync(file) ? fs.statSync(file).size : 0;
  console.log(JSON.stringify({ ms, maxRSS: process.resourceUsage().maxRSS, bytes, ...r }));
}
