import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { parameters, type ParameterTable } from '../law/parameters.ts';
import { applyAct, openCase, type CaseState } from './index.ts';
import { findings } from './test-fixtures.ts';

const NOW = '2030-01-01';
const sys = { role: 'system' as const, now: NOW };
const served = (payload = { documentNo: '芜发改能〔2020〕1号', method: 'post' }) => ({ kind: 'recordService', payload });
const energyOrdered = (): CaseState =>
  applyAct(openCase(findings.energy), { kind: 'serveRectificationOrder', date: '2020-09-15' }, { role: 'department', now: NOW }).snapshot;

describe('service (送达) moves a period that runs from service (local choice case.periodRunsFromService; 民法典 art. 201/民事诉讼法 art. 85 count the period)', () => {
  it('§2.1 + local choice: the energy notice served on 2020-09-25 puts the 6-month period at 2021-03-25 (not 2021-03-15), citing the local choice', () => {
    const r = applyAct(energyOrdered(), { ...served(), date: '2020-09-25' }, sys);
    expect(r.snapshot.state).toBe('rectifying');
    expect(r.deadline).toMatchObject({ due: '2021-03-25', basisId: 'plan-2020-§2.1', value: { from: '2020-09-25', months: 6 }, setByAct: 'recordService' });
    expect(r.snapshot.due?.due).toBe('2021-03-25');
    expect(r.snapshot.originalDue?.due).toBe('2021-03-25');
    expect(r.snapshot.rectificationDue).toBe('2021-03-25');
    expect(r.snapshot.served).toEqual({ date: '2020-09-25', documentNo: '芜发改能〔2020〕1号', method: 'post' });
    expect(r.paramsUsed).toEqual([{ name: 'case.periodRunsFromService', value: true, basisId: 'local-wuhu-执行口径-2020' }]);
  });

  it('§2.1: an extension then counts from the due date as moved by service (2021-03-25 + 3 months)', () => {
    let s = applyAct(energyOrdered(), { ...served(), date: '2020-09-25' }, sys).snapshot;
    s = applyAct(s, { kind: 'applyExtension', date: '2021-03-01', payload: { requestedMonths: 3, reason: '改造' } }, { role: 'territory', now: NOW }).snapshot;
    s = applyAct(s, { kind: 'approveExtension', date: '2021-03-02', payload: { grantedMonths: 3 } }, { role: 'department', now: NOW }).snapshot;
    expect(s.due?.due).toBe('2021-06-25');
    // once extended, a (late) service record no longer moves the period
    try {
      applyAct(s, { ...served(), date: '2021-03-03' }, sys);
      throw new Error('accepted');
    } catch (e) {
      expect(isDomainError(e, 'GUARD_FAILED')).toBe(true);
    }
  });

  it('local choice switched off (case.periodRunsFromService = false): the service is recorded, the period keeps running from the notice date', () => {
    const params: ParameterTable = { ...parameters, 'case.periodRunsFromService': [{ from: '2020-01-01', value: false, basisId: 'local-wuhu-执行口径-2020' }] };
    const r = applyAct(energyOrdered(), { ...served(), date: '2020-09-25' }, { ...sys, params });
    expect(r.snapshot.due?.due).toBe('2021-03-15');
    expect(r.snapshot.served?.date).toBe('2020-09-25');
  });

  it('§2.4: a safety period in days runs from service; a due date fixed by the decision does not move', () => {
    const days = applyAct(
      openCase(findings.safety),
      { kind: 'orderRectification', date: '2020-09-15', payload: { days: 30 } },
      { role: 'department', now: NOW },
    ).snapshot;
    expect(applyAct(days, { ...served(), date: '2020-09-20' }, sys).snapshot.due?.due).toBe(
      applyAct(openCase(findings.safety), { kind: 'orderRectification', date: '2020-09-20', payload: { days: 30 } }, { role: 'department', now: NOW }).snapshot
        .due?.due,
    );
    const fixed = applyAct(
      openCase(findings.safety),
      { kind: 'orderRectification', date: '2020-09-15', payload: { due: '2020-10-30' } },
      { role: 'department', now: NOW },
    ).snapshot;
    expect(applyAct(fixed, { ...served(), date: '2020-09-20' }, sys).snapshot.due?.due).toBe('2020-10-30');
  });

  it("only the system takes it (the document service, in the service record's transaction), never before the notice", () => {
    expect(() => applyAct(energyOrdered(), { ...served(), date: '2020-09-25' }, { role: 'department', now: NOW })).toThrow(
      expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }),
    );
    expect(() => applyAct(energyOrdered(), { ...served(), date: '2020-09-10' }, sys)).toThrow(expect.objectContaining({ code: 'INVALID_ACT_INPUT' }));
  });
});
