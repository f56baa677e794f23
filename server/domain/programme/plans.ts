/**
 * Exit plans (落后产能退出计划, plan §3.1): a territory drafts its plan for a year and files it for the record (备案)
 * with the leading-group office. Pure: the states, who acts, and progress computed from the capacity ledger.
 *
 *   draft ──submit (territory/office)──▶ submitted ──file (office: 备案号, date)──▶ filed
 *   submitted ──return (office: comments)──▶ returned ──submit──▶ submitted
 *   filed ──newVersion (territory/office: reason)──▶ a new draft; when that version is filed the old one is superseded
 *
 * Who files (the office) is §3.1; that a filed plan changes only by a new version with its reason is the issue's
 * rule (a filed record is not edited in place).
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { ProgrammeRole } from './problems.ts';

export type PlanState = 'draft' | 'submitted' | 'returned' | 'filed' | 'superseded';
export type PlanAct = 'submit' | 'file' | 'return' | 'newVersion';
export const EXIT_METHODS = ['technology', 'energy', 'environment', 'quality', 'safety', 'voluntary'] as const;
export type ExitMethod = (typeof EXIT_METHODS)[number];
export const EXIT_METHOD_NAMES: Record<ExitMethod, { zh: string; en: string }> = {
  technology: { zh: '技术', en: 'Technology' },
  energy: { zh: '能耗', en: 'Energy' },
  environment: { zh: '环保', en: 'Environment' },
  quality: { zh: '质量', en: 'Quality' },
  safety: { zh: '安全', en: 'Safety' },
  voluntary: { zh: '主动退出', en: 'Voluntary' },
};

const PLAN_ACTS: Record<PlanAct, { from: readonly PlanState[]; roles: readonly ProgrammeRole[]; needs?: 'filing' | 'comments' | 'reason' }> = {
  submit: { from: ['draft', 'returned'], roles: ['territory', 'office'] },
  file: { from: ['submitted'], roles: ['office'], needs: 'filing' },
  return: { from: ['submitted'], roles: ['office'], needs: 'comments' },
  newVersion: { from: ['filed'], roles: ['territory', 'office'], needs: 'reason' },
};

export type PlanRefusal = { code: 'WRONG_STATE' | 'FORBIDDEN' | 'REASON_REQUIRED' | 'EMPTY_PLAN'; field?: string };

/** Decides a plan act (the new state of this record), or why it is refused. */
export function decidePlanAct(
  state: PlanState,
  act: PlanAct,
  role: ProgrammeRole,
  input: { itemCount: number; filingNo?: string | null | undefined; comments?: string | null | undefined; reason?: string | null | undefined },
): { to: PlanState } | { refused: PlanRefusal } {
  const a = PLAN_ACTS[act];
  if (!a.roles.includes(role)) return { refused: { code: 'FORBIDDEN' } };
  if (!a.from.includes(state)) return { refused: { code: 'WRONG_STATE' } };
  const blank = (s: string | null | undefined) => (s ?? '').trim().length === 0;
  if (a.needs === 'filing' && blank(input.filingNo)) return { refused: { code: 'REASON_REQUIRED', field: 'filingNo' } };
  if (a.needs === 'comments' && blank(input.comments)) return { refused: { code: 'REASON_REQUIRED', field: 'comments' } };
  if (a.needs === 'reason' && blank(input.reason)) return { refused: { code: 'REASON_REQUIRED', field: 'reason' } };
  if (act === 'submit' && input.itemCount === 0) return { refused: { code: 'EMPTY_PLAN', field: 'items' } };
  const to: Record<PlanAct, PlanState> = { submit: 'submitted', file: 'filed', return: 'returned', newVersion: 'filed' };
  return { to: to[act] };
}

export function allowedPlanActs(state: PlanState, role: ProgrammeRole): string[] {
  const acts = (Object.keys(PLAN_ACTS) as PlanAct[]).filter((a) => PLAN_ACTS[a].from.includes(state) && PLAN_ACTS[a].roles.includes(role));
  return (state === 'draft' || state === 'returned') && (role === 'territory' || role === 'office') ? ['edit', ...acts] : acts;
}

export type ItemProgress = 'done' | 'doneLate' | 'late' | 'atRisk' | 'onTrack';

/**
 * Progress of one plan item from the capacity ledger (an exit counts only once accepted: `exitedOn` is the ledger's
 * date, never typed): done (on or before the target), doneLate, late (not exited, target passed), atRisk (target
 * within `atRiskDays`, a dated criterion of the office), onTrack.
 */
export function itemProgress(targetOn: IsoDate, exitedOn: IsoDate | null, today: IsoDate, atRiskDays: number): ItemProgress {
  if (exitedOn !== null) return exitedOn <= targetOn ? 'done' : 'doneLate';
  if (targetOn < today) return 'late';
  if (targetOn <= addDays(today, atRiskDays)) return 'atRisk';
  return 'onTrack';
}

export interface PlanProgressItem {
  capacity: number;
  capacityUnit: string;
  targetOn: IsoDate;
  /** the capacity the ledger counts as exited for this item (0 when none) */
  exitedCapacity: number;
  progress: ItemProgress;
}

export interface PlanProgress {
  items: number;
  done: number;
  late: number;
  atRisk: number;
  /** per capacity unit: planned, exited (ledger), share exited */
  byUnit: Array<{ unit: string; planned: number; exited: number; share: number | null }>;
  /** share of the items due by today that are done (null when none is due yet): the supervision's "plan completion" */
  completionDue: number | null;
}

/** Per territory: the share of planned capacity exited, and items done / late / at risk. */
export function planProgress(items: readonly PlanProgressItem[], today: IsoDate): PlanProgress {
  const units = new Map<string, { planned: number; exited: number }>();
  let done = 0;
  let late = 0;
  let atRisk = 0;
  let due = 0;
  let doneDue = 0;
  for (const it of items) {
    const u = units.get(it.capacityUnit) ?? { planned: 0, exited: 0 };
    u.planned += it.capacity;
    u.exited += Math.min(it.exitedCapacity, it.capacity);
    units.set(it.capacityUnit, u);
    const isDone = it.progress === 'done' || it.progress === 'doneLate';
    if (isDone) done++;
    if (it.progress === 'late') late++;
    if (it.progress === 'atRisk') atRisk++;
    if (it.targetOn < today || isDone) {
      due++;
      if (isDone) doneDue++;
    }
  }
  return {
    items: items.length,
    done,
    late,
    atRisk,
    byUnit: [...units.entries()].map(([unit, u]) => ({
      unit,
      planned: round4(u.planned),
      exited: round4(u.exited),
      share: u.planned > 0 ? round4(u.exited / u.planned) : null,
    })),
    completionDue: due === 0 ? null : round4(doneDue / due),
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
