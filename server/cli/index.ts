/** Every CLI command, in the order `--help` lists them. Add a command here to make it reachable. */
import type { Command } from './command.ts';
import { sweepCmd } from './commands/cases.ts';
import { serve } from './commands/serve.ts';
import { migrateCmd, seedCmd } from './commands/db.ts';
import { userCreate, tokenCreate, tokenRevoke } from './commands/users.ts';
import { auditVerify } from './commands/audit.ts';
import { importCmd, exportCmd, generateCmd } from './commands/registry.ts';
import { deadlineCmd } from './commands/deadline.ts';
import { calendarImport } from './commands/calendar.ts';
import { backupCmd, restoreCmd } from './commands/backup.ts';

export const commands: Command[] = [serve, migrateCmd, seedCmd, userCreate, tokenCreate, tokenRevoke, auditVerify, deadlineCmd, importCmd, exportCmd, generateCmd, sweepCmd, backupCmd, restoreCmd, calendarImport];
