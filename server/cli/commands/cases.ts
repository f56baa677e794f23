/** Case commands: the deadline sweep. */
import { withDatabase, str, type Command } from '../command.ts';
import { sweepDeadlines } from '../../modules/cases/commands/sweep-deadlines.ts';
import { localToday } from '../../modules/cases/case-context.ts';
import { isIsoDate } from '../../domain/dates.ts';

export const sweepCmd: Command = {
  name: 'sweep',
  summary: 'Record deadline events, notify the responsible units and apply overdue acts (idempotent; --dry-run writes nothing)',
  usage: 'phaseout sweep [--as-of YYYY-MM-DD] [--dry-run] [--limit N] [--json]',
  options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }) {
    const today = localToday(new Date());
    const asOf = str(values['as-of']) ?? today;
    if (!isIsoDate(asOf)) {
      console.error('--as-of: expected a date YYYY-MM-DD');
      return 2;
    }
    const limit = str(values.limit);
    if (limit !== undefined && !/^\d+$/.test(limit)) {
      console.error('--limit: expected a whole number');
      return 2;
    }
    return withDatabase(
      async ({ db }) => {
        const r = await sweepDeadlines(db, {
          asOf,
          dryRun: values['dry-run'] === true,
          ...(limit !== undefined ? { limit: Number(limit) } : {}),
          ...(asOf === today ? { now: new Date() } : {}),
        });
        if (values.json) console.log(JSON.stringify(r));
        else if ('skipped' in r) console.log(`sweep skipped: another sweep is running (as of ${r.asOf})`);
        else {
          console.log(
            `${r.dryRun ? 'dry run: would record' : 'recorded'} ${r.events.length} deadline events, ${r.notifications} notifications, ${r.actsApplied.length} acts (examined ${r.examined} cases as of ${r.asOf})`,
          );
          for (const e of r.events) console.log(`  case ${e.caseId}: ${e.kind} (due ${e.dueOn})`);
          for (const a of r.actsApplied) console.log(`  case ${a.caseId}: ${a.kind} ${a.fromState} → ${a.toState}`);
          for (const e of r.errors) console.log(`  case ${e.caseId}: FAILED ${e.code} ${e.message}`);
        }
        return 'skipped' in r ? 0 : r.errors.length ? 1 : 0;
      },
      { seed: false },
    );
  },
};
