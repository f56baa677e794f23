/**
 * Dated parameters: each value says from when it is in force and which basis it rests on. A decision reads the
 * value in force on its date and stores it, so a later change never moves an old deadline.
 */
import { DomainError } from '../errors.ts';
import { isIsoDate, type IsoDate } from '../dates.ts';
import type { BasisId } from './basis.ts';

/** The city's local-choice basis (执行口径): every value the plan does not state cites it, never the plan. */
export const LOCAL = 'local-wuhu-执行口径-2020' as const;

export interface ParameterVersion<T = unknown> {
  from: IsoDate;
  to?: IsoDate;
  value: T;
  unit?: string;
  basisId: BasisId;
  /** e.g. "local default, not fixed by the plan". */
  note?: string;
}

/** The value types of every parameter. */
export interface ParameterValues {
  'energy.rectificationPeriod': number;
  'energy.extensionMaxMonths': number;
  'energy.extensionMaxCount': number;
  'energy.extensionCountedFrom': 'originalDue' | 'approvalDate';
  /** Who may approve an energy extension (never the applicant's own account or unit: separation of duties). */
  'energy.extensionApprovers': readonly ('office' | 'department' | 'government')[];
  'technology.dismantleDefaultMonths': number;
  'report.annualDeadline': { month: number; day: number };
  'audit.retentionMonths': number;
  'notification.leadDays': readonly number[];
  'report.remindFrom': { month: number; day: number };
  /** A period set by a notice runs from the day the notice was served (true) or from the day it was issued (false). */
  'case.periodRunsFromService': boolean;
  /** Year-end reminder dates: `yearOffset` 0 = the programme year, 1 = the next year (before the 15 January report). */
  'report.reminderDates': readonly { yearOffset: 0 | 1; month: number; day: number }[];
}

export type ParameterName = keyof ParameterValues;

export type ParameterTable = { [K in ParameterName]: ReadonlyArray<ParameterVersion<ParameterValues[K]>> };

/** The parameter history. Versions of one name must not overlap; append a new version to change a value. */
export const parameters: ParameterTable = {
  'energy.rectificationPeriod': [{ from: '2020-01-01', value: 6, unit: 'months', basisId: 'plan-2020-§2.1', note: '在6个月内整改' }],
  'energy.extensionMaxMonths': [{ from: '2020-01-01', value: 3, unit: 'months', basisId: 'plan-2020-§2.1', note: '可提出不超过3个月的延期申请' }],
  'energy.extensionMaxCount': [
    {
      from: '2020-01-01',
      value: 1,
      unit: 'applications',
      basisId: LOCAL,
      note: 'Local choice: the plan allows "an extension application of at most 3 months" without counting applications; the city reads it as one.',
    },
  ],
  'energy.extensionCountedFrom': [
    {
      from: '2020-01-01',
      value: 'originalDue',
      basisId: LOCAL,
      note: 'Local choice: the plan is silent on where an extension counts from; the city counts it from the original due date (facts-cn §1.3).',
    },
  ],
  'energy.extensionApprovers': [
    {
      from: '2020-01-01',
      value: ['department', 'office'],
      basisId: LOCAL,
      note: 'Local choice: the plan does not say who approves an extension; the lead department, or the office where the department itself applied.',
    },
  ],
  'technology.dismantleDefaultMonths': [
    {
      from: '2020-01-01',
      value: 3,
      unit: 'months',
      basisId: LOCAL,
      note: 'Local choice: the plan says "依法限时拆除" (dismantle within a time limit) without a length; each decision may set its own.',
    },
  ],
  'report.annualDeadline': [
    // the 2020 plan states one date, for its own year's report: "2021年1月15日前" (§3.4) — it cites the plan only there
    { from: '2020-01-01', to: '2020-12-31', value: { month: 1, day: 15 }, basisId: 'plan-2020-§3.4', note: '2021年1月15日前' },
    {
      from: '2021-01-01',
      value: { month: 1, day: 15 },
      basisId: LOCAL,
      note: 'Local choice: the 2020 plan fixes only 15 January 2021 for the 2020 report; later programme years keep 15 January of the next year until their own plan says otherwise.',
    },
  ],
  'audit.retentionMonths': [{ from: '2017-06-01', value: 6, unit: 'months', basisId: 'cybersecurity-law-art-21' }],
  'notification.leadDays': [{ from: '2020-01-01', value: [30, 7, 1], unit: 'days', basisId: 'phaseout-local-default' }],
  'report.remindFrom': [
    {
      from: '2020-01-01',
      value: { month: 12, day: 1 },
      basisId: 'phaseout-local-default',
      note: 'Local choice: year-end reminders start on 1 December of the programme year (issue 12; the plan sets only the 15 January deadline, §3.4).',
    },
  ],
  'case.periodRunsFromService': [
    {
      from: '2020-01-01',
      value: true,
      basisId: LOCAL,
      note: 'Local choice: the notice says "自本通知送达之日起算"; no article read for this project (facts-cn §1) fixes where the period of a rectification notice starts (行政处罚法/行政强制法 govern how documents are served, by reference to 民事诉讼法; 民事诉讼法 art. 85 and 民法典 art. 201 only leave the starting day uncounted). The city counts from service; false counts from the notice date.',
    },
  ],
  'report.reminderDates': [
    {
      from: '2020-01-01',
      value: [
        { yearOffset: 0, month: 12, day: 1 },
        { yearOffset: 0, month: 12, day: 15 },
        { yearOffset: 1, month: 1, day: 5 },
        { yearOffset: 1, month: 1, day: 12 },
      ],
      basisId: LOCAL,
      note: 'Local choice: the plan sets only the deadline (the report before 15 January, §3.4); the city reminds whoever still owes a part on 1 and 15 December and on 5 and 12 January.',
    },
  ],
};

/** One parameter value as of a date, ready to be stored with the decision that used it. */
export interface ParameterAnswer<K extends ParameterName = ParameterName> {
  name: K;
  value: ParameterValues[K];
  unit?: string;
  basisId: BasisId;
  from: IsoDate;
  to?: IsoDate;
  note?: string;
}

/**
 * The value of `name` in force on `date`. Throws `PARAMETER_NOT_IN_FORCE` when no version covers the date.
 * `table` is injectable so tests (and a future DB-backed table) can supply their own history.
 */
export function paramAsOf<K extends ParameterName>(name: K, date: IsoDate, table: ParameterTable = parameters): ParameterAnswer<K> {
  if (!isIsoDate(date)) throw new DomainError('PARAMETER_NOT_IN_FORCE', { name, date, reason: 'invalid date' });
  const versions = table[name] as ReadonlyArray<ParameterVersion<ParameterValues[K]>> | undefined;
  if (!versions) throw new DomainError('PARAMETER_NOT_IN_FORCE', { name, date, reason: 'unknown parameter' });
  let best: ParameterVersion<ParameterValues[K]> | undefined;
  for (const v of versions) {
    if (v.from <= date && (v.to === undefined || date <= v.to) && (!best || v.from > best.from)) best = v;
  }
  if (!best) throw new DomainError('PARAMETER_NOT_IN_FORCE', { name, date });
  const answer: ParameterAnswer<K> = { name, value: best.value, basisId: best.basisId, from: best.from };
  if (best.unit !== undefined) answer.unit = best.unit;
  if (best.to !== undefined) answer.to = best.to;
  if (best.note !== undefined) answer.note = best.note;
  return answer;
}
