/**
 * Journey (issue 10 item 9): in November the office loads next year's holiday calendar from the State Council notice
 * through the console page 节假日安排 — a wrong working day is refused with the field named; the corrected form is
 * in force at once: a deadline in that year answers without the unknown-year warning, with the server running.
 * The year used is far ahead (2031) so the demo data's deadlines are not touched.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('holiday calendar: the office loads a year through the console', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('calendar');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('loads 2031 from the notice; a bad working day is refused naming the field; then the year is in force', async () => {
    const office = await apiAs(baseUrl, 'office');
    const before = await office.get<{ warnings: Array<{ code: string; year: number }> }>('/calendar/deadline?from=2031-01-10&days=20');
    expect(before.warnings.map((w) => w.year)).toEqual([2031]);

    const { page } = j;
    await signIn(page, baseUrl, 'office');
    await page.getByRole('menuitem', { name: '节假日安排' }).click();
    await page.getByTestId('cal-years').locator('.ant-table-row').first().waitFor();
    // the 2019 notice is data marked unverified, not presented as checked; each year exports as .xlsx in the UI's language
    await page.getByTestId('cal-years').getByTestId('cal-unverified').first().waitFor();
    expect(await page.getByTestId('cal-export-2020').getAttribute('href')).toBe('/api/v1/calendar/years/2020/export.xlsx?lang=zh');
    await page.getByLabel('年份').fill('2031');
    await page.getByLabel('通知文号').fill('国办发明电〔2030〕9号（测试）');
    await page.getByLabel('通知日期').click();
    await page.getByLabel('通知日期').fill('2030-11-12');
    await page.keyboard.press('Enter');
    await page.getByLabel('通知网址').fill('https://www.gov.cn/zhengce/content/test-2031.htm');
    await page.getByLabel('放假日').fill('2031-01-01 2031-01-22..2031-01-28');
    // 2031-01-29 is a Wednesday: not a 调休上班日
    await page.getByLabel('调休上班日').fill('2031-01-29');
    await page.getByTestId('cal-submit').click();
    await page
      .getByTestId('cal-error')
      .getByText(/workDays\/0/)
      .waitFor();
    await j.shot('calendar-refused');

    await page.getByLabel('调休上班日').fill('2031-01-19');
    await page.getByTestId('cal-submit').click();
    await page.getByTestId('cal-result').getByText('2031 年安排已生效（第 1 版）').waitFor();
    await page.getByTestId('cal-years').getByText('国办发明电〔2030〕9号（测试）').waitFor();
    await j.shot('calendar-loaded');

    const after = await office.get<{ due: string; warnings: unknown[] }>('/calendar/deadline?from=2031-01-10&days=20');
    expect(after.warnings).toEqual([]);
    expect(after.due).toBe('2031-01-30'); // 01-30 falls after the 01-22..28 block: not moved; the block was known
    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
