import { describe, expect, it } from 'vitest';
import { periodDeadline } from './types.ts';

describe('case deadlines and the basis in force (issue 10 item 2)', () => {
  const act = { kind: 'decideDismantle', date: '2019-06-03' };
  const ctx = { role: 'department' as const, now: '2030-01-01' };

  it('§2.5 (plan of 2020, read as in force from 2020-01-01): a period starting 2019-06-03 carries BASIS_NOT_IN_FORCE naming the rule and its date', () => {
    const d = periodDeadline({ from: '2019-06-03', months: 3 }, 'plan-2020-§2.5', act, ctx);
    expect(d.warnings).toEqual([
      expect.objectContaining({ code: 'BASIS_NOT_IN_FORCE', basisId: 'plan-2020-§2.5', effectiveFrom: '2020-01-01', from: '2019-06-03' }),
    ]);
  });

  it('行政处罚法 art. 85 working days before 2021-07-15: warned once (counting rule), not twice', () => {
    const d = periodDeadline(
      { from: '2021-03-01', workingDays: 5, workingDaysBasis: 'admin-penalty-law-art-85' },
      'admin-penalty-law-art-85',
      { ...act, date: '2021-03-01' },
      ctx,
    );
    expect(d.warnings.map((w) => [w.code, w.basisId])).toEqual([['BASIS_NOT_IN_FORCE', 'admin-penalty-law-art-85']]);
  });

  it('§2.5 in 2020: no warning', () => {
    expect(periodDeadline({ from: '2020-06-01', months: 3 }, 'plan-2020-§2.5', { ...act, date: '2020-06-01' }, ctx).warnings).toEqual([]);
  });
});
