/**
 * The one writer of the differentiated-credit list (credit_listing, credit_change). It derives each enterprise's
 * listing from its cases and derived status (server/domain/levers/credit.ts) and records every move.
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
import { creditChange, creditListingOf, type CreditCaseFact, type CreditListing } from '../../domain/levers/credit.ts';
import { rollupsVersion } from '../../projections/index.ts';

type Q = Kysely<DB> | Transaction<DB>;
/** advisory lock key of the credit list (an arbitrary constant, 'CRED') */
export const CREDIT_LOCK = 0x43524544;

const WINDOW = 1000;

function fingerprintSql() {
  const win = (table: string) => sql`(select coalesce(max(id), 0) || '.' || (select count(*) from ${sql.table(table)} where id > (select coalesce(max(id), 0) - ${WINDOW} from ${sql.table(table)})) from ${sql.table(table)})`;
  return sql`${win('case_file')} || ':' || ${win('case_act')} || ':' || ${win('line_state_history')}`;
}

/** The fingerprint of the inputs now, and the one the list was last derived from (one round trip). */
export async function creditFingerprint(db: Q): Promise<{ fp: string; stored: string | null }> {
  const r = await sql<{ fp: string; stored: string | null }>`select ${fingerprintSql()} as fp, (select fingerprint from credit_sync) as stored`.execute(db);
  return r.rows[0]!;
}

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

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
 * Derives the list again inside `trx` (which holds CREDIT_LOCK) — for the enterprises `only` names, or all — and
 * records the moves; returns how many moved.
 */
export async function deriveCreditList(trx: Transaction<DB>, now: Date, only: readonly number[] | null = null): Promise<number> {
  if (only !== null && only.length === 0) return 0;
  const ids = only === null ? null : [...only];
  const forCase = ids === null ? sql`true` : sql`c.enterprise_id = any(${ids}::bigint[])`;
  const forEnt = ids === null ? sql`true` : sql`e.id = any(${ids}::bigint[])`;
  const cases = await sql<{ id: string; enterprise_id: string; dimension: string; state: string; closed: boolean; outcome: string | null; department_code: string; since: unknown }>`
    select c.id, c.enterprise_id, c.dimension, c.state, c.closed, c.outcome, c.department_code,
      coalesce((select max(a.act_date) from case_act a where a.case_id = c.id and a.to_state = c.state), c.opened_on) as since
    from case_file c
    where ((not c.closed and c.state not in ('found', 'investigating')) or (c.closed and c.outcome in ('exited', 'licenceRevoked'))) and ${forCase}`.execute(trx);
  const exited = await sql<{ id: string; exited_on: unknown }>`
    select e.id, (select max(x.exited_on) from capacity_exit x join production_line l on l.id = x.line_id where l.enterprise_id = e.id) as exited_on
    from enterprise e where e.status = 'exited' and ${forEnt}`.execute(trx);
  const current = await trx
    .selectFrom('credit_listing')
    .selectAll()
    .where('listed', '=', true)
    .$if(ids !== null, (q) => q.where('enterprise_id', 'in', ids!))
    .execute();

  const facts = new Map<number, { status: string; exitedOn: string | null; cases: CreditCaseFact[] }>();
  const factsOf = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = { status: 'other', exitedOn: null, cases: [] }));
    return f;
  };
  for (const c of cases.rows) {
    factsOf(Number(c.enterprise_id)).cases.push({ caseId: Number(c.id), dimension: c.dimension, state: c.state, closed: c.closed, outcome: c.outcome, departmentCode: c.department_code, since: day(c.since) });
  }
  for (const e of exited.rows) {
    const f = factsOf(Number(e.id));
    f.status = 'exited';
    f.exitedOn = e.exited_on === null ? null : day(e.exited_on);
  }
  const before = new Map<number, CreditListing>();
  for (const r of current) {
    before.set(Number(r.enterprise_id), { measure: r.measure as CreditListing['measure'], since: day(r.since), caseId: r.case_id === null ? null : Number(r.case_id), dimension: r.dimension, departmentCode: r.department_code, basisId: r.basis_id ?? '' });
  }
  const moves: Array<{ id: number; change: 'added' | 'changed' | 'removed'; after: CreditListing | null; before: CreditListing | null }> = [];
  for (const id of new Set<number>([...facts.keys(), ...before.keys()])) {
    const f = facts.get(id);
    const after = f ? creditListingOf(f) : null;
    const b = before.get(id) ?? null;
    const change = creditChange(b, after);
    if (change) moves.push({ id, change, after, before: b });
  }
  if (moves.length === 0) return 0;
  // the day a removal took effect: the latest act on the enterprise's cases (the act that lifted the order)
  const removed = moves.filter((m) => m.change === 'removed').map((m) => m.id);
  const liftedOn = new Map<number, string>();
  if (removed.length > 0) {
    const r = await sql<{ enterprise_id: string; on: unknown }>`
      select c.enterprise_id, max(a.act_date) as on from case_file c join case_act a on a.case_id = c.id
      where c.enterprise_id = any(${removed}::bigint[]) group by c.enterprise_id`.execute(trx);
    for (const x of r.rows) liftedOn.set(Number(x.enterprise_id), day(x.on));
  }
  const today = now.toISOString().slice(0, 10);
  for (let i = 0; i < moves.length; i += 1000) {
    const chunk = moves.slice(i, i + 1000);
    await trx
      .insertInto('credit_listing')
      .values(
        chunk.map((m) => ({
          enterprise_id: m.id,
          listed: m.after !== null,
          measure: m.after?.measure ?? null,
          since: m.after?.since ?? null,
          case_id: m.after?.caseId ?? null,
          dimension: m.after?.dimension ?? null,
          department_code: m.after?.departmentCode ?? null,
          basis_id: m.after?.basisId ?? null,
          changed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('enterprise_id').doUpdateSet((eb) => ({
          listed: eb.ref('excluded.listed'),
          measure: eb.ref('excluded.measure'),
          since: eb.ref('excluded.since'),
          case_id: eb.ref('excluded.case_id'),
          dimension: eb.ref('excluded.dimension'),
          department_code: eb.ref('excluded.department_code'),
          basis_id: eb.ref('excluded.basis_id'),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute();
    await trx
      .insertInto('credit_change')
      .values(
        chunk.map((m) => ({
          enterprise_id: m.id,
          change: m.change,
          on_date: m.after ? m.after.since : (liftedOn.get(m.id) ?? today),
          at: now,
          measure_before: m.before?.measure ?? null,
          measure_after: m.after?.measure ?? null,
        })),
      )
      .execute();
  }
  return moves.length;
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
