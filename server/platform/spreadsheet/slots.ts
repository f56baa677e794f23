/**
 * Import slots (issue #19, item 4): one import at a time per account and `max` in the process, shared by every
 * import route (registry, problem lists). Others hear IMPORT_BUSY (429) with Retry-After.
 */
import { AppError } from '../errors.ts';

const running = new Set<number>();

/** Takes a slot for the account. Returns the release, or throws IMPORT_BUSY. */
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

/** The part of a Fastify request (with @fastify/multipart) that an upload needs. */
interface MultipartRequest {
  isMultipart(): boolean;
  file(): Promise<{ fieldname: string; filename?: string; file: { resume(): unknown }; toBuffer(): Promise<Buffer> } | undefined>;
}

/**
 * Receives the .xlsx of an import route (multipart field `file`) under the account's import slot, and hands its bytes
 * and file name to `use`; the slot is released when `use` ends. Not multipart or not .xlsx: 415; no `file` field:
 * 400 naming /file; busy: 429. The one way every import route (registry, error report, problem lists) takes a workbook.
 */
export async function withUploadedWorkbook<T>(
  req: MultipartRequest,
  slot: { userId: number; max: number },
  use: (buf: Buffer, fileName: string) => Promise<T>,
): Promise<T> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data with an .xlsx in the field `file`' });
  const file = await req.file();
  if (!file || file.fieldname !== 'file')
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/file', message: 'send the workbook in the multipart field `file`' }] });
  const name = file.filename ?? '';
  if (name !== '' && !/\.xlsx$/i.test(name)) {
    file.file.resume();
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: '.xlsx', fileName: name });
  }
  let release: () => void;
  try {
    release = acquireImportSlot(slot.userId, slot.max);
  } catch (e) {
    file.file.resume();
    throw e;
  }
  try {
    return await use(await file.toBuffer(), name);
  } finally {
    release();
  }
}
