import { describe, expect, it } from 'vitest';
import { chineseDate, MARGIN, PAGE, textWidth } from './layout.ts';
import { formatNumber, documentReference, numberPrefix, resolveUnit, unitOfActor } from './numbering.ts';
import { renderDocument } from './documents.service.ts';
import { docxParagraphs, zipEntry } from './docx-read.ts';
import { sampleContent } from './test-fixtures.ts';
import './templates/index.ts';

const TWIPS_PER_MM = 1440 / 25.4;

describe('GB/T 9704-2012 layout and 发文字号 (issue 11)', () => {
  it('GB/T 9704-2012 5.2: A4 page, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm', () => {
    expect(Math.round(PAGE.width / TWIPS_PER_MM)).toBe(210);
    expect(Math.round(PAGE.height / TWIPS_PER_MM)).toBe(297);
    expect(Math.round(MARGIN.top / TWIPS_PER_MM)).toBe(37);
    expect(Math.round(MARGIN.left / TWIPS_PER_MM)).toBe(28);
    expect(Math.round((PAGE.width - MARGIN.left - MARGIN.right) / TWIPS_PER_MM)).toBe(156);
    expect(Math.round((PAGE.height - MARGIN.top - MARGIN.bottom) / TWIPS_PER_MM)).toBe(225);
  });

  it('GB/T 9704-2012 7.2.4: 发文字号 with the year in 〔〕 and no leading zeros', () => {
    expect(formatNumber('芜经信淘汰', 2026, 12)).toBe('芜经信淘汰〔2026〕12号');
    expect(() => formatNumber('芜经信淘汰', 2026, 0)).toThrow();
    const ref = documentReference('wuhu');
    expect(numberPrefix(ref, 'department:eit', 'rectification-notice')).toBe('芜经信淘汰');
    expect(resolveUnit(ref, 'territory:340202').name).toBe('芜湖市镜湖区人民政府');
    expect(() => resolveUnit(ref, 'department:toString')).toThrow(/not configured/);
    expect(() => numberPrefix(ref, 'department:eit', 'constructor')).toThrow();
  });

  it('GB/T 9704-2012 7.3.5.1: 成文日期 in Arabic numerals without padding', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(textWidth('2026年3月5日', 16)).toBe(320 * 3 + 160 * 6);
  });

  it('the issuing unit follows the account (plan §2.1: county governments and city departments are responsible units)', () => {
    const base = { kind: 'user' as const, userId: 1, username: 'u', displayName: 'u', dimensions: [], via: 'session' as const };
    expect(unitOfActor({ ...base, role: 'territory', territoryCode: '340202', departmentCode: null }, { territoryCode: 'x', departmentCode: 'eit' })).toBe(
      'territory:340202',
    );
    expect(unitOfActor({ ...base, role: 'department', territoryCode: null, departmentCode: 'eco' }, { territoryCode: 'x', departmentCode: 'eit' })).toBe(
      'department:eco',
    );
    expect(unitOfActor({ kind: 'system', name: 'demo' }, { territoryCode: '340207', departmentCode: 'eit', role: 'territory' })).toBe('territory:340207');
  });

  it('plan §2.1: a 限期整改通知书 renders as a .docx naming the number, title, enterprise, due date and citation', async () => {
    const r = await renderDocument('rectification-notice', sampleContent, {
      unitName: '芜湖市镜湖区人民政府',
      number: '镜政淘汰〔2026〕1号',
      date: '2026-03-05',
    });
    const text = docxParagraphs(r.docx).join('\n');
    expect(text).toContain('镜政淘汰〔2026〕1号');
    expect(text).toContain('限期整改通知书');
    expect(text).toContain('芜湖示例钢铁有限公司');
    expect(text).toContain('2026年9月7日');
    expect(text).toContain('《芜湖市2020年落后产能退出工作方案》二、（一）（能耗方面）');
    expect(text).toContain('2026年3月5日');
    const xml = zipEntry(r.docx, 'word/document.xml')!.toString('utf8');
    // the standard's fonts by name; the 版头 in red; A4 with the standard's margins
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:color w:val="FF0000"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar [^>]*w:top="2098"[^>]*w:left="1587"/);
  });

  it('refuses content that does not fit the template, naming the field', async () => {
    const bad = { ...sampleContent, enterprise: { ...sampleContent.enterprise, name: 42 } };
    await expect(renderDocument('rectification-notice', bad, { unitName: 'x', number: 'y', date: '2026-03-05' })).rejects.toMatchObject({
      code: 'INVALID_FIELD',
      details: { field: 'content.enterprise.name' },
    });
  });
});
