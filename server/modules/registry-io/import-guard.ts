/**
 * Bounds on registry imports (issue #19, item 4). One county account froze the server with one 18 MB workbook of
 * 800,000 rows; a zip bomb took 1.8 GB before it was refused. Here:
 * - the ZIP central directory is read BEFORE anything is inflated: a workbook whose entries declare more than
 *   IMPORT_MAX_INFLATED_BYTES in total, an entry compressed more than MAX_RATIO : 1, ZIP64 sizes, or more than
 *   MAX_ENTRIES entries is refused (413) — a bomb never inflates;
 * - a row limit per import (PHASEOUT_IMPORT_MAX_ROWS, a LOCAL CHOICE, default 20,000): a sheet over it is refused with
 *   IMPORT_TOO_MANY_ROWS naming the limit, before any row is read (the template's 说明 sheet states it too);
 * - one import at a time per account and PHASEOUT_IMPORT_CONCURRENCY in the process; others get IMPORT_BUSY (429) with
 *   Retry-After;
 * - the error report is capped at MAX_REPORTED_ERRORS entries plus the total count.
 * Not done here (left, see docs/security.md): parsing in a worker thread and a streamed reader that stops at the
 * limit; the inflated-size bound is what keeps the in-process parse small.
 */
import { AppError } from '../../platform/errors.ts';

export const IMPORT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
export const MAX_RATIO = 200;
export const MAX_ENTRIES = 2000;
export const MAX_REPORTED_ERRORS = 200;

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
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { entries: Infinity, compressed: 0, uncompressed: Infinity, maxRatio: Infinity };
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
  if (!z) return; // not a ZIP: the parser refuses it as UNSUPPORTED_MEDIA_TYPE
  if (z.entries > MAX_ENTRIES || z.uncompressed > IMPORT_MAX_INFLATED_BYTES || z.maxRatio > MAX_RATIO) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      reason: `the workbook would inflate to more than ${IMPORT_MAX_INFLATED_BYTES / 1024 / 1024} MB (or compresses more than ${MAX_RATIO}:1); nothing was read`,
      reasonZh: `工作簿解压后超过 ${IMPORT_MAX_INFLATED_BYTES / 1024 / 1024} MB（或压缩比超过 ${MAX_RATIO}:1），未读取`,
    });
  }
}

export function tooManyRows(sheet: string, rows: number, max: number): AppError {
  return new AppError('IMPORT_TOO_MANY_ROWS', { sheet, rows, maxRows: max, reasonZh: `「${sheet}」工作表超过 ${max} 行的上限，请分批导入`, reason: `the sheet ${sheet} has more than ${max} rows; import in parts` });
}

/** One import per account, and `max` in the process. Returns the release, or throws IMPORT_BUSY. */
const running = new Set<number>();
export function acquireImportSlot(userId: number, max: number): () => void {
  if (running.has(userId)) throw new AppError('IMPORT_BUSY', { retryAfterSeconds: 10, reason: 'an import of this account is still running' });
  if (running.size >= max) throw new AppError('IMPORT_BUSY', { retryAfterSeconds: 5, reason: 'other imports are running' });
  running.add(userId);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    running.delete(userId);
  };
}
