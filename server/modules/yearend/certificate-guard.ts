/**
 * Kept apart from the certificate commands so that the case-act command can import it without a cycle.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The guard the case-act command applies to `accept` (issue 12): acceptance exists only through a complete
 * certificate of that case carrying the act's certificate number. Runs in the act's own transaction, so the
 * certificate completed in the same transaction is seen.
 */
export async function requireCompleteCertificate(q: Kysely<DB> | Transaction<DB>, caseId: number, payload: unknown): Promise<void> {
  const number = (payload as { certificateId?: unknown } | null)?.certificateId;
  const row =
    typeof number === 'string'
      ? await q
          .selectFrom('acceptance_certificate')
          .select('id')
          .where('case_id', '=', caseId)
          .where('status', '=', 'complete')
          .where('number', '=', number)
          .executeTakeFirst()
      : undefined;
  if (!row) throw new AppError('CERTIFICATE_REQUIRED', { caseId, certificateId: typeof number === 'string' ? number : null });
}
