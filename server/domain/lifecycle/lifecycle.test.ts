import { describe, expect, it } from 'vitest';
import { isDomainError, type DomainErrorCode } from '../errors.ts';
import { computeDeadline } from '../calendar/index.ts';
import { parameters, type ParameterTable } from '../law/parameters.ts';
import { actPayloadSchemas, allowedActs, applyAct, deadlineStatus, foldActs, openCase, type Act, type CaseState, type Role } from './index.ts';
import { findings, furnaceFinding } from './test-fixtures.ts';

const NOW = '2030-01-01';
function run(snap: CaseState, acts: Array<[string, string, unknown?, Role?]>, now = NOW): CaseState {
  for (const [kind, date, payload, role] of acts) snap = applyAct(snap, { kind, date, payload }, { role: role ?? 'department', now }).snapshot;
  return snap;
}
function expectCode(f: () => unknown, code: DomainErrorCode): Record<string, unknown> {
  try {
    f();
  } catch (e) {
    if (!isDomainError(e)) throw e;
    expect(e.code).toBe(code);
    return e.details;
  }
  throw new Error(`expected ${code}`);
}

describe('energy (plan §2.1)', () => {
  const served = () => applyAct(openCase(findings.energy), { kind: 'serveRectificationOrder', date: '2020-09-15' }, { role: 'department', now: NOW });

  it('§2.1: the order sets due = order date + 6 months (2020-09-15 → 2021-03-15) and returns the parameter it used', () => {
    const r = served();
    expect(r.snapshot.state).toBe('rectifying');
    expect(r.deadline).toMatchObject({ due: '2021-03-15', basisId: 'plan-2020-§2.1', value: { from: '2020-09-15', months: 6 } });
    expect(r.deadline?.steps[0]?.basisId).toBe('gpcl-art-202');
    expect(r.paramsUsed).toEqual([{ name: 'energy.rectificationPeriod', value: 6, basisId: 'plan-2020-§2.1' }]);
    expect(r.basisId).toBe('plan-2020-§2.1');
  });

  it('§2.1 + facts-cn §0: an approved extension counts from the ORIGINAL due date (2021-03-15 + 3 months → 2021-06-15)', () => {
    const s = run(served().snapshot, [['applyExtension', '2021-03-01', { requestedMonths: 3, reason: '改造' }, 'territory']]);
    const r = applyAct(s, { kind: 'approveExtension', date: '2021-03-20', payload: { grantedMonths: 3 } }, { role: 'department', now: NOW });
    expect(r.deadline?.due).toBe(computeDeadline({ from: '2021-03-15', months: 3 }).due);
    expect(r.snapshot.due?.due).toBe('2021-06-15');
    expect(r.snapshot.originalDue?.due).toBe('2021-03-15');
    expect(r.paramsUsed.map((p) => p.name)).toEqual(['energy.extensionMaxMonths', 'energy.extensionCountedFrom']);
  });

  it('§2.1: a second extension application is refused', () => {
    const s = run(served().snapshot, [
      ['applyExtension', '2021-03-01', { requestedMonths: 2, reason: '改造' }],
      ['refuseExtension', '2021-03-02', {}],
    ]);
    expect(allowedActs(s, 'department', '2021-03-03')).not.toContain('applyExtension');
    const d = expectCode(() => run(s, [['applyExtension', '2021-03-03', { requestedMonths: 1, reason: '再次' }]], '2021-03-03'), 'GUARD_FAILED');
    expect(d.reason).toMatchObject({ zh: expect.any(String), en: expect.stringContaining('at most 1') });
  });

  it('§2.1: an extension of more than 3 months is refused, and no more may be granted than requested', () => {
    expectCode(() => run(served().snapshot, [['applyExtension', '2021-03-01', { requestedMonths: 4, reason: 'x' }]]), 'GUARD_FAILED');
    const s = run(served().snapshot, [['applyExtension', '2021-03-01', { requestedMonths: 2, reason: 'x' }]]);
    expectCode(() => run(s, [['approveExtension', '2021-03-02', { grantedMonths: 3 }]]), 'GUARD_FAILED');
    expectCode(() => run(s, [['approveExtension', '2021-03-02', { grantedMonths: 2 }, 'territory']]), 'ROLE_NOT_ALLOWED');
  });

  it('§2.1: no extension may be applied for after the period expired', () => {
    expectCode(() => run(served().snapshot, [['applyExtension', '2021-03-16', { requestedMonths: 1, reason: 'x' }]]), 'GUARD_FAILED');
  });

  it('§2.1: re-inspection pass closes the case as rectified; fail → closure ordered → closed, lines exited', () => {
    const pass = run(served().snapshot, [['reinspect', '2021-03-10', { result: 'pass' }]]);
    expect(pass).toMatchObject({ state: 'closed', outcome: 'rectified' });
    expect(pass.lines[0]?.state).toBe('operating');
    const failed = run(served().snapshot, [['reinspect', '2021-03-10', { result: 'fail' }]]);
    expect(failed.state).toBe('reinspectionFailed');
    const ordered = applyAct(failed, { kind: 'orderClosure', date: '2021-03-20' }, { role: 'department', now: NOW });
    expect(ordered.lineChanges).toEqual([{ lineId: 'L1', to: 'suspended' }]);
    const closed = applyAct(ordered.snapshot, { kind: 'recordClosure', date: '2021-04-20' }, { role: 'territory', now: NOW });
    expect(closed.snapshot).toMatchObject({ state: 'closed', outcome: 'exited' });
    expect(closed.lineChanges).toEqual([{ lineId: 'L1', to: 'exited' }]);
  });

  it('§2.1: markOverdue is a system act, only once now > due; then closure is ordered', () => {
    const s = served().snapshot;
    expect(allowedActs(s, 'system', '2021-03-15')).toEqual([]);
    expect(allowedActs(s, 'system', '2021-03-16')).toEqual(['markOverdue']);
    expectCode(() => applyAct(s, { kind: 'markOverdue', date: '2021-03-15' }, { role: 'system', now: '2021-03-15' }), 'GUARD_FAILED');
    expectCode(() => applyAct(s, { kind: 'markOverdue', date: '2021-03-16' }, { role: 'department', now: '2021-03-16' }), 'ROLE_NOT_ALLOWED');
    const o = applyAct(s, { kind: 'markOverdue', date: '2021-03-16' }, { role: 'system', now: '2021-03-16' }).snapshot;
    expect(o.state).toBe('overdue');
    expect(allowedActs(o, 'department', '2021-03-16')).toEqual(['orderClosure']);
  });

  it('deadline words are derived from due and now (民法典 art. 203: the due day runs to 24:00)', () => {
    const s = served().snapshot; // due 2021-03-15
    expect(deadlineStatus(s, '2021-01-01')).toBe('ok');
    expect(deadlineStatus(s, '2021-02-13')).toBe('dueSoon30');
    expect(deadlineStatus(s, '2021-03-08')).toBe('dueSoon7');
    expect(deadlineStatus(s, '2021-03-14')).toBe('dueSoon1');
    expect(deadlineStatus(s, '2021-03-15')).toBe('dueToday');
    expect(deadlineStatus(s, '2021-03-16')).toBe('overdue');
    expect(deadlineStatus(openCase(findings.energy), '2021-03-16')).toBe('none');
  });

  it('§2.1: a later change of the law never moves a deadline already decided', () => {
    const s = served().snapshot;
    const changed: ParameterTable = {
      ...parameters,
      'energy.rectificationPeriod': [
        { from: '2020-01-01', to: '2020-12-31', value: 6, unit: 'months', basisId: 'plan-2020-§2.1' },
        { from: '2021-01-01', value: 12, unit: 'months', basisId: 'plan-2020-§2.1' },
      ],
    };
    const later = applyAct(s, { kind: 'reinspect', date: '2021-02-01', payload: { result: 'fail' } }, { role: 'department', now: NOW, params: changed });
    expect(s.due?.due).toBe('2021-03-15');
    expect(later.snapshot.originalDue?.due).toBe('2021-03-15');
    const replayed = applyAct(openCase(findings.energy), { kind: 'serveRectificationOrder', date: '2020-09-15' }, { role: 'department', now: NOW, params: changed });
    expect(replayed.deadline?.due).toBe('2021-03-15');
  });

  it('acts are dated in order and never after now; payloads are validated (INVALID_ACT_INPUT)', () => {
    const s = served().snapshot;
    expectCode(() => run(s, [['reinspect', '2020-09-01', { result: 'pass' }]]), 'INVALID_ACT_INPUT');
    expectCode(() => run(s, [['reinspect', '2021-02-01', { result: 'pass' }]], '2021-01-01'), 'INVALID_ACT_INPUT');
    expectCode(() => run(s, [['reinspect', '2021-02-01', { result: 'maybe' }]]), 'INVALID_ACT_INPUT');
    expectCode(() => run(s, [['reinspect', '2021-02-30', { result: 'pass' }]]), 'INVALID_ACT_INPUT');
    expectCode(() => openCase({ ...findings.energy, measured: 'lots' }), 'INVALID_ACT_INPUT');
    expect(actPayloadSchemas.energy.applyExtension).toBeDefined();
  });

  it('foldActs rebuilds the same snapshot from the history', () => {
    const acts: Act[] = [
      { kind: 'serveRectificationOrder', date: '2020-09-15', role: 'department' },
      { kind: 'applyExtension', date: '2021-03-01', payload: { requestedMonths: 3, reason: 'x' }, role: 'territory' },
      { kind: 'approveExtension', date: '2021-03-05', payload: { grantedMonths: 1 }, role: 'department' },
      { kind: 'markOverdue', date: '2021-04-16', role: 'system' },
    ];
    const folded = foldActs(findings.energy, acts);
    let s = openCase(findings.energy);
    for (const a of acts) s = applyAct(s, a, { role: a.role ?? 'system', now: NOW }).snapshot;
    expect(folded).toEqual(s);
    expect(folded).toMatchObject({ state: 'overdue', due: { due: '2021-04-15' } });
  });
});

describe('environment (plan §2.2, 环境保护法 art. 60)', () => {
  it('§2.2: a finding must name the pollutant — white space alone is refused', () => {
    expect(() => openCase({ ...findings.environment, pollutant: '   ' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ACT_INPUT' }));
    expect(() => openCase({ ...findings.environment, pollutant: ' SO₂ ' } as never)).not.toThrow();
  });

  const failed = () => run(openCase(findings.environment), [['orderSuspension', '2020-09-15', { due: '2020-12-15' }], ['recheck', '2020-12-16', { result: 'fail' }]]);

  it('§2.2: restriction or suspension; passing the recheck lifts it', () => {
    const r = applyAct(openCase(findings.environment), { kind: 'orderRestriction', date: '2020-09-15' }, { role: 'department', now: NOW });
    expect(r.lineChanges).toEqual([{ lineId: 'L1', to: 'restricted' }]);
    const lifted = run(r.snapshot, [['recheck', '2020-10-15', { result: 'pass' }]]);
    expect(lifted).toMatchObject({ state: 'closed', outcome: 'lifted' });
    expect(lifted.lines[0]?.state).toBe('operating');
  });

  it('§2.2: no cease/close before the city government approval is recorded', () => {
    const serious = run(failed(), [['declareSerious', '2020-12-20', { reason: '拒不整改' }]]);
    expect(expectCode(() => run(serious, [['orderCeaseOrClose', '2020-12-21', { measure: 'close' }]]), 'ILLEGAL_TRANSITION').allowed).toEqual(['requestGovernmentApproval']);
    const requested = run(serious, [['requestGovernmentApproval', '2020-12-21', {}]]);
    expectCode(() => run(requested, [['orderCeaseOrClose', '2020-12-22', { measure: 'close' }]]), 'ILLEGAL_TRANSITION');
    expectCode(() => run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'approved' }, 'department']]), 'ROLE_NOT_ALLOWED');
    const refused = run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'refused' }, 'government']]);
    expect(refused.state).toBe('recheckFailed');
    const approved = run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'approved' }, 'government']]);
    const closed = run(approved, [['orderCeaseOrClose', '2020-12-23', { measure: 'close' }], ['recordClosure', '2021-01-10', {}]]);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'exited', governmentApproval: { decision: 'approved' } });
    expect(closed.lines[0]?.state).toBe('exited');
  });

  it('§2.2: a snapshot forged into "approved" without the recorded approval is still refused (defence in depth)', () => {
    const forged = { ...failed(), state: 'approved' };
    expectCode(() => run(forged, [['orderCeaseOrClose', '2020-12-23', { measure: 'close' }]]), 'GUARD_FAILED');
  });
});

describe('quality (plan §2.3)', () => {
  it('§2.3: investigate → penalty → closed; serious cases → business licence revoked', () => {
    const p = run(openCase(findings.quality), [['investigate', '2020-09-15', {}, 'territory'], ['imposePenalty', '2020-10-01', { amount: '50000.00' }], ['close', '2020-10-05', {}]]);
    expect(p).toMatchObject({ state: 'closed', outcome: 'penalised', penalty: { amount: '50000.00' } });
    const r = run(openCase(findings.quality), [['investigate', '2020-09-15', {}], ['declareSerious', '2020-10-01', { reason: '生产国家明令淘汰产品' }], ['revokeBusinessLicence', '2020-10-05', {}]]);
    expect(r).toMatchObject({ state: 'closed', outcome: 'licenceRevoked' });
  });
});

describe('safety (plan §2.4, 安全生产法)', () => {
  const closureOrdered = () =>
    run(openCase(findings.safety), [
      ['orderRectification', '2020-09-15', { days: 30 }],
      ['recheck', '2020-10-20', { result: 'fail' }],
      ['orderSuspension', '2020-10-21', { due: '2020-12-31' }],
      ['recheck', '2021-01-04', { result: 'fail' }],
      ['orderClosure', '2021-01-10', {}, 'government'],
    ]);

  it('§2.4: rectification due from the decision (30 days from 2020-09-15 → 2020-10-15)', () => {
    const r = applyAct(openCase(findings.safety), { kind: 'orderRectification', date: '2020-09-15', payload: { days: 30 } }, { role: 'department', now: NOW });
    expect(r.deadline).toMatchObject({ due: '2020-10-15', basisId: 'plan-2020-§2.4' });
    expectCode(() => applyAct(openCase(findings.safety), { kind: 'orderRectification', date: '2020-09-15', payload: {} }, { role: 'department', now: NOW }), 'GUARD_FAILED');
  });

  it('§2.4: suspension passed → resumed; closure is ordered by the government', () => {
    const resumed = run(openCase(findings.safety), [['orderRectification', '2020-09-15', { due: '2020-10-15' }], ['recheck', '2020-10-20', { result: 'fail' }], ['orderSuspension', '2020-10-21', {}], ['recheck', '2020-12-01', { result: 'pass' }]]);
    expect(resumed).toMatchObject({ state: 'closed', outcome: 'resumed' });
    expect(resumed.lines[0]?.state).toBe('operating');
    expect(closureOrdered().state).toBe('closureOrdered');
  });

  it('§2.4: the case cannot finish while a licence revocation is pending; a licence is revoked by its issuing authority', () => {
    const lic = { licence: '安全生产许可证', issuingAuthority: '安徽省应急管理厅' };
    const s = run(closureOrdered(), [['requestLicenceRevocation', '2021-01-11', lic]]);
    expect(allowedActs(s, 'department', '2021-01-12')).not.toContain('finish');
    expect(expectCode(() => run(s, [['finish', '2021-01-12', {}]]), 'GUARD_FAILED').pending).toEqual(['安全生产许可证']);
    expectCode(() => run(s, [['recordLicenceRevoked', '2021-01-12', { ...lic, issuingAuthority: '芜湖市应急管理局' }]]), 'GUARD_FAILED');
    expectCode(() => run(s, [['requestLicenceRevocation', '2021-01-12', lic]]), 'GUARD_FAILED');
    const done = run(s, [['recordLicenceRevoked', '2021-01-20', lic], ['finish', '2021-01-21', {}]]);
    expect(done).toMatchObject({ state: 'closed', outcome: 'exited', licences: [{ status: 'revoked', revokedOn: '2021-01-20' }] });
  });
});

describe('technology (plan §2.5, 产业结构调整指导目录)', () => {
  const ev = { evidenceIds: ['photo-1'] };

  it('§2.5: dismantlable now → dismantle immediately → acceptance certificate → exited', () => {
    const d = applyAct(openCase(findings.technology), { kind: 'dismantle', date: '2020-09-20', payload: ev }, { role: 'territory', now: NOW });
    expect(d.lineChanges).toEqual([{ lineId: 'L1', to: 'dismantled' }]);
    const a = applyAct(d.snapshot, { kind: 'accept', date: '2020-10-01', payload: { certificateId: 'YS-1' } }, { role: 'office', now: NOW });
    expect(a.snapshot).toMatchObject({ state: 'closed', outcome: 'exited', acceptance: { certificateId: 'YS-1' } });
  });

  it('§2.5: sealing path needs all four measures, the commitment, BOTH city and county notices and a deadline (default from parameters)', () => {
    let s = run(openCase(findings.technology), [
      ['cutWater', '2020-09-15', ev], ['cutPower', '2020-09-15', ev], ['removePowerUnits', '2020-09-16', ev], ['sealMainEquipment', '2020-09-17', ev],
      ['publicCommitment', '2020-09-18', ev], ['publishNotice', '2020-09-20', { level: 'city' }],
    ]);
    expect(s.state).toBe('sealing');
    expect(s.lines[0]?.state).toBe('sealed');
    expectCode(() => run(s, [['publishNotice', '2020-09-21', { level: 'city' }]]), 'GUARD_FAILED');
    expectCode(() => run(s, [['cutWater', '2020-09-21', ev]]), 'GUARD_FAILED');
    s = run(s, [['publishNotice', '2020-09-21', { level: 'county' }]]);
    expect(s.state).toBe('sealing');
    const r = applyAct(s, { kind: 'setDismantleDeadline', date: '2020-09-22', payload: {} }, { role: 'department', now: NOW });
    expect(r.snapshot.state).toBe('sealed');
    expect(r.deadline).toMatchObject({ due: '2020-12-22', basisId: 'plan-2020-§2.5' });
    expect(r.paramsUsed).toEqual([{ name: 'technology.dismantleDefaultMonths', value: 3, basisId: 'plan-2020-§2.5' }]);
    const custom = applyAct(s, { kind: 'setDismantleDeadline', date: '2020-09-22', payload: { months: 6 } }, { role: 'department', now: NOW });
    expect(custom.paramsUsed).toEqual([]);
    expect(custom.deadline?.due).toBe('2021-03-22');
  });

  it('§2.5: the commitment must be recorded before it is published', () => {
    expectCode(() => run(openCase(findings.technology), [['publishNotice', '2020-09-20', { level: 'city' }]]), 'GUARD_FAILED');
  });

  it('§2.5: 工频炉/中频炉 are always dismantled — every sealing act is refused', () => {
    const s = openCase(furnaceFinding);
    for (const kind of ['cutWater', 'cutPower', 'removePowerUnits', 'sealMainEquipment', 'publicCommitment', 'publishNotice', 'setDismantleDeadline']) {
      const payload = kind === 'publishNotice' ? { level: 'city' } : kind === 'setDismantleDeadline' ? {} : ev;
      const d = expectCode(() => applyAct(s, { kind, date: '2020-09-15', payload }, { role: 'department', now: NOW }), 'GUARD_FAILED');
      expect(d.lineIds).toEqual(['F1']);
    }
    expect(allowedActs(s, 'department', NOW)).toEqual(['dismantle']);
    expect(run(s, [['dismantle', '2020-09-15', ev]]).lines.map((l) => l.state)).toEqual(['dismantled', 'dismantled']);
  });

  it('§2.5: a missed dismantling deadline is marked overdue by the sweep', () => {
    const s = run(openCase(findings.technology), [['setDismantleDeadline', '2020-09-15', { due: '2020-10-15' }]]);
    expect(allowedActs(s, 'system', '2020-10-16')).toEqual(['markOverdue']);
    const o = applyAct(s, { kind: 'markOverdue', date: '2020-10-16' }, { role: 'system', now: '2020-10-16' }).snapshot;
    expect(o.state).toBe('overdue');
    expect(deadlineStatus(o, '2020-10-16')).toBe('overdue');
  });
});
