/**
 * The differentiated-credit list (credit_listing, credit_change; plan §2.6): its ONE writer. deriveCreditList derives
 * each enterprise's listing from its cases and derived status (server/domain/levers/credit.ts) and records every move.
 *
 * Two callers: the credit module's read path (server/modules/credit/credit.sync.ts) brings the list up to date when
 * the case, act and line-move ids moved since the last derivation; and writers that change an input without leaving
 * such an id — a registry import or a new line that changes an enterprise's derived status (an exited enterprise with
 * a new operating line is no longer `exited`), an enterprise's renaming or new credit code — call
 * refreshCreditListing in their own transaction, so the list moves with them or not at all.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { creditChange, creditListingOf, type CreditCaseFact, type CreditListing } from '../domain/levers/credit.ts';

/** advisory lock key of the credit list (an arbitrary constant, 'CRED'): derivations run one at a time */
export const CREDIT_LOCK = 0x43524544;

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * Derives the list again inside `trx` (which holds CREDIT_LOCK) — for the enterprises `only` names, or all — and
 * records the moves; returns how many moved.
 */
export async function deriveCreditList(trx: Transaction<DB>, now: Date, only: readonly number[] | null = null): Promise<number> {
  if (only !== null && only.length === 0) return 0;
  const ids = only === null ? null : [...only];
  const forCase = ids === null ? sql`true` : sql`c.enterprise_id = any(${ids}::bigint[])`;
  const forEnt = ids === null ? sql`true` : sql`e.id = any(${ids}::bigint[])`;
  const cases = await sql<{
    id: string;
    enterprise_id: string;
    dimension: string;
    state: string;
    closed: boolean;
    outcome: string | null;
    department_code: string;
    since: unknown;
  }>`
    select c.id, c.enterprise_id, c.dimension, c.state, c.closed, c.outcome, c.department_code,
      coalesce((select max(a.act_date) from case_act a where a.case_id = c.id and a.to_state = c.state), c.opened_on) as since
    from case_file c
    where ((not c.closed and c.state not in ('found', 'investigating')) or (c.closed and c.outcome in ('exited', 'licenceRevoked'))) and ${forCase}`.execute(
    trx,
  );
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
    factsOf(Number(c.enterprise_id)).cases.push({
      caseId: Number(c.id),
      dimension: c.dimension,
      state: c.state,
      closed: c.closed,
      outcome: c.outcome,
      departmentCode: c.department_code,
      since: day(c.since),
    });
  }
  for (const e of exited.rows) {
    const f = factsOf(Number(e.id));
    f.status = 'exited';
    f.exitedOn = e.exited_on === null ? null : day(e.exited_on);
  }
  const before = new Map<number, CreditListing>();
  for (const r of current) {
    before.set(Number(r.enterprise_id), {
      measure: r.measure as CreditListing['measure'],
      since: day(r.since),
      caseId: r.case_id === null ? null : Number(r.case_id),
      dimension: r.dimension,
      departmentCode: r.department_code,
      basisId: r.basis_id ?? '',
    });
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

/** Whether an enterprise patch changes what its credit-list entry shows (name, credit code, territory, industry). */
export function showsOnCreditList(patch: object): boolean {
  const p = patch as Record<string, unknown>;
  return ['creditCode', 'name', 'territoryCode', 'industryCode'].some((k) => p[k] !== undefined);
}

/**
 * Re-derives the listing of `enterpriseIds` inside the caller's transaction (after a write that changed their derived
 * status), and re-stamps the listed ones among `touched` (their name, credit code, territory or industry changed) so
 * a bank's incremental pull (`updatedSince`) brings them again. Nothing to do before the list's first derivation
 * (that one derives every enterprise). Returns how many listings moved.
 *
 * The stamp is never earlier than the last derivation's synced_at: a bank whose cursor (`asOf`) is that instant
 * still sees these rows on its next pull (`changed_at >= updatedSince`).
 */
export async function refreshCreditListing(
  trx: Transaction<DB>,
  now: Date,
  enterpriseIds: readonly number[],
  touched: readonly number[] = [],
): Promise<number> {
  if (enterpriseIds.length === 0 && touched.length === 0) return 0;
  const sync = await trx.selectFrom('credit_sync').select('synced_at').executeTakeFirst();
  if (!sync) return 0;
  await sql`select pg_advisory_xact_lock(${CREDIT_LOCK})`.execute(trx);
  const last = (await trx.selectFrom('credit_sync').select('synced_at').executeTakeFirstOrThrow()).synced_at;
  const at = new Date(Math.max(now.getTime(), new Date(last).getTime()));
  const moved = await deriveCreditList(trx, at, [...new Set(enterpriseIds)]);
  if (touched.length > 0) {
    await trx
      .updateTable('credit_listing')
      .set({ changed_at: at })
      .where('enterprise_id', 'in', [...new Set(touched)])
      .where('listed', '=', true)
      .where('changed_at', '<', at)
      .execute();
  }
  return moved;
}
