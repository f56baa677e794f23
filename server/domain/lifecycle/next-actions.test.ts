import { describe, expect, it } from 'vitest';
import { allowedActs, applyAct, DIMENSIONS, openCase, ROLES, type CaseState, type Role } from './index.ts';
import { nextActions } from './next-actions.ts';
import { findings, samplePayloads } from './test-fixtures.ts';

const NOW = '2030-01-01';
function run(snap: CaseState, acts: Array<[string, string, unknown?, Role?]>): CaseState {
  for (const [kind, date, payload, role] of acts) snap = applyAct(snap, { kind, date, payload }, { role: role ?? 'department', now: NOW }).snapshot;
  return snap;
}

describe('who acts next (issue 17): derived from the transition tables', () => {
  it('§2.1: a new energy finding waits for the department or the territory to serve the rectification order; no deadline yet', () => {
    const n = nextActions(openCase(findings.energy), '2020-09-11');
    expect(n.waitingFor).toEqual([{ act: 'serveRectificationOrder', roles: ['territory', 'department'], basisId: 'plan-2020-§2.1' }]);
    expect(n).toMatchObject({ due: null, daysLeft: null, automatic: false });
  });

  it('§2.1: during rectification the case waits for a re-inspection or an extension, days left count to the due date; closure is not awaited before the period ran out', () => {
    const s = run(openCase(findings.energy), [['serveRectificationOrder', '2020-09-15']]);
    const n = nextActions(s, '2021-03-05');
    expect(n.waitingFor.map((a) => a.act)).toEqual(['applyExtension', 'reinspect']);
    expect(n.due).toBe('2021-03-15');
    expect(n.daysLeft).toBe(10);
    expect(n.waitingFor.every((a) => !a.roles.includes('system'))).toBe(true);
  });

  it('§2.1: an extension request waits for the department or the office to decide', () => {
    const s = run(openCase(findings.energy), [
      ['serveRectificationOrder', '2020-09-15'],
      ['applyExtension', '2021-03-01', { requestedMonths: 3, reason: '改造' }, 'territory'],
    ]);
    const n = nextActions(s, '2021-03-02');
    expect(n.waitingFor.map((a) => [a.act, a.roles])).toEqual([
      ['approveExtension', ['department', 'office']],
      ['refuseExtension', ['department', 'office']],
    ]);
  });

  it('§2.2: an approval request waits for the city government (待市政府批复)', () => {
    const s = run(openCase(findings.environment), [
      ['declareSerious', '2020-09-12', { reason: '屡查屡犯' }],
      ['requestGovernmentApproval', '2020-09-13'],
    ]);
    expect(nextActions(s, '2020-09-14').waitingFor).toEqual([{ act: 'recordGovernmentApproval', roles: ['government'], basisId: 'plan-2020-§2.2' }]);
  });

  it('§2.3: a quality finding waits for the investigation by the department or the territory', () => {
    expect(nextActions(openCase(findings.quality), '2020-09-11').waitingFor.map((a) => [a.act, a.roles])).toEqual([
      ['investigate', ['territory', 'department']],
    ]);
  });

  it('§2.4: a failed suspension waits for the government to order closure', () => {
    const s = run(openCase(findings.safety), [
      ['orderSuspension', '2020-09-11', { reason: '重大事故隐患', days: 30 }],
      ['recheck', '2020-10-20', { result: 'fail' }],
    ]);
    expect(nextActions(s, '2020-10-21').waitingFor.map((a) => [a.act, a.roles])).toEqual([['orderClosure', ['government']]]);
  });

  it('§2.5: a technology finding waits for the sealing measures or dismantling; the sweep is never named while people can act', () => {
    const n = nextActions(openCase(findings.technology), '2020-09-11');
    expect(n.waitingFor.map((a) => a.act)).toContain('dismantle');
    expect(n.waitingFor.flatMap((a) => a.roles)).not.toContain('system');
  });

  it('§3.4: a closed case waits for nothing and has no days left', () => {
    const s = run(openCase(findings.quality), [
      ['investigate', '2020-09-11'],
      ['imposePenalty', '2020-09-12'],
      ['close', '2020-09-13'],
    ]);
    expect(nextActions(s, NOW)).toEqual({ waitingFor: [], due: null, daysLeft: null, automatic: false });
  });

  it('§2.1: past the due date the days left are negative (overdue by that many days)', () => {
    const s = run(openCase(findings.energy), [['serveRectificationOrder', '2020-09-15']]);
    expect(nextActions(s, '2021-03-20').daysLeft).toBe(-5);
  });

  it('rejects a malformed now (no clock in the domain)', () => {
    expect(() => nextActions(openCase(findings.energy), 'tomorrow')).toThrow();
  });

  it("§2.1–§2.5: every act a person may take now is among the acts awaited, naming that person's role (walks each table by its sample acts)", () => {
    for (const dim of DIMENSIONS) {
      let snap = openCase(findings[dim]);
      let day = '2020-09-10';
      for (let step = 0; step < 12 && snap.state !== 'closed'; step++) {
        const n = nextActions(snap, day);
        for (const role of ROLES.filter((r) => r !== 'system')) {
          for (const act of allowedActs(snap, role, day)) {
            expect(n.waitingFor.find((a) => a.act === act)?.roles, `${dim}/${snap.state}/${act}/${role}`).toContain(role);
          }
        }
        // take the first awaited act whose sample payload the law accepts today; stop when none does
        let moved = false;
        for (const a of n.waitingFor) {
          try {
            snap = applyAct(snap, { kind: a.act, date: day, payload: samplePayloads[dim][a.act] }, { role: a.roles[0]!, now: day }).snapshot;
            moved = true;
            break;
          } catch {
            /* a guard needs other facts: try the next act */
          }
        }
        if (!moved) break;
        day = `2020-09-${String(11 + step).padStart(2, '0')}`;
      }
    }
  });
});
