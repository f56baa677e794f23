import { describe, expect, it } from 'vitest';
import { basisById, citation, legalBases } from './basis.ts';
import { PLAN_2020_NUMBERING_ZH, planRefsToZh, planSectionZh } from './plan-numbering.ts';
import { formatCitation } from '../../../web/src/shared/citation.ts';

describe('citations as officials write them (issue 17 item 9)', () => {
  it('§2.1–§2.6 and §3.1–§3.4: the plan is cited in Chinese by its own numbering (二、（一）…三、（四）), the § id stays in English', () => {
    expect(citation('plan-2020-§2.1', 'zh')).toBe('《芜湖市2020年落后产能退出工作方案》二、（一）');
    expect(citation('plan-2020-§2.5', 'zh')).toBe('《芜湖市2020年落后产能退出工作方案》二、（五）');
    expect(citation('plan-2020-§3.4', 'zh')).toBe('《芜湖市2020年落后产能退出工作方案》三、（四）');
    expect(citation('plan-2020-§1', 'zh')).toBe('《芜湖市2020年落后产能退出工作方案》一、');
    expect(citation('plan-2020-§2.1', 'en')).toBe('Wuhu City 2020 Work Plan for the Exit of Outdated Production Capacity, §2.1');
    expect(basisById('plan-2020-§2.1')).toMatchObject({ id: 'plan-2020-§2.1', article: '§2.1', articleZh: '二、（一）' });
  });

  it('§2 of the seed: every plan basis has a Chinese numbering and no Chinese plan citation keeps a § id', () => {
    for (const b of legalBases.filter((x) => x.kind === 'plan')) {
      expect(PLAN_2020_NUMBERING_ZH[b.article], b.id).toBeDefined();
      expect(citation(b.id, 'zh'), b.id).not.toContain('§');
    }
  });

  it('a statute is cited by its article in Chinese numerals (行政强制法 art. 69 → 第六十九条)', () => {
    expect(citation('admin-coercion-law-art-69', 'zh')).toBe('《中华人民共和国行政强制法》第六十九条');
    expect(citation('environmental-protection-law-art-60', 'zh')).toBe('《中华人民共和国环境保护法（2014年修订）》第六十条');
  });

  it('a later plan given as data: the usual 一、/（一） layout, or its own table', () => {
    expect(planSectionZh('§2.3', {})).toBe('二、（三）');
    expect(planSectionZh('§4', {})).toBe('四、');
    expect(planSectionZh('§2.1', { '§2.1': '三、（一）' })).toBe('三、（一）');
    expect(planSectionZh('—')).toBeUndefined();
  });

  it('the console formatter: §-references inside a Chinese text become the plan numbering; English keeps the § ids', () => {
    expect(planRefsToZh('《方案》§2.1：逾期未整改或经整改仍未达标的，依法关停退出')).toBe('《方案》二、（一）：逾期未整改或经整改仍未达标的，依法关停退出');
    const b = basisById('plan-2020-§2.2');
    expect(formatCitation(b, 'zh')).toBe('《芜湖市2020年落后产能退出工作方案》二、（二）');
    expect(formatCitation(b, 'en')).toBe('Wuhu City 2020 Work Plan for the Exit of Outdated Production Capacity, §2.2');
    expect(formatCitation(basisById('civil-code-art-202'), 'zh')).toBe('《中华人民共和国民法典》第二百零二条');
    // what GET /law/bases sends (citation fields) is printed as is
    expect(formatCitation({ ...b, citation: 'X', citationZh: '《方案》§2.2' }, 'zh')).toBe('《方案》二、（二）');
  });
});
