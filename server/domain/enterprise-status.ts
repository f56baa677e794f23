/**
 * An enterprise's status is DERIVED, never accepted from input. The rule (first match wins):
 *
 * 1. `exited`      — it has at least one production line and every line is exited: the exit accepted (验收, §3.4);
 *                    a shut (关停) or dismantled line awaits acceptance (domain/lifecycle/line-states.ts);
 * 2. `enforcement` — an open case is in an enforcement state: a coercive measure was ordered (restriction,
 *                    suspension, sealing, closure order, government approval of closure…) or rectification failed
 *                    or ran out (overdue, recheck/reinspection failed, serious, penalised);
 * 3. `rectifying`  — any other open case (found, rectifying, extension requested, investigating);
 * 4. `closed`      — no open case, and a closed case ended in closure (outcome `exited` or `licenceRevoked`:
 *                    依法关闭 — the red-card list of §3.3), or every line is shut, dismantled or exited;
 * 5. `operating`   — otherwise.
 *
 * This file is the rule; server/projections/enterprise-status.ts is its one SQL form and the only writer of
 * enterprise.status (test/integration/projections.test.ts checks the two agree on every combination of states).
 */
import type { EnterpriseStatus } from './states.ts';
import { CLOSED_LINE_STATES, EXITED_LINE_STATES } from './lifecycle/line-states.ts';

/** Open-case states that are not yet enforcement: the finding and the rectification period. */
export const RECTIFYING_CASE_STATES: readonly string[] = ['found', 'rectifying', 'extensionRequested', 'investigating'];
/** Case outcomes that mean the enterprise was closed according to law. */
export const CLOSURE_OUTCOMES: readonly string[] = ['exited', 'licenceRevoked'];
/** Line states in which a line has exited (rule 1): only after acceptance (issue 10). */
export const GONE_LINE_STATES: readonly string[] = EXITED_LINE_STATES;
/** Line states in which a line no longer produces for good: shut, dismantled or exited (rule 4). */
export const CLOSED_LINE_STATES_FOR_STATUS: readonly string[] = CLOSED_LINE_STATES;

export interface StatusFacts {
  cases: ReadonlyArray<{ state: string; closed: boolean; outcome: string | null }>;
  lineStates: readonly string[];
}

/** The pure rule (see the file comment). */
export function deriveEnterpriseStatus(f: StatusFacts): EnterpriseStatus {
  if (f.lineStates.length > 0 && f.lineStates.every((s) => GONE_LINE_STATES.includes(s))) return 'exited';
  const open = f.cases.filter((c) => !c.closed);
  if (open.some((c) => !RECTIFYING_CASE_STATES.includes(c.state))) return 'enforcement';
  if (open.length > 0) return 'rectifying';
  if (f.cases.some((c) => c.closed && c.outcome !== null && CLOSURE_OUTCOMES.includes(c.outcome))) return 'closed';
  if (f.lineStates.length > 0 && f.lineStates.every((s) => CLOSED_LINE_STATES_FOR_STATUS.includes(s))) return 'closed';
  return 'operating';
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
