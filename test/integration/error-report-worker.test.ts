/**
 * Issue #19, item 4 (round 3, gap D): the registry import's row-level error report loads, marks and writes the user's
 * workbook in a worker thread (server/platform/spreadsheet/report.ts), as the import's reading is — never on the event
 * loop that serves everyone else. The report is still the user's own file with the bad cells highlighted and noted,
 * and the list of errors; a file that is not a workbook is a coded 415, and nothing is written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { creditCode, multipart } from '../support/factories.ts';
import { markWorkbook, reportStats } from '../../server/platform/spreadsheet/report.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

async function badWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('企业').addRows([
    ['统一社会信用代码', '企业名称', '属地', '行业'],
    [creditCode('340202'), '报告甲钢铁有限公司', '不存在区', '钢铁'],
    [creditCode('340202'), '报告乙钢铁有限公司', '镜湖区', '钢铁'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the error report is built off the event loop (issue 19, item 4)', () => {
  it('the route’s report: built in a worker thread; the bad cell red with its reason, a good cell untouched, the list sheet last; nothing written', async () => {
    const office = await t.as('office');
    const before = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    reportStats.lastThreadId = -1;
    const m = multipart(await badWorkbook(), '企业登记.xlsx');
    const r = await office.request('POST', '/api/v1/registry/import/error-report.xlsx', m.body, m.headers);
    expect(r.statusCode, r.body).toBe(200);
    expect(reportStats.lastThreadId).toBeGreaterThan(0); // 0 is the main thread
    expect(reportStats.running).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('企业')!;
    expect(ws.getCell('C2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(ws.getCell('C2').note)).toMatch(/[\u4e00-\u9fff]/);
    expect(ws.getCell('C3').fill?.type).not.toBe('pattern');
    expect(wb.worksheets.at(-1)!.name).toBe('错误清单');
    expect(JSON.stringify(wb.getWorksheet('错误清单')!.getSheetValues())).toContain('属地');
    const after = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('markWorkbook: a whole-row problem marks the row yellow with the note on its first cell; the list says so in English', async () => {
    const out = await markWorkbook(await badWorkbook(), [{ sheet: '企业', row: 3, column: '', text: 'duplicate row' }], {
      columns: { 企业: [{ header: '属地' }] },
      list: {
        name: 'Errors',
        headers: [
          { header: 'Sheet', width: 10 },
          { header: 'Row', width: 8 },
          { header: 'Column', width: 18 },
          { header: 'Reason', width: 70 },
        ],
        empty: 'No errors found',
      },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('企业')!;
    expect(ws.getCell('B3').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    expect(JSON.stringify(ws.getCell('A3').note)).toContain('duplicate row');
    expect((wb.getWorksheet('Errors')!.getColumn(4).values as unknown[]).slice(2)).toEqual(['duplicate row']);
  });

  it('hostile: not a workbook (or a ZIP that is not one) is a coded 415 from the worker, never a 5xx', async () => {
    const spec = { columns: {}, list: { name: 'E', headers: [], empty: '' } };
    await expect(markWorkbook(Buffer.from('not a workbook'), [], spec)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const zipNotXlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    await expect(markWorkbook(zipNotXlsx, [], spec)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(reportStats.running).toBe(0);
  });
});
