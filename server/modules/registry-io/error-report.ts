/**
 * The row-level error report of a rejected import, as .xlsx (issue 17 item 3): the user's own workbook with every
 * bad cell filled red and carrying the reason as a cell note (a whole-row problem marks the row yellow), plus a
 * sheet listing every error (sheet, row, column, reason) in the user's language, on which the file opens. Nothing
 * else of the file is changed, so the user corrects the cells in place and imports the file again. The workbook is
 * loaded, marked and written in a worker thread (server/platform/spreadsheet/report.ts; issue 19), never on the
 * event loop.
 */
import { markWorkbook } from '../../platform/spreadsheet/report.ts';
import type { ImportIssue } from './parse.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET } from './sheets.ts';

export const REPORT_SHEET = { zh: '错误清单', en: 'Errors' } as const;

const LIST_HEADERS = {
  zh: [
    { header: '工作表', width: 10 },
    { header: '行号', width: 8 },
    { header: '列', width: 18 },
    { header: '原因', width: 70 },
  ],
  en: [
    { header: 'Sheet', width: 10 },
    { header: 'Row', width: 8 },
    { header: 'Column', width: 18 },
    { header: 'Reason', width: 70 },
  ],
};

/** The workbook `buf` with `issues` marked, and the list sheet last (the file opens on it). `buf` must be a readable .xlsx. */
export async function buildErrorReport(buf: Buffer, issues: readonly ImportIssue[], lang: 'zh' | 'en', opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  return markWorkbook(
    buf,
    issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column, text: lang === 'zh' ? i.messageZh : i.message })),
    {
      columns: { [ENTERPRISE_SHEET]: ENTERPRISE_COLUMNS, [LINE_SHEET]: LINE_COLUMNS },
      list: { name: REPORT_SHEET[lang], headers: LIST_HEADERS[lang], empty: lang === 'zh' ? '未发现错误' : 'No errors found' },
      timeoutMs: opts.timeoutMs,
    },
  );
}
