// The error report's worker thread (issue #19, item 4; gap D of round 3): loads the user's workbook with exceljs,
// fills each bad cell (red, with its reason as a note; a whole-row problem marks the row yellow), adds the list sheet
// and writes the workbook — all off the event loop of the process that serves requests, as the import's reading is
// (sheet-worker.mjs). Plain JavaScript (no build step, no loader) so the same file runs under tsx, vitest and dist/.
// Input (workerData): { buf: Uint8Array, marks: [{ sheet, row, column, text }], columns: { [sheet]: [{ header, aliases }] },
//   list: { name, headers: [{ header, width }], empty } }.
// Output (one message): { ok: true, threadId, buf: Uint8Array } or { ok: false, code: 'UNREADABLE', message }.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import ExcelJSModule from 'exceljs';
import { cellText } from './cell-text.mjs';

const ExcelJS = ExcelJSModule.default ?? ExcelJSModule;
const BAD = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_ROW = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

/** The column number of a header (its current text or an older alias) in the sheet's first row. */
function columnOf(ws, header, defs) {
  const def = defs.find((c) => c.header === header || (c.aliases ?? []).includes(header));
  const names = new Set([header, ...(def ? [def.header, ...(def.aliases ?? [])] : [])]);
  let found;
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    if (found === undefined && names.has(cellText(cell.value).replace(/\s|\*/g, ''))) found = col;
  });
  return found;
}

async function main() {
  const { buf, marks, columns, list: listSpec } = workerData;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  const notes = new Map();
  const marked = new Set();
  const addNote = (sheet, cell, text) => {
    const key = `${sheet}!${cell.address}`;
    notes.set(key, [...(notes.get(key) ?? []), text]);
    cell.note = notes.get(key).join('\n');
  };
  for (const m of marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws || m.row < 1) continue;
    const col = m.column === '' ? undefined : columnOf(ws, m.column, columns[m.sheet] ?? []);
    if (col === undefined) {
      // a whole-row problem (or a column the file lacks): mark the row's filled cells
      ws.getRow(m.row).eachCell({ includeEmpty: false }, (c) => {
        if (!marked.has(`${m.sheet}!${c.address}`)) c.fill = BAD_ROW;
      });
      addNote(m.sheet, ws.getRow(m.row).getCell(1), m.text);
      continue;
    }
    const cell = ws.getRow(m.row).getCell(col);
    cell.fill = BAD;
    marked.add(`${m.sheet}!${cell.address}`);
    cell.font = { ...(cell.font ?? {}), color: { argb: 'FF9C0006' } };
    addNote(m.sheet, cell, m.text);
  }
  const list = wb.addWorksheet(listSpec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = listSpec.headers;
  list.getRow(1).font = { bold: true };
  for (const m of marks) list.addRow([m.sheet, m.row, m.column, m.text]);
  if (marks.length === 0) list.addRow([listSpec.empty]);
  // the report opens on the list
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: wb.worksheets.length - 1, visibility: 'visible' }];
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  parentPort.postMessage({ ok: true, threadId, buf: out }, [out.buffer]);
}

main().catch((e) => parentPort.postMessage({ ok: false, code: 'UNREADABLE', message: String(e && e.message ? e.message : e).slice(0, 200) }));
