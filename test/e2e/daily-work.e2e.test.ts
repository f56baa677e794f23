/**
 * The console for daily work (issue 17 part A), in Chromium, zh-CN and English:
 *   - who acts next: a case of each dimension (能耗, 环保, 质量, 安全, 技术) says what it waits for and from whom, as the
 *     API's `next` names it, in Chinese and in English; the office, which has no act on it, is told who may act;
 *   - bulk acts: the energy department selects 5 cases awaiting their rectification order, one of them is served
 *     meanwhile (by another hand), the bulk serve answers 4 done and 1 refused with its reason;
 *   - the extension decision form shows and pre-fills the months requested and states the limit, refusing more in
 *     the form (no request);
 *   - the audit page filtered by person shows that person's acts in words.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, type ApiSession, type EnterpriseRow } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

interface NextInfo {
  waitingFor: Array<{ act: string; actors: Array<{ role: string; name: string; nameEn: string }> }>;
  daysLeft: number | null;
}
interface CaseRow {
  id: number;
  dimension: string;
  state: string;
  closed: boolean;
  allowedActs: string[];
  next: NextInfo;
}

const DIMENSIONS = ['energy', 'environment', 'quality', 'safety', 'technology'] as const;
const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

let office: ApiSession;
let drcApi: ApiSession;
let j: Journey;

/** Opens `count` energy cases as d-drc against enterprises of 鸠江区 with no open energy case (the other journeys use 镜湖区). */
async function openEnergyCases(count: number): Promise<number[]> {
  const ents = (await office.get<{ items: EnterpriseRow[] }>('/enterprises?territoryCode=340207&limit=100')).items;
  const ids: number[] = [];
  for (const e of ents.reverse()) {
    if (ids.length >= count) break;
    const open = (await office.get<{ items: CaseRow[] }>(`/cases?enterpriseId=${e.id}&dimension=energy&closed=false&limit=5`)).items;
    if (open.length) continue;
    const c = await drcApi.post<{ id: number }>('/cases', {
      enterpriseId: e.id,
      dimension: 'energy',
      finding: { ...energyFinding, date: today() },
      openedOn: today(),
    });
    ids.push(c.id);
  }
  if (ids.length < count) throw new Error(`only ${ids.length} enterprises of 鸠江区 without an open energy case`);
  return ids;
}

async function signOutIn(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, baseUrl, username);
}

beforeAll(async () => {
  office = await apiAs(baseUrl, 'office');
  drcApi = await apiAs(baseUrl, 'd-drc');
  j = await openJourney('daily-work');
});
afterAll(async () => {
  await j?.close();
});

describe('who acts next, bulk acts, guided forms and the audit trail (issue 17 part A)', () => {
  it('a case of each dimension says who acts next, in Chinese and in English; the office is told who may act', async () => {
    const { page } = j;
    await signIn(page, baseUrl, 'office');
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByTestId('lang-switch').getByText('EN').click();
      for (const dim of DIMENSIONS) {
        const c = (await office.get<{ items: CaseRow[] }>(`/cases?dimension=${dim}&closed=false&limit=50`)).items.find(
          (x) => x.next.waitingFor.length > 0 && !x.next.waitingFor[0]!.actors.some((a) => a.role === 'office'),
        );
        expect(c, `an open ${dim} case that does not wait for the office`).toBeDefined();
        await page.goto(`${baseUrl}cases/${c!.id}`);
        const text = page.getByTestId('next-action-text');
        await text.waitFor();
        const first = c!.next.waitingFor[0]!;
        const who = first.actors.map((a) => (lang === 'zh' ? a.name : a.nameEn));
        const shown = await text.innerText();
        expect(shown.startsWith(lang === 'zh' ? '待' : 'Awaiting'), shown).toBe(true);
        for (const w of who) expect(shown).toContain(w);
        if (c!.allowedActs.length === 0) await expect.poll(() => page.getByTestId('next-action-who').innerText()).toContain(who[0]!);
        if (lang === 'zh' && dim === 'energy') await j.shot('next-action-energy');
      }
    }
    await page.getByTestId('lang-switch').getByText('中').click();
    await page.getByRole('menuitem', { name: '案件' }).waitFor();
  });

  it('bulk serve of 5 rectification orders: 4 done, 1 refused (served meanwhile) with its reason', async () => {
    const ids = await openEnergyCases(5);
    const { page } = j;
    await signOutIn(page, 'd-drc');
    // the five cases are the newest 已发现 energy cases of 鸠江区; the list shows them first
    await page.goto(`${baseUrl}cases?dimension=energy&state=found&territoryCode=340207&pageSize=100`);
    for (const id of ids) await page.locator(`tr[data-row-key="${id}"]`).waitFor();
    for (const id of ids) await page.locator(`tr[data-row-key="${id}"] .ant-table-selection-column .ant-checkbox`).click();
    await expect.poll(() => page.getByTestId('case-selected').innerText()).toContain('5');
    // somebody serves one of them meanwhile
    await drcApi.post(`/cases/${ids[2]}/acts`, { kind: 'serveRectificationOrder', date: today(), payload: {} });
    await page.getByTestId('bulk-serveRectificationOrder').click();
    await page.getByTestId('bulk-confirm').click();
    const result = page.getByTestId('bulk-result');
    await result.waitFor();
    await expect.poll(() => result.innerText()).toContain('办理 4 件，未办理 1 件');
    await page.getByTestId(`bulk-refused-${ids[2]}`).waitFor();
    expect(await page.getByTestId(`bulk-refused-${ids[2]}`).innerText()).toContain('当前状态下不允许该行为');
    await j.shot('bulk-result');
    for (const [i, id] of ids.entries()) {
      const c = await office.get<CaseRow>(`/cases/${id}`);
      expect(c.state, `case ${id}`).toBe('rectifying');
      if (i !== 2) expect(c.next.waitingFor.map((a) => a.act)).toContain('reinspect');
    }
    await page.keyboard.press('Escape');
  });

  it('the extension decision form shows and pre-fills the months requested and refuses more than the limit in the form', async () => {
    const [id] = await openEnergyCases(1);
    await drcApi.post(`/cases/${id}/acts`, { kind: 'serveRectificationOrder', date: today(), payload: {} });
    const county = await apiAs(baseUrl, 't-340207');
    await county.post(`/cases/${id}/acts`, { kind: 'applyExtension', date: today(), payload: { requestedMonths: 2, reason: '设备改造周期' } });
    const { page } = j;
    await page.goto(`${baseUrl}cases/${id}`);
    await page.getByTestId('act-approveExtension').click();
    const guide = page.getByTestId('act-guide');
    await guide.waitFor();
    await expect.poll(() => guide.innerText()).toContain('申请延期 2 个月');
    await expect.poll(() => guide.innerText()).toContain('最多 3 个月');
    const months = page.locator('.ant-modal input[id$="grantedMonths"]');
    await expect.poll(() => months.inputValue()).toBe('2');
    await j.shot('extension-prefilled');
    await months.fill('4');
    const before = (await office.get<{ timeline: unknown[] }>(`/cases/${id}`)).timeline.length;
    await page.getByTestId('act-submit').click();
    await page.getByTestId('act-error').waitFor();
    expect(await page.getByTestId('act-error').innerText()).toContain('批准的延期不得超过申请的月数（2 个月）：请改为 2 个月或以下');
    expect((await office.get<{ timeline: unknown[] }>(`/cases/${id}`)).timeline.length).toBe(before);
    await page.keyboard.press('Escape');
  });

  it("the audit page filtered by person shows that person's acts in words", async () => {
    const { page } = j;
    await signOutIn(page, 'office');
    await page.goto(`${baseUrl}audit`);
    await page.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-person').locator('.ant-select-selector').click();
    await page.keyboard.type('d-drc');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByTestId('search').click();
    await page.waitForURL(/actorId=\d+/);
    const rows = page.getByTestId('audit-table').locator('.ant-table-row');
    await rows.first().waitFor();
    await expect.poll(async () => (await rows.allInnerTexts()).every((r) => r.includes('市发展改革委'))).toBe(true);
    const texts = await rows.allInnerTexts();
    expect(
      texts.some((r) => r.includes('案件：送达限期整改通知')),
      texts.join('\n'),
    ).toBe(true);
    expect(texts.some((r) => /case\.act\.|auth\.login/.test(r))).toBe(false);
    await j.shot('audit-by-person');
    expect(j.serverErrors).toEqual([]);
  });
});
