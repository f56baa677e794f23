import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarYears, classifyDay, defaultCalendar, isRestDay, isYearKnown, knownYears } from './index.ts';

const range = (a: string, b: string) => {
  const out: string[] = [];
  for (let d = new Date(`${a}T00:00:00Z`); d <= new Date(`${b}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
};

describe('holiday calendar data (facts-cn §2)', () => {
  it('covers 2020–2026, one file per year, from chinese-days 1.5.7', () => {
    expect(knownYears()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of calendarYears) {
      expect(y.source).toContain('chinese-days 1.5.7');
      for (const d of [...y.restDays, ...y.workDays]) expect(d.slice(0, 4)).toBe(String(y.year));
    }
  });

  it('facts-cn §2.2: 2020 Spring Festival 01-24..02-02 off (extended by 国办发明电〔2020〕1号); 01-19 works; 02-01 rests; 02-03 is an ordinary Monday', () => {
    for (const d of range('2020-01-24', '2020-02-02')) expect(isRestDay(d), d).toBe(true);
    expect(isRestDay('2020-01-19')).toBe(false);
    expect(classifyDay('2020-01-19').reason).toBe('adjustedWorkday');
    expect(isRestDay('2020-02-01')).toBe(true);
    expect(classifyDay('2020-02-03')).toMatchObject({ rest: false, reason: 'weekday', known: true });
  });

  it('facts-cn §2.2: 2021 (国办发明电〔2020〕27号) Spring Festival 02-11..02-17; 02-07 (Sun) and 02-20 (Sat) are working days', () => {
    for (const d of range('2021-02-11', '2021-02-17')) expect(isRestDay(d), d).toBe(true);
    expect(isRestDay('2021-02-07')).toBe(false);
    expect(isRestDay('2021-02-20')).toBe(false);
    expect(isRestDay('2021-02-18')).toBe(false);
    for (const d of ['2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09']) expect(isRestDay(d), d).toBe(false);
    for (const d of range('2021-10-01', '2021-10-07')) expect(isRestDay(d), d).toBe(true);
  });

  it('facts-cn §2.3: the adjusted working days of every year are working days', () => {
    const work = [
      '2020-04-26',
      '2020-05-09',
      '2020-06-28',
      '2020-09-27',
      '2020-10-10',
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-10-08',
      '2022-10-09',
      '2023-01-28',
      '2023-01-29',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-09-14',
      '2024-10-12',
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ];
    for (const d of work) expect(isRestDay(d), d).toBe(false);
  });

  it('facts-cn §2.3: holiday blocks 2020 National Day 10-01..10-08, 2025 Spring Festival 01-28..02-04, 2026 Spring Festival 02-15..02-23', () => {
    for (const d of [...range('2020-10-01', '2020-10-08'), ...range('2025-01-28', '2025-02-04'), ...range('2026-02-15', '2026-02-23')])
      expect(isRestDay(d), d).toBe(true);
  });

  it('facts-cn §2.1: late-December day 2022-12-31 is filed under its own calendar year here (holiday-cn puts it in 2023)', () => {
    expect(classifyDay('2022-12-31')).toMatchObject({ rest: true, reason: 'holiday', known: true });
    expect(calendarYears.find((y) => y.year === 2022)?.restDays).toContain('2022-12-31');
  });

  it('facts-cn §1.2: a year without data is unknown, weekends only — never "no holidays" silently', () => {
    expect(isYearKnown(2028)).toBe(false);
    expect(classifyDay('2028-01-01')).toMatchObject({ known: false, rest: true, reason: 'weekend' });
    expect(classifyDay('2028-01-03')).toMatchObject({ known: false, rest: false });
  });

  it('buildCalendar refuses malformed data (a day outside its year, or listed twice)', () => {
    expect(() => buildCalendar([{ year: 2030, source: 'x', restDays: ['2031-01-01'], workDays: [] }])).toThrow(RangeError);
    expect(() => buildCalendar([{ year: 2030, source: 'x', restDays: ['2030-01-01'], workDays: ['2030-01-01'] }])).toThrow(RangeError);
    expect(isYearKnown(2030, buildCalendar([{ year: 2030, source: 'x', restDays: [], workDays: [] }]))).toBe(true);
    expect(defaultCalendar.years.size).toBe(8);
  });
});
