import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { basisById, basisInForce, citation, legalBases, toChineseNumber } from './basis.ts';
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

  it('§3.4 report by 15 January; 网络安全法 art. 21 logs 6 months; §2.5 dismantling default is a local default', () => {
    expect(paramAsOf('report.annualDeadline', '2020-12-01').value).toEqual({ month: 1, day: 15 });
    expect(paramAsOf('audit.retentionMonths', '2021-01-01')).toMatchObject({ value: 6, basisId: 'cybersecurity-law-art-21' });
    expect(paramAsOf('technology.dismantleDefaultMonths', '2021-01-01').basisId).toBe('plan-2020-§2.5');
    expect(parameters['technology.dismantleDefaultMonths'][0]?.note).toMatch(/Local default/);
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
