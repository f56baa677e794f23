/**
 * The row-level error report of a rejected import, as .xlsx (issue 17 item 3): the user's own workbook with every
 * bad cell filled red and carrying the reason as a cell note (a whole-row problem marks the row yellow), plus a
 * sheet listing every error (sheet, row, column, reason) in the user's language, on which the file opens. Nothing
 * else of the file is changed, so the user corrects the cells in place and imports the file again.
 */
import type ExcelJS from 'exceljs';
import { cellText, type ImportIssue } from './parse.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET, loadExcel, type ColumnDef } from './sheets.ts';

export const REPORT_SHEET = { zh: '错误清单', en: 'Errors' } as const;
const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_ROW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

/** The column number of a header (its current text or an older alias) in the sheet's first row. */
function columnOf(ws: ExcelJS.Worksheet, header: string, defs: ColumnDef[]): number | undefined {
  const def = defs.find((c) => c.header === header || c.aliases?.includes(header));
  const names = new Set([header, ...(def ? [def.header, ...(def.aliases ?? [])] : [])]);
  let found: number | undefined;
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    if (found === undefined && names.has(cellText(cell.value).replace(/\s|\*/g, ''))) found = col;
  });
  return found;
}

/** The workbook `buf` with `issues` marked, and the list sheet first. `buf` must be a readable .xlsx. */
export async function buildErrorReport(buf: Buffer, issues: readonly ImportIssue[], lang: 'zh' | 'en'): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const say = (i: ImportIssue) => (lang === 'zh' ? i.messageZh : i.message);
  const notes = new Map<string, string[]>();
  const marked = new Set<string>();
  for (const i of issues) {
    const ws = wb.getWorksheet(i.sheet);
    if (!ws || i.row < 1) continue;
    const defs = i.sheet === ENTERPRISE_SHEET ? ENTERPRISE_COLUMNS : i.sheet === LINE_SHEET ? LINE_COLUMNS : [];
    const col = i.column === '' ? undefined : columnOf(ws, i.column, defs);
    if (col === undefined) {
      // a whole-row problem (or a column the file lacks): mark the row's filled cells
      ws.getRow(i.row).eachCell({ includeEmpty: false }, (c) => {
        if (!marked.has(`${i.sheet}!${c.address}`)) c.fill = BAD_ROW;
      });
      const first = ws.getRow(i.row).getCell(1);
      const key = `${i.sheet}!${first.address}`;
      notes.set(key, [...(notes.get(key) ?? []), say(i)]);
      first.note = notes.get(key)!.join('\n');
      continue;
    }
    const cell = ws.getRow(i.row).getCell(col);
    cell.fill = BAD;
    marked.add(`${i.sheet}!${cell.address}`);
    cell.font = { ...(cell.font ?? {}), color: { argb: 'FF9C0006' } };
    const key = `${i.sheet}!${cell.address}`;
    notes.set(key, [...(notes.get(key) ?? []), say(i)]);
    cell.note = notes.get(key)!.join('\n');
  }

  const list = wb.addWorksheet(REPORT_SHEET[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns =
    lang === 'zh'
      ? [
          { header: '工作表', width: 10 },
          { header: '行号', width: 8 },
          { header: '列', width: 18 },
          { header: '原因', width: 70 },
        ]
      : [
          { header: 'Sheet', width: 10 },
          { header: 'Row', width: 8 },
          { header: 'Column', width: 18 },
          { header: 'Reason', width: 70 },
        ];
  list.getRow(1).font = { bold: true };
  for (const i of issues) list.addRow([i.sheet, i.row, i.column, say(i)]);
  if (issues.length === 0) list.addRow([lang === 'zh' ? '未发现错误' : 'No errors found']);
  // the report opens on the list
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: wb.worksheets.length - 1, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
