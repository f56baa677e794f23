/**
 * An enterprise's status is DERIVED, never accepted from input. The rule (first match wins):
 *
 * 1. `exited`      — it has at least one production line and every line is exited or dismantled (§2.5: main
 *                    equipment dismantled; §3.4 counts the exit);
 * 2. `enforcement` — an open case is in an enforcement state: a coercive measure was ordered (restriction,
 *                    suspension, sealing, closure order, government approval of closure…) or rectification failed
 *                    or ran out (overdue, recheck/reinspection failed, serious, penalised);
 * 3. `rectifying`  — any other open case (found, rectifying, extension requested, investigating);
 * 4. `closed`      — no open case, and a closed case ended in closure (outcome `exited` or `licenceRevoked`:
 *                    依法关闭 — the red-card list of §3.3);
 * 5. `operating`   — otherwise.
 *
 * `deriveEnterpriseStatus` is the pure rule; `refreshEnterpriseStatus` reads the facts in a transaction and stores
 * the result (the case module calls it in every act's transaction; changeLineState calls it too);
 * `refreshAllEnterpriseStatuses` is the same rule in set-based SQL for bulk loads.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EnterpriseStatus, LineState } from '../../db/schema.ts';

/** Open-case states that are not yet enforcement: the finding and the rectification period. */
export const RECTIFYING_CASE_STATES: readonly string[] = ['found', 'rectifying', 'extensionRequested', 'investigating'];
/** Case outcomes that mean the enterprise was closed according to law. */
export const CLOSURE_OUTCOMES: readonly string[] = ['exited', 'licenceRevoked'];
const GONE: readonly LineState[] = ['exited', 'dismantled'];

export interface StatusFacts {
  cases: ReadonlyArray<{ state: string; closed: boolean; outcome: string | null }>;
  lineStates: readonly string[];
}

/** The pure rule (see the file comment). */
export function deriveEnterpriseStatus(f: StatusFacts): EnterpriseStatus {
  if (f.lineStates.length > 0 && f.lineStates.every((s) => (GONE as readonly string[]).includes(s))) return 'exited';
  const open = f.cases.filter((c) => !c.closed);
  if (open.some((c) => !RECTIFYING_CASE_STATES.includes(c.state))) return 'enforcement';
  if (open.length > 0) return 'rectifying';
  if (f.cases.some((c) => c.closed && c.outcome !== null && CLOSURE_OUTCOMES.includes(c.outcome))) return 'closed';
  return 'operating';
}

type Tx = Transaction<DB> | Kysely<DB>;

/** Recomputes and stores one enterprise's status; returns the status (and whether it changed). */
export async function refreshEnterpriseStatus(trx: Tx, enterpriseId: number): Promise<{ status: EnterpriseStatus; changed: boolean }> {
  const ent = await trx.selectFrom('enterprise').select(['status']).where('id', '=', enterpriseId).executeTakeFirst();
  if (!ent) return { status: 'operating', changed: false };
  const cases = await trx.selectFrom('case_file').select(['state', 'closed', 'outcome']).where('enterprise_id', '=', enterpriseId).execute();
  const lines = await trx.selectFrom('production_line').select('state').where('enterprise_id', '=', enterpriseId).execute();
  const status = deriveEnterpriseStatus({ cases, lineStates: lines.map((l) => l.state) });
  if (status === ent.status) return { status, changed: false };
  await trx.updateTable('enterprise').set({ status }).where('id', '=', enterpriseId).execute();
  return { status, changed: true };
}

/** The same rule over every enterprise (or an id range), in SQL: for bulk loads and repairs. */
export async function refreshAllEnterpriseStatuses(db: Tx, range?: { fromId: number; toId: number }): Promise<void> {
  const where = range ? sql`where e.id between ${range.fromId} and ${range.toId}` : sql``;
  await sql`
    with facts as (
      select e.id,
        (select count(*) from production_line l where l.enterprise_id = e.id) as lines,
        (select count(*) from production_line l where l.enterprise_id = e.id and l.state not in ('exited', 'dismantled')) as live,
        exists (select 1 from case_file c where c.enterprise_id = e.id and not c.closed and c.state <> all(${[...RECTIFYING_CASE_STATES]}::text[])) as enforcing,
        exists (select 1 from case_file c where c.enterprise_id = e.id and not c.closed) as open,
        exists (select 1 from case_file c where c.enterprise_id = e.id and c.closed and c.outcome = any(${[...CLOSURE_OUTCOMES]}::text[])) as shut
      from enterprise e ${where}
    )
    update enterprise e set status = case
        when f.lines > 0 and f.live = 0 then 'exited'
        when f.enforcing then 'enforcement'
        when f.open then 'rectifying'
        when f.shut then 'closed'
        else 'operating' end
    from facts f
    where f.id = e.id`.execute(db);
}
