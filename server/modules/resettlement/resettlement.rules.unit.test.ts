import { describe, expect, it } from 'vitest';
import { checkResettlement, nextStep, type ResettlementFigures } from './resettlement.rules.ts';

const base: ResettlementFigures = {
  workersAffected: 100,
  transferred: 40,
  reemployed: 30,
  retired: 20,
  other: 10,
  fundsPlanned: '500',
  fundsPaid: '500',
  planFiledOn: '2020-09-01',
  riskAssessed: true,
  riskLevel: 'low',
  riskAssessedOn: '2020-09-02',
  riskPlan: false,
};

describe('worker resettlement (plan §2.6 职工安置)', () => {
  it('§2.6: resettled workers by channel cannot exceed the workers affected', () => {
    expect(checkResettlement(base, '2020-09-15')).toBeNull();
    expect(checkResettlement({ ...base, other: 11 }, '2020-09-15')?.field).toBe('transferred');
  });
  it('§2.6: a social-stability risk result needs an assessment and its date, and none without', () => {
    expect(checkResettlement({ ...base, riskAssessedOn: null }, '2020-09-15')?.field).toBe('riskAssessedOn');
    expect(checkResettlement({ ...base, riskAssessed: false }, '2020-09-15')?.field).toBe('riskAssessed');
    expect(checkResettlement({ ...base, riskAssessed: false, riskLevel: null, riskAssessedOn: null }, '2020-09-15')).toBeNull();
  });
  it('§2.6: dates cannot lie after today; funds paid cannot exceed the plan', () => {
    expect(checkResettlement({ ...base, planFiledOn: '2020-09-16' }, '2020-09-15')?.field).toBe('planFiledOn');
    expect(checkResettlement({ ...base, fundsPaid: '600' }, '2020-09-15')?.field).toBe('fundsPaid');
  });
  it('§2.6: the next step runs plan → risk assessment → risk plan (unless low) → resettle → pay → done', () => {
    expect(nextStep({ ...base, planFiledOn: null })).toBe('filePlan');
    expect(nextStep({ ...base, riskAssessed: false, riskLevel: null, riskAssessedOn: null })).toBe('assessRisk');
    expect(nextStep({ ...base, riskLevel: 'high' })).toBe('prepareRiskPlan');
    expect(nextStep({ ...base, riskLevel: 'high', riskPlan: true })).toBe('done');
    expect(nextStep({ ...base, other: 0 })).toBe('resettleWorkers');
    expect(nextStep({ ...base, fundsPaid: '100' })).toBe('payFunds');
    expect(nextStep(base)).toBe('done');
  });
});
