/**
 * Journey 5: an Excel import with two bad rows shows both errors in the page (工作表/行/列/错误) and changes
 * nothing: the enterprise count is the same before and after (checked through the API), and the good row of the
 * same file was not registered either (all or nothing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET } from '../../server/modules/registry-io/sheets.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

function validCode(seed: string): string {
  const first17 = `91340202${seed}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

async function workbook(file: string, rows: Array<Record<string, string>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ent = wb.addWorksheet(ENTERPRISE_SHEET);
  ent.addRow(ENTERPRISE_COLUMNS.map((c) => c.header));
  for (const r of rows) ent.addRow(ENTERPRISE_COLUMNS.map((c) => r[c.key] ?? ''));
  const lines = wb.addWorksheet(LINE_SHEET);
  lines.addRow(LINE_COLUMNS.map((c) => c.header));
  await wb.xlsx.writeFile(file);
}

describe('journey 5: import with two bad rows', () => {
  let j: Journey;
  let dir: string;
  beforeAll(async () => {
    j = await openJourney('import');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-import-'));
  });
  afterAll(async () => {
    await j?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows both row errors in the page and changes nothing', async () => {
    const office = await apiAs(baseUrl, 'office');
    const before = (await office.get<{ total: number }>('/enterprises?limit=1')).total;
    const good = validCode('E2E000001');
    const file = path.join(dir, '导入-两行错误.xlsx');
    await workbook(file, [
      { creditCode: good, name: '端到端测试良好企业有限公司', territoryCode: '340202', industryCode: 'cement' },
      { creditCode: 'NOT-A-CODE', name: '端到端测试错误代码企业', territoryCode: '340202', industryCode: 'cement' },
      { creditCode: validCode('E2E000003'), name: '端到端测试错误属地企业', territoryCode: '999999', industryCode: 'cement' },
    ]);

    const { page } = j;
    await signIn(page, baseUrl, 'office');
    await page.goto(`${baseUrl}enterprises`);
    await page.getByTestId('import').click();
    await page.waitForURL(/\/import$/);
    await j.shot('import-page');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('导入-两行错误.xlsx').waitFor();
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/registry/import'));
    await page.getByTestId('upload').click();
    expect((await answer).status()).toBe(422);

    const report = page.getByTestId('import-errors');
    await report.waitFor();
    await report.getByText('导入被拒绝：共 2 处错误，未做任何修改').waitFor();
    const rows = report.locator('.ant-table-row');
    expect(await rows.count()).toBe(2);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (c) => c.textContent ?? '')),
    );
    expect(cells.map((c) => [c[0], c[1]])).toEqual([
      ['企业', '3'],
      ['企业', '4'],
    ]);
    expect(cells[0]![2]).toBe('统一社会信用代码');
    expect(cells[1]![2]).toBe('属地');
    for (const c of cells) expect(c[3]!.length).toBeGreaterThan(0);
    await j.shot('import-rejected');

    // the row-level error report (issue 17 item 3): the same file with the bad cells highlighted, and the list
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('error-report').click()]);
    expect(download.suggestedFilename()).toBe('导入-两行错误-错误报告.xlsx');
    const saved = path.join(dir, 'report.xlsx');
    await download.saveAs(saved);
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.readFile(saved);
    expect(xl.getWorksheet('错误清单')!.rowCount).toBe(3);
    const ent = xl.getWorksheet(ENTERPRISE_SHEET)!;
    expect(ent.getCell('A3').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(ent.getCell('C4').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(ent.getCell('C2').fill?.type).not.toBe('pattern');

    const after = (await office.get<{ total: number }>('/enterprises?limit=1')).total;
    expect(after).toBe(before);
    expect((await office.get<{ total: number }>(`/enterprises?creditCode=${good}`)).total).toBe(0);

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
