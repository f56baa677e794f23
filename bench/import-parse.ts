/**
 * Import parsing bench (issue #19, item 4; not part of npm test): the max-size registry workbook (PHASEOUT_IMPORT_MAX_ROWS
 * default, 20,000 enterprise rows + 20,000 line rows, every column filled) read
 * - BASELINE, in the same run: the way imports read before — exceljs `xlsx.load` of the whole workbook in the
 *   serving thread, then every row walked;
 * - the shared reader (server/platform/spreadsheet/reader.ts): a worker thread with exceljs' streaming reader.
 * For each: the wall time (median of RUNS), and the longest stall of the serving thread's event loop while it ran
 * (bench/stall-probe.ts) — the figure the attack was about (/health stalled 13 s).
 * Standalone: `npx tsx bench/import-parse.ts`.
 */
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readSheets } from '../server/platform/spreadsheet/reader.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET } from '../server/modules/registry-io/sheets.ts';
import { printResults, type BenchResult } from './load.ts';
import { measureStall, stallResults } from './stall-probe.ts';

const ROWS = 20_000;
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

async function maxSizeWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const e = wb.addWorksheet(ENTERPRISE_SHEET);
  e.addRow(ENTERPRISE_COLUMNS.map((c) => c.header));
  const l = wb.addWorksheet(LINE_SHEET);
  l.addRow(LINE_COLUMNS.map((c) => c.header));
  for (let i = 0; i < ROWS; i++) {
    e.addRow([
      `91340200MA${String(i).padStart(7, '0')}X`,
      `芜湖某某钢铁制造有限公司${i}`,
      '340202',
      'steel',
      `镜湖区某某路${i}号`,
      `张${i}`,
      `李${i}`,
      `1380000${String(i % 10000).padStart(4, '0')}`,
    ]);
    l.addRow(LINE_COLUMNS.map((c, k) => (k === 0 ? `91340200MA${String(i).padStart(7, '0')}X` : `${c.key}-${i}`)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The pre-worker way: the whole workbook loaded in this thread, every row walked. */
async function inThread(buf: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  let n = 0;
  for (const name of [ENTERPRISE_SHEET, LINE_SHEET]) {
    wb.getWorksheet(name)?.eachRow({ includeEmpty: false }, (r) => {
      for (let c = 1; c <= 12; c++) if (r.getCell(c).value !== null) n++;
    });
  }
  return n;
}

async function inWorker(buf: Buffer): Promise<number> {
  const [e, l] = await readSheets<string>(
    buf,
    [
      { name: ENTERPRISE_SHEET, headers: ENTERPRISE_COLUMNS },
      { name: LINE_SHEET, headers: LINE_COLUMNS },
    ],
    { maxRows: ROWS, timeoutMs: 600_000 },
  );
  return e!.rows.length + l!.rows.length;
}

export async function benchImportParse(opts: { log?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => undefined);
  log(`import parse bench: building the max-size workbook (${ROWS} + ${ROWS} rows)…`);
  const buf = await maxSizeWorkbook();
  log(`  ${(buf.length / 1024 / 1024).toFixed(1)} MB; in-thread load (baseline)…`);
  const base = await measureStall(RUNS, () => inThread(buf));
  log('  worker + streamed reader…');
  const worker = await measureStall(RUNS, () => inWorker(buf));
  return stallResults({
    subject: 'import parse',
    what: 'max-size workbook, worker + streamed reader',
    measured: worker,
    baseline: base,
    note: `${ROWS}+${ROWS} rows, ${(buf.length / 1024 / 1024).toFixed(1)} MB, median of ${RUNS}`,
    baselineNote: 'xlsx.load in the serving thread',
    during: 'the file is read',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printResults(await benchImportParse({ log: (m) => process.stderr.write(`${m}\n`) }));
}
