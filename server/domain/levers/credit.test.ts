import { describe, expect, it } from 'vitest';
import { creditChange, creditListingOf, type CreditCaseFact } from './credit.ts';

const c = (over: Partial<CreditCaseFact>): CreditCaseFact => ({
  caseId: 1,
  dimension: 'environment',
  state: 'found',
  closed: false,
  outcome: null,
  departmentCode: 'eco',
  since: '2020-09-01',
  ...over,
});

describe('differentiated credit list (plan §2.6 差别化信贷)', () => {
  it('§2.6: a bare finding lists nothing; an order (§2.2 restriction) lists the enterprise since the order', () => {
    expect(creditListingOf({ status: 'rectifying', exitedOn: null, cases: [c({})] })).toBeNull();
    expect(creditListingOf({ status: 'enforcement', exitedOn: null, cases: [c({ state: 'restricted', since: '2020-09-02' })] })).toEqual({
      measure: 'restriction',
      since: '2020-09-02',
      caseId: 1,
      dimension: 'environment',
      departmentCode: 'eco',
      basisId: 'plan-2020-§2.2',
    });
  });
  it('§2.6: lifting the order (§2.2 recheck passed, case closed "lifted") removes the enterprise', () => {
    expect(creditListingOf({ status: 'operating', exitedOn: null, cases: [c({ state: 'closed', closed: true, outcome: 'lifted' })] })).toBeNull();
  });
  it('§2.6 with §2.1–§2.5: the most severe measure wins; closure by law stays listed; exit outranks all', () => {
    const cases = [
      c({ caseId: 1, dimension: 'energy', state: 'rectifying', departmentCode: 'drc', since: '2020-03-01' }),
      c({ caseId: 2, state: 'suspended', since: '2020-05-01' }),
    ];
    expect(creditListingOf({ status: 'enforcement', exitedOn: null, cases })?.measure).toBe('suspension');
    expect(creditListingOf({ status: 'closed', exitedOn: null, cases: [c({ state: 'closed', closed: true, outcome: 'exited' })] })?.measure).toBe('closure');
    expect(creditListingOf({ status: 'exited', exitedOn: '2020-10-01', cases })).toMatchObject({ measure: 'exit', since: '2020-10-01' });
  });
  it('§2.6: changes are added / changed / removed', () => {
    const a = creditListingOf({ status: 'enforcement', exitedOn: null, cases: [c({ state: 'restricted' })] });
    const b = creditListingOf({ status: 'enforcement', exitedOn: null, cases: [c({ state: 'suspended' })] });
    expect(creditChange(null, a)).toBe('added');
    expect(creditChange(a, b)).toBe('changed');
    expect(creditChange(a, a)).toBeNull();
    expect(creditChange(b, null)).toBe('removed');
  });
});
