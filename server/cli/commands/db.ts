import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { migrate } from '../../db/migrate.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { loadReference } from '../../seeds/reference.ts';
import { loadDemo } from '../../seeds/demo.ts';
import { stderrLogger, type Command } from '../command.ts';

export const migrateCmd: Command = {
  name: 'migrate',
  summary: 'Apply pending SQL migrations (also done at every start)',
  usage: 'phaseout migrate',
  async run() {
    const config = loadConfig();
    const database = await openDatabase(config, stderrLogger, 'cli');
    try {
      const applied = await migrate(database.pool);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    } finally {
      await database.close();
    }
  },
};

export const seedCmd: Command = {
  name: 'seed',
  summary: 'Load reference data (idempotent); with --demo also the demo city into an empty database',
  usage: 'phaseout seed [--demo]',
  options: { demo: { type: 'boolean' } },
  async run({ values }) {
    const config = loadConfig();
    const database = await openDatabase(config, stderrLogger, 'cli');
    try {
      await migrate(database.pool);
      const counts = await loadReference(database.db, config.referenceSet);
      console.log(
        `reference data "${config.referenceSet}": ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );
      if (values.demo) {
        const loaded = await loadDemo(database.db, new Date(), (m) => console.log(m), { evidenceDir: path.join(config.dataDir, 'evidence') });
        if (!loaded) {
          console.error('demo data NOT loaded: the database already holds enterprises or accounts');
          return 1;
        }
      }
    } finally {
      await database.close();
    }
  },
};
