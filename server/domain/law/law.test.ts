import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { allBases, basisById, basisInForce, citation, isLocalBasis, legalBases, toChineseNumber } from './basis.ts';
import { loadProgrammes, planBasisAsOf, programmeAsOf, programmes, programmeWarnings } from './programmes.ts';
import { paramAsOf, parameters, type ParameterTable } from './parameters.ts';

describe('basis registry', () => {
  it('has every plan section §1, §2.1–§2.6, §3.1–§3.4 and unique ids', () => {
    const ids = legalBases.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of ['§1', '§2.1', '§2.2', '§2.3', '§2.4', '§2.5', '§2.6', '§3.1', '§3.2', '§3.3', '§3.4']) expect(ids).toContain(`plan-2020-${s}`);
  });

  it('民法典 arts. 201–203 in force from 2021-01-01; 民法总则 the same articles until 2020-12-31', () => {
    expect(basisInForce('civil-code-art-202', '2020-12-31')).toBe(false);
    expect(basisInForce('civil-code-art-202', '2021-01-01')).toBe(true);
    expect(basisInForce('gpcl-art-202', '2020-12-31')).toBe(true);
    expect(basisInForce('gpcl-art-202', '2021-01-01')).toBe(false);
    expect(citation('civil-code-art-203', 'zh')).toBe('《中华人民共和国民法典》第二百零三条');
    expect(citation('admin-coercion-law-art-69', 'zh')).toBe('《中华人民共和国行政强制法》第六十九条');
    expect(citation('environmental-protection-law-art-60', 'en')).toBe('Environmental Protection Law of the PRC (2014 revision), art. 60');
  });

  it('facts-cn §6: 产业结构调整指导目录 2019年本 in force 2020-01-01, repealed when the 2024年本 took effect on 2024-02-01', () => {
    expect(basisInForce('catalogue-2019', '2024-01-31')).toBe(true);
    expect(basisInForce('catalogue-2019', '2024-02-01')).toBe(false);
    expect(basisInForce('catalogue-2024', '2024-02-01')).toBe(true);
  });

  it('facts-cn §5: unverified energy-standard dates are marked, not invented', () => {
    expect(basisById('gb-21340-2019').effectiveFrom).toBeNull();
    expect(basisById('gb-21340-2019').unverified?.join(' ')).toContain('effectiveFrom');
    expect(basisInForce('gb-16780-2021', '2022-01-01')).toBeUndefined();
    expect(basisById('gb-21256-2013').effectiveFrom).toBe('2014-10-01');
  });

  it('unknown ids throw UNKNOWN_BASIS; Chinese numerals', () => {
    expect(() => basisById('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_BASIS' }));
    expect([201, 202, 69, 85, 60, 21, 10, 110].map(toChineseNumber)).toEqual(['二百零一', '二百零二', '六十九', '八十五', '六十', '二十一', '十', '一百一十']);
  });
});

describe('dated parameters', () => {
  it('§2.1: 6-month rectification, one extension of at most 3 months, counted from the original due date', () => {
    expect(paramAsOf('energy.rectificationPeriod', '2020-09-15')).toMatchObject({ value: 6, unit: 'months', basisId: 'plan-2020-§2.1', from: '2020-01-01' });
    expect(paramAsOf('energy.extensionMaxMonths', '2020-09-15').value).toBe(3);
    expect(paramAsOf('energy.extensionMaxCount', '2020-09-15').value).toBe(1);
    expect(paramAsOf('energy.extensionCountedFrom', '2020-09-15').value).toBe('originalDue');
  });

  it('§3.4 report by 15 January; 网络安全法 art. 21 logs 6 months; the §2.5 dismantling default is a LOCAL choice, not the plan', () => {
    expect(paramAsOf('report.annualDeadline', '2020-12-01').value).toEqual({ month: 1, day: 15 });
    // §3.4 states only "2021年1月15日前" (the 2020 report): later years are the city's local choice, not the plan
    expect(paramAsOf('report.annualDeadline', '2020-12-31').basisId).toBe('plan-2020-§3.4');
    expect(paramAsOf('report.annualDeadline', '2021-12-31')).toMatchObject({ value: { month: 1, day: 15 }, basisId: 'local-wuhu-执行口径-2020' });
    expect(paramAsOf('audit.retentionMonths', '2021-01-01')).toMatchObject({ value: 6, basisId: 'cybersecurity-law-art-21' });
    expect(paramAsOf('technology.dismantleDefaultMonths', '2021-01-01').basisId).toBe('local-wuhu-执行口径-2020');
    expect(parameters['technology.dismantleDefaultMonths'][0]?.note).toMatch(/Local choice/);
    expect(paramAsOf('notification.leadDays', '2021-01-01').value).toEqual([30, 7, 1]);
  });

  it('§2.1: a later change of a parameter does not alter the answer for an earlier date', () => {
    const changed: ParameterTable = {
      ...parameters,
      'energy.rectificationPeriod': [
        { from: '2020-01-01', to: '2024-12-31', value: 6, unit: 'months', basisId: 'plan-2020-§2.1' },
        { from: '2025-01-01', value: 4, unit: 'months', basisId: 'plan-2020-§2.1' },
      ],
    };
    expect(paramAsOf('energy.rectificationPeriod', '2020-09-15', changed).value).toBe(6);
    expect(paramAsOf('energy.rectificationPeriod', '2024-12-31', changed).value).toBe(6);
    expect(paramAsOf('energy.rectificationPeriod', '2025-01-01', changed)).toMatchObject({ value: 4, from: '2025-01-01' });
  });

  it('PARAMETER_NOT_IN_FORCE before the first version or for a bad date', () => {
    for (const d of ['2019-12-31', 'x']) {
      try {
        paramAsOf('energy.rectificationPeriod', d);
        throw new Error('no throw');
      } catch (e) {
        expect(isDomainError(e, 'PARAMETER_NOT_IN_FORCE')).toBe(true);
      }
    }
  });
});

describe('local choices and programmes (issue 10 items 2 and 7)', () => {
  it('§2.1/§2.5: nothing the plan does not state cites the plan — extension count, counting point, approver and dismantling default are local', () => {
    for (const name of ['energy.extensionMaxCount', 'energy.extensionCountedFrom', 'energy.extensionApprovers', 'technology.dismantleDefaultMonths'] as const) {
      const p = paramAsOf(name, '2020-09-15');
      expect(basisById(p.basisId).kind, name).toBe('local');
      expect(isLocalBasis(p.basisId)).toBe(true);
    }
    // what the plan does state cites it
    expect(basisById(paramAsOf('energy.rectificationPeriod', '2020-09-15').basisId).kind).toBe('plan');
    expect(basisById(paramAsOf('energy.extensionMaxMonths', '2020-09-15').basisId).kind).toBe('plan');
    // every parameter's basis is registered and every basis has a kind
    for (const [name, versions] of Object.entries(parameters)) for (const v of versions) expect(basisById(v.basisId).kind, name).toBeDefined();
    for (const b of allBases()) expect(['plan', 'statute', 'standard', 'catalogue', 'local', 'platform']).toContain(b.kind);
  });

  it('the 2020 programme is the basis of 2020 findings; a finding after its period gets a warning', () => {
    expect(programmeAsOf('2020-09-15')).toMatchObject({ programme: { id: 'plan-2020' }, inPeriod: true });
    expect(programmeWarnings('2020-12-31')).toEqual([]);
    expect(programmeWarnings('2021-03-01')).toEqual([expect.objectContaining({ code: 'PROGRAMME_PERIOD_ENDED', programme: 'plan-2020', to: '2020-12-31' })]);
    expect(programmeWarnings('2019-12-31')).toEqual([]);
  });

  it("a later year's plan is data: its sections become bases and acts in its period cite them", () => {
    const list = loadProgrammes([
      ...programmes,
      {
        id: 'plan-2021',
        year: 2021,
        title: 'Plan 2021',
        titleZh: '2021年方案',
        from: '2021-01-01',
        to: '2021-12-31',
        sections: { '§2.1': { title: 'Energy', titleZh: '能耗方面' } },
      },
    ]);
    expect(planBasisAsOf('plan-2020-§2.1', '2021-05-01', list)).toBe('plan-2021-§2.1');
    expect(planBasisAsOf('plan-2020-§2.2', '2021-05-01', list)).toBe('plan-2020-§2.2');
    expect(planBasisAsOf('plan-2020-§2.1', '2020-05-01', list)).toBe('plan-2020-§2.1');
    expect(programmeWarnings('2021-05-01', list)).toEqual([]);
    expect(() => loadProgrammes([...list, { ...list[0]!, id: 'x' }])).toThrow(RangeError);
  });
});
