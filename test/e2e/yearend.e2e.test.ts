/**
 * Journey: the year's count (plan §3.4), through the console.
 *   a county officer fills in the acceptance certificate of a dismantled (shut, awaiting acceptance) technology case
 *   of its county — every check answered with evidence, workers resettled — records the enterprise representative's
 *   signature with the signed scan and signs for the county; the lead city department signs last (the exit now
 *   counts); the county submits its year summary; the office accepts it and consolidates the city report; the city
 *   government approves it (locked); the office downloads the exits workbook and the Word report.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, type ApiSession } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface CaseRow {
  id: number;
  territoryCode: string;
  state: string;
}

let n = 0;
async function uploadVia(page: Page, testId: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(testId).click()]);
  n++;
  await chooser.setFiles({ name: `evidence-${n}.png`, mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.from([n])]) });
}

describe('journey: certificate → summary → consolidated report → approval → downloads', () => {
  let county: Journey;
  let office: Journey;
  let gov: Journey;
  let officeApi: ApiSession;
  let target: CaseRow;
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

  beforeAll(async () => {
    officeApi = await apiAs(baseUrl, 'office');
    const list = await officeApi.get<{ items: CaseRow[] }>('/cases?dimension=technology&state=dismantled&limit=50');
    target = list.items[0]!;
    expect(target, 'a demo technology case in dismantled').toBeDefined();
    county = await openJourney('yearend-county');
    office = await openJourney('yearend-office');
    gov = await openJourney('yearend-gov');
  });
  afterAll(async () => {
    await county?.close();
    await office?.close();
    await gov?.close();
  });

  it('the county fills in and signs the certificate; the department signs last and the exit counts', async () => {
    const { page } = county;
    const user = `t-${target.territoryCode}`;
    await signIn(page, baseUrl, user);
    await page.getByRole('menuitem', { name: '年终验收与总结' }).click();
    await page.getByTestId(`open-certificate-${target.id}`).click();
    await page.getByTestId('cert-status').waitFor();
    expect(await page.getByTestId('cert-status').innerText()).toBe('未填写');
    for (const key of ['productionCeased', 'equipmentDismantled', 'noRestart', 'workersResettled', 'sitePhotos']) {
      await page.getByTestId(`check-${key}`).getByText('是', { exact: true }).click();
      await uploadVia(page, `upload-${key}`);
      await expect.poll(() => page.getByTestId(`evidence-count-${key}`).innerText(), { timeout: 20_000 }).toBe('1');
    }
    // cutting water and power: not applicable unless the case recorded it
    const na = page.getByTestId('check-powerWaterCut').getByText('不适用', { exact: true });
    if ((await na.count()) > 0) await na.click();
    else {
      await page.getByTestId('check-powerWaterCut').getByText('是', { exact: true }).click();
      await uploadVia(page, 'upload-powerWaterCut');
    }
    await page.getByTestId('workers-employees').fill('20');
    await page.getByTestId('workers-resettled').fill('20');
    await uploadVia(page, 'upload-workers');
    await page.getByTestId('cert-opinion').fill('主体设备已拆除，同意验收');
    await page.getByTestId('cert-save').click();
    await page.getByTestId('cert-next').getByText('待签署').waitFor();
    await county.shot('certificate-filled');

    // the enterprise representative's signature, recorded with the signed scan; then the county's
    await page.getByTestId('sign-name').fill('企业法定代表人');
    await uploadVia(page, 'upload-scan');
    await expect.poll(() => page.getByTestId('scan-count').innerText(), { timeout: 20_000 }).toBe('1');
    await page.getByTestId('sign-submit').click();
    await page.getByTestId('cert-next').getByText('县区').waitFor();
    await page.getByTestId('sign-name').fill('县区验收负责人');
    await page.getByTestId('sign-submit').click();
    await page.getByTestId('cert-next').getByText('市牵头部门').waitFor();
    const dept = await apiAs(baseUrl, 'd-eit');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const signed = await dept.post<{ complete: boolean; number: string }>(`/cases/${target.id}/certificate/sign`, {
      unit: 'department',
      signerName: '市经信局',
      date: today,
    });
    expect(signed.complete).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('cert-status').innerText(), { timeout: 20_000 }).toBe('已完成');
    const c = await officeApi.get<{ state: string; outcome: string }>(`/cases/${target.id}`);
    expect(c).toMatchObject({ state: 'closed', outcome: 'exited' });
    expect(county.errors).toEqual([]);
    expect(county.serverErrors).toEqual([]);
  });

  it('the county submits its summary; the office accepts it and consolidates; the government approves; the office downloads', async () => {
    const { page } = county;
    await page.goto(`${baseUrl}yearend`);
    await page.getByRole('tab', { name: '年度总结' }).click();
    await page.getByTestId('summary-open').click();
    await page.getByTestId('summary-editor').waitFor();
    await page.getByTestId('summary-narrative').fill(`${year}年本县区依法关停退出落后产能，均以验收单为据。`);
    await page.getByTestId('summary-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByTestId('summary-submit').click();
    await expect.poll(() => page.getByTestId('summary-status').innerText(), { timeout: 20_000 }).toBe('已提交');
    await county.shot('summary-submitted');

    const o = office.page;
    await signIn(o, baseUrl, 'office');
    await o.goto(`${baseUrl}yearend`);
    await o.getByRole('tab', { name: '年度总结' }).click();
    await o
      .getByTestId('summary-table')
      .locator('a', { hasText: /区|县|市/ })
      .first()
      .click();
    await o.getByTestId('summary-accept').click();
    await expect.poll(() => o.getByTestId('summary-status').innerText(), { timeout: 20_000 }).toBe('已采纳');
    await o.getByRole('tab', { name: '市级报告' }).click();
    await o.getByTestId('report-consolidate').click();
    await expect.poll(() => o.getByTestId('report-status').innerText(), { timeout: 20_000 }).toBe('待审定');
    await expect.poll(() => o.getByTestId('report-figures').locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await office.shot('report-draft');

    const g = gov.page;
    await signIn(g, baseUrl, 'gov');
    await g.goto(`${baseUrl}yearend`);
    await g.getByRole('tab', { name: '市级报告' }).click();
    await g.getByTestId('report-approve').click();
    await expect.poll(() => g.getByTestId('report-status').innerText(), { timeout: 20_000 }).toBe('市政府已审定');
    await gov.shot('report-approved');

    await o.reload();
    await o.getByRole('tab', { name: '市级报告' }).click();
    await expect.poll(() => o.getByTestId('report-status').innerText(), { timeout: 20_000 }).toBe('市政府已审定');
    const [xlsx] = await Promise.all([o.waitForEvent('download'), o.getByTestId('exits-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/退出清单\.xlsx$/);
    const [docx] = await Promise.all([o.waitForEvent('download'), o.getByTestId('report-docx').click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    for (const j of [county, office, gov]) {
      expect(j.errors).toEqual([]);
      expect(j.serverErrors).toEqual([]);
    }
  });
});
