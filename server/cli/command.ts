/** The shape of a CLI command and the helpers they share (database session, logger). */
import type { Config } from '../config.ts';
import type { Database, Logger } from '../platform/db/database.ts';

export interface Command {
  /** e.g. 'serve', 'user create' */
  name: string;
  summary: string;
  usage: string;
  /** parseArgs options */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] }): Promise<number | void>;
}

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (obj, m) => process.stderr.write(`error: ${m ?? ''} ${JSON.stringify(obj)}\n`),
};

/**
 * Runs `fn` with the database: connects to the embedded server of a running `serve` on the same data dir, or
 * starts the embedded server for the duration of the command, or uses DATABASE_URL.
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>, opts: { seed?: boolean } = {}): Promise<T> {
  // loaded on use: `phaseout deadline` needs no database and should not load its code
  const { loadConfig } = await import('../config.ts');
  const { boot } = await import('../runtime.ts');
  const config = loadConfig();
  const { database } = await boot(config, stderrLogger, 'cli', { seed: opts.seed ?? true });
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
