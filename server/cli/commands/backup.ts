import path from 'node:path';
import { backup, restore } from '../../platform/backup/backup.ts';
import { evidenceStore } from '../../modules/cases/evidence-store.ts';
import { withDatabase, type Command } from '../command.ts';

export const backupCmd: Command = {
  name: 'backup',
  summary: 'Write a consistent backup (every table at one instant, the evidence files, a manifest with SHA-256 hashes) into DIR',
  usage: 'phaseout backup DIR [--json]',
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const dir = positionals[0];
    if (!dir) {
      console.error('usage: phaseout backup DIR');
      return 2;
    }
    return withDatabase(
      async ({ pool }, config) => {
        const r = await backup(pool, evidenceStore(path.join(config.dataDir, 'evidence')), path.resolve(dir));
        if (values.json) console.log(JSON.stringify(r));
        else console.log(`backup written to ${r.dir}: ${r.tables} tables, ${r.rows} rows, ${r.evidenceFiles} evidence files, ${r.bytes} bytes`);
        return 0;
      },
      { seed: false },
    );
  },
};

export const restoreCmd: Command = {
  name: 'restore',
  summary: 'Restore a backup made by `phaseout backup` into an empty database (checks every hash before writing)',
  usage: 'phaseout restore DIR [--json]',
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const dir = positionals[0];
    if (!dir) {
      console.error('usage: phaseout restore DIR');
      return 2;
    }
    return withDatabase(
      async ({ pool }, config) => {
        const r = await restore(pool, evidenceStore(path.join(config.dataDir, 'evidence')), path.resolve(dir));
        if (values.json) console.log(JSON.stringify(r));
        else
          console.log(
            `restored ${r.tables} tables, ${r.rows} rows, ${r.evidenceFiles} evidence files; run \`phaseout audit verify\` to re-check the audit chains`,
          );
        return 0;
      },
      { seed: false },
    );
  },
};
