/**
 * The record lists on their shared scaffolding (web/src/components/RecordListPage.tsx): the office records worker
 * resettlement and a freed-land parcel (plan §2.6) through each page's drawer (the enterprise found by name), finds the
 * record by the search field (and a parcel by the status filter), and exports each list as Excel; on the tips page
 * (举报线索, issue 14) the county responsible for a tip finds it by its tracking code and status, exports the list,
 * orders a re-inspection from the tip's drawer and resets the filter. Set-up: one enterprise of its own (API) and one tip (the public form).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';

const baseUrl = inject('baseUrl');
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const ent = { creditCode: code('91340202MA2N0RLP1'), name: '镜湖列表安置铸造有限公司' };

/** Picks the enterprise in a drawer's search select (test id on its input) by typing part of its name. */
async function pickEnterprise(page: Page, testId: string) {
  await page.getByTestId(testId).locator('input').fill('列表安置');
  await page.locator('.ant-select-item-option', { hasText: ent.creditCode }).click();
}

/** Picks `option` in the filter card's select (its input's id `fieldId`), searches, and waits for the URL to carry it. */
async function filterBy(page: Page, fieldId: string, option: string, url: RegExp) {
  await page.locator('.ant-select', { has: page.locator(`#${fieldId}`) }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).click();
  await page.getByTestId('search').click();
  await page.waitForURL(url);
}

async function exportedRows(page: Page, sheetName: string, filename: RegExp): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toMatch(filename);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const rows: string[] = [];
  wb.getWorksheet(sheetName)!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
  return rows;
}

describe('resettlement and freed-land lists (§2.6)', () => {
  let j: Journey;
  beforeAll(async () => {
    const office = await apiAs(baseUrl, 'office');
    await office.post('/enterprises', { ...ent, territoryCode: '340202', industryCode: 'steel' });
    j = await openJourney('record-lists');
    await signIn(j.page, baseUrl, 'office');
  });
  afterAll(async () => j?.close());

  it('records worker resettlement, finds it by credit code (kept in the URL), and exports the list', async () => {
    const { page } = j;
    await page.goto(`${baseUrl}resettlement`);
    await page.getByRole('heading', { name: '职工安置' }).waitFor();
    await page.getByTestId('res-new').click();
    await pickEnterprise(page, 'res-enterprise');
    await page.getByTestId('res-workersAffected').fill('40');
    await page.getByTestId('res-save').click();
    await page.getByText('已保存').waitFor();
    await page.getByLabel('信用代码或名称').fill(ent.creditCode);
    await page.getByTestId('search').click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    const row = await page.locator('.ant-table-tbody tr.ant-table-row').innerText();
    expect(row).toContain(ent.name);
    expect(row).toContain('40');
    expect(page.url()).toContain(`q=${ent.creditCode}`);
    await j.shot('resettlement-found');
    const rows = await exportedRows(page, '职工安置', /^职工安置-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(rows.some((r) => r.includes(ent.creditCode) && r.includes(ent.name))).toBe(true);
    expect(j.errors).toEqual([]);
    expect(j.serverErrors).toEqual([]);
  });

  it('records a freed-land parcel, finds it by name and by status, and exports the list', async () => {
    const { page } = j;
    await page.goto(`${baseUrl}land`);
    await page.getByRole('heading', { name: '腾退土地' }).waitFor();
    await page.getByRole('button', { name: '登记腾退土地' }).click();
    await pickEnterprise(page, 'land-enterprise');
    await page.getByLabel('面积(平方米)').fill('12000');
    await page.getByLabel('坐落').fill('镜湖区列表路1号');
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /保\s?存/ })
      .click();
    await page.getByText('已保存').first().waitFor();
    await page.getByLabel('信用代码或名称').fill(ent.name);
    await page.getByTestId('search').click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    const row = await page.locator('.ant-table-tbody tr.ant-table-row').innerText();
    expect(row).toContain('镜湖区列表路1号');
    expect(row).toContain('闲置');
    expect(page.url()).toContain('q=');
    // the page's select filter: another status finds nothing, the parcel's own finds it again
    await filterBy(page, 'land-filter_status', '规划中', /status=planning/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    await filterBy(page, 'land-filter_status', '闲置', /status=idle/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await j.shot('land-found');
    const rows = await exportedRows(page, '腾退土地', /^腾退土地-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(rows.some((r) => r.includes(ent.name) && r.includes('镜湖区列表路1号'))).toBe(true);
    expect(j.errors).toEqual([]);
    expect(j.serverErrors).toEqual([]);
  });

  it('finds a tip by its tracking code and status, resets the filter, exports the list and triages the tip in its drawer', async () => {
    const { page } = j;
    const description = `列表页复查测试：停产线夜间有机器声 ${Date.now() % 100000}`;
    // the public form, as a visitor sends it (no session: the browser's office session would ask for its CSRF token)
    const submitted = await fetch(`${baseUrl}public/tips`, {
      method: 'POST',
      body: new URLSearchParams({ service_code: 'restart', territory_code: '340202', description }),
    });
    expect(submitted.status).toBe(201);
    const trackingCode = /id="tracking-code">([0-9A-Z]+)</.exec(await submitted.text())![1]!;

    // the tip's responsible unit (镜湖区) triages it; the office only reads it
    await j.context.clearCookies();
    await signIn(page, baseUrl, 't-340202');
    await page.goto(`${baseUrl}tips`);
    await page.getByRole('heading', { name: '举报线索' }).waitFor();
    await page.getByRole('searchbox', { name: '搜索查询码、企业或描述' }).fill(trackingCode);
    await page.getByTestId('search').click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row', { hasText: trackingCode });
    await row.getByText('镜湖区').first().waitFor();
    await row.getByText('已受理，待核查').waitFor();
    // the status select: another status finds nothing, the tip's own finds it again
    await filterBy(page, 'tips-filter_status', '已合并', /status=merged/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    await filterBy(page, 'tips-filter_status', '已受理，待核查', /status=received/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    const rows = await exportedRows(page, '举报线索', /^举报线索\.xlsx$/);
    expect(rows.some((r) => r.includes(trackingCode) && r.includes('镜湖区'))).toBe(true);
    await j.shot('tips-found');

    await row.getByText(trackingCode).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText(description).waitFor();
    await drawer.getByText('安排复查', { exact: true }).click();
    await drawer.getByRole('textbox', { name: '说明' }).fill('已安排镜湖区经信局夜间复查');
    await drawer.getByRole('button', { name: /提\s?交/ }).click();
    await page.getByText('已处理').first().waitFor();
    // the list reloads under the same filter (status received): the tip has moved on
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    // 重置 clears the filter from the URL and the fields
    await page.getByRole('button', { name: /重\s?置/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(await page.getByRole('searchbox', { name: '搜索查询码、企业或描述' }).inputValue()).toBe('');
    await page.locator('.ant-table-row', { hasText: trackingCode }).getByText('已安排现场复查').waitFor();
    expect(j.errors).toEqual([]);
    expect(j.serverErrors).toEqual([]);
  });
});
