import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarYears, computeDeadline, isRestDay } from './index.ts';
import { changedDays, checkCalendarYear } from './year-check.ts';

const notice = { number: '国办发明电〔2018〕15号', date: '2018-12-06', url: 'http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm' };

describe('calendar year check (issue 10 item 9; 民法典 art. 203 rest days, 行政强制法 art. 69 working days)', () => {
  it('2019 (国办发明电〔2018〕15号, 〔2019〕2号) is vendored: 10-01..07 rest, 09-29 and 10-12 worked', () => {
    const y = calendarYears.find((c) => c.year === 2019)!;
    expect(checkCalendarYear({ year: 2019, restDays: y.restDays, workDays: y.workDays, notice }).problems).toEqual([]);
    expect(isRestDay('2019-10-07')).toBe(true);
    expect(isRestDay('2019-10-12')).toBe(false);
    expect(isRestDay('2019-05-04')).toBe(true);
    expect(computeDeadline({ from: '2019-09-30', workingDays: 5 }).due).toBe('2019-10-12');
  });

  it('refuses days outside the year, days listed twice, a day both rest and worked, a weekday "worked", a missing notice', () => {
    const r = checkCalendarYear({
      year: 2027,
      restDays: ['2027-01-01', '2027-01-01', '2028-01-01', '2027-02-13', 'x'],
      workDays: ['2027-02-13', '2027-02-10'],
      notice: { number: '', date: '2028-01-01', url: 'gov.cn' },
    });
    const fields = r.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['notice.number', 'notice.date', 'notice.url', 'restDays/1', 'restDays/2', 'restDays/4', 'workDays/0', 'workDays/1']),
    );
    for (const p of r.problems) expect(p.zh && p.en).toBeTruthy();
  });

  it('a correction needs its reason and a change; changedDays names what moved', () => {
    const cur = { restDays: ['2027-01-01'], workDays: [] as string[] };
    expect(
      checkCalendarYear({ year: 2027, restDays: ['2027-01-01'], workDays: [], notice: { ...notice, date: '2026-11-20' } }, cur).problems.map((p) => p.field),
    ).toEqual(['reason', 'restDays']);
    expect(
      checkCalendarYear({ year: 2027, restDays: ['2027-01-01', '2027-01-02'], workDays: [], notice: { ...notice, date: '2026-11-20' }, reason: '更正' }, cur)
        .problems,
    ).toEqual([]);
    expect(changedDays(cur, { restDays: ['2027-01-02'], workDays: ['2027-01-01'] })).toEqual(['2027-01-01', '2027-01-02']);
  });

  it('deadlines record the calendar version of each year examined when the calendar is versioned data', () => {
    const cal = buildCalendar(calendarYears, new Map(calendarYears.map((y) => [y.year, y.year === 2021 ? 3 : 1])));
    expect(computeDeadline({ from: '2020-12-20', workingDays: 10 }, cal).calendar).toEqual([
      { year: 2020, version: 1 },
      { year: 2021, version: 3 },
    ]);
    expect(computeDeadline({ from: '2020-12-20', workingDays: 10 }).calendar).toBeUndefined();
  });
});
