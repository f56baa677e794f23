import { describe, expect, it } from 'vitest';
import { deriveEnterpriseStatus, statusMayChange } from './enterprise-status.ts';
import { creditCodeRule, normDecimal, normMarks, territoryRule, unitRule, type RegistryReference } from './registry-rules.ts';

const open = (state: string) => ({ state, closed: false, outcome: null });
const closed = (outcome: string) => ({ state: 'closed', closed: true, outcome });

describe('derived enterprise status (plan §2, §3.3 yellow/red lists, §3.4)', () => {
  it('operating without cases', () => expect(deriveEnterpriseStatus({ cases: [], lineStates: ['operating'] })).toBe('operating'));
  it('rectifying with an open case still in rectification', () =>
    expect(deriveEnterpriseStatus({ cases: [open('rectifying'), open('found')], lineStates: ['operating'] })).toBe('rectifying'));
  it('enforcement when any open case is in an enforcement state', () => {
    for (const s of ['restricted', 'suspended', 'closureOrdered', 'overdue', 'sealing', 'sealed', 'serious', 'penalised', 'reinspectionFailed']) {
      expect(deriveEnterpriseStatus({ cases: [open('rectifying'), open(s)], lineStates: ['operating'] })).toBe('enforcement');
    }
  });
  it('closed when a closed case ended in closure and none is open', () => {
    expect(deriveEnterpriseStatus({ cases: [closed('licenceRevoked')], lineStates: ['operating'] })).toBe('closed');
    expect(deriveEnterpriseStatus({ cases: [closed('rectified')], lineStates: ['operating'] })).toBe('operating');
    expect(deriveEnterpriseStatus({ cases: [closed('exited'), open('found')], lineStates: ['operating'] })).toBe('rectifying');
  });
  it('§3.4: exited only when every line is exited (accepted), whatever the cases; shut or dismantled lines await acceptance', () => {
    expect(deriveEnterpriseStatus({ cases: [open('sealed')], lineStates: ['exited', 'exited'] })).toBe('exited');
    expect(deriveEnterpriseStatus({ cases: [open('dismantled')], lineStates: ['exited', 'dismantled'] })).toBe('enforcement');
    expect(deriveEnterpriseStatus({ cases: [open('shut')], lineStates: ['shut'] })).toBe('enforcement');
    expect(deriveEnterpriseStatus({ cases: [], lineStates: ['shut', 'exited'] })).toBe('closed');
    expect(deriveEnterpriseStatus({ cases: [], lineStates: ['exited', 'sealed'] })).toBe('operating');
    expect(deriveEnterpriseStatus({ cases: [], lineStates: [] })).toBe('operating');
  });
});

const ref: RegistryReference = {
  territories: new Map([
    ['340200', { code: '340200', name: '芜湖市', kind: 'city', validFrom: null, validTo: null, successorCode: null }],
    ['340202', { code: '340202', name: '镜湖区', kind: 'district', validFrom: null, validTo: null, successorCode: null }],
    ['340208', { code: '340208', name: '三山区', kind: 'district', validFrom: null, validTo: '2020-08-31', successorCode: '340209' }],
  ]),
  industries: new Map([['cement', { code: 'cement', name: '水泥', capacityUnits: ['万吨/年', 't/d'] }]]),
  lineKinds: new Map(),
};

describe('registry rules', () => {
  it('credit code (facts-cn §9): format refused; check digit refused unless the office gives a reason', () => {
    expect(creditCodeRule('914403001922038216', { mayOverride: false })).toBeNull();
    expect(creditCodeRule('91440300192203821', { mayOverride: true })?.code).toBe('INVALID_CREDIT_CODE_FORMAT');
    expect(creditCodeRule('914403001922038217', { mayOverride: false })?.code).toBe('INVALID_CREDIT_CODE');
    expect(creditCodeRule('914403001922038217', { mayOverride: true, overrideReason: '短' })?.code).toBe('INVALID_CREDIT_CODE');
    expect(creditCodeRule('914403001922038217', { mayOverride: true, overrideReason: '早期试点地区代码' })).toBeNull();
  });
  it('territory (facts-cn §3): current county-level units only; superseded codes name their successor', () => {
    expect(territoryRule(ref, '340202', '2020-09-15')).toBeNull();
    expect(territoryRule(ref, '340200', '2020-09-15')?.code).toBe('UNKNOWN_TERRITORY');
    expect(territoryRule(ref, '340208', '2020-09-15')).toMatchObject({ code: 'TERRITORY_NOT_CURRENT', details: { successorCode: '340209' } });
    expect(territoryRule(ref, '340208', '2020-08-01')).toBeNull();
  });
  it("units (facts-cn §10): one of the industry's units, never converted", () => {
    expect(unitRule(ref, 'cement', 't/d')).toBeNull();
    expect(unitRule(ref, 'cement', '万重量箱/年')?.code).toBe('BAD_UNIT');
  });
  it('decimals and marks normalise', () => {
    expect(normDecimal('120.5000')).toBe('120.5');
    expect(normDecimal('007.000')).toBe('7');
    expect(normDecimal('0.0500')).toBe('0.05');
    expect(normMarks('  SN-01 ')).toBe('sn-01');
    expect(normMarks('   ')).toBeNull();
  });
});

describe('statusMayChange (skips the refresh of a case move that cannot change the status)', () => {
  it('never skips a move that changes the derived status, for every pair of case states of every lifecycle', async () => {
    const { dimensions } = await import('../../domain/lifecycle/index.ts');
    const states = new Set<string>();
    for (const d of Object.values(dimensions)) for (const s of Object.keys((d as unknown as { table: Record<string, unknown> }).table)) states.add(s);
    states.add('closed');
    const outcomes = [null, 'rectified', 'exited', 'licenceRevoked'];
    let pairs = 0;
    for (const a of states)
      for (const b of states)
        for (const oa of a === 'closed' ? outcomes.slice(1) : [null])
          for (const ob of b === 'closed' ? outcomes.slice(1) : [null]) {
            const before = { state: a, outcome: oa };
            const after = { state: b, outcome: ob };
            if (statusMayChange(before, after)) continue;
            pairs++;
            for (const lineStates of [['operating'], ['exited', 'operating']]) {
              const facts = (c: typeof before) => ({ cases: [{ state: c.state, closed: c.state === 'closed', outcome: c.outcome }], lineStates });
              expect(deriveEnterpriseStatus(facts(after)), `${a}→${b}`).toBe(deriveEnterpriseStatus(facts(before)));
            }
          }
    expect(pairs).toBeGreaterThan(20);
  });
});
