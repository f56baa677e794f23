/**
 * Issue 11 journey: a county officer serves an energy rectification order from the case page; the act issues the
 * numbered 限期整改通知书 (镜政淘汰〔year〕n号), which appears in the case's documents; the officer records its service
 * (送达) and downloads the notice — the .docx is opened and checked for its number, title, enterprise and due date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type ApiSession, type EnterpriseRow } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';

const baseUrl = inject('baseUrl');
const zhDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

describe('documents: the county officer serves an energy order, downloads the notice, sees it in the case’s documents', () => {
  let county: Journey;
  let countyApi: ApiSession;
  let office: ApiSession;

  beforeAll(async () => {
    county = await openJourney('documents-county');
    countyApi = await apiAs(baseUrl, 't-340202');
    office = await apiAs(baseUrl, 'office');
  });
  afterAll(async () => county?.close());

  it('serves the order, records the service, downloads the numbered 限期整改通知书', async () => {
    // an enterprise of 镜湖区 with operating lines and no case, and an energy case opened on it through the API
    const ents = await office.get<{ items: EnterpriseRow[] }>('/enterprises?territoryCode=340202&limit=100');
    let ent: EnterpriseRow | undefined;
    let lineIds: number[] = [];
    for (const e of ents.items.reverse()) {
      const cases = await office.get<{ total: number }>(`/cases?enterpriseId=${e.id}&limit=1`);
      const lines = await office.get<{ items: Array<{ id: number; state: string }> }>(`/enterprises/${e.id}/lines`);
      if (cases.total === 0 && lines.items.length > 0 && lines.items.every((l) => l.state === 'operating')) {
        ent = e;
        lineIds = lines.items.map((l) => l.id);
        break;
      }
    }
    expect(ent, 'an enterprise of 镜湖区 without cases').toBeDefined();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const opened = await countyApi.post<{ id: number }>('/cases', {
      enterpriseId: ent!.id,
      dimension: 'energy',
      lineIds,
      finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '电炉炼钢工序', measured: '205', limit: '171', unit: 'kgce/t', date: today },
      openedOn: today,
    });

    const { page } = county;
    await signIn(page, baseUrl, 't-340202');
    await page.goto(`${baseUrl}cases/${opened.id}`);
    await page.getByTestId('act-serveRectificationOrder').click();
    await page.getByTestId('act-submit').click();
    await expect.poll(() => page.getByTestId('case-state').innerText(), { timeout: 15_000 }).toBe('限期整改');

    // the act issued the notice: it is listed in the case's documents with its number, waiting to be served
    const item = page.getByTestId('doc-rectification-notice');
    await item.waitFor({ timeout: 15_000 });
    const number = await item.getByTestId('doc-number').innerText();
    expect(number).toMatch(/^镜政淘汰〔\d{4}〕\d+号$/);
    expect(await item.getByTestId('doc-title').innerText()).toBe('限期整改通知书');
    expect(await item.innerText()).toContain('待送达');
    await county.shot('case-documents');

    // 送达: direct service on the act's date, to the enterprise
    await item.getByTestId('doc-serve').click();
    const modal = page.locator('.ant-modal-content');
    await expect.poll(() => modal.getByTestId('serve-recipient').inputValue()).toBe(ent!.name);
    await page.getByTestId('serve-submit').click();
    await page.getByText('送达已登记').waitFor();
    await item.getByTestId('doc-served').waitFor();
    expect(await item.innerText()).toContain('已送达');

    // download the notice and open it
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('doc-download-docx').click()]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-e2e-doc-'));
    try {
      const file = path.join(dir, 'notice.docx');
      await download.saveAs(file);
      expect(download.suggestedFilename()).toContain(number);
      const text = docxParagraphs(fs.readFileSync(file)).join('\n');
      const detail = await countyApi.get<{ deadline: { due: string } }>(`/cases/${opened.id}`);
      expect(text).toContain(number);
      expect(text).toContain('限期整改通知书');
      expect(text).toContain(`${ent!.name}：`);
      expect(text).toContain(`你单位应于${zhDate(detail.deadline.due)}前完成整改`);
      expect(text).toContain('《芜湖市2020年落后产能退出工作方案》二、（一）（能耗方面）');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const docs = await countyApi.get<{ items: Array<{ number: string; servedOn: string | null }> }>(`/documents?caseId=${opened.id}`);
    expect(docs.items).toEqual([expect.objectContaining({ number, servedOn: today })]);
    await county.shot('served');
    expect(county.serverErrors).toEqual([]);
    expect(county.errors).toEqual([]);
  });
});
