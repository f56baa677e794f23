/**
 * Issue #19, item 10: run as root with the data dir inside a folder the database's OS user cannot enter. The start
 * used to fail with "initdb: could not open file …/.pwfile-…: Permission denied"; now it names the folder and what to
 * do, creates nothing, and exits 1. Root only (as any other user, PostgreSQL runs as that user itself).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!isRoot || Boolean(process.env.DATABASE_URL))('root and a data dir the PostgreSQL user cannot reach', () => {
  it('names the folder and what to do instead, and creates nothing', () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-closed-'));
    dirs.push(closed);
    fs.chmodSync(closed, 0o700);
    const dataDir = path.join(closed, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, PHASEOUT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [path.resolve('bin/phaseout'), 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot enter ${closed}`);
    expect(r.stderr).toMatch(/chmod o\+x|\/var\/lib\/phaseout/);
    expect(r.stderr).not.toMatch(/pwfile/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
