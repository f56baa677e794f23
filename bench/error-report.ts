/**
 * Error-report bench (issue #19, item 4, round 3; not part of npm test): the import's row-level error report of the
 * max-size registry workbook (20,000 enterprise rows, 200 marked errors — the report's cap) built
 * - BASELINE, in the same run: the way it was built before — exceljs `xlsx.load` of the whole workbook, the marks and
 *   `writeBuffer` in the serving thread;
 * - markWorkbook (server/platform/spreadsheet/report.ts): the same work in a worker thread.
 * For each: the wall time (median of RUNS) and the longest stall of the serving thread's event loop while it ran
 * (bench/stall-probe.ts) — the figure that matters to everyone else on the instance.
 * Standalone: `npx tsx bench/error-report.ts`.
 */
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { markWorkbook, type CellMark } from '../server/platform/spreadsheet/report.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET } from '../server/modules/registry-io/sheets.ts';
import { printResults, type BenchResult } from './load.ts';
import { measureStall, stallResults } from './stall-probe.ts';

const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 20_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const LIST = {
  name: '错误清单',
  headers: [
    { header: '工作表', width: 10 },
    { header: '行号', width: 8 },
    { header: '列', width: 18 },
    { header: '原因', width: 70 },
  ],
  empty: '未发现错误',
};

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const e = wb.addWorksheet(ENTERPRISE_SHEET);
  e.addRow(ENTERPRISE_COLUMNS.map((c) => c.header));
  for (let i = 0; i < ROWS; i++)
    e.addRow([
      `91340200MA${String(i).padStart(7, '0')}X`,
      `芜湖某某钢铁制造有限公司${i}`,
      '不存在区',
      '钢铁',
      `镜湖区某某路${i}号`,
      `张${i}`,
      `李${i}`,
      '13800000000',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const marks: CellMark[] = Array.from({ length: 200 }, (_, i) => ({ sheet: ENTERPRISE_SHEET, row: i + 2, column: '属地', text: '属地不存在' }));

/** The pre-worker way: load, mark and write in this thread. */
async function inThread(buf: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(ENTERPRISE_SHEET)!;
  for (const m of marks) {
    const c = ws.getRow(m.row).getCell(3);
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    c.note = m.text;
  }
  const list = wb.addWorksheet(LIST.name);
  for (const m of marks) list.addRow([m.sheet, m.row, m.column, m.text]);
  return (await wb.xlsx.writeBuffer()).byteLength;
}

async function inWorker(buf: Buffer): Promise<number> {
  return (await markWorkbook(buf, marks, { columns: { [ENTERPRISE_SHEET]: ENTERPRISE_COLUMNS }, list: LIST, timeoutMs: 600_000 })).byteLength;
}

export async function benchErrorReport(opts: { log?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => undefined);
  log(`error report bench: building a ${ROWS}-row workbook…`);
  const buf = await workbook();
  log(`  ${(buf.length / 1024 / 1024).toFixed(1)} MB; in-thread report (baseline)…`);
  const base = await measureStall(RUNS, () => inThread(buf));
  log('  worker report…');
  const worker = await measureStall(RUNS, () => inWorker(buf));
  return stallResults({
    subject: 'error report',
    what: 'max-size workbook, built in a worker',
    measured: worker,
    baseline: base,
    note: `${ROWS} rows, 200 marks, ${(buf.length / 1024 / 1024).toFixed(1)} MB, median of ${RUNS}`,
    baselineNote: 'load + mark + write in the serving thread',
    during: 'the report is built',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printResults(await benchErrorReport({ log: (m) => process.stderr.write(`${m}\n`) }));
}
