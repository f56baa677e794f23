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
