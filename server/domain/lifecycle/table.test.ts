import { describe, expect, it } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isDomainError } from '../errors.ts';
import { actKinds, actPayloadSchemas, applyAct, dimensions, DIMENSIONS, openCase, ROLES, transitionTable, type CaseState } from './index.ts';
import { findings, samplePayloads } from './test-fixtures.ts';

const plan: Record<string, string> = { energy: '§2.1', environment: '§2.2', quality: '§2.3', safety: '§2.4', technology: '§2.5' };

describe.each(DIMENSIONS)('transition table of %s', (dim) => {
  const def = dimensions[dim];
  const table = transitionTable(dim);

  it(`plan ${plan[dim]}: every entry leads to a known state, names its basis and at least one role; only "closed" is terminal`, () => {
    for (const state of def.states) {
      const row = table[state];
      expect(row, state).toBeDefined();
      const acts = Object.keys(row ?? {});
      if (state === 'closed') expect(acts).toEqual([]);
      else expect(acts.length, state).toBeGreaterThan(0);
      for (const [act, entry] of Object.entries(row ?? {})) {
        expect(actKinds(dim)).toContain(act);
        expect(entry.basisId).toBe(`plan-2020-${plan[dim]}`);
        expect(entry.roles.length).toBeGreaterThan(0);
        for (const to of entry.to) expect(def.states).toContain(to);
      }
    }
    expect(Object.keys(table).sort()).toEqual([...def.states].sort());
  });

  it('the sample payloads used below are valid for the exported TypeBox schemas', () => {
    for (const act of actKinds(dim)) expect(Value.Check(actPayloadSchemas[dim][act] as TSchema, samplePayloads[dim][act]), act).toBe(true);
  });

  for (const state of def.states) {
    for (const act of actKinds(dim)) {
      const entry = table[state]?.[act];
      it(`plan ${plan[dim]}: ${state} × ${act} → ${entry ? entry.to.join(' | ') : 'ILLEGAL_TRANSITION'}`, () => {
        const base = openCase(findings[dim]);
        const snap: CaseState = { ...base, state, ...(state === 'closed' ? { outcome: 'exited' as const } : {}) };
        const run = (role: (typeof ROLES)[number]) =>
          applyAct(snap, { kind: act, date: '2021-06-01', payload: samplePayloads[dim][act] }, { role, now: '2030-01-01' });
        if (!entry) {
          try {
            run('department');
            throw new Error('accepted');
          } catch (e) {
            expect(isDomainError(e, 'ILLEGAL_TRANSITION')).toBe(true);
            if (isDomainError(e)) expect(e.details).toMatchObject({ state, act, allowed: Object.keys(table[state] ?? {}) });
          }
          return;
        }
        for (const role of ROLES.filter((r) => !entry.roles.includes(r))) {
          expect(() => run(role)).toThrow(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }));
        }
        try {
          const r = run(entry.roles[0] ?? 'department');
          expect(entry.to).toContain(r.snapshot.state);
          expect(r.basisId).toBe(entry.basisId);
        } catch (e) {
          // A synthetic snapshot may miss facts a guard needs (e.g. no due date); that is a guard, not the table.
          expect(isDomainError(e)).toBe(true);
          if (isDomainError(e)) expect(['GUARD_FAILED', 'INVALID_ACT_INPUT']).toContain(e.code);
        }
      });
    }
  }
});
