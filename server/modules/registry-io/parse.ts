/**
 * Reads a registry workbook (.xlsx) into plain rows: one object per non-empty row, keyed by column key, every value
 * a trimmed string ('' when empty), with its Excel row number. Shared by the HTTP import and the CLI.
 */
import type ExcelJS from 'exceljs';
import { readSheets, type ReadOptions, type ReadSheet } from '../../platform/spreadsheet/reader.ts';
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
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v as unknown).trim();
}

/**
 * Parses the workbook bytes in the shared reader's worker thread (server/platform/spreadsheet/reader.ts: streamed,
 * stops at `maxRows`, killed after `timeoutMs`). A file that is not a readable .xlsx throws UNSUPPORTED_MEDIA_TYPE.
 */
export async function parseWorkbook(buf: Buffer, opts: ReadOptions = {}): Promise<ParsedWorkbook> {
  const [ent, lin] = await readSheets<string>(
    buf,
    [
      { name: ENTERPRISE_SHEET, headers: ENTERPRISE_COLUMNS },
      { name: LINE_SHEET, headers: LINE_COLUMNS },
    ],
    opts,
  );
  const issues: ImportIssue[] = [];
  const check = <K extends string>(sheet: ReadSheet<string>, columns: ColumnDef<K>[]): SheetRow<K>[] => {
    if (!sheet.found) return [];
    for (const c of columns) {
      if (c.required && !sheet.columns.includes(c.key)) {
        issues.push({
          sheet: sheet.name,
          row: 1,
          column: c.header,
          code: 'MISSING_SHEET',
          message: `the header row has no column ${c.header}`,
          messageZh: `表头缺少「${c.header}」列`,
        });
      }
    }
    return sheet.rows as SheetRow<K>[];
  };
  const enterprises = check<EnterpriseKey>(ent!, ENTERPRISE_COLUMNS);
  const lines = check<LineKey>(lin!, LINE_COLUMNS);
  if (!ent!.found && !lin!.found) {
    issues.push({
      sheet: ENTERPRISE_SHEET,
      row: 0,
      column: '',
      code: 'MISSING_SHEET',
      message: `the workbook has neither a ${ENTERPRISE_SHEET} nor a ${LINE_SHEET} sheet`,
      messageZh: `工作簿中没有「${ENTERPRISE_SHEET}」或「${LINE_SHEET}」工作表`,
    });
  }
  return { enterprises, lines, issues };
}

export { looksLikeXlsx } from '../../platform/spreadsheet/reader.ts';
