/**
 * Projection: an enterprise's derived status (`enterprise.status`). The rule is server/domain/enterprise-status.ts
 * (deriveEnterpriseStatus); this file is its one SQL form and the only writer of the column.
 * test/integration/projections.test.ts checks statusCase against the domain function over every combination of
 * case and line states.
 */
import { sql, type RawBuilder } from 'kysely';
import { CLOSED_LINE_STATES_FOR_STATUS, CLOSURE_OUTCOMES, GONE_LINE_STATES, RECTIFYING_CASE_STATES } from '../domain/enterprise-status.ts';
import type { EnterpriseStatus } from '../domain/states.ts';
import type { Tx } from './types.ts';

/**
 * The rule of deriveEnterpriseStatus as one SQL expression over an enterprise row `e` (the same order), so a
 * refresh is one statement inside the act's transaction and a bulk refresh is one update. `cases` and `lines` are
 * the row sets it reads (columns state, closed, outcome / state); by default the enterprise's stored ones.
 */
export function statusCase(
  cases: RawBuilder<unknown> = sql`(select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id)`,
  lines: RawBuilder<unknown> = sql`(select l.state from production_line l where l.enterprise_id = e.id)`,
): RawBuilder<EnterpriseStatus> {
  return sql<EnterpriseStatus>`case
    when exists (select 1 from ${lines} l) and not exists (select 1 from ${lines} l where l.state not in (${sql.join(GONE_LINE_STATES.map((x) => sql.lit(x)))})) then 'exited'
    when exists (select 1 from ${cases} c where not c.closed and c.state <> all(${[...RECTIFYING_CASE_STATES]}::text[])) then 'enforcement'
    when exists (select 1 from ${cases} c where not c.closed) then 'rectifying'
    when exists (select 1 from ${cases} c where c.closed and c.outcome = any(${[...CLOSURE_OUTCOMES]}::text[])) then 'closed'
    when exists (select 1 from ${lines} l) and not exists (select 1 from ${lines} l where l.state not in (${sql.join(CLOSED_LINE_STATES_FOR_STATUS.map((x) => sql.lit(x)))})) then 'closed'
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
 * The refresh for a statement that also moves lines (a sibling CTE `lineCte` with columns `id, enterprise_id,
 * to_state`, e.g. the lines locked by the line move): those lines are read in their new state, every other line
 * and every case as stored (earlier statements of the transaction included).
 */
export function refreshEnterpriseStatusWithLinesSql(lineCte: string) {
  const t = sql.table(lineCte);
  const lines = sql`(select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from ${t})
    union all select m.to_state::text from ${t} m where m.enterprise_id = e.id)`;
  return updateStatusSql(sql`e.id in (select enterprise_id from ${t})`, undefined, lines);
}

/**
 * The refresh for a case act that also moves lines in the same statement (sibling CTEs, whose effects the refresh
 * cannot see): the act's case is read as `after`, the moved lines (CTE `lineCte`: id, enterprise_id, to_state) in
 * their new states, every other case and line as stored.
 */
export function refreshEnterpriseStatusWithCaseAndLinesSql(
  enterpriseId: number,
  caseId: number,
  after: { state: string; closed: boolean; outcome: string | null },
  lineCte: string,
) {
  const t = sql.table(lineCte);
  const cases = sql`(select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> ${caseId}
    union all select ${after.state}::text, ${after.closed}::boolean, ${after.outcome}::text)`;
  const lines = sql`(select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from ${t})
    union all select m.to_state::text from ${t} m where m.enterprise_id = e.id)`;
  return updateStatusSql(sql`e.id = ${enterpriseId}`, cases, lines);
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

/** The same rule set-based: every enterprise, or those with ids in `range` (bulk loads). */
export async function refreshAllEnterpriseStatuses(db: Tx, range?: { fromId: number; toId: number }): Promise<void> {
  await updateStatusSql(range ? sql`e.id between ${range.fromId} and ${range.toId}` : sql`true`).execute(db);
}
