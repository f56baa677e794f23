// The spreadsheet reader's worker thread (issue #19, item 4): reads an .xlsx with exceljs' STREAMING WorkbookReader,
// off the event loop of the process that serves requests, and stops at the row limit. Plain JavaScript (no build
// step, no loader) so the same file runs under tsx, vitest and the compiled dist/ (copied beside the bundle).
// Input (workerData): { buf: Uint8Array, sheets: [{ name, headers: [{ key, header, aliases }], fallbackFirst }], maxRows }.
// Output (one message): { ok: true, threadId, sheets: [{ name, found, columns, rows: [{ row, values }] }] }
//   or { ok: false, code: 'TOO_MANY_ROWS', sheet, maxRows } or { ok: false, code: 'UNREADABLE', message }.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Readable } from 'node:stream';
import ExcelJSModule from 'exceljs';
import { cellText } from './cell-text.mjs';

const ExcelJS = ExcelJSModule.default ?? ExcelJSModule;

class TooManyRows extends Error {
  constructor(sheet) {
    super('too many rows');
    this.sheet = sheet;
  }
}

async function readSheet(ws, spec, maxRows) {
  const colOf = new Map();
  const rows = [];
  let headerSeen = false;
  for await (const r of ws) {
    const cells = Array.isArray(r.values) ? r.values : [];
    if (!headerSeen) {
      headerSeen = true;
      if (r.number === 1) {
        cells.forEach((v, col) => {
          const text = cellText(v).replace(/\s|\*/g, '');
          const def = spec.headers.find((h) => h.header === text || h.aliases.includes(text));
          if (def && !colOf.has(def.key)) colOf.set(def.key, col);
        });
        continue;
      }
    }
    const values = spec.headers.map((h) => {
      const col = colOf.get(h.key);
      return col === undefined ? '' : cellText(cells[col]);
    });
    if (!values.some((x) => x !== '')) continue;
    rows.push({ row: r.number, values });
    if (maxRows !== null && rows.length > maxRows) throw new TooManyRows(spec.name);
  }
  return { name: spec.name, found: true, columns: [...colOf.keys()], rows };
}

async function main() {
  const { buf, sheets, maxRows } = workerData;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates typed as dates arrive as Date (their number format says so)
    entries: 'ignore',
  });
  const out = new Map();
  let first = null;
  for await (const ws of reader) {
    const spec = sheets.find((s) => s.name === ws.name);
    if (spec && !out.has(spec.name)) {
      out.set(spec.name, await readSheet(ws, spec, maxRows));
      if (first === null) first = false;
      continue;
    }
    const fallback = first === null ? sheets.find((s) => s.fallbackFirst && !out.has(s.name)) : undefined;
    if (fallback) {
      first = await readSheet(ws, fallback, maxRows);
      continue;
    }
    for await (const _ of ws) {
      // drained: another sheet (说明, anything else) is not read
    }
    if (first === null) first = false;
  }
  if (!reader.model) throw new Error('no workbook part');
  const result = sheets.map(
    (s) => out.get(s.name) ?? (s.fallbackFirst && first ? { ...first, name: s.name } : { name: s.name, found: false, columns: [], rows: [] }),
  );
  parentPort.postMessage({ ok: true, threadId, sheets: result });
}

main().catch((e) => {
  if (e instanceof TooManyRows) parentPort.postMessage({ ok: false, code: 'TOO_MANY_ROWS', sheet: e.sheet, maxRows: workerData.maxRows });
  else parentPort.postMessage({ ok: false, code: 'UNREADABLE', message: String(e && e.message ? e.message : e).slice(0, 200) });
});
