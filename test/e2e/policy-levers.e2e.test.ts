/**
 * Issue 15 journeys:
 *   (bank) the bank signs in and lands on 差别化信贷名单 (its only page), finds an enterprise under a §2.2 restriction
 *          by its credit code, and exports the list as Excel (the file holds it, with names);
 *   (gov)  the city government opens 待审批事项, sees a §2.2 serious case waiting with the days waited, opens the
 *          enterprise page (readable for it), and approves the closure from the queue with a reason; the case moves
 *          to "approved" and leaves the queue; below the queue, the exited capacity by industry, one chart per unit.
 * Set-up through the API as the office and the ecology bureau (a new enterprise and two environment cases).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiAs, type ApiSession } from './support/api.ts';
import { DEMO_PASSWORD, openJourney, signIn, type Journey } from './support/browser.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';

const baseUrl = inject('baseUrl');
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const envFinding = { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' };

async function signInAs(page: Page, username: string, landing: RegExp) {
  await page.goto(`${baseUrl}login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL(landing);
}

describe('issue 15: the bank and the city government', () => {
  let office: ApiSession;
  let eco: ApiSession;
  const restricted = { creditCode: code('91340202MA2N0E2E1'), name: '镜湖旭日铸造有限公司' };
  const serious = { creditCode: code('91340207MA2N0E2E2'), name: '鸠江恒远水泥有限公司' };
  let seriousEnt = 0;
  let seriousCase = 0;

  beforeAll(async () => {
    office = await apiAs(baseUrl, 'office');
    eco = await apiAs(baseUrl, 'd-eco');
    const mk = async (e: { creditCode: string; name: string }, territoryCode: string) =>
      (await office.post<{ id: number }>('/enterprises', { ...e, territoryCode, industryCode: 'steel' })).id;
    const open = async (enterpriseId: number) =>
      (await office.post<{ id: number }>('/cases', { enterpriseId, dimension: 'environment', finding: envFinding, openedOn: today })).id;
    const act = (id: number, kind: string, payload: object = {}) => eco.post(`/cases/${id}/acts`, { kind, date: today, payload });
    const a = await open(await mk(restricted, '340202'));
    await act(a, 'orderRestriction');
    seriousEnt = await mk(serious, '340207');
    seriousCase = await open(seriousEnt);
    await act(seriousCase, 'orderSuspension');
    await act(seriousCase, 'recheck', { result: 'fail' });
    await act(seriousCase, 'declareSerious', { reason: '停产整治后复查仍超标排放' });
    await act(seriousCase, 'requestGovernmentApproval');
  });

  describe('the bank', () => {
    let j: Journey;
    beforeAll(async () => {
      j = await openJourney('bank-credit');
    });
    afterAll(async () => j?.close());

    it('lands on the credit list, finds an enterprise by credit code and exports the list', async () => {
      const { page } = j;
      await signInAs(page, 'bank', /\/credit/);
      await page.getByRole('heading', { name: '差别化信贷名单' }).waitFor();
      // the bank's menu holds its list and nothing else
      const menu = await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
      expect(menu.map((s) => s.trim())).toEqual(['差别化信贷名单']);
      await page.getByTestId('credit-q').fill(restricted.creditCode);
      await page.getByTestId('search').click();
      const row = page.getByTestId('credit-table').locator('tbody tr', { hasText: restricted.creditCode });
      await row.waitFor();
      await expect.poll(() => page.getByTestId('credit-table').locator('tbody tr.ant-table-row').count()).toBe(1);
      const text = await row.innerText();
      expect(text).toContain(restricted.name);
      expect(text).toContain('限制生产');
      expect(text).toContain('市生态环境局');
      await j.shot('found');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(download.suggestedFilename()).toMatch(/^差别化信贷名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const file = await download.path();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('差别化信贷名单')!;
      const rows: string[] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
      expect(rows[0]).toBe('序号|统一社会信用代码|企业名称|属地|行业|措施|起始日期|牵头部门|依据');
      expect(rows.some((r) => r.includes(restricted.creditCode) && r.includes(restricted.name) && r.includes('镜湖区'))).toBe(true);
      // the bank cannot open a registry page
      await page.goto(`${baseUrl}enterprises`);
      await page.getByText('无权访问此页面').waitFor();
      expect(j.errors).toEqual([]);
      expect(j.serverErrors).toEqual([]);
    });
  });

  describe('the city government', () => {
    let j: Journey;
    beforeAll(async () => {
      j = await openJourney('gov-approval');
    });
    afterAll(async () => j?.close());

    it('approves a §2.2 closure from its queue, with a reason', async () => {
      const { page } = j;
      await signIn(page, baseUrl, 'gov');
      await page.getByRole('menuitem', { name: '待审批事项' }).click();
      await page.getByRole('heading', { name: '待审批事项' }).waitFor();
      const row = page.getByTestId('approval-queue').locator('tbody tr', { hasText: serious.name });
      await row.waitFor();
      expect(await row.innerText()).toContain('0 天');
      // the enterprise page opens for the government
      await row.getByRole('link', { name: serious.name }).click();
      await page.waitForURL(new RegExp(`/enterprises/${seriousEnt}$`));
      await page.getByText(serious.creditCode).first().waitFor();
      await page.goBack();
      await page.getByTestId(`approve-${seriousCase}`).click();
      // the reason is required
      await page.getByRole('button', { name: '保 存' }).click();
      await page.getByText('请填写理由').waitFor();
      await page.getByTestId('decision-reason').fill('情节严重，同意责令关闭');
      await page.getByTestId('decision-doc').fill('芜政秘〔2020〕88号');
      await j.shot('decision');
      await page.getByRole('button', { name: '保 存' }).click();
      await page.getByText('已提交决定').waitFor();
      await expect.poll(() => page.getByTestId('approval-queue').locator('tbody tr', { hasText: serious.name }).count()).toBe(0);
      const c = await office.get<{ state: string; timeline: Array<{ kind: string; payload: { decision?: string; reason?: string } }> }>(
        `/cases/${seriousCase}`,
      );
      expect(c.state).toBe('approved');
      expect(c.timeline.at(-1)).toMatchObject({ kind: 'recordGovernmentApproval', payload: { decision: 'approved', reason: '情节严重，同意责令关闭' } });
      // the exited capacity by industry: one chart per capacity unit, never two units in one chart
      await page.getByTestId('exited-capacity').waitFor();
      const units = await page
        .locator('[data-testid^="exited-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).filter((x) => x !== 'exited-capacity'));
      expect(new Set(units).size).toBe(units.length);
      await j.shot('approved');
      expect(j.errors).toEqual([]);
      expect(j.serverErrors).toEqual([]);
    });
  });
});
