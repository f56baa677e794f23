/**
 * Reads a registry workbook (.xlsx) into plain rows: one object per non-empty row, keyed by column key, every value
 * a trimmed string ('' when empty), with its Excel row number. Shared by the HTTP import and the CLI.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from './sheets.ts';
import { tooManyRows } from './import-guard.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET, type ColumnDef, type EnterpriseKey, type LineKey } from './sheets.ts';

export interface SheetRow<K extends string> {
  row: number;
  values: Record<K, string>;
}

export interface ImportIssue {
  sheet: string;
  row: number;
  /** the column header (Chinese), or '' for a whole-row problem */
  column: string;
  code: string;
  message: string;
  messageZh: string;
}

export interface ParsedWorkbook {
  enterprises: SheetRow<EnterpriseKey>[];
  lines: SheetRow<LineKey>[];
  /** structural problems (missing sheet or header) */
  issues: ImportIssue[];
}

/** The text of a cell, whatever Excel stored (number, rich text, formula result, hyperlink, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v as unknown).trim();
}

function readSheet<K extends string>(wb: ExcelJS.Workbook, name: string, columns: ColumnDef<K>[], issues: ImportIssue[], required: boolean): SheetRow<K>[] {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    if (required) issues.push({ sheet: name, row: 0, column: '', code: 'MISSING_SHEET', message: `the workbook has no sheet named ${name}`, messageZh: `缺少工作表「${name}」` });
    return [];
  }
  const header = ws.getRow(1);
  const colOf = new Map<K, number>();
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value).replace(/\s|\*/g, '');
    const def = columns.find((c) => c.header === text || c.aliases?.includes(text));
    if (def && !colOf.has(def.key)) colOf.set(def.key, col);
  });
  for (const c of columns) {
    if (c.required && !colOf.has(c.key)) {
      issues.push({ sheet: name, row: 1, column: c.header, code: 'MISSING_SHEET', message: `the header row has no column ${c.header}`, messageZh: `表头缺少「${c.header}」列` });
    }
  }
  const rows: SheetRow<K>[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNo) => {
    if (rowNo === 1) return;
    const values = {} as Record<K, string>;
    let any = false;
    for (const c of columns) {
      const col = colOf.get(c.key);
      const text = col === undefined ? '' : cellText(r.getCell(col).value);
      values[c.key] = text;
      if (text !== '') any = true;
    }
    if (any) rows.push({ row: rowNo, values });
  });
  return rows;
}

/** Parses the workbook bytes. A file that is not a readable .xlsx throws (the caller answers UNSUPPORTED_MEDIA_TYPE). */
export async function parseWorkbook(buf: Buffer, opts: { maxRows?: number } = {}): Promise<ParsedWorkbook> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  // the row limit (issue #19, item 4), checked before any row is read
  if (opts.maxRows !== undefined) {
    for (const name of [ENTERPRISE_SHEET, LINE_SHEET]) {
      const ws = wb.getWorksheet(name);
      if (ws && ws.actualRowCount - 1 > opts.maxRows) throw tooManyRows(name, ws.actualRowCount - 1, opts.maxRows);
    }
  }
  const issues: ImportIssue[] = [];
  const enterprises = readSheet(wb, ENTERPRISE_SHEET, ENTERPRISE_COLUMNS, issues, false);
  const lines = readSheet(wb, LINE_SHEET, LINE_COLUMNS, issues, false);
  if (!wb.getWorksheet(ENTERPRISE_SHEET) && !wb.getWorksheet(LINE_SHEET)) {
    issues.push({ sheet: ENTERPRISE_SHEET, row: 0, column: '', code: 'MISSING_SHEET', message: `the workbook has neither a ${ENTERPRISE_SHEET} nor a ${LINE_SHEET} sheet`, messageZh: `工作簿中没有「${ENTERPRISE_SHEET}」或「${LINE_SHEET}」工作表` });
  }
  return { enterprises, lines, issues };
}

/** Whether the bytes look like a ZIP container (every .xlsx is one). */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}
