import { describe, expect, it } from 'vitest';
import { parameters, type ParameterTable } from '../law/parameters.ts';
import { reminderDates, reminderRounds } from './reminders.ts';

describe('year-end reminders (plan §3.4: the report before 15 January; reminder dates a local choice)', () => {
  it('§3.4 the default dates run from 1 December of the programme year to before 15 January of the next', () => {
    expect(reminderDates(2020)).toEqual(['2020-12-01', '2020-12-15', '2021-01-05', '2021-01-12']);
  });

  it('§3.4 a day belongs to the latest reminder date on or before it, while the report is not yet due', () => {
    expect(reminderRounds('2020-11-30')).toEqual([]);
    expect(reminderRounds('2020-12-01')).toEqual([{ year: 2020, remindOn: '2020-12-01', reportDue: '2021-01-15', basisId: 'local-wuhu-执行口径-2020' }]);
    expect(reminderRounds('2020-12-14')[0]!.remindOn).toBe('2020-12-01');
    expect(reminderRounds('2021-01-06')).toEqual([expect.objectContaining({ year: 2020, remindOn: '2021-01-05' })]);
    expect(reminderRounds('2021-01-14')[0]!.remindOn).toBe('2021-01-12');
    // "before 15 January": on the 15th the report is late; the workbench's overdue flag takes over
    expect(reminderRounds('2021-01-15')).toEqual([]);
    // before the programme (no parameter in force): nothing
    expect(reminderRounds('2019-12-20')).toEqual([]);
  });

  it('§3.4 the dates are data: a new version of report.reminderDates moves the rounds', () => {
    const table: ParameterTable = {
      ...parameters,
      'report.reminderDates': [
        {
          from: '2020-01-01',
          value: [
            { yearOffset: 0, month: 11, day: 20 },
            { yearOffset: 1, month: 1, day: 20 },
          ],
          basisId: 'local-wuhu-执行口径-2020',
        },
      ],
    };
    // a date on or after the due date is left out
    expect(reminderDates(2020, table)).toEqual(['2020-11-20']);
    expect(reminderRounds('2020-11-25', table)).toEqual([expect.objectContaining({ remindOn: '2020-11-20' })]);
  });
});
