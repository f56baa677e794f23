import { describe, expect, it } from 'vitest';
import { allowedProblemActs, burnDown, decideProblemAct, isProblemOverdue, seriesDates } from './problems.ts';
import { decidePlanAct, itemProgress, planProgress } from './plans.ts';
import { criteriaAsOf, slowHits, thresholdProblems, type Indicators, type Thresholds } from './supervision.ts';

const TH: Thresholds = {
  planCompletionBelow: 0.8,
  latePlanItemsAtLeast: 1,
  overdueCasesAtLeast: 5,
  overdueProblemsAtLeast: 3,
  daysSinceProgressAtLeast: 60,
  oldOpenItemDays: 90,
  oldOpenItemsAtLeast: 1,
  atRiskDays: 30,
};
const calm: Indicators = {
  territoryCode: '340202',
  planCompletion: null,
  planItems: 0,
  latePlanItems: 0,
  atRiskPlanItems: 0,
  overdueCases: 0,
  openProblems: 0,
  overdueProblems: 0,
  daysSinceProgress: null,
  lastProgressOn: null,
  openByAge: [0, 0, 0, 0],
  oldOpenItems: 0,
};

describe('§3.1 problem list: close-out (销号) needs evidence and the office sign-off', () => {
  it('§3.1 open → closing needs evidence; only the office signs off; reopen needs a reason', () => {
    expect(decideProblemAct('open', 'requestClose', 'territory', { evidence: [] })).toEqual({ refused: { code: 'EVIDENCE_REQUIRED', field: 'evidence' } });
    expect(decideProblemAct('open', 'requestClose', 'territory', { evidence: ['x'] })).toEqual({ to: 'closing' });
    expect(decideProblemAct('closing', 'signOff', 'territory', {})).toEqual({ refused: { code: 'FORBIDDEN' } });
    expect(decideProblemAct('closing', 'signOff', 'office', {})).toEqual({ to: 'closed' });
    expect(decideProblemAct('closed', 'reopen', 'office', { note: '  ' })).toEqual({ refused: { code: 'REASON_REQUIRED', field: 'note' } });
    expect(decideProblemAct('closed', 'reopen', 'office', { note: '复查发现' })).toEqual({ to: 'open' });
    expect(decideProblemAct('open', 'signOff', 'office', {})).toEqual({ refused: { code: 'WRONG_STATE' } });
    expect(allowedProblemActs('closing', 'office')).toEqual(['signOff', 'rejectClose']);
    expect(allowedProblemActs('closing', 'territory')).toEqual([]);
  });

  it('§3.1 overdue: due yesterday and not closed; due today is not overdue', () => {
    expect(isProblemOverdue({ state: 'open', dueOn: '2020-09-14' }, '2020-09-15')).toBe(true);
    expect(isProblemOverdue({ state: 'open', dueOn: '2020-09-15' }, '2020-09-15')).toBe(false);
    expect(isProblemOverdue({ state: 'closed', dueOn: '2020-01-01' }, '2020-09-15')).toBe(false);
  });

  it('§3.1 burn-down to zero (问题清零): counts at the end of each day, reopen brings an item back', () => {
    const items = [
      { id: 1, foundOn: '2020-01-01', dueOn: '2020-03-01' },
      { id: 2, foundOn: '2020-02-01', dueOn: '2020-06-01' },
    ];
    const events = [
      { problemId: 1, onDate: '2020-04-01', toState: 'closed' as const },
      { problemId: 1, onDate: '2020-05-01', toState: 'open' as const },
      { problemId: 1, onDate: '2020-05-10', toState: 'closed' as const },
      { problemId: 2, onDate: '2020-05-20', toState: 'closed' as const },
    ];
    const pts = burnDown(items, events, ['2020-01-15', '2020-03-15', '2020-04-15', '2020-05-05', '2020-06-30']);
    expect(pts.map((p) => [p.open, p.overdue, p.closed])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
      [1, 0, 1],
      [2, 1, 0],
      [0, 0, 2],
    ]);
    expect(seriesDates('2020-01-15', 3, 7)).toEqual(['2020-01-01', '2020-01-08', '2020-01-15']);
  });
});

describe('§3.1 exit plan filed with the office (备案)', () => {
  it('§3.1 draft → submitted → returned → submitted → filed; a filed plan changes only by a new version with its reason', () => {
    expect(decidePlanAct('draft', 'submit', 'territory', { itemCount: 0 })).toEqual({ refused: { code: 'EMPTY_PLAN', field: 'items' } });
    expect(decidePlanAct('draft', 'submit', 'territory', { itemCount: 1 })).toEqual({ to: 'submitted' });
    expect(decidePlanAct('submitted', 'return', 'office', { itemCount: 1, comments: '' })).toEqual({ refused: { code: 'REASON_REQUIRED', field: 'comments' } });
    expect(decidePlanAct('submitted', 'return', 'office', { itemCount: 1, comments: '补充职工安置' })).toEqual({ to: 'returned' });
    expect(decidePlanAct('returned', 'submit', 'territory', { itemCount: 1 })).toEqual({ to: 'submitted' });
    expect(decidePlanAct('submitted', 'file', 'territory', { itemCount: 1, filingNo: 'x' })).toEqual({ refused: { code: 'FORBIDDEN' } });
    expect(decidePlanAct('submitted', 'file', 'office', { itemCount: 1, filingNo: '芜淘汰办备〔2020〕1号' })).toEqual({ to: 'filed' });
    expect(decidePlanAct('filed', 'submit', 'territory', { itemCount: 1 })).toEqual({ refused: { code: 'WRONG_STATE' } });
    expect(decidePlanAct('filed', 'newVersion', 'territory', { itemCount: 1, reason: '' })).toEqual({ refused: { code: 'REASON_REQUIRED', field: 'reason' } });
  });

  it('§3.1 progress from the ledger: done / done late / late / at risk at the boundaries', () => {
    expect(itemProgress('2020-10-01', '2020-10-01', '2020-12-01', 30)).toBe('done');
    expect(itemProgress('2020-10-01', '2020-10-02', '2020-12-01', 30)).toBe('doneLate');
    expect(itemProgress('2020-09-14', null, '2020-09-15', 30)).toBe('late');
    expect(itemProgress('2020-09-15', null, '2020-09-15', 30)).toBe('atRisk');
    expect(itemProgress('2020-10-15', null, '2020-09-15', 30)).toBe('atRisk');
    expect(itemProgress('2020-10-16', null, '2020-09-15', 30)).toBe('onTrack');
    const p = planProgress(
      [
        { capacity: 100, capacityUnit: '万吨/年', targetOn: '2020-08-01', exitedCapacity: 100, progress: 'done' },
        { capacity: 50, capacityUnit: '万吨/年', targetOn: '2020-09-01', exitedCapacity: 0, progress: 'late' },
        { capacity: 20, capacityUnit: '万吨/年', targetOn: '2020-12-01', exitedCapacity: 0, progress: 'onTrack' },
      ],
      '2020-09-15',
    );
    expect(p).toMatchObject({ items: 3, done: 1, late: 1, atRisk: 0, completionDue: 0.5 });
    expect(p.byUnit).toEqual([{ unit: '万吨/年', planned: 170, exited: 100, share: 0.5882 }]);
  });
});

describe("§3.3 slow territories: the office's dated criteria (the plan names no numbers)", () => {
  it('§3.3 counts meet a criterion at the threshold (≥), completion only below it (<)', () => {
    expect(slowHits(calm, TH)).toEqual([]);
    expect(slowHits({ ...calm, overdueCases: 4 }, TH)).toEqual([]);
    expect(slowHits({ ...calm, overdueCases: 5 }, TH)).toEqual([{ criterion: 'overdueCases', value: 5, threshold: 5 }]);
    expect(slowHits({ ...calm, planCompletion: 0.8 }, TH)).toEqual([]);
    expect(slowHits({ ...calm, planCompletion: 0.79 }, TH).map((h) => h.criterion)).toEqual(['planCompletion']);
    expect(slowHits({ ...calm, daysSinceProgress: 59 }, TH)).toEqual([]);
    expect(slowHits({ ...calm, daysSinceProgress: 60 }, TH).map((h) => h.criterion)).toEqual(['daysSinceProgress']);
    expect(slowHits({ ...calm, overdueProblems: 3, oldOpenItems: 1, latePlanItems: 1 }, TH).map((h) => h.criterion)).toEqual([
      'latePlanItems',
      'overdueProblems',
      'oldOpenItems',
    ]);
  });

  it('§3.3 the version in force on a date; thresholds are checked', () => {
    const v = [
      { validFrom: '2020-01-01', n: 1 },
      { validFrom: '2020-10-01', n: 2 },
    ];
    expect(criteriaAsOf(v, '2020-09-30')?.n).toBe(1);
    expect(criteriaAsOf(v, '2020-10-01')?.n).toBe(2);
    expect(criteriaAsOf(v, '2019-12-31')).toBeNull();
    expect(thresholdProblems({ ...TH })).toEqual([]);
    expect(thresholdProblems({ ...TH, planCompletionBelow: 1.5, overdueCasesAtLeast: -1, atRiskDays: 2.5 })).toEqual([
      'planCompletionBelow',
      'overdueCasesAtLeast',
      'atRiskDays',
    ]);
  });
});
