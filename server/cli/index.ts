/**
 * Every CLI command, in the order `--help` lists them. Add a command here to make it reachable: its name, summary
 * and a loader, so that `phaseout <command>` loads that command's module only (a test checks each loader answers a
 * command of the same name and summary). A command object imported eagerly is accepted too.
 */
import type { Command } from './command.ts';

export interface LazyCommand {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const commands: Array<LazyCommand | Command> = [
  {
    name: 'serve',
    summary: 'Serve the API, the console and the public site on one port (npm start)',
    load: async () => (await import('./commands/serve.ts')).serve,
  },
  { name: 'migrate', summary: 'Apply pending SQL migrations (also done at every start)', load: async () => (await import('./commands/db.ts')).migrateCmd },
  {
    name: 'seed',
    summary: 'Load reference data (idempotent); with --demo also the demo city into an empty database',
    load: async () => (await import('./commands/db.ts')).seedCmd,
  },
  {
    name: 'user create',
    summary: 'Create an account (the first office account of a production install)',
    load: async () => (await import('./commands/users.ts')).userCreate,
  },
  {
    name: 'token create',
    summary: 'Create an API token for a user and print it (Authorization: Bearer …)',
    load: async () => (await import('./commands/users.ts')).tokenCreate,
  },
  { name: 'token revoke', summary: 'Revoke an API token by id', load: async () => (await import('./commands/users.ts')).tokenRevoke },
  {
    name: 'audit verify',
    summary: 'Verify the hash chains of the audit trail; exits 1 naming the first broken record',
    load: async () => (await import('./commands/audit.ts')).auditVerify,
  },
  {
    name: 'deadline',
    summary: 'Compute a legal deadline with its steps and citations, on the holiday calendar in the database',
    load: async () => (await import('./commands/deadline.ts')).deadlineCmd,
  },
  {
    name: 'import',
    summary: 'Import enterprises and lines from an .xlsx workbook (all or nothing)',
    load: async () => (await import('./commands/registry.ts')).importCmd,
  },
  {
    name: 'export',
    summary: 'Export enterprises and their lines to an .xlsx workbook (streamed)',
    load: async () => (await import('./commands/registry.ts')).exportCmd,
  },
  {
    name: 'generate',
    summary: 'Generate a deterministic synthetic data set: city ≈ 1,000, province 100,000, national 1,000,000 enterprises',
    load: async () => (await import('./commands/registry.ts')).generateCmd,
  },
  {
    name: 'sweep',
    summary: 'Record deadline events, notify the responsible units and apply overdue acts (idempotent; --dry-run writes nothing)',
    load: async () => (await import('./commands/cases.ts')).sweepCmd,
  },
  {
    name: 'backup',
    summary: 'Write a consistent backup (every table at one instant, the evidence files, a manifest with SHA-256 hashes) into DIR',
    load: async () => (await import('./commands/backup.ts')).backupCmd,
  },
  {
    name: 'restore',
    summary: 'Restore a backup made by `phaseout backup` into an empty database (checks every hash before writing)',
    load: async () => (await import('./commands/backup.ts')).restoreCmd,
  },
  {
    name: 'evidence migrate',
    summary: 'Copy every evidence file between the data dir and the S3 object store, and verify each by its hash',
    load: async () => (await import('./commands/evidence.ts')).evidenceMigrateCmd,
  },
  {
    name: 'publications verify',
    summary: 'Verify the published list versions (content hashes and chains); exits 1 naming each edited version',
    load: async () => (await import('./commands/publications.ts')).publicationsVerify,
  },
  {
    name: 'calendar import',
    summary: 'Load a year of the State Council holiday calendar from a JSON file (a correction is a new version with --reason)',
    load: async () => (await import('./commands/calendar.ts')).calendarImport,
  },
];

/** The command object of an entry (loading its module when it is lazy). */
export async function loadCommand(c: LazyCommand | Command): Promise<Command> {
  return 'load' in c ? c.load() : c;
}
