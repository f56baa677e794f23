import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, dayNumberOf, formatIsoDate, isIsoDate, lastDayOfMonth, parseIsoDate, weekday } from './dates.ts';

describe('dates', () => {
  it('民法典 art. 200: periods use the Gregorian calendar — 2020-02-29 exists, 2021-02-29 does not', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('2021-1-01')).toBe(false);
    expect(lastDayOfMonth(1900, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
  });

  it('weekday: 1970-01-01 Thursday, 2021-02-28 Sunday, 2026-01-04 Sunday', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2021-02-28')).toBe(0);
    expect(weekday('2026-01-04')).toBe(0);
  });

  it('day numbers agree with Date.UTC and round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300000, max: 2900000 }), (n) => {
        const iso = formatIsoDate(n);
        if (Number(iso.slice(0, 4)) < 1000) return;
        expect(parseIsoDate(iso)).toBe(n);
        expect(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 864e5).toBe(n);
      }),
    );
    expect(dayNumberOf(2021, 1, 1)).toBe(18628);
  });

  it('民法典 art. 202: month arithmetic clamps to the month end', () => {
    expect(addMonths('2020-08-31', 6)).toBe('2021-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2020-12-15', 1)).toBe('2021-01-15');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
  });
});
