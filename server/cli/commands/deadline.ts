import { computeDeadline, type DeadlineAnswer, type PeriodInput } from '../../domain/calendar/index.ts';
import { DomainError, messages } from '../../domain/errors.ts';
import { str, type Command } from '../command.ts';

export function formatDeadline(a: DeadlineAnswer, calendarNote?: string): string {
  const lines = [`due: ${a.due}`, '', 'steps:', ...a.steps.map((s) => `  ${s.en}\n  ${s.zh}`)];
  if (calendarNote) lines.push('', `calendar: ${calendarNote}`);
  if (a.warnings.length) lines.push('', 'warnings:', ...a.warnings.map((w) => `  ! ${w.en}\n    ${w.zh}`));
  lines.push('', 'basis:', ...a.basis.map((b) => `  ${b.id}: ${b.citation} / ${b.citationZh}`));
  return lines.join('\n');
}

export const deadlineCmd: Command = {
  name: 'deadline',
  summary: 'Compute a legal deadline with its steps and citations, on the holiday calendar in the database',
  usage: 'phaseout deadline --from YYYY-MM-DD (--months N | --days N | --working-days N) [--json]',
  options: { from: { type: 'string' }, months: { type: 'string' }, days: { type: 'string' }, 'working-days': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }) {
    const num = (v: unknown) => (typeof v === 'string' ? (/^\d+$/.test(v) ? Number(v) : NaN) : undefined);
    const input = { from: str(values.from) ?? '', months: num(values.months), days: num(values.days), workingDays: num(values['working-days']) };
    try {
      const period = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as PeriodInput;
      computeDeadline(period); // bad input is refused before any connection is made
      // the calendar in the database (issue 10 item 9): an imported year answers without the unknown-year warning
      const { cliCalendar } = await import('../calendar-source.ts');
      const cal = await cliCalendar();
      const a = computeDeadline(period, cal.calendar);
      const note = cal.source === 'database' ? 'database' : `bundled years (${cal.note ?? 'no database'})`;
      console.log(values.json ? JSON.stringify({ ...a, calendarSource: cal.source }) : formatDeadline(a, note));
      return 0;
    } catch (e) {
      if (e instanceof DomainError) {
        const m = messages[e.code];
        if (values.json) console.log(JSON.stringify({ code: e.code, message: m.en, messageZh: m.zh, details: e.details ?? {} }));
        else console.error(`${m.en} / ${m.zh}${e.details ? ` ${JSON.stringify(e.details)}` : ''}\nusage: ${this.usage}`);
        return 2;
      }
      throw e;
    }
  },
};
