/**
 * Smoke journey: the office signs in, sees the workbench, opens 企业台账, searches by a Chinese name fragment and
 * opens an enterprise page. Also: the public page opens without a login, and the console lays out at tablet width.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type EnterpriseRow } from './support/api.ts';
import { SCREENSHOTS, openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('smoke: office finds an enterprise', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('smoke');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('signs in, searches the registry by a Chinese name fragment and opens the enterprise', async () => {
    const office = await apiAs(baseUrl, 'office');
    const sample = (await office.get<{ items: EnterpriseRow[] }>('/enterprises?limit=1&sort=name')).items[0];
    expect(sample).toBeDefined();
    const fragment = sample!.name.slice(0, 2);
    expect(fragment).toMatch(/^[\u4e00-\u9fff]{2}$/);

    const { page } = j;
    await page.goto(`${baseUrl}login`);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await j.shot('login');
    await signIn(page, baseUrl, 'office');
    await page.getByText('市淘汰落后产能工作领导小组办公室，您好').waitFor();
    await j.shot('workbench');

    // The office's menu, and nothing else.
    const menu = page.locator('.console-sider .ant-menu-item');
    await expect
      .poll(() => menu.allInnerTexts())
      .toEqual([
        '工作台',
        '企业台账',
        '生产线',
        '案件',
        '总览',
        '问题清单',
        '退出计划',
        '督导',
        '审计日志',
        '用户',
        '待审批事项',
        '差别化信贷名单',
        '职工安置',
        '差别电价',
        '腾退土地',
        '公开名单',
        '举报线索',
        '年终验收与总结',
        '后台任务',
        '节假日安排',
        '企业登记确认',
      ]);

    await page.getByRole('menuitem', { name: '企业台账' }).click();
    await page.waitForURL(/\/enterprises$/);
    await page.locator('.ant-table-row').first().waitFor();
    await j.shot('enterprise-list');

    await page.getByRole('textbox', { name: '名称' }).fill(fragment);
    await page.getByRole('textbox', { name: '名称' }).press('Enter');
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(fragment)}`));
    // Wait until the table shows the answer to the search (every row matches the fragment).
    const rowNames = () => page.locator('.ant-table-row td:first-child a').allInnerTexts();
    await expect
      .poll(
        async () => {
          const names = await rowNames();
          return names.length > 0 && names.every((n) => n.includes(fragment));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await j.shot('enterprise-search');

    const first = page.locator('.ant-table-row').first();
    const chosenName = await first.locator('td:first-child a').innerText();
    const chosenCode = await first.locator('td:nth-child(2)').innerText();
    await first.locator('td:first-child a').click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByTestId('enterprise-profile').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 4 }).innerText()).toBe(chosenName);
    await page.getByTestId('enterprise-profile').getByText(chosenCode).waitFor();
    await page.getByRole('tab', { name: /生产线/ }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await j.shot('enterprise-detail');

    // Language switch: English labels, persisted across a reload.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByRole('menuitem', { name: 'Enterprises' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'Enterprises' }).waitFor();
    await j.shot('enterprise-detail-en');
    await page.getByTestId('lang-switch').getByText('中').click();
    await page.getByRole('menuitem', { name: '企业台账' }).waitFor();

    // Pages whose APIs may not be deployed yet still render (empty state, no crash).
    for (const [path, title] of [
      ['/cases', '案件'],
      ['/overview', '总览'],
      ['/lines', '生产线'],
      ['/audit', '审计日志'],
      ['/users', '用户'],
    ] as const) {
      await page.goto(`${baseUrl}${path.slice(1)}`);
      await page.getByRole('heading', { name: title, level: 4 }).waitFor();
      await page.waitForLoadState('networkidle');
      await j.shot(path.slice(1));
    }

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });

  it('the public page opens without a login', async () => {
    const p = await j.context.newPage();
    const errors: string[] = [];
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await j.context.clearCookies();
    const calls: string[] = [];
    p.on('request', (r) => {
      if (r.url().includes('/api/')) calls.push(r.url());
    });
    await p.goto(`${baseUrl}public`);
    // server-rendered (server/public-site): the four lists of §3.3
    await p.getByRole('heading', { name: '公开名单', level: 1 }).waitFor();
    for (const list of ['黄牌名单', '红牌名单', '超标排放企业名单', '年度落后产能退出名单']) await p.getByRole('link', { name: list, exact: true }).waitFor();
    await p.screenshot({ path: path.join(SCREENSHOTS, 'public-01-lists.png'), fullPage: true });
    expect(calls).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('lays out at tablet width (768 px): collapsed sider, table scrolls', async () => {
    const t = await openJourney('tablet', { width: 768, height: 1024 });
    try {
      await signIn(t.page, baseUrl, 't-340202');
      await t.page.goto(`${baseUrl}enterprises`);
      await t.page.locator('.ant-table-row').first().waitFor();
      const sider = await t.page.locator('.console-sider').boundingBox();
      expect(sider?.width).toBeLessThanOrEqual(80);
      const overflow = await t.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await t.shot('enterprise-list-768');
      expect(t.serverErrors).toEqual([]);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
