/**
 * Boot sequence shared by `serve` and every CLI command that needs the database:
 * configuration → database (embedded or external) → migrations → reference data → demo data (demo mode only).
 */
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database, type Logger } from './platform/db/database.ts';
import { migrate } from './db/migrate.ts';
import { configureEvidenceStore } from './modules/cases/evidence-store.ts';
import { loadReference } from './seeds/reference.ts';

export interface Booted {
  database: Database;
  demoLoaded: boolean;
}

export async function boot(config: Config, log: Logger, mode: 'serve' | 'cli', opts: { seed?: boolean; httpPort?: number } = {}): Promise<Booted> {
  configureEvidenceStore(config);
  const database = await openDatabase(config, log, mode, opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {});
  try {
    const applied = await migrate(database.pool);
    if (applied.length > 0) log.info(`migrations applied: ${applied.join(', ')}`);
    let demoLoaded = false;
    if (opts.seed !== false) {
      await loadReference(database.db, config.referenceSet);
      // loaded only in demo mode: it pulls in the case commands (a CLI command should load what it runs)
      if (config.demo)
        demoLoaded = await (
          await import('./seeds/demo.ts')
        ).loadDemo(database.db, new Date(), (m) => log.info(m), { evidenceDir: path.join(config.dataDir, 'evidence') });
    }
    return { database, demoLoaded };
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
}
