import { describe, expect, it } from 'vitest';
import { basisById } from './basis.ts';
import { energyLimitStandards } from './energy-limits.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

describe('energy-limit standards as reference data (plan §2.1; facts-cn §5)', () => {
  it('§2.1: every edition cites a registered standard basis and belongs to its standard', () => {
    for (const s of energyLimitStandards) {
      for (const e of s.editions) {
        expect(basisById(e.basisId).kind).toBe('standard');
        expect(e.edition.startsWith(`${s.standard}-`)).toBe(true);
      }
      expect(new Set(s.editions.map((e) => e.edition)).size).toBe(s.editions.length);
    }
  });

  it('§2.1: a limit is a decimal or null (not encoded), never a guess; the 2020 editions carry no values (facts-cn §5)', () => {
    for (const s of energyLimitStandards) {
      for (const e of s.editions) {
        expect(e.unverified.length).toBeGreaterThan(0);
        for (const p of e.processes) {
          if (p.limit !== null) expect(p.limit).toMatch(DECIMAL);
          expect(p.unit.length).toBeGreaterThan(0);
        }
        if (['GB 21256-2013', 'GB 16780-2012', 'GB 21340-2013'].includes(e.edition)) expect(e.processes.every((p) => p.limit === null)).toBe(true);
      }
    }
  });

  it('§2.1: GB 21256-2025 blast furnace 415 kgce/t and GB 16780-2021 clinker 117 kgce/t (3级, facts-cn §5)', () => {
    const limit = (ed: string, process: string) =>
      energyLimitStandards
        .flatMap((s) => s.editions)
        .find((e) => e.edition === ed)
        ?.processes.find((p) => p.process === process);
    expect(limit('GB 21256-2025', '高炉工序')).toEqual(expect.objectContaining({ limit: '415', unit: 'kgce/t' }));
    expect(limit('GB 16780-2021', '熟料综合能耗')).toEqual(expect.objectContaining({ limit: '117', unit: 'kgce/t' }));
  });
});
