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
    expect(r.paramsUsed.map((p) => p.name)).toEqual(['energy.extensionMaxMonths', 'energy.extensionCountedFrom', 'energy.extensionApprovers']);
    // the counting point is the city's local choice, never cited as the plan
    expect(r.paramsUsed.find((p) => p.name === 'energy.extensionCountedFrom')?.basisId).toBe('local-wuhu-执行口径-2020');
    expect(r.snapshot.rectificationDue).toBe('2021-06-15');
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

  it('§2.1: a re-inspection inside the period passes (rectified) or records a non-conformity that leaves the clock running', () => {
    const pass = run(served().snapshot, [['reinspect', '2021-03-10', { result: 'pass' }]]);
    expect(pass).toMatchObject({ state: 'closed', outcome: 'rectified' });
    expect(pass.lines[0]?.state).toBe('operating');
    const failed = run(served().snapshot, [['reinspect', '2021-03-10', { result: 'fail', measured: '57.0' }]]);
    expect(failed).toMatchObject({ state: 'rectifying', due: { due: '2021-03-15' }, nonConformities: [{ date: '2021-03-10', measured: '57.0' }] });
    expect(allowedActs(failed, 'department', '2021-03-11')).not.toContain('orderClosure');
  });

  it('§2.1: order 09-10, failed re-inspection 09-11, closure 09-13 is refused naming the due date and the rule', () => {
    const s = run(openCase(findings.energy), [
      ['serveRectificationOrder', '2020-09-10', {}],
      ['reinspect', '2020-09-11', { result: 'fail' }],
    ]);
    const d = expectCode(() => run(s, [['orderClosure', '2020-09-13', {}]]), 'GUARD_FAILED');
    expect(d).toMatchObject({ due: '2021-03-10', rule: 'plan-2020-§2.1' });
    expect((d.reason as { zh: string }).zh).toContain('2021-03-10');
  });

  it('§2.1: after the period ran out, a re-inspection that still fails → closure ordered (lines shut) → shut → accepted (lines exited)', () => {
    const s = run(served().snapshot, [['reinspect', '2021-03-10', { result: 'fail' }]]);
    const o = applyAct(s, { kind: 'markOverdue', date: '2021-03-16' }, { role: 'system', now: '2021-03-16' }).snapshot;
    expect(o.state).toBe('overdue');
    // overdue alone is not enough: a re-inspection after the due date must still fail
    expect(allowedActs(o, 'department', '2021-03-17')).toEqual(['reinspect']);
    expect(expectCode(() => run(o, [['orderClosure', '2021-03-17', {}]]), 'GUARD_FAILED').due).toBe('2021-03-15');
    const failed = run(o, [['reinspect', '2021-03-20', { result: 'fail' }]]);
    expect(failed.state).toBe('reinspectionFailed');
    const ordered = applyAct(failed, { kind: 'orderClosure', date: '2021-03-22' }, { role: 'department', now: NOW });
    expect(ordered.lineChanges).toEqual([{ lineId: 'L1', to: 'shut' }]);
    const shut = applyAct(ordered.snapshot, { kind: 'recordClosure', date: '2021-04-20' }, { role: 'territory', now: NOW });
    expect(shut.snapshot.state).toBe('shut');
    expect(shut.lineChanges).toEqual([]);
    // §3.4: exited only when the exit is accepted
    const accepted = applyAct(shut.snapshot, { kind: 'accept', date: '2021-05-01', payload: { certificateId: 'YS-9' } }, { role: 'office', now: NOW });
    expect(accepted.snapshot).toMatchObject({ state: 'closed', outcome: 'exited', acceptance: { certificateId: 'YS-9', date: '2021-05-01' } });
    expect(accepted.lineChanges).toEqual([{ lineId: 'L1', to: 'exited' }]);
  });

  it('§2.1: a re-inspection after the due date that fails, while still marked rectifying, counts as the failure after the period', () => {
    const s = run(served().snapshot, [['reinspect', '2021-03-16', { result: 'fail' }]]);
    expect(s.state).toBe('reinspectionFailed');
    expect(run(s, [['orderClosure', '2021-03-17', {}]]).state).toBe('closureOrdered');
  });

  it('§2.1 + local 执行口径: separation of duties — the account or unit that applied may not approve; the refusal names who may', () => {
    const applied = applyAct(
      served().snapshot,
      { kind: 'applyExtension', date: '2021-03-01', payload: { requestedMonths: 2, reason: '改造' } },
      { role: 'department', now: NOW, actorId: '7', unit: 'drc' },
    ).snapshot;
    expect(applied.extension?.appliedBy).toEqual({ role: 'department', actorId: '7', unit: 'drc' });
    const same = expectCode(
      () =>
        applyAct(
          applied,
          { kind: 'approveExtension', date: '2021-03-02', payload: { grantedMonths: 2 } },
          { role: 'department', now: NOW, actorId: '7', unit: 'drc' },
        ),
      'GUARD_FAILED',
    );
    expect(same.approvers).toEqual(['department', 'office']);
    expectCode(
      () =>
        applyAct(
          applied,
          { kind: 'approveExtension', date: '2021-03-02', payload: { grantedMonths: 2 } },
          { role: 'department', now: NOW, actorId: '8', unit: 'drc' },
        ),
      'GUARD_FAILED',
    );
    expect(allowedActs(applied, 'department', '2021-03-02', { actorId: '8', unit: 'drc' })).toEqual([]);
    expect(allowedActs(applied, 'office', '2021-03-02', { actorId: '1', unit: 'office' })).toEqual(['approveExtension', 'refuseExtension']);
    const ok = applyAct(
      applied,
      { kind: 'approveExtension', date: '2021-03-02', payload: { grantedMonths: 2 } },
      { role: 'office', now: NOW, actorId: '1', unit: 'office' },
    );
    expect(ok.snapshot.extension).toMatchObject({ status: 'approved', decidedBy: { role: 'office', actorId: '1' } });
  });

  it('§2.1: a finding whose measured value is within the limit is not a finding', () => {
    const d = expectCode(() => openCase({ ...findings.energy, measured: '55', limit: '55' }), 'INVALID_ACT_INPUT');
    expect(d.field).toBe('finding.measured');
    expect(() => openCase({ ...findings.energy, measured: '55.01', limit: '55' })).not.toThrow();
  });

  it('§2.1: markOverdue is a system act, only once now > due; then a re-inspection decides', () => {
    const s = served().snapshot;
    // the system also records a later service of the notice (domain/lifecycle/service.ts), whenever it comes
    expect(allowedActs(s, 'system', '2021-03-15')).toEqual(['recordService']);
    expect(allowedActs(s, 'system', '2021-03-16')).toEqual(['markOverdue', 'recordService']);
    expectCode(() => applyAct(s, { kind: 'markOverdue', date: '2021-03-15' }, { role: 'system', now: '2021-03-15' }), 'GUARD_FAILED');
    expectCode(() => applyAct(s, { kind: 'markOverdue', date: '2021-03-16' }, { role: 'department', now: '2021-03-16' }), 'ROLE_NOT_ALLOWED');
    const o = applyAct(s, { kind: 'markOverdue', date: '2021-03-16' }, { role: 'system', now: '2021-03-16' }).snapshot;
    expect(o.state).toBe('overdue');
    expect(allowedActs(o, 'department', '2021-03-16')).toEqual(['reinspect']);
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
    expect(later.snapshot.due?.due).toBe('2021-03-15');
    const replayed = applyAct(
      openCase(findings.energy),
      { kind: 'serveRectificationOrder', date: '2020-09-15' },
      { role: 'department', now: NOW, params: changed },
    );
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

  const failed = () =>
    run(openCase(findings.environment), [
      ['orderSuspension', '2020-09-15', { due: '2020-12-15' }],
      ['recheck', '2020-12-16', { result: 'fail' }],
    ]);

  it('§2.2: restriction or suspension; passing the recheck lifts it', () => {
    const r = applyAct(openCase(findings.environment), { kind: 'orderRestriction', date: '2020-09-15' }, { role: 'department', now: NOW });
    expect(r.lineChanges).toEqual([{ lineId: 'L1', to: 'restricted' }]);
    const lifted = run(r.snapshot, [['recheck', '2020-10-15', { result: 'pass' }]]);
    expect(lifted).toMatchObject({ state: 'closed', outcome: 'lifted' });
    expect(lifted.lines[0]?.state).toBe('operating');
  });

  it('§2.2: no cease/close before the city government approval is recorded; close shuts the lines, acceptance exits them', () => {
    const serious = run(failed(), [['declareSerious', '2020-12-20', { reason: '拒不整改' }]]);
    expect(expectCode(() => run(serious, [['orderCeaseOrClose', '2020-12-21', { measure: 'close' }]]), 'ILLEGAL_TRANSITION').allowed).toEqual([
      'requestGovernmentApproval',
    ]);
    const requested = run(serious, [['requestGovernmentApproval', '2020-12-21', { measure: 'close' }]]);
    expectCode(() => run(requested, [['orderCeaseOrClose', '2020-12-22', { measure: 'close' }]]), 'ILLEGAL_TRANSITION');
    expectCode(() => run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'approved' }, 'department']]), 'ROLE_NOT_ALLOWED');
    const refused = run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'refused' }, 'government']]);
    expect(refused.state).toBe('recheckFailed');
    const approved = run(requested, [['recordGovernmentApproval', '2020-12-22', { decision: 'approved' }, 'government']]);
    expect(approved.governmentApproval).toMatchObject({ decision: 'approved', measure: 'close' });
    const shut = run(approved, [
      ['orderCeaseOrClose', '2020-12-23', { measure: 'close' }],
      ['recordClosure', '2021-01-10', {}],
    ]);
    expect(shut).toMatchObject({ state: 'shut', ceaseOrClose: { measure: 'close' } });
    expect(shut.lines[0]?.state).toBe('shut');
    const closed = run(shut, [['accept', '2021-02-01', { certificateId: 'YS-2' }, 'office']]);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'exited', governmentApproval: { decision: 'approved' } });
    expect(closed.lines[0]?.state).toBe('exited');
  });

  it('§2.2 / 环境保护法 art. 60: 停业 (cease) is not 关闭 — the lines are suspended, nothing exits; only the approved measure may be ordered', () => {
    const approved = run(openCase(findings.environment), [
      ['declareSerious', '2020-09-11', { reason: '偷排' }],
      ['requestGovernmentApproval', '2020-09-12', {}],
      ['recordGovernmentApproval', '2020-09-20', { decision: 'approved', measure: 'cease', documentNo: '芜政〔2020〕1号' }, 'government'],
    ]);
    expect(approved.governmentApproval).toMatchObject({ measure: 'cease', documentNo: '芜政〔2020〕1号' });
    const d = expectCode(() => run(approved, [['orderCeaseOrClose', '2020-09-21', { measure: 'close' }]]), 'GUARD_FAILED');
    expect(d).toMatchObject({ field: 'measure', approved: 'cease' });
    const ceased = run(approved, [['orderCeaseOrClose', '2020-09-21', { measure: 'cease' }]]);
    expect(ceased).toMatchObject({ state: 'ceased', ceaseOrClose: { measure: 'cease' } });
    expect(ceased.lines.map((l) => l.state)).toEqual(['suspended']);
    expect(allowedActs(ceased, 'department', '2020-09-22')).not.toContain('accept');
    // an approval must say which of the two the government approved
    const requested = run(openCase(findings.environment), [
      ['declareSerious', '2020-09-11', { reason: '偷排' }],
      ['requestGovernmentApproval', '2020-09-12', {}],
    ]);
    expect(expectCode(() => run(requested, [['recordGovernmentApproval', '2020-09-20', { decision: 'approved' }, 'government']]), 'GUARD_FAILED').field).toBe(
      'measure',
    );
  });

  it('§2.2 / 环境保护法 art. 60: the serious-case route is reachable from the finding directly', () => {
    expect(allowedActs(openCase(findings.environment), 'department', NOW)).toContain('declareSerious');
  });

  it('§2.2: a snapshot forged into "approved" without the recorded approval is still refused (defence in depth)', () => {
    const forged = { ...failed(), state: 'approved' };
    expectCode(() => run(forged, [['orderCeaseOrClose', '2020-12-23', { measure: 'close' }]]), 'GUARD_FAILED');
  });
});

describe('quality (plan §2.3)', () => {
  it('§2.3: investigate → penalty → closed; serious cases → business licence revoked', () => {
    const p = run(openCase(findings.quality), [
      ['investigate', '2020-09-15', {}, 'territory'],
      ['imposePenalty', '2020-10-01', { amount: '50000.00' }],
      ['close', '2020-10-05', {}],
    ]);
    expect(p).toMatchObject({ state: 'closed', outcome: 'penalised', penalty: { amount: '50000.00' } });
    const r = run(openCase(findings.quality), [
      ['investigate', '2020-09-15', {}],
      ['declareSerious', '2020-10-01', { reason: '生产国家明令淘汰产品' }],
      ['revokeBusinessLicence', '2020-10-05', {}],
    ]);
    // §2.3 + §3.4: a revoked business licence shuts the lines; they exit only when the exit is accepted
    expect(r.state).toBe('licenceRevoked');
    expect(r.lines[0]?.state).toBe('shut');
    const a = run(r, [['accept', '2020-11-01', { certificateId: 'YS-3' }]]);
    expect(a).toMatchObject({ state: 'closed', outcome: 'licenceRevoked' });
    expect(a.lines[0]?.state).toBe('exited');
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
    expectCode(
      () => applyAct(openCase(findings.safety), { kind: 'orderRectification', date: '2020-09-15', payload: {} }, { role: 'department', now: NOW }),
      'GUARD_FAILED',
    );
  });

  it('§2.4: suspension passed → resumed; closure is ordered by the government', () => {
    const resumed = run(openCase(findings.safety), [
      ['orderRectification', '2020-09-15', { due: '2020-10-15' }],
      ['recheck', '2020-10-20', { result: 'fail' }],
      ['orderSuspension', '2020-10-21', {}],
      ['recheck', '2020-12-01', { result: 'pass' }],
    ]);
    expect(resumed).toMatchObject({ state: 'closed', outcome: 'resumed' });
    expect(resumed.lines[0]?.state).toBe('operating');
    expect(closureOrdered().state).toBe('closureOrdered');
  });

  it('§2.4: the case cannot finish while a licence revocation is pending; a licence is revoked by its issuing authority', () => {
    const lic = { licence: '安全生产许可证', issuingAuthority: '安徽省应急管理厅' };
    const outside = { decisionNo: '皖应急吊〔2021〕3号', decisionDate: '2021-01-18', evidenceIds: ['decision-pdf'] };
    const s = run(closureOrdered(), [['requestLicenceRevocation', '2021-01-11', lic]]);
    expect(s.lines[0]?.state).toBe('shut');
    expect(allowedActs(s, 'department', '2021-01-12')).not.toContain('finish');
    expect(expectCode(() => run(s, [['finish', '2021-01-12', {}]]), 'GUARD_FAILED').pending).toEqual(['安全生产许可证']);
    expectCode(() => run(s, [['recordLicenceRevoked', '2021-01-12', { ...lic, ...outside, issuingAuthority: '芜湖市应急管理局' }]]), 'GUARD_FAILED');
    expectCode(() => run(s, [['requestLicenceRevocation', '2021-01-12', lic]]), 'GUARD_FAILED');
    // an authority outside the platform: its decision number, date and the decision as evidence
    expect(expectCode(() => run(s, [['recordLicenceRevoked', '2021-01-20', lic]]), 'GUARD_FAILED').field).toBe('decisionNo');
    expect(expectCode(() => run(s, [['recordLicenceRevoked', '2021-01-20', { ...lic, ...outside, evidenceIds: [] }]]), 'GUARD_FAILED').field).toBe(
      'evidenceIds',
    );
    const done = run(s, [
      ['recordLicenceRevoked', '2021-01-20', { ...lic, ...outside }],
      ['finish', '2021-01-21', {}],
    ]);
    expect(done).toMatchObject({ state: 'shut', licences: [{ status: 'revoked', revokedOn: '2021-01-20', revokedBy: { decisionNo: '皖应急吊〔2021〕3号' } }] });
    expect(run(done, [['accept', '2021-02-01', { certificateId: 'YS-4' }]])).toMatchObject({ state: 'closed', outcome: 'exited' });
  });

  it('§2.4: a licence issued by a department on the platform is revoked by an account of that department', () => {
    const lic = { licence: '危险化学品经营许可证', issuingAuthority: '芜湖市应急管理局', issuingDepartmentCode: 'ema' };
    const s = run(closureOrdered(), [['requestLicenceRevocation', '2021-01-11', lic]]);
    const other = expectCode(
      () =>
        applyAct(
          s,
          { kind: 'recordLicenceRevoked', date: '2021-01-12', payload: { licence: lic.licence } },
          { role: 'department', now: NOW, departmentCode: 'msa' },
        ),
      'GUARD_FAILED',
    );
    expect(other.issuingDepartmentCode).toBe('ema');
    const ok = applyAct(
      s,
      { kind: 'recordLicenceRevoked', date: '2021-01-12', payload: { licence: lic.licence } },
      { role: 'department', now: NOW, departmentCode: 'ema' },
    );
    expect(ok.snapshot.licences[0]).toMatchObject({ status: 'revoked', revokedBy: { departmentCode: 'ema' } });
  });

  it('§2.4: closure cannot finish with no licence revoked unless the enterprise holds none (stated with a note)', () => {
    expect(expectCode(() => run(closureOrdered(), [['finish', '2021-01-12', {}]]), 'GUARD_FAILED').field).toBe('noLicencesHeld');
    expect(expectCode(() => run(closureOrdered(), [['finish', '2021-01-12', { noLicencesHeld: true }]]), 'GUARD_FAILED').field).toBe('note');
    expect(run(closureOrdered(), [['finish', '2021-01-12', { noLicencesHeld: true, note: '企业未取得任何许可证照' }]])).toMatchObject({
      state: 'shut',
      noLicencesHeld: { note: '企业未取得任何许可证照' },
    });
  });

  it('§2.4 / 安全生产法: suspension for rectification may be ordered directly where the hazard calls for it, with the reason', () => {
    expect(allowedActs(openCase(findings.safety), 'department', NOW)).toContain('orderSuspension');
    expect(expectCode(() => run(openCase(findings.safety), [['orderSuspension', '2020-09-11', {}]]), 'GUARD_FAILED').field).toBe('reason');
    const s = run(openCase(findings.safety), [['orderSuspension', '2020-09-11', { reason: '重大事故隐患，立即停产整顿' }]]);
    expect(s.state).toBe('suspended');
    expect(s.lines[0]?.state).toBe('suspended');
  });
});

describe('technology (plan §2.5, 产业结构调整指导目录)', () => {
  const ev = { evidenceIds: ['photo-1'] };

  it('§2.5: dismantlable now → dismantle immediately → acceptance certificate → exited', () => {
    const d = applyAct(openCase(findings.technology), { kind: 'dismantle', date: '2020-09-20', payload: ev }, { role: 'territory', now: NOW });
    expect(d.lineChanges).toEqual([{ lineId: 'L1', to: 'dismantled' }]);
    const a = applyAct(d.snapshot, { kind: 'accept', date: '2020-10-01', payload: { certificateId: 'YS-1' } }, { role: 'office', now: NOW });
    expect(a.snapshot).toMatchObject({ state: 'closed', outcome: 'exited', acceptance: { certificateId: 'YS-1' } });
    expect(a.lineChanges).toEqual([{ lineId: 'L1', to: 'exited' }]);
  });

  it('§2.5: sealing path needs all four measures, the commitment, BOTH city and county notices and a deadline (default from parameters)', () => {
    let s = run(openCase(findings.technology), [
      ['cutWater', '2020-09-15', ev],
      ['cutPower', '2020-09-15', ev],
      ['removePowerUnits', '2020-09-16', ev],
      ['sealMainEquipment', '2020-09-17', ev],
      ['publicCommitment', '2020-09-18', ev],
      ['publishNotice', '2020-09-20', { level: 'city' }],
    ]);
    expect(s.state).toBe('sealing');
    // §2.5: one measure does not seal the line — sealing is in progress until every requirement is recorded
    expect(s.lines[0]?.state).toBe('suspended');
    expectCode(() => run(s, [['publishNotice', '2020-09-21', { level: 'city' }]]), 'GUARD_FAILED');
    expectCode(() => run(s, [['cutWater', '2020-09-21', ev]]), 'GUARD_FAILED');
    s = run(s, [['publishNotice', '2020-09-21', { level: 'county' }]]);
    expect(s.state).toBe('sealing');
    const r = applyAct(s, { kind: 'setDismantleDeadline', date: '2020-09-22', payload: {} }, { role: 'department', now: NOW });
    expect(r.snapshot.state).toBe('sealed');
    expect(r.lineChanges).toEqual([{ lineId: 'L1', to: 'sealed' }]);
    // the 3-month default is the city's local choice (the plan says only 限时拆除), never cited as §2.5
    expect(r.deadline).toMatchObject({ due: '2020-12-22', basisId: 'local-wuhu-执行口径-2020' });
    expect(r.paramsUsed).toEqual([{ name: 'technology.dismantleDefaultMonths', value: 3, basisId: 'local-wuhu-执行口径-2020' }]);
    const custom = applyAct(s, { kind: 'setDismantleDeadline', date: '2020-09-22', payload: { months: 6 } }, { role: 'department', now: NOW });
    expect(custom.paramsUsed).toEqual([]);
    expect(custom.deadline).toMatchObject({ due: '2021-03-22', basisId: 'plan-2020-§2.5' });
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

it('§2.5 + 产业结构调整指导目录: a finding cites the catalogue edition in force on its date', () => {
  const d = expectCode(() => openCase({ ...findings.technology, catalogueEdition: 'catalogue-2024' }), 'INVALID_ACT_INPUT');
  expect(d.field).toBe('finding.catalogueEdition');
  expectCode(() => openCase({ ...findings.technology, date: '2024-02-01' }), 'INVALID_ACT_INPUT');
  expect(() => openCase({ ...findings.technology, date: '2024-02-01', catalogueEdition: 'catalogue-2024' })).not.toThrow();
  expect(() => openCase({ ...findings.technology, date: '2024-01-31' })).not.toThrow();
});
