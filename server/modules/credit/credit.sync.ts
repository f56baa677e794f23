/**
 * Keeps the differentiated-credit list current on read. Its one writer is deriveCreditList
 * (server/projections/credit-listing.ts); writers that change an input without leaving a case, act or line-move id
 * (registry import, new line, enterprise edit) call refreshCreditListing there in their own transaction.
 *
 * A read first compares a fingerprint of the inputs (the newest case, act and line-history ids, and how many of the
 * newest 1,000 of each are committed, so a transaction that commits out of id order still shows) with the one the
 * list was last derived from: when equal, nothing moved and the read goes ahead; else, under an advisory lock, it
 * derives again the enterprises touched since that derivation (found from the ids in its fingerprint; the first
 * derivation takes all). Derivations run one at a time, each stamping its rows and credit_sync.synced_at with the
 * same instant. A read's `asOf` is the synced_at visible in its own snapshot, so a bank's `updatedSince` cursor never
 * passes a derivation the bank has not seen (rows of that derivation come again on the next pull: pulls are upserts).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CREDIT_LOCK, deriveCreditList, rollupsVersion } from '../../projections/index.ts';

export { CREDIT_LOCK, deriveCreditList };

type Q = Kysely<DB> | Transaction<DB>;
const WINDOW = 1000;

function fingerprintSql() {
  const win = (table: string) =>
    sql`(select coalesce(max(id), 0) || '.' || (select count(*) from ${sql.table(table)} where id > (select coalesce(max(id), 0) - ${WINDOW} from ${sql.table(table)})) from ${sql.table(table)})`;
  return sql`${win('case_file')} || ':' || ${win('case_act')} || ':' || ${win('line_state_history')}`;
}

/** The fingerprint of the inputs now, and the one the list was last derived from (one round trip). */
export async function creditFingerprint(db: Q): Promise<{ fp: string; stored: string | null }> {
  const r = await sql<{ fp: string; stored: string | null }>`select ${fingerprintSql()} as fp, (select fingerprint from credit_sync) as stored`.execute(db);
  return r.rows[0]!;
}

/**
 * The enterprises whose inputs may have moved since a derivation whose fingerprint was `stored`: those of the cases,
 * acts and line moves past its newest ids (less the window, for transactions that committed out of id order).
 * Null when `stored` is unknown: derive everything.
 */
export async function touchedSince(db: Q, stored: string | null): Promise<number[] | null> {
  const m = stored === null ? null : /^(\d+)\.\d+:(\d+)\.\d+:(\d+)\.\d+$/.exec(stored);
  if (!m) return null;
  const [cf, act, lsh] = [Number(m[1]) - WINDOW, Number(m[2]) - WINDOW, Number(m[3]) - WINDOW];
  const r = await sql<{ id: string }>`
    select enterprise_id as id from case_file where id > ${cf}
    union select c.enterprise_id from case_act a join case_file c on c.id = a.case_id where a.id > ${act}
    union select l.enterprise_id from line_state_history h join production_line l on l.id = h.line_id where h.id > ${lsh}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/**
 * A check that found the list current is trusted for up to CHECK_REUSE_MS while no projection write happened in this
 * process (every case act, case opening and line move bumps rollupsVersion): acts of this process are seen at once,
 * acts of another process (a second server, the CLI) within that time — as the overview's answer cache does.
 */
export const CHECK_REUSE_MS = 1000;
let lastCurrent: { version: number; at: number } | null = null;

/** Brings the list up to date when its inputs moved (see the file comment); cheap when nothing did. */
export async function ensureCreditListCurrent(db: Kysely<DB>, now: () => Date): Promise<void> {
  const version = rollupsVersion();
  if (lastCurrent && lastCurrent.version === version && performance.now() - lastCurrent.at < CHECK_REUSE_MS) return;
  const first = await creditFingerprint(db);
  if (first.stored === first.fp) {
    lastCurrent = { version, at: performance.now() };
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${CREDIT_LOCK})`.execute(trx);
    const { fp: fp2, stored } = await creditFingerprint(trx);
    if (stored === fp2) return;
    const at = now();
    await deriveCreditList(trx, at, await touchedSince(trx, stored));
    await trx
      .insertInto('credit_sync')
      .values({ id: true, fingerprint: fp2, synced_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint: fp2, synced_at: at }))
      .execute();
  });
}
