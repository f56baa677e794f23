/**
 * Problem lists (问题清单, plan §3.1): each territory lists the problems found and closes them out one by one (逐一整改
 * 销号) until the list is empty (问题清零). Pure: the states, who may take which act, and the burn-down over time.
 *
 *   open ──requestClose (territory or office, with evidence)──▶ closing ──signOff (office)──▶ closed
 *   closing ──rejectClose (office, reason)──▶ open          closed ──reopen (office, reason)──▶ open
 *
 * That close-out needs the office's sign-off follows §3.1 (the list is kept for the leading-group office); that it
 * needs at least one evidence file and that rejections and reopenings need a written reason is a LOCAL CHOICE.
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';

export const PROBLEM_SOURCES = ['inspection', 'central_inspection', 'provincial_inspection', 'audit', 'tip', 'other'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_LEVELS = ['general', 'serious', 'major'] as const;
export type ProblemLevel = (typeof PROBLEM_LEVELS)[number];
export type ProblemState = 'open' | 'closing' | 'closed';
export type ProblemAct = 'requestClose' | 'signOff' | 'rejectClose' | 'reopen';
export type ProgrammeRole = 'office' | 'territory' | 'department' | 'government' | 'bank';

export const PROBLEM_SOURCE_NAMES: Record<ProblemSource, { zh: string; en: string }> = {
  inspection: { zh: '日常检查', en: 'Inspection' },
  central_inspection: { zh: '中央督察', en: 'Central inspection team' },
  provincial_inspection: { zh: '省级督察', en: 'Provincial inspection team' },
  audit: { zh: '审计', en: 'Audit' },
  tip: { zh: '群众举报', en: 'Public tip' },
  other: { zh: '其他', en: 'Other' },
};
export const PROBLEM_LEVEL_NAMES: Record<ProblemLevel, { zh: string; en: string }> = {
  general: { zh: '一般', en: 'General' },
  serious: { zh: '较重', en: 'Serious' },
  major: { zh: '重大', en: 'Major' },
};

interface Transition {
  from: ProblemState;
  to: ProblemState;
  roles: readonly ProgrammeRole[];
  /** evidence files required */
  evidence: boolean;
  /** a written note required */
  note: boolean;
}

/** The transition table of a problem item (§3.1; evidence and reasons: local choice, see above). */
export const PROBLEM_TRANSITIONS: Record<ProblemAct, Transition> = {
  requestClose: { from: 'open', to: 'closing', roles: ['territory', 'office'], evidence: true, note: false },
  signOff: { from: 'closing', to: 'closed', roles: ['office'], evidence: false, note: false },
  rejectClose: { from: 'closing', to: 'open', roles: ['office'], evidence: false, note: true },
  reopen: { from: 'closed', to: 'open', roles: ['office'], evidence: false, note: true },
};

export type ProblemRefusal = { code: 'WRONG_STATE' | 'FORBIDDEN' | 'EVIDENCE_REQUIRED' | 'REASON_REQUIRED'; field?: string };

/** Decides an act: the new state, or why it is refused. */
export function decideProblemAct(
  state: ProblemState,
  act: ProblemAct,
  role: ProgrammeRole,
  input: { note?: string | null; evidence?: readonly string[] },
): { to: ProblemState } | { refused: ProblemRefusal } {
  const t = PROBLEM_TRANSITIONS[act];
  if (!t.roles.includes(role)) return { refused: { code: 'FORBIDDEN' } };
  if (t.from !== state) return { refused: { code: 'WRONG_STATE' } };
  if (t.evidence && (input.evidence?.length ?? 0) === 0) return { refused: { code: 'EVIDENCE_REQUIRED', field: 'evidence' } };
  if (t.note && (input.note ?? '').trim().length === 0) return { refused: { code: 'REASON_REQUIRED', field: 'note' } };
  return { to: t.to };
}

/** The acts a role may take on an item in `state` (the console's buttons; the server decides again). */
export function allowedProblemActs(state: ProblemState, role: ProgrammeRole): ProblemAct[] {
  return (Object.keys(PROBLEM_TRANSITIONS) as ProblemAct[]).filter((a) => PROBLEM_TRANSITIONS[a].from === state && PROBLEM_TRANSITIONS[a].roles.includes(role));
}

/** An item is overdue when it is not closed and its due date has passed (due today is not overdue). */
export function isProblemOverdue(item: { state: ProblemState; dueOn: IsoDate }, today: IsoDate): boolean {
  return item.state !== 'closed' && item.dueOn < today;
}

export interface BurnDownItem {
  id: number;
  foundOn: IsoDate;
  dueOn: IsoDate;
}
export interface BurnDownEvent {
  problemId: number;
  onDate: IsoDate;
  toState: ProblemState;
}
export interface BurnDownPoint {
  date: IsoDate;
  open: number;
  overdue: number;
  closed: number;
}

/**
 * Open / overdue / closed counts at the end of each date of `dates` (ascending): an item counts from the day it
 * was found; its state that day is the state of its last event on or before it (open when none). §3.1 "清零":
 * the list is empty when `open` reaches zero.
 */
export function burnDown(items: readonly BurnDownItem[], events: readonly BurnDownEvent[], dates: readonly IsoDate[]): BurnDownPoint[] {
  const byItem = new Map<number, BurnDownEvent[]>();
  for (const e of [...events].sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0))) {
    let l = byItem.get(e.problemId);
    if (!l) byItem.set(e.problemId, (l = []));
    l.push(e);
  }
  return dates.map((date) => {
    let open = 0;
    let overdue = 0;
    let closed = 0;
    for (const it of items) {
      if (it.foundOn > date) continue;
      let state: ProblemState = 'open';
      for (const e of byItem.get(it.id) ?? []) {
        if (e.onDate > date) break;
        state = e.toState;
      }
      if (state === 'closed') closed++;
      else {
        open++;
        if (it.dueOn < date) overdue++;
      }
    }
    return { date, open, overdue, closed };
  });
}

/** `count` dates ending at `to`, `step` days apart (the burn-down's x axis). */
export function seriesDates(to: IsoDate, count: number, step: number): IsoDate[] {
  return Array.from({ length: count }, (_, i) => addDays(to, -(count - 1 - i) * step));
}

/** Age buckets of open items (days since found): 0–30, 31–90, 91–180, over 180. Bucket limits: local choice. */
export const AGE_BUCKETS = [30, 90, 180] as const;
export function ageBucket(foundOn: IsoDate, today: IsoDate): 0 | 1 | 2 | 3 {
  const d = daysBetween(foundOn, today);
  return d <= AGE_BUCKETS[0] ? 0 : d <= AGE_BUCKETS[1] ? 1 : d <= AGE_BUCKETS[2] ? 2 : 3;
}
