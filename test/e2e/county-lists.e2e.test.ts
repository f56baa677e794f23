/**
 * Issue 17 item 2 (lists for work), the county's view: the county officer t-340202 (镜湖区) is offered its own
 * territory only in the territory filter of the case list and the line list (the others are out of its scope), and
 * the line list names each line and its territory; the office is offered every territory.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

/** The options of the filter select labelled `label` (opened, read, closed). */
async function filterOptions(page: Page, label: string): Promise<string[]> {
  const item = page.locator('.filter-card .ant-form-item', { has: page.locator(`label:text-is("${label}")`) });
  await item.locator('.ant-select-selector').click();
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await options.first().waitFor();
  const texts = (await options.allInnerTexts()).map((x) => x.trim());
  await page.keyboard.press('Escape');
  return texts;
}

/** The cells of the column headed `header` (columns found by their heading). */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const heads = (await page.locator('.ant-table-thead > tr > th').allInnerTexts()).map((h) => h.trim());
  const at = heads.indexOf(header);
  expect(at, `a column headed ${header} among ${heads.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return page.locator(`.ant-table-tbody > tr.ant-table-row > td:nth-child(${at + 1})`).allInnerTexts();
}

describe('issue 17 item 2: a county sees its own territory in the filters; the line list names line and territory', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('county-lists');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('the county officer of 镜湖区 is offered 镜湖区 only; the lines show name and territory', async () => {
    const page = j.page;
    await signIn(page, baseUrl, 't-340202');
    await page.goto(`${baseUrl}cases`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await filterOptions(page, '属地')).toEqual(['镜湖区']);

    await page.goto(`${baseUrl}lines`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await filterOptions(page, '属地')).toEqual(['镜湖区']);
    const names = await columnTexts(page, '生产线/设备名称');
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.trim().length > 0)).toBe(true);
    expect(new Set(await columnTexts(page, '属地'))).toEqual(new Set(['镜湖区']));
    await j.shot('county-lines');
    expect(j.serverErrors).toEqual([]);
  });

  it('the office is offered every territory', async () => {
    await j.context.clearCookies();
    await signIn(j.page, baseUrl, 'office');
    await j.page.goto(`${baseUrl}cases`);
    await j.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const options = await filterOptions(j.page, '属地');
    expect(options).toContain('镜湖区');
    expect(options.length).toBeGreaterThan(5);
  });
});
