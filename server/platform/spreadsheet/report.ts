/**
 * Marks a user's workbook with row-level errors, in a WORKER THREAD (`report-worker.mjs`): loading a large workbook
 * with exceljs, filling its cells and writing it back takes as long as reading it did, so it must not run on the event
 * loop that serves everyone else (issue #19, item 4; the import's reading runs in `sheet-worker.mjs` the same way).
 * The same bounds as the reader: a bomb is refused before it inflates, the worker has a heap cap and a time limit, and
 * a worker that dies or cannot read the file answers a coded error (IMPORT_WORKER_FAILED, IMPORT_TIMEOUT,
 * UNSUPPORTED_MEDIA_TYPE).
 */
import { AppError } from '../errors.ts';
import { DEFAULT_PARSE_TIMEOUT_MS, runWorkbookWorker } from './reader.ts';

export interface CellMark {
  sheet: string;
  /** Excel row number */
  row: number;
  /** the column's header ('' = the whole row) */
  column: string;
  /** the reason, in the reader's language */
  text: string;
}

export interface MarkSpec {
  /** per sheet, its columns' headers and older aliases (to find a mark's column in row 1) */
  columns: Record<string, ReadonlyArray<{ header: string; aliases?: readonly string[] | undefined }>>;
  /** the list sheet added last, on which the workbook opens: its name, column headers, and the text when empty */
  list: { name: string; headers: Array<{ header: string; width: number }>; empty: string };
  timeoutMs?: number | undefined;
}

/** Statistics of the reports built (tests look at them; nothing else does). */
export const reportStats = { lastThreadId: -1, running: 0 };

type Answer = { ok: true; threadId: number; buf: Uint8Array } | { ok: false; code: 'UNREADABLE'; message: string };

/** The workbook `buf` with `marks` filled and noted, and the list sheet added; built off the event loop. */
export async function markWorkbook(buf: Buffer, marks: readonly CellMark[], spec: MarkSpec): Promise<Buffer> {
  const answer = await runWorkbookWorker<Answer>(
    new URL('./report-worker.mjs', import.meta.url),
    buf,
    {
      marks: marks.map((m) => ({ sheet: m.sheet, row: m.row, column: m.column, text: m.text })),
      columns: Object.fromEntries(Object.entries(spec.columns).map(([k, v]) => [k, v.map((c) => ({ header: c.header, aliases: [...(c.aliases ?? [])] }))])),
      list: spec.list,
    },
    {
      name: 'report builder',
      lateReason: 'the error report was not built in time',
      memoryUser: 'the report',
      timeoutMs: spec.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS,
      stats: reportStats,
    },
  );
  if (!answer.ok)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: '.xlsx (Office Open XML workbook)', reason: 'the file could not be read as a workbook' });
  reportStats.lastThreadId = answer.threadId;
  return Buffer.from(answer.buf.buffer, answer.buf.byteOffset, answer.buf.byteLength);
}
