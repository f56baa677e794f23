/**
 * The one spreadsheet reader of imports (issue #19, item 4), shared by the registry import (registry-io) and the
 * problem-list import (problems): a workbook is read in a WORKER THREAD (node:worker_threads, `sheet-worker.mjs`)
 * with exceljs' streaming WorkbookReader, so a large or hostile upload never blocks the event loop that serves
 * everyone else. Before the worker starts, the ZIP central directory is checked (a bomb never inflates,
 * `assertInflatable`). The worker stops at the row limit (IMPORT_TOO_MANY_ROWS), is killed after `timeoutMs`
 * (IMPORT_TIMEOUT) and has a heap cap (`WORKER_HEAP_MB`; a worker that dies answers IMPORT_WORKER_FAILED). Nothing
 * is written by reading: the callers write only after every row is checked.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';

export const IMPORT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
export const MAX_RATIO = 200;
export const MAX_ENTRIES = 2000;
/** Heap of one reading worker (a LOCAL CHOICE: a 20,000-row workbook needs well under 100 MB). */
export const WORKER_HEAP_MB = 256;
/** Default time a worker may read (PHASEOUT_IMPORT_PARSE_TIMEOUT_MS overrides it for HTTP imports; a LOCAL CHOICE). */
export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;

export interface SheetSpec<K extends string> {
  name: string;
  /** the columns, found by header text (spaces and * ignored) */
  headers: ReadonlyArray<{ key: K; header: string; aliases?: readonly string[] | undefined }>;
  /** no sheet of this name: read the workbook's first sheet instead */
  fallbackFirst?: boolean;
}

export interface ReadSheet<K extends string> {
  name: string;
  found: boolean;
  /** keys whose header was found */
  columns: K[];
  /** non-empty data rows, with their Excel row number; every value a trimmed string ('' when empty) */
  rows: Array<{ row: number; values: Record<K, string> }>;
}

export interface ReadOptions {
  /** most non-empty data rows per sheet; the worker stops reading at the next one */
  maxRows?: number | undefined;
  timeoutMs?: number | undefined;
}

export interface ZipSummary {
  entries: number;
  compressed: number;
  uncompressed: number;
  maxRatio: number;
}

/** Reads the central directory of a ZIP held in memory (no inflation). Undefined when there is none. */
export function zipSummary(buf: Buffer): ZipSummary | undefined {
  const tailLen = Math.min(buf.length, 22 + 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= buf.length - tailLen; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return { entries: Infinity, compressed: 0, uncompressed: Infinity, maxRatio: Infinity };
  if (cdOffset + cdSize > buf.length) return undefined;
  let p = cdOffset;
  const s: ZipSummary = { entries: 0, compressed: 0, uncompressed: 0, maxRatio: 0 };
  while (p + 46 <= cdOffset + cdSize && buf.readUInt32LE(p) === 0x02014b50) {
    const comp = buf.readUInt32LE(p + 20);
    const unc = buf.readUInt32LE(p + 24);
    if (comp === 0xffffffff || unc === 0xffffffff) return { entries: Infinity, compressed: 0, uncompressed: Infinity, maxRatio: Infinity };
    s.entries++;
    s.compressed += comp;
    s.uncompressed += unc;
    if (unc > 1024 * 1024) s.maxRatio = Math.max(s.maxRatio, unc / Math.max(comp, 1));
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return s;
}

/** Refuses a workbook whose declared contents are too large, before it is inflated. */
export function assertInflatable(buf: Buffer): void {
  const z = zipSummary(buf);
  if (!z) return; // not a ZIP: the reader refuses it as UNSUPPORTED_MEDIA_TYPE
  if (z.entries > MAX_ENTRIES || z.uncompressed > IMPORT_MAX_INFLATED_BYTES || z.maxRatio > MAX_RATIO) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      reason: `the workbook would inflate to more than ${IMPORT_MAX_INFLATED_BYTES / 1024 / 1024} MB (or compresses more than ${MAX_RATIO}:1); nothing was read`,
      reasonZh: `工作簿解压后超过 ${IMPORT_MAX_INFLATED_BYTES / 1024 / 1024} MB（或压缩比超过 ${MAX_RATIO}:1），未读取`,
    });
  }
}

export function tooManyRows(sheet: string, max: number): AppError {
  return new AppError('IMPORT_TOO_MANY_ROWS', {
    sheet,
    rows: max + 1,
    maxRows: max,
    reasonZh: `「${sheet}」工作表超过 ${max} 行的上限，请分批导入`,
    reason: `the sheet ${sheet} has more than ${max} rows; import in parts`,
  });
}

/** Whether the bytes look like a ZIP container (every .xlsx is one). */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

const unreadable = () =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: '.xlsx (Office Open XML workbook)', reason: 'the file could not be read as a workbook' });

type WorkerAnswer =
  | { ok: true; threadId: number; sheets: Array<{ name: string; found: boolean; columns: string[]; rows: Array<{ row: number; values: string[] }> }> }
  | { ok: false; code: 'TOO_MANY_ROWS'; sheet: string; maxRows: number }
  | { ok: false; code: 'UNREADABLE'; message: string };

/** Statistics of the reads (tests and bench look at them; nothing else does). */
export const readerStats = { lastThreadId: -1, running: 0 };
/** What a workbook worker is called in its errors ("the reader", "the report builder") and what it was doing. */
export interface WorkbookWorkerJob {
  /** `reader` or `report builder`: named in IMPORT_WORKER_FAILED */
  name: string;
  /** what did not finish in time (IMPORT_TIMEOUT's reason) */
  lateReason: string;
  /** what needed more memory than the heap cap ("reading", "the report") */
  memoryUser: string;
  timeoutMs: number;
  /** counts the workers running (tests read it) */
  stats: { running: number };
  /** every worker started is in here while it runs (a test kills one) */
  active?: Set<Worker> | undefined;
}

/**
 * Runs a workbook worker over a copy of `buf` (the .xlsx check and the bomb check first): the heap cap, the time limit,
 * and a worker that dies, runs out of memory or is killed answer a coded error; the worker is always ended. Shared by
 * the import's reader (`sheet-worker.mjs`) and the error report's builder (`report-worker.mjs`).
 */
export async function runWorkbookWorker<A>(script: URL, buf: Buffer, data: Record<string, unknown>, job: WorkbookWorkerJob): Promise<A> {
  if (!looksLikeXlsx(buf)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: '.xlsx (Office Open XML workbook)' });
  assertInflatable(buf);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  const worker = new Worker(script, {
    workerData: { buf: copy, ...data },
    transferList: [copy.buffer],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  job.stats.running++;
  job.active?.add(worker);
  try {
    return await new Promise<A>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const timer = setTimeout(() => {
        settle(() => reject(new AppError('IMPORT_TIMEOUT', { limitSeconds: Math.ceil(job.timeoutMs / 1000), reason: job.lateReason })));
        void worker.terminate();
      }, job.timeoutMs);
      worker.once('message', (m: A) => settle(() => resolve(m)));
      worker.once('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(
            new AppError('IMPORT_WORKER_FAILED', {
              reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `${job.memoryUser} needed more than ${WORKER_HEAP_MB} MB` : `the ${job.name} stopped`,
            }),
          ),
        ),
      );
      worker.once('exit', () => settle(() => reject(new AppError('IMPORT_WORKER_FAILED', { reason: `the ${job.name} stopped` }))));
    });
  } finally {
    job.stats.running--;
    job.active?.delete(worker);
    void worker.terminate();
  }
}

/** The workers reading now (a test kills one to prove that a killed reader answers a coded error). */
export const activeReaders = new Set<Worker>();

/**
 * Reads the named sheets of a workbook off the event loop. Throws AppError: UNSUPPORTED_MEDIA_TYPE (not a readable
 * .xlsx), PAYLOAD_TOO_LARGE (bomb), IMPORT_TOO_MANY_ROWS, IMPORT_TIMEOUT, IMPORT_WORKER_FAILED.
 */
export async function readSheets<K extends string>(buf: Buffer, specs: ReadonlyArray<SheetSpec<K>>, opts: ReadOptions = {}): Promise<Array<ReadSheet<K>>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const answer = await runWorkbookWorker<WorkerAnswer>(
    new URL('./sheet-worker.mjs', import.meta.url),
    buf,
    {
      sheets: specs.map((s) => ({
        name: s.name,
        headers: s.headers.map((h) => ({ key: h.key, header: h.header, aliases: h.aliases ?? [] })),
        fallbackFirst: s.fallbackFirst === true,
      })),
      maxRows: opts.maxRows ?? null,
    },
    {
      name: 'reader',
      lateReason: `the workbook was not read within ${Math.ceil(timeoutMs / 1000)} s; reading stopped`,
      memoryUser: 'reading',
      timeoutMs,
      stats: readerStats,
      active: activeReaders,
    },
  );
  if (!answer.ok) {
    if (answer.code === 'TOO_MANY_ROWS') throw tooManyRows(answer.sheet, answer.maxRows);
    throw unreadable();
  }
  readerStats.lastThreadId = answer.threadId;
  return answer.sheets.map((s, i) => {
    const spec = specs[i]!;
    return {
      name: s.name,
      found: s.found,
      columns: s.columns as K[],
      rows: s.rows.map((r) => ({ row: r.row, values: Object.fromEntries(spec.headers.map((h, k) => [h.key, r.values[k] ?? ''])) as Record<K, string> })),
    };
  });
}
