/**
 * Who acts next (issue 17 item 1): what a case waits for and from whom, derived from the dimension's transition
 * table (plan §2.1–§2.5) — the acts of the current state, the lifecycle roles that may take each, and the acts'
 * payload-independent preconditions as of `now` — plus how many days remain to the current deadline.
 * Pure: no clock (`now` is a parameter), no I/O; unit names are the caller's (the presenter maps roles to units).
 */
import { daysBetween, isIsoDate, type IsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { dimensions } from './index.ts';
import type { ActContext, CaseState, DimensionDef, Role } from './types.ts';

export interface NextAction {
  /** The act kind awaited (e.g. `serveRectificationOrder`). */
  act: string;
  /** The lifecycle roles that may take it now, people first (`system` = the deadline sweep, automatic). */
  roles: Role[];
  /** The plan section of the table cell (e.g. `plan-2020-§2.1`). */
  basisId: string;
}

export interface NextActions {
  /** The acts the case waits for, in the order of the transition table; empty when closed. */
  waitingFor: NextAction[];
  /** The current deadline, when one runs. */
  due: IsoDate | null;
  /** Days from `now` to `due` (negative: overdue by that many days); null without a deadline. */
  daysLeft: number | null;
  /** Whether the only thing awaited is the platform itself (e.g. the sweep marks the case overdue after the due date). */
  automatic: boolean;
}

const PEOPLE_FIRST: readonly Role[] = ['territory', 'department', 'office', 'government', 'system'];

/**
 * What the case waits for on `now`: every act of the current state's row (§ of the dimension) that at least one role
 * may take today (the precondition judged per role, as `allowedActs` does), with those roles. Acts whose
 * precondition refuses for every role (e.g. energy closure before the period ran out, §2.1) are not awaited yet.
 */
export function nextActions(snap: CaseState, now: IsoDate): NextActions {
  if (!isIsoDate(now)) throw new DomainError('INVALID_ACT_INPUT', { reason: 'now must be YYYY-MM-DD', now });
  const def = dimensions[snap.dimension] as DimensionDef | undefined;
  if (!def) throw new DomainError('INVALID_ACT_INPUT', { reason: 'unknown dimension', dimension: snap.dimension });
  const due = snap.state === 'closed' ? null : (snap.due?.due ?? null);
  const daysLeft = due ? daysBetween(now, due) : null;
  if (snap.state === 'closed') return { waitingFor: [], due: null, daysLeft: null, automatic: false };
  const row = (Object.hasOwn(def.table, snap.state) ? def.table[snap.state] : undefined) ?? {};
  const waitingFor: NextAction[] = [];
  for (const [act, entry] of Object.entries(row)) {
    if (!entry) continue;
    const spec = Object.hasOwn(def.acts, act) ? def.acts[act] : undefined;
    const roles = PEOPLE_FIRST.filter((role) => {
      if (!entry.roles.includes(role)) return false;
      const ctx: ActContext = { role, now };
      return !spec?.precondition?.(snap, ctx);
    });
    if (roles.length) waitingFor.push({ act, roles, basisId: entry.basisId });
  }
  // people's acts first; a system act (the sweep) only when nothing else is awaited
  const human = waitingFor.filter((a) => a.roles.some((r) => r !== 'system'));
  const list = human.length ? human.map((a) => ({ ...a, roles: a.roles.filter((r) => r !== 'system') })) : waitingFor;
  return { waitingFor: list, due, daysLeft, automatic: human.length === 0 && waitingFor.length > 0 };
}
