/**
 * `phaseout calendar import FILE`: loads a year of the holiday calendar (issue 10 item 9) from a JSON file
 * `{ "year", "restDays": [...], "workDays": [...], "notice": { "number", "date", "url" }, "reason"? }` — checked,
 * audited, in force at once in every running server (no restart). A year already loaded becomes a new version
 * (give --reason); the deadlines computed on the earlier version are printed for review.
 */
import fs from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { AppError, ERROR_CODES } from '../../platform/errors.ts';
import { CalendarYearBody } from '../../modules/calendar/calendar.schemas.ts';
import { importCalendarYear } from '../../modules/calendar/commands/import-calendar-year.ts';
import { str, withDatabase, type Command } from '../command.ts';

export const calendarImport: Command = {
  name: 'calendar import',
  summary: 'Load a year of the State Council holiday calendar from a JSON file (a correction is a new version with --reason)',
  usage: 'phaseout calendar import FILE [--reason TEXT] [--json]',
  options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const file = positionals[0];
    if (!file) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`cannot read ${file}: ${(e as Error).message}`);
      return 2;
    }
    const reason = str(values.reason);
    if (reason && input && typeof input === 'object') (input as Record<string, unknown>).reason = reason;
    if (!Value.Check(CalendarYearBody, input)) {
      const errors = [...Value.Errors(CalendarYearBody, input)].slice(0, 20).map((e) => `  ${e.path || '/'}: ${e.message}`);
      console.error(`${ERROR_CODES.INVALID_CALENDAR.en} / ${ERROR_CODES.INVALID_CALENDAR.zh}\n${errors.join('\n')}`);
      return 1;
    }
    return withDatabase(async ({ db }) => {
      try {
        const r = await importCalendarYear(db, input as never, { actor: SYSTEM_ACTOR, now: new Date() });
        if (values.json) console.log(JSON.stringify(r));
        else {
          console.log(`calendar ${r.year}: version ${r.version} in force${r.changedDays.length ? `; days changed: ${r.changedDays.join(', ')}` : ''}`);
          if (r.deadlinesToReview.length) {
            console.log(`deadlines computed on an earlier version, to review (${r.deadlinesToReview.length}):`);
            for (const d of r.deadlinesToReview)
              console.log(
                `  case ${d.caseId} act ${d.actId} ${d.kind}: due ${d.dueOn}${d.changed ? ` → ${d.recomputedDue} on the new calendar` : ''}${d.closed ? ' (closed)' : ''}`,
              );
          }
        }
        return 0;
      } catch (e) {
        if (e instanceof AppError) {
          const m = ERROR_CODES[e.code];
          if (values.json) console.log(JSON.stringify({ code: e.code, message: m.en, messageZh: m.zh, details: e.details ?? {} }));
          else {
            console.error(`${m.en} / ${m.zh}`);
            for (const p of (e.details?.errors as Array<{ field: string; zh: string; en: string }> | undefined) ?? [])
              console.error(`  ${p.field}: ${p.en} / ${p.zh}`);
          }
          return 1;
        }
        throw e;
      }
    });
  },
};
