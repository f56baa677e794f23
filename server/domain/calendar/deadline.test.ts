import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { buildCalendar, computeDeadline, deadlineBenchWorkload, isRestDay, type PeriodInput } from './index.ts';

const expectInvalid = (input: unknown) => {
  try {
    computeDeadline(input as PeriodInput);
  } catch (e) {
    expect(isDomainError(e, 'INVALID_PERIOD')).toBe(true);
    return;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
};

describe('computeDeadline — months (民法典/民法总则 arts. 201–203)', () => {
  it('民法总则 art. 202: 2020-09-15 + 6 months → 2021-03-15, first step states the raw end', () => {
    const a = computeDeadline({ from: '2020-09-15', months: 6 });
    expect(a.due).toBe('2021-03-15');
    expect(a.steps).toHaveLength(1);
    expect(a.steps[0]).toMatchObject({ from: '2020-09-15', to: '2021-03-15', basisId: 'gpcl-art-202', en: '2020-09-15 + 6 months → 2021-03-15 (art. 202)' });
    expect(a.warnings).toEqual([]);
    expect(a.basis).toEqual([
      { id: 'gpcl-art-202', citation: 'General Provisions of the Civil Law of the PRC, art. 202', citationZh: '《中华人民共和国民法总则》第二百零二条' },
    ]);
  });

  it('民法典 art. 202 + art. 203: 08-31 + 6 months → 02-28 (no 31st), a Sunday in 2021 → 2021-03-01', () => {
    const a = computeDeadline({ from: '2020-08-31', months: 6 });
    expect(a.steps.map((s) => s.to)).toEqual(['2021-02-28', '2021-03-01']);
    expect(a.due).toBe('2021-03-01');
    expect(a.steps[1]).toMatchObject({ basisId: 'gpcl-art-203', en: '2021-02-28 is a Sunday → 2021-03-01 (art. 203)' });
    expect(a.steps[1]?.zh).toContain('2021-02-28 为星期日（休息日）→ 顺延至 2021-03-01');
  });

  it('民法典 art. 202: 2023-08-31 + 6 months → 2024-02-29 (leap year month end, a Thursday)', () => {
    const a = computeDeadline({ from: '2023-08-31', months: 6 });
    expect(a.due).toBe('2024-02-29');
    expect(a.steps[0]?.basisId).toBe('civil-code-art-202');
  });

  it('民法典 art. 203: 2021-02-28 (Sunday) rolls to 2021-03-01', () => {
    expect(computeDeadline({ from: '2021-01-28', months: 1 }).due).toBe('2021-03-01');
  });

  it('民法总则 art. 203: a due date inside the 2020 National Day block rolls over the whole block to 2020-10-09', () => {
    const a = computeDeadline({ from: '2020-04-01', months: 6 });
    expect(a.due).toBe('2020-10-09');
    expect(a.steps[1]).toMatchObject({ from: '2020-10-01', to: '2020-10-09', basisId: 'gpcl-art-203' });
    expect(a.steps[1]?.en).toContain('rest period 2020-10-01 to 2020-10-08');
    expect(computeDeadline({ from: '2020-04-05', months: 6 }).due).toBe('2020-10-09');
  });

  it('民法典 art. 203: an adjusted Sunday working day (2021-02-07) is not rolled', () => {
    const a = computeDeadline({ from: '2020-12-07', months: 2 });
    expect(a.due).toBe('2021-02-07');
    expect(a.steps).toHaveLength(1);
    expect(computeDeadline({ from: '2025-10-04', months: 3 }).due).toBe('2026-01-04');
  });

  it('民法典 art. 203: Saturday + Sunday roll as one run (2021-02-27 → 2021-03-01)', () => {
    const a = computeDeadline({ from: '2021-01-27', months: 1 });
    expect(a.due).toBe('2021-03-01');
    expect(a.steps[1]?.en).toContain('rest period 2021-02-27 to 2021-02-28');
  });

  it('facts-cn §2: a due date in 2028 (no data) warns CALENDAR_YEAR_UNKNOWN', () => {
    const a = computeDeadline({ from: '2027-09-15', months: 6 });
    expect(a.due).toBe('2028-03-15');
    expect(a.warnings).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', year: 2028 })]);
    expect(a.warnings[0]?.zh).toContain('2028');
  });

  it('facts-cn §2: a year is known once its data is loaded (adding a year is a data change)', () => {
    const cal = buildCalendar([{ year: 2028, source: 'test', restDays: ['2028-03-15'], workDays: [] }]);
    const a = computeDeadline({ from: '2027-09-15', months: 6 }, cal);
    expect(a.warnings).toEqual([]);
    expect(a.due).toBe('2028-03-16');
  });
});

describe('computeDeadline — days (民法典 art. 201)', () => {
  it('民法典 art. 201: the start day is not counted — 2021-03-01 + 15 days → 2021-03-16', () => {
    const a = computeDeadline({ from: '2021-03-01', days: 15 });
    expect(a.due).toBe('2021-03-16');
    expect(a.steps[0]?.basisId).toBe('civil-code-art-201');
  });

  it('民法典 art. 203: 2021-01-27 + 15 days = 2021-02-11 (Spring Festival) → 2021-02-18', () => {
    expect(computeDeadline({ from: '2021-01-27', days: 15 }).due).toBe('2021-02-18');
  });
});

describe('computeDeadline — working days (行政强制法 art. 69, 行政处罚法 art. 85)', () => {
  it('行政强制法 art. 69: 5 working days from 2021-02-05 skip the weekend, count the adjusted Sunday 02-07 and skip Spring Festival → 2021-02-18', () => {
    const a = computeDeadline({ from: '2021-02-05', workingDays: 5 });
    expect(a.due).toBe('2021-02-18');
    expect(a.steps[0]).toMatchObject({ basisId: 'admin-coercion-law-art-69' });
    expect(a.steps[0]?.en).toContain('2021-02-11–2021-02-17');
  });

  it('行政处罚法 art. 85: 7 working days from 2020-01-22 run across the extended 2020 Spring Festival → 2020-02-10', () => {
    const a = computeDeadline({ from: '2020-01-22', workingDays: 7, workingDaysBasis: 'admin-penalty-law-art-85' });
    // 01-23 (1); 01-24..02-02 off; 02-03..02-07 (2..6); 02-08/09 weekend; 02-10 (7)
    expect(a.due).toBe('2020-02-10');
    expect(a.basis[0]?.id).toBe('admin-penalty-law-art-85');
  });

  it('行政处罚法 art. 85 (in force 2021-07-15): a period starting 2020-01-22 carries BASIS_NOT_IN_FORCE naming the basis and the date', () => {
    const a = computeDeadline({ from: '2020-01-22', workingDays: 7, workingDaysBasis: 'admin-penalty-law-art-85' });
    expect(a.warnings).toEqual([
      expect.objectContaining({ code: 'BASIS_NOT_IN_FORCE', basisId: 'admin-penalty-law-art-85', effectiveFrom: '2021-07-15', from: '2020-01-22' }),
    ]);
    expect(a.warnings[0]?.zh).toContain('2021-07-15');
    expect(a.warnings[0]?.zh).toContain('行政处罚法');
    expect(a.warnings[0]?.en).toContain('art. 85');
  });

  it('行政处罚法 art. 85: from its first day in force (2021-07-15) no warning; 行政强制法 art. 69 (2012) never warns after 2012', () => {
    expect(computeDeadline({ from: '2021-07-15', workingDays: 5, workingDaysBasis: 'admin-penalty-law-art-85' }).warnings).toEqual([]);
    expect(computeDeadline({ from: '2021-07-14', workingDays: 5, workingDaysBasis: 'admin-penalty-law-art-85' }).warnings.map((w) => w.code)).toEqual([
      'BASIS_NOT_IN_FORCE',
    ]);
    expect(computeDeadline({ from: '2020-01-22', workingDays: 7 }).warnings).toEqual([]);
  });

  it('行政强制法 art. 69: the answer is always a working day, never before from + N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2500 }), fc.integer({ min: 1, max: 10 }), (offset, n) => {
        const from = new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
        const a = computeDeadline({ from, workingDays: n });
        expect(isRestDay(a.due)).toBe(false);
        expect(a.due > from).toBe(true);
      }),
    );
  });
});

describe('computeDeadline — properties and bad input', () => {
  it('民法典 art. 203: a calendar-period due date is never a rest day and never before the raw end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2400 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (offset, n, months) => {
        const from = new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
        const a = computeDeadline(months ? { from, months: n } : { from, days: n * 10 });
        expect(isRestDay(a.due)).toBe(false);
        expect(a.due >= (a.steps[0]?.to ?? '')).toBe(true);
        expect(a.steps[a.steps.length - 1]?.to).toBe(a.due);
      }),
    );
  });

  it('INVALID_PERIOD: invalid date, none or several of months/days/workingDays, zero, negative, fractional, absurd N', () => {
    expectInvalid({ from: '2021-02-30', months: 1 });
    expectInvalid({ from: '2021/02/01', months: 1 });
    expectInvalid({ from: '2021-02-01' });
    expectInvalid({ from: '2021-02-01', months: 1, days: 2 });
    expectInvalid({ from: '2021-02-01', months: 0 });
    expectInvalid({ from: '2021-02-01', days: -3 });
    expectInvalid({ from: '2021-02-01', days: 1.5 });
    expectInvalid({ from: '2021-02-01', months: 1201 });
    expectInvalid({ from: '2021-02-01', workingDays: 100000 });
    expectInvalid(null);
  });

  it('the bench workload is deterministic (the bench times it; the domain has no clock)', () => {
    expect(deadlineBenchWorkload(300)).toBe(deadlineBenchWorkload(300));
  });
});
