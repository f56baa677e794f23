/**
 * An enterprise's status is DERIVED, never accepted from input. The rule (first match wins):
 *
 * 1. `exited`      — it has at least one production line and every line is exited (the exit accepted, §3.4; a
 *                    shut or dismantled line awaits acceptance: domain/lifecycle/line-states.ts);
 * 2. `enforcement` — an open case is in an enforcement state: a coercive measure was ordered (restriction,
 *                    suspension, sealing, closure order, government approval of closure…) or rectification failed
 *                    or ran out (overdue, recheck/reinspection failed, serious, penalised);
 * 3. `rectifying`  — any other open case (found, rectifying, extension requested, investigating);
 * 4. `closed`      — no open case, and a closed case ended in closure (outcome `exited` or `licenceRevoked`:
 *                    依法关闭 — the red-card list of §3.3), or every line is shut, dismantled or exited (关停);
 * 5. `operating`   — otherwise.
 *
 * `deriveEnterpriseStatus` is the pure rule; `refreshEnterpriseStatus` reads the facts in a transaction and stores
 * the result (the case module calls it in every act's transaction; changeLineState calls it too);
 * `refreshAllEnterpriseStatuses` is the same rule in set-based SQL for bulk loads.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB, EnterpriseStatus } from '../../db/schema.ts';
import { allLinesClosed, allLinesExited, CLOSED_LINE_STATES, EXITED_LINE_STATES } from '../../domain/lifecycle/line-states.ts';

/** Open-case states that are not yet enforcement: the finding and the rectification period. */
export const RECTIFYING_CASE_STATES: readonly string[] = ['found', 'rectifying', 'extensionRequested', 'investigating'];
/** Case outcomes that mean the enterprise was closed according to law. */
export const CLOSURE_OUTCOMES: readonly string[] = ['exited', 'licenceRevoked'];

export interface StatusFacts {
  cases: ReadonlyArray<{ state: string; closed: boolean; outcome: string | null }>;
  lineStates: readonly string[];
}

/** The pure rule (see the file comment). */
export function deriveEnterpriseStatus(f: StatusFacts): EnterpriseStatus {
  if (allLinesExited(f.lineStates)) return 'exited';
  const open = f.cases.filter((c) => !c.closed);
  if (open.some((c) => !RECTIFYING_CASE_STATES.includes(c.state))) return 'enforcement';
  if (open.length > 0) return 'rectifying';
  if (f.cases.some((c) => c.closed && c.outcome !== null && CLOSURE_OUTCOMES.includes(c.outcome))) return 'closed';
  if (allLinesClosed(f.lineStates)) return 'closed';
  return 'operating';
}

type Tx = Transaction<DB> | Kysely<DB>;

/**
 * The rule of deriveEnterpriseStatus as one SQL expression over an enterprise row `e` (the same order of cases),
 * so a refresh is one statement inside the act's transaction and a bulk refresh is one update.
 */
function statusCase(
  cases = sql`(select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id)`,
  lines = sql`(select l.state from production_line l where l.enterprise_id = e.id)`,
) {
  return sql`case
    when exists (select 1 from ${lines} l) and not exists (select 1 from ${lines} l where l.state <> all(${[...EXITED_LINE_STATES]}::text[])) then 'exited'
    when exists (select 1 from ${cases} c where not c.closed and c.state <> all(${[...RECTIFYING_CASE_STATES]}::text[])) then 'enforcement'
    when exists (select 1 from ${cases} c where not c.closed) then 'rectifying'
    when exists (select 1 from ${cases} c where c.closed and c.outcome = any(${[...CLOSURE_OUTCOMES]}::text[])) then 'closed'
    when exists (select 1 from ${lines} l) and not exists (select 1 from ${lines} l where l.state <> all(${[...CLOSED_LINE_STATES]}::text[])) then 'closed'
    else 'operating' end`;
}

/** Stores the status of the enterprises `e` that `which` selects, where it changed (`cases`/`lines` as in statusCase). */
function updateStatusSql(which: RawBuilder<unknown>, cases?: RawBuilder<unknown>, lines?: RawBuilder<unknown>) {
  return sql`update enterprise set status = n.status
    from (select e.id, ${statusCase(cases, lines)} as status from enterprise e where ${which}) n
    where enterprise.id = n.id and enterprise.status <> n.status`;
}

/**
 * The refresh for a statement that also updates one of the enterprise's cases (a sibling CTE, whose effect the
 * refresh cannot see): that case is read as `after` (its new state, closed flag and outcome), every other case and
 * every line as stored. Used by the case act, which folds its writes into one statement.
 */
export function refreshEnterpriseStatusWithCaseSql(enterpriseId: number, caseId: number, after: { state: string; closed: boolean; outcome: string | null }) {
  const cases = sql`(select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> ${caseId}
    union all select ${after.state}::text, ${after.closed}::boolean, ${after.outcome}::text)`;
  return updateStatusSql(sql`e.id = ${enterpriseId}`, cases);
}

/**
 * The refresh for a statement that also moves one line of the enterprise (a sibling CTE `lineCte` with columns
 * `id, enterprise_id`, e.g. the line locked by changeLineState): that line is read in state `to`, every other line
 * and every case as stored (earlier statements of the transaction included).
 */
export function refreshEnterpriseStatusWithLineSql(lineCte: string, to: string) {
  const lines = sql`(select l.state from production_line l where l.enterprise_id = e.id and l.id <> (select id from ${sql.table(lineCte)})
    union all select ${to}::text)`;
  return updateStatusSql(sql`e.id = (select enterprise_id from ${sql.table(lineCte)})`, undefined, lines);
}

/**
 * Whether a case's move from `before` to `after` (with no line changes) can change its enterprise's derived
 * status: only when the case enters or leaves the rectifying class, or closes. A move inside the same class
 * (found → rectifying → extensionRequested …) leaves every input of deriveEnterpriseStatus unchanged.
 */
export function statusMayChange(before: { state: string; outcome?: string | null }, after: { state: string; outcome?: string | null }): boolean {
  const cls = (s: { state: string }) => (s.state === 'closed' ? 'closed' : RECTIFYING_CASE_STATES.includes(s.state) ? 'rectifying' : 'enforcement');
  return cls(before) !== cls(after) || (before.outcome ?? null) !== (after.outcome ?? null);
}

/** Re-derives one enterprise's status from its cases and lines (one statement); call it in the same transaction. */
export async function refreshEnterpriseStatus(trx: Tx, enterpriseId: number): Promise<{ status: EnterpriseStatus; changed: boolean }> {
  const r = await sql<{ status: EnterpriseStatus; changed: boolean }>`
    with n as (select e.id, e.status as old, ${statusCase()} as status from enterprise e where e.id = ${enterpriseId}),
    u as (update enterprise set status = n.status from n where enterprise.id = n.id and enterprise.status <> n.status returning enterprise.id)
    select n.status, exists (select 1 from u) as changed from n`.execute(trx);
  const row = r.rows[0];
  return row ? { status: row.status, changed: row.changed } : { status: 'operating', changed: false };
}

export async function refreshAllEnterpriseStatuses(db: Tx, range?: { fromId: number; toId: number }): Promise<void> {
  await updateStatusSql(range ? sql`e.id between ${range.fromId} and ${range.toId}` : sql`true`).execute(db);
}
