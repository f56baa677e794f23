/**
 * Year-end reminders (plan §3.4: the city's report goes up before 15 January; reminders are a LOCAL CHOICE, the dated
 * parameter report.reminderDates): on which reminder date a given day falls for a programme year. Pure: `today` is a
 * parameter.
 */
import { paramAsOf, type ParameterTable } from '../law/parameters.ts';
import { yearDeadlines } from './figures.ts';

export interface ReminderRound {
  year: number;
  /** the reminder date in force on `today` (the latest one not after it) */
  remindOn: string;
  /** the upward report is due before this date */
  reportDue: string;
  basisId: string;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Every reminder date of a programme year, in order (dates on or after the report's due date are left out). */
export function reminderDates(year: number, table?: ParameterTable): string[] {
  const p = paramAsOf('report.reminderDates', `${year}-12-31`, table);
  const due = yearDeadlines(year, table).reportDue;
  return [...new Set(p.value.map((r) => iso(year + r.yearOffset, r.month, r.day)))].filter((d) => d < due).sort();
}

/**
 * The round of reminders `today` belongs to, for each programme year still open on that day: the latest reminder
 * date on or before today, while the report is not yet due ("before 15 January": on the 15th it is late, and the
 * workbench's overdue flag takes over). At most one year is open at a time with the default dates.
 */
export function reminderRounds(today: string, table?: ParameterTable): ReminderRound[] {
  const y = Number(today.slice(0, 4));
  const out: ReminderRound[] = [];
  for (const year of [y - 1, y]) {
    let dates: string[];
    try {
      dates = reminderDates(year, table);
    } catch {
      continue; // no parameter in force for that year (before the programme)
    }
    const due = yearDeadlines(year, table).reportDue;
    if (today >= due) continue;
    const past = dates.filter((d) => d <= today);
    const remindOn = past[past.length - 1];
    if (remindOn) out.push({ year, remindOn, reportDue: due, basisId: paramAsOf('report.reminderDates', `${year}-12-31`, table).basisId });
  }
  return out;
}
