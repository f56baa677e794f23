/**
 * Journey 4: the county officer t-340202 (镜湖区) signs in and cannot see an enterprise of another territory —
 * not in the list, not by searching its credit code, and not by typing its URL (the server answers 404 and the
 * page says "not found"). The enterprise is found through the API as the office first.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type EnterpriseRow } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('journey 4: territory scope', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('scope');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('t-340202 cannot see an enterprise of another territory, even by typing its URL', async () => {
    const office = await apiAs(baseUrl, 'office');
    const all = await office.get<{ items: EnterpriseRow[] }>('/enterprises?limit=100');
    const foreign = all.items.find((e) => e.territoryCode !== '340202');
    const own = all.items.find((e) => e.territoryCode === '340202');
    expect(foreign, 'the demo city has enterprises outside 镜湖区').toBeDefined();

    const { page } = j;
    await signIn(page, baseUrl, 't-340202');
    await j.shot('workbench');
    // The territory menu: no overview, audit or users.
    await expect
      .poll(() => page.locator('.console-sider .ant-menu-item').allInnerTexts())
      .toEqual(['工作台', '企业台账', '生产线', '案件', '问题清单', '退出计划', '督导', '职工安置', '腾退土地', '公开名单', '举报线索', '年终验收与总结']);

    await page.getByRole('menuitem', { name: '企业台账' }).click();
    // The workbench also shows tables (its cases): wait for the enterprise list itself before reading its rows.
    await page.waitForURL(/\/enterprises$/);
    await page.getByRole('heading', { name: '企业台账', level: 4 }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    const territories = await page.locator('.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(territories.length).toBeGreaterThan(0);
    expect(new Set(territories)).toEqual(new Set(['镜湖区']));
    await j.shot('enterprise-list');

    // Searching the foreign enterprise's credit code finds nothing.
    await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(foreign!.creditCode);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/creditCode=/);
    await page.locator('.ant-table-placeholder').waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(0);
    await j.shot('search-foreign');

    // Typing its URL: the server answers 404, the page says not found and shows none of its data.
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/enterprises/${foreign!.id}`));
    await page.goto(`${baseUrl}enterprises/${foreign!.id}`);
    expect((await answer).status()).toBe(404);
    await page.getByTestId('enterprise-not-found').waitFor();
    expect(await page.getByText(foreign!.name).count()).toBe(0);
    expect(await page.getByText(foreign!.creditCode).count()).toBe(0);
    await j.shot('foreign-by-url');

    // Its own enterprises open normally.
    if (own) {
      await page.goto(`${baseUrl}enterprises/${own.id}`);
      await page.getByTestId('enterprise-profile').waitFor();
      await page.getByText(own.creditCode).first().waitFor();
      await j.shot('own-enterprise');
    }

    // A page outside the role: 403 in the console (the server refuses the data anyway).
    await page.goto(`${baseUrl}overview`);
    await page.getByText('无权访问此页面').waitFor();
    await j.shot('overview-forbidden');

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
