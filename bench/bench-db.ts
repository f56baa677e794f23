/**
 * A bench's own database: a throwaway data dir under the system temp dir (or a kept one, e.g. BENCH_DATA_DIR, reused
 * between runs) with the embedded PostgreSQL, demo data off and quiet logs, migrated and loaded with the reference
 * set; `close` stops it and removes the data dir unless it was kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { openDatabase, type Database } from '../server/platform/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadReference } from '../server/seeds/reference.ts';

export const quiet = { info: () => undefined, warn: (m: string) => console.warn(m), error: (o: unknown, m?: string) => console.error(m, o) };

export interface BenchDatabase {
  config: Config;
  database: Database;
  dataDir: string;
  close: () => Promise<void>;
}

/** `name` names the throwaway dir (phaseout-bench-NAME-…); `keepDir` is used instead and kept. */
export async function openBenchDatabase(name: string, keepDir?: string): Promise<BenchDatabase> {
  const dataDir = keepDir ? path.resolve(keepDir) : fs.mkdtempSync(path.join(os.tmpdir(), `phaseout-bench-${name}-`));
  const removeDir = () => {
    if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const env: Record<string, string | undefined> = { ...process.env, PHASEOUT_DATA_DIR: dataDir, PHASEOUT_DEMO: '0', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const config = loadConfig(env);
  let database: Database | undefined;
  try {
    database = await openDatabase(config, quiet, 'cli');
    await migrate(database.pool);
    await loadReference(database.db, config.referenceSet);
  } catch (e) {
    await database?.close().catch(() => undefined);
    removeDir();
    throw e;
  }
  const opened = database;
  return {
    config,
    database: opened,
    dataDir,
    close: async () => {
      try {
        await opened.close();
      } finally {
        removeDir();
      }
    },
  };
}
