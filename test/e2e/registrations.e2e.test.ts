/**
 * Issue 19, item 5 (gap C): the city office opens 企业登记确认 from its menu, finds a county's registration of a credit
 * code already registered in another territory (set up through the API as 镜湖区, which got 202 and a pending record —
 * the same answer as for a free code), sees the enterprise registered elsewhere by name, and rejects it with a reason;
 * the row then says 已退回 and nobody acts next. A county account has no such menu entry.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type EnterpriseRow } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('the office resolves a pending registration (issue 19, item 5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('registrations');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('office: menu → list (search, names, who acts next) → reject with a reason', async () => {
    const office = await apiAs(baseUrl, 'office');
    const all = await office.get<{ items: EnterpriseRow[] }>('/enterprises?limit=100');
    const foreign = all.items.find((e) => e.territoryCode !== '340202');
    expect(foreign, 'the demo city has enterprises outside 镜湖区').toBeDefined();
    const county = await apiAs(baseUrl, 't-340202');
    const name = `镜湖区同码登记浏览器测试${Date.now() % 100000}有限公司`;
    const reg = await county.post<{ id: number; state: string; registeredEnterprise: unknown }>('/enterprises', {
      creditCode: foreign!.creditCode,
      name,
      territoryCode: '340202',
      industryCode: 'steel',
    });
    expect(reg).toMatchObject({ state: 'pending', registeredEnterprise: null });

    const { page } = j;
    await signIn(page, baseUrl, 'office');
    await page.getByRole('menuitem', { name: '企业登记确认' }).click();
    await page.waitForURL(/\/enterprise-registrations$/);
    await page.getByRole('heading', { name: '企业登记确认', level: 4 }).waitFor();

    await page.getByRole('searchbox', { name: '企业名称或统一社会信用代码' }).fill(name);
    await page.getByRole('searchbox', { name: '企业名称或统一社会信用代码' }).press('Enter');
    await page.waitForURL(/q=/);
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    // names, not codes: the registering territory, and the enterprise registered elsewhere with its territory
    await row.getByText('镜湖区').first().waitFor();
    await row.getByText(`${foreign!.name}（${foreign!.territoryName}）`).waitFor();
    await row.getByText('待市办确认').waitFor();
    await row.getByText('市推进落后产能退出工作办公室').waitFor();
    await j.shot('pending-list');

    await row.getByText('处理', { exact: true }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('并入已登记企业', { exact: true }).waitFor();
    await drawer.getByText('将已登记企业转入登记属地', { exact: true }).waitFor();
    await drawer.getByText('退回', { exact: true }).click();
    // a rejection needs its reason: the console says so before asking the server
    await drawer.getByRole('button', { name: /确认处理/ }).click();
    await drawer.getByText('退回须说明理由').waitFor();
    await drawer.getByRole('textbox', { name: '处理说明' }).fill('与鸠江区已登记企业为同一企业，请勿重复登记');
    await j.shot('resolve-drawer');
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/enterprise-registrations/${reg.id}/resolve`));
    await drawer.getByRole('button', { name: /确认处理/ }).click();
    expect((await answer).status()).toBe(200);
    await page.getByText('已处理，已通知登记属地').waitFor();
    await row.getByText('已退回（重复登记）').waitFor();
    await j.shot('resolved');

    const after = await office.get<{ state: string; nextActor: string | null; resolutionNote: string }>(`/enterprise-registrations/${reg.id}`);
    expect(after).toMatchObject({ state: 'rejected', nextActor: null, resolutionNote: '与鸠江区已登记企业为同一企业，请勿重复登记' });

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
