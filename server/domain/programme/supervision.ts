/**
 * Supervision (plan §3.3): the office presses territories whose exit progress is slow with a circulated criticism
 * (通报) or a summons talk (约谈). The plan names no numbers, so "slow or ineffective" is a set of thresholds the
 * office sets as dated versions (basis: phaseout-local-default, the city's choice). Pure: which criteria a
 * territory's indicators meet, with the figures that put it there.
 */
import type { IsoDate } from '../dates.ts';

export interface Thresholds {
  /** slow when the share of plan items due by today that are done is below this (0–1) */
  planCompletionBelow: number;
  /** slow when this many plan items or more are past their target and not exited */
  latePlanItemsAtLeast: number;
  /** slow when this many open cases or more are past their due date */
  overdueCasesAtLeast: number;
  /** slow when this many problem items or more are past their due date and not closed */
  overdueProblemsAtLeast: number;
  /** slow when the last progress (case act, accepted exit, problem closed) is this many days ago or more */
  daysSinceProgressAtLeast: number;
  /** an open problem item is "old" after this many days since found … */
  oldOpenItemDays: number;
  /** … and slow when this many old open items or more */
  oldOpenItemsAtLeast: number;
  /** a plan item is "at risk" when its target is within this many days */
  atRiskDays: number;
}

export const THRESHOLD_KEYS = [
  'planCompletionBelow',
  'latePlanItemsAtLeast',
  'overdueCasesAtLeast',
  'overdueProblemsAtLeast',
  'daysSinceProgressAtLeast',
  'oldOpenItemDays',
  'oldOpenItemsAtLeast',
  'atRiskDays',
] as const satisfies ReadonlyArray<keyof Thresholds>;

export interface CriteriaVersion {
  validFrom: IsoDate;
  thresholds: Thresholds;
  basisId: string;
  note: string | null;
}

/** The version in force on `date` (the latest `validFrom` ≤ date), or null. */
export function criteriaAsOf<T extends { validFrom: IsoDate }>(versions: readonly T[], date: IsoDate): T | null {
  let best: T | null = null;
  for (const v of versions) if (v.validFrom <= date && (!best || v.validFrom > best.validFrom)) best = v;
  return best;
}

export interface Indicators {
  territoryCode: string;
  /** share of plan items due by today that are done (filed plans of the year); null: none due */
  planCompletion: number | null;
  planItems: number;
  latePlanItems: number;
  atRiskPlanItems: number;
  overdueCases: number;
  openProblems: number;
  overdueProblems: number;
  /** days since the last progress; null: none recorded */
  daysSinceProgress: number | null;
  lastProgressOn: IsoDate | null;
  /** open problem items by age since found: 0–30, 31–90, 91–180, over 180 days */
  openByAge: [number, number, number, number];
  /** open problem items older than the criteria's oldOpenItemDays */
  oldOpenItems: number;
}

export type CriterionKey = 'planCompletion' | 'latePlanItems' | 'overdueCases' | 'overdueProblems' | 'daysSinceProgress' | 'oldOpenItems';

export interface Hit {
  criterion: CriterionKey;
  value: number;
  threshold: number;
}

/**
 * The criteria the indicators meet. "At least" thresholds compare with ≥ and "below" with <, so a territory
 * exactly at a count threshold is slow and one exactly at the completion threshold is not.
 */
export function slowHits(ind: Indicators, th: Thresholds): Hit[] {
  const hits: Hit[] = [];
  if (ind.planCompletion !== null && ind.planCompletion < th.planCompletionBelow)
    hits.push({ criterion: 'planCompletion', value: ind.planCompletion, threshold: th.planCompletionBelow });
  if (ind.latePlanItems >= th.latePlanItemsAtLeast) hits.push({ criterion: 'latePlanItems', value: ind.latePlanItems, threshold: th.latePlanItemsAtLeast });
  if (ind.overdueCases >= th.overdueCasesAtLeast) hits.push({ criterion: 'overdueCases', value: ind.overdueCases, threshold: th.overdueCasesAtLeast });
  if (ind.overdueProblems >= th.overdueProblemsAtLeast)
    hits.push({ criterion: 'overdueProblems', value: ind.overdueProblems, threshold: th.overdueProblemsAtLeast });
  if (ind.daysSinceProgress !== null && ind.daysSinceProgress >= th.daysSinceProgressAtLeast) {
    hits.push({ criterion: 'daysSinceProgress', value: ind.daysSinceProgress, threshold: th.daysSinceProgressAtLeast });
  }
  if (ind.oldOpenItems >= th.oldOpenItemsAtLeast) hits.push({ criterion: 'oldOpenItems', value: ind.oldOpenItems, threshold: th.oldOpenItemsAtLeast });
  return hits;
}

/** Checks an office's thresholds: every key present, a finite non-negative number; completion within 0–1. */
export function thresholdProblems(t: Record<string, unknown>): string[] {
  const bad: string[] = [];
  for (const k of THRESHOLD_KEYS) {
    const v = t[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100_000) bad.push(k);
    else if (k === 'planCompletionBelow' && v > 1) bad.push(k);
    else if (k !== 'planCompletionBelow' && !Number.isInteger(v)) bad.push(k);
  }
  return bad;
}

export const ACTION_KINDS = ['criticism', 'summons'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
