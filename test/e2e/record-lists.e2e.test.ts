/**
 * The per-enterprise record lists (plan §2.6) on their shared scaffolding (web/src/components/RecordListPage.tsx):
 * the office records worker resettlement and a freed-land parcel through each page's drawer (the enterprise found by
 * name), finds the record by the search field (and a parcel by the status filter), and exports each list as Excel.
 * Set-up through the API: one enterprise of its own.
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
    await page.locator('.ant-select', { has: page.locator('#land-filter_status') }).click();
    await page.locator('.ant-select-item-option', { hasText: '规划中' }).click();
    await page.getByTestId('search').click();
    await page.waitForURL(/status=planning/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    await page.locator('.ant-select', { has: page.locator('#land-filter_status') }).click();
    await page.locator('.ant-select-item-option', { hasText: '闲置' }).click();
    await page.getByTestId('search').click();
    await page.waitForURL(/status=idle/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await j.shot('land-found');
    const rows = await exportedRows(page, '腾退土地', /^腾退土地-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(rows.some((r) => r.includes(ent.name) && r.includes('镜湖区列表路1号'))).toBe(true);
    expect(j.errors).toEqual([]);
    expect(j.serverErrors).toEqual([]);
  });
});
