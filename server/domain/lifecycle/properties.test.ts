import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { addDays } from '../dates.ts';
import {
  actKinds,
  applyAct,
  DIMENSIONS,
  INDUCTION_FURNACE_KINDS,
  openCase,
  ROLES,
  transitionTable,
  type CaseState,
  type Dimension,
  type Finding,
  type Role,
} from './index.ts';
import { findings } from './test-fixtures.ts';

const LINE_STATES = ['operating', 'restricted', 'suspended', 'sealed', 'shut', 'dismantled', 'exited'];

/** A random payload for an act kind: valid, borderline or unlawful values. */
function payloadArb(kind: string): fc.Arbitrary<unknown> {
  const ev = fc.constant({ evidenceIds: ['ev'] });
  const lic = fc.record({ licence: fc.constantFrom('L-a', 'L-b'), issuingAuthority: fc.constantFrom('A', 'B') });
  switch (kind) {
    case 'applyExtension':
      return fc.record({ requestedMonths: fc.integer({ min: 1, max: 6 }), reason: fc.constant('r') });
    case 'approveExtension':
      return fc.record({ grantedMonths: fc.integer({ min: 1, max: 6 }) });
    case 'reinspect':
    case 'recheck':
      return fc.record({ result: fc.constantFrom('pass', 'fail') });
    case 'declareSerious':
      return fc.constant({ reason: 'r' });
    case 'recordGovernmentApproval':
      return fc.record({ decision: fc.constantFrom('approved', 'refused'), measure: fc.constantFrom('cease', 'close') });
    case 'orderSuspension':
      return fc.oneof(fc.constant({ reason: '重大隐患' }), fc.constant({}));
    case 'finish':
      return fc.oneof(fc.constant({ noLicencesHeld: true, note: '未持证' }), fc.constant({}));
    case 'orderCeaseOrClose':
      return fc.record({ measure: fc.constantFrom('cease', 'close') });
    case 'orderRectification':
      return fc.oneof(fc.record({ days: fc.integer({ min: 1, max: 60 }) }), fc.constant({}));
    case 'requestLicenceRevocation':
      return lic;
    case 'recordLicenceRevoked':
      return lic.map((l) => ({ ...l, decisionNo: '决-1', decisionDate: '2020-01-02', evidenceIds: ['ev'] }));
    case 'cutWater':
    case 'cutPower':
    case 'removePowerUnits':
    case 'sealMainEquipment':
    case 'publicCommitment':
    case 'dismantle':
      return ev;
    case 'publishNotice':
      return fc.record({ level: fc.constantFrom('city', 'county') });
    case 'setDismantleDeadline':
      return fc.oneof(fc.constant({}), fc.record({ months: fc.integer({ min: 1, max: 12 }) }));
    case 'accept':
      return fc.constant({ certificateId: 'C' });
    default:
      return fc.constant({});
  }
}

function stepsArb(dim: Dimension) {
  const kinds = actKinds(dim);
  const payloads = fc.record(Object.fromEntries(kinds.map((k) => [k, payloadArb(k)])) as Record<string, fc.Arbitrary<unknown>>);
  return fc.array(
    fc.record({
      kind: fc.constantFrom(...kinds),
      pick: fc.integer({ min: 0, max: 9 }),
      payloads,
      role: fc.integer({ min: 0, max: 9 }),
      gap: fc.integer({ min: 0, max: 120 }),
    }),
    { maxLength: 60, size: 'max' },
  );
}

function findingArb(dim: Dimension): fc.Arbitrary<Finding> {
  if (dim !== 'technology') return fc.constant(findings[dim]);
  const kind = fc.constantFrom('shaftKiln', 'blastFurnace', ...INDUCTION_FURNACE_KINDS);
  return fc.array(kind, { minLength: 1, maxLength: 3 }).map((kinds) => ({ ...findings.technology, lines: kinds.map((k, i) => ({ id: `L${i}`, kind: k })) }));
}

/** Everything a lawful snapshot must satisfy (plan §2.1–§2.5). */
function checkInvariants(s: CaseState): void {
  expect(s.state === 'closed').toBe(s.outcome !== undefined);
  for (const l of s.lines) expect(LINE_STATES).toContain(l.state);
  // §3.4: a line exits only when the exit is accepted
  if (s.lines.some((l) => l.state === 'exited')) expect(s.acceptance).toBeDefined();
  if (s.dimension === 'energy' && ['closureOrdered', 'shut'].includes(s.state)) {
    // §2.1: closure only after the period ran out and a re-inspection after it still failed
    expect(s.lastInspection?.result).toBe('fail');
    expect(s.lastInspection!.date > s.rectificationDue!).toBe(true);
  }
  if (s.dimension === 'environment' && s.state === 'ceased') {
    // §2.2: 停业 is not 关闭 — nothing shut or exited
    expect(s.lines.every((l) => l.state === 'suspended')).toBe(true);
  }
  if (s.dimension === 'energy') {
    // §2.1: one extension, at most 3 months, never more than requested, counted from the original due date.
    expect(s.extensionApplications).toBeLessThanOrEqual(1);
    if (s.extension) expect(s.extension.requestedMonths).toBeLessThanOrEqual(3);
    if (s.extension?.grantedMonths !== undefined) {
      expect(s.extension.grantedMonths).toBeLessThanOrEqual(s.extension.requestedMonths);
      if (s.due) expect(s.due.value.from).toBe(s.originalDue?.due);
    }
  }
  if (s.dimension === 'environment' && (['closureOrdered', 'ceased', 'shut'].includes(s.state) || s.outcome === 'exited')) {
    // §2.2: no cease/close without the city government's recorded approval.
    expect(s.governmentApproval?.decision).toBe('approved');
  }
  if (s.dimension === 'technology' && s.lines.some((l) => (INDUCTION_FURNACE_KINDS as readonly string[]).includes(l.kind))) {
    // §2.5: induction furnaces are never sealed.
    expect(s.measures).toEqual({});
    expect(s.commitment).toBeUndefined();
    expect(s.notices).toEqual({});
    expect(s.lines.every((l) => l.state !== 'sealed')).toBe(true);
  }
  if (s.dimension === 'technology' && s.state === 'sealed') {
    expect(Object.keys(s.measures).sort()).toEqual(['cutPower', 'cutWater', 'removePowerUnits', 'sealMainEquipment']);
    expect(s.notices.city && s.notices.county && s.commitment).toBeTruthy();
  }
  if (s.dimension === 'safety' && (s.state === 'shut' || (s.state === 'closed' && s.outcome === 'exited'))) {
    // §2.4: not finished while a licence revocation is pending, nor with no licence revoked unless none is held.
    expect(s.licences.every((l) => l.status === 'revoked')).toBe(true);
    expect(s.licences.length > 0 || s.noLicencesHeld !== undefined).toBe(true);
  }
}

describe.each(DIMENSIONS)('random act sequences never reach an unlawful state: %s', (dim) => {
  const reached = new Set<string>();
  it(`plan §2.1–§2.5: ${dim} — every outcome is a new lawful snapshot or a coded DomainError`, () => {
    fc.assert(
      fc.property(findingArb(dim), stepsArb(dim), (finding, steps) => {
        let s = openCase(finding);
        let date = finding.date;
        const table = transitionTable(dim);
        checkInvariants(s);
        for (const st of steps) {
          date = addDays(date, st.gap);
          const before = JSON.stringify(s);
          // Mostly a role the table allows (to get deep into the lifecycle), sometimes any role.
          // Mostly an act of the current row (to get deep into the lifecycle), sometimes any act.
          // Half of the runs avoid the exits, so long paths (e.g. the full §2.5 sealing path) are explored too.
          const exits = dim === 'technology' && steps.length % 2 === 0 ? ['dismantle', 'markOverdue'] : [];
          const row = Object.keys(table[s.state] ?? {}).filter((k) => !exits.includes(k));
          const kind = row.length && (st.pick < 7 || exits.includes(st.kind)) ? (row[st.pick % row.length] as string) : st.kind;
          const payload = st.payloads[kind];
          const allowed = table[s.state]?.[kind]?.roles;
          const role: Role = allowed && st.role < 8 ? (allowed[st.role % allowed.length] as Role) : (ROLES[st.role % ROLES.length] as Role);
          try {
            s = applyAct(s, { kind, date, payload }, { role, now: date }).snapshot;
          } catch (e) {
            if (!isDomainError(e)) throw e;
            expect(JSON.stringify(s)).toBe(before); // a refused act changes nothing
          }
          checkInvariants(s);
          reached.add(s.state);
        }
      }),
      { numRuns: 300 },
    );
    // The generator does explore the lifecycle (not a vacuous pass).
    expect(reached.has('closed')).toBe(true);
    expect([...reached].sort()).toEqual(Object.keys(transitionTable(dim)).sort());
  }, 120_000); // 300 runs of up to 60 acts: a runner budget on a shared machine, not a timing assertion
});
