/**
 * Projections: the derived data, one module per figure, each the ONLY writer of its table and the owner of its SQL.
 *
 * | figure                               | table(s)                      | module               |
 * |--------------------------------------|-------------------------------|----------------------|
 * | cases by territory × dimension × state | rollup_case                 | case-rollup.ts       |
 * | open cases by due date               | rollup_due, rollup_due_fold   | due-rollup.ts        |
 * | lines and capacity by state          | rollup_line                   | line-rollup.ts       |
 * | an enterprise's derived status       | enterprise.status             | enterprise-status.ts |
 * | the capacity-exit ledger (§3.4)      | capacity_exit                 | capacity-exit.ts     |
 * | problem items by territory and date  | rollup_problem                | problem-rollup.ts    |
 * | filed plan items by target date      | rollup_plan                   | plan-rollup.ts       |
 * | the differentiated-credit list (§2.6) | credit_listing, credit_change | credit-listing.ts    |
 *
 * Writers of base data call them: the case act's one statement folds the case, due and status builders in as
 * CTEs; the line move (server/modules/lines/change-line-state.ts, also used by the bulk seed) folds the line
 * roll-up, the ledger and the status; the sweep folds past due days. rebuildProjections recomputes the roll-ups
 * from the base tables (after bulk loads and `phaseout rollups rebuild`).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { rebuildCaseRollup } from './case-rollup.ts';
import { rebuildDueRollup } from './due-rollup.ts';
import { rebuildLineRollup } from './line-rollup.ts';
import { rebuildProblemRollup } from './problem-rollup.ts';
import { rebuildPlanRollup } from './plan-rollup.ts';
import { rollupsChanged } from './version.ts';

export { rollupsChanged, rollupsVersion } from './version.ts';
export { ROLLUP_SLOTS, slotOf, caseRollupMoveSql, bumpCaseRollup, type CaseRollupKey } from './case-rollup.ts';
export { dueMoves, dueRollupMoveSql, foldPastDue, type DueFacts } from './due-rollup.ts';
export { lineRollupMoveSql, bumpLineRollup, type LineRollupKey } from './line-rollup.ts';
export { EXIT_COUNTING_STATES, countsAsExit, capacityExitInsertSql } from './capacity-exit.ts';
export {
  statusCase,
  refreshEnterpriseStatus,
  refreshAllEnterpriseStatuses,
  refreshEnterpriseStatusWithCaseSql,
  refreshEnterpriseStatusWithLinesSql,
  refreshEnterpriseStatusWithCaseAndLinesSql,
} from './enterprise-status.ts';
export type { Tx } from './types.ts';
export { problemMoves, moveProblemRollup, rebuildProblemRollup, type ProblemFacts, type ProblemMove } from './problem-rollup.ts';

/** Recomputes the case, due-date, line, problem and plan roll-ups from the base tables in one transaction. */
export async function rebuildProjections(db: Kysely<DB>): Promise<void> {
  rollupsChanged();
  await db.transaction().execute(async (trx) => {
    await sql`lock table rollup_case, rollup_line, rollup_due in exclusive mode`.execute(trx);
    await rebuildCaseRollup(trx);
    await rebuildDueRollup(trx);
    await rebuildLineRollup(trx);
    await rebuildProblemRollup(trx);
    await rebuildPlanRollup(trx);
  });
}
export { CREDIT_LOCK, deriveCreditList, refreshCreditListing, showsOnCreditList } from './credit-listing.ts';
export { planRollupRowsSql, planRollupExitSql, refreshPlanRollup, planRollupLinesAdded, rebuildPlanRollup } from './plan-rollup.ts';
