/**
 * Service (送达) of the notice that set a period: when the notice reaches the enterprise later than the day it was
 * issued, the period runs from the day of service (the 限期整改通知书 itself says "自本通知送达之日起算"). No article
 * read for this project (facts-cn §1) states where such a period starts: 行政处罚法/行政强制法 say how documents are
 * served (by reference to 民事诉讼法), and 民事诉讼法 art. 85 / 民法典 art. 201 only that the starting day is not
 * counted. So counting from service is a LOCAL CHOICE of the city, the dated parameter `case.periodRunsFromService`
 * (false: the period keeps running from the notice's date, and the service is only recorded).
 *
 * The act is the system's: the document service records the service (server/modules/documents) and takes this act in
 * the same transaction, so the case, its deadline and the document's service record never disagree.
 */
import { Type } from '@sinclair/typebox';
import { defineAct, periodDeadline, useParam, type Refusal } from './types.ts';
import type { CaseState } from './types.ts';
import type { PeriodInput } from '../calendar/deadline.ts';

export const SERVICE_METHODS = ['direct', 'post', 'electronic', 'announcement'] as const;

export const ServicePayload = Type.Object(
  {
    /** the served document's number (发文字号), as the numbering service issued it */
    documentNo: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    method: Type.Union(SERVICE_METHODS.map((m) => Type.Literal(m))),
  },
  { additionalProperties: false },
);

/** The period in force was set by one of `orderActs` (or by an earlier service): service may move it. */
function periodOfNotice(s: CaseState, orderActs: readonly string[]): Refusal | null {
  if (!s.due || !(orderActs.includes(s.due.setByAct) || s.due.setByAct === 'recordService')) {
    return {
      zh: '现行期限并非由整改通知书确定（或已延期），送达不改变期限',
      en: 'the period in force was not set by the notice (or has been extended); its service does not move it',
    };
  }
  return null;
}

/**
 * `recordService` for a dimension whose notice sets a period (`orderActs`: the acts that issue it). Dated on the day
 * of service, which cannot precede the notice (acts are in date order).
 */
export function recordServiceAct<S extends string>(stays: S, orderActs: readonly string[]) {
  return defineAct(ServicePayload, {
    precondition: (s) => periodOfNotice(s, orderActs),
    apply(d, p, act, ctx, out) {
      const fromService = useParam('case.periodRunsFromService', act.date, ctx, out);
      d.served = { date: act.date, documentNo: p.documentNo, method: p.method };
      const due = d.due!;
      const v = due.value;
      if (fromService && v.fixedDate === undefined && act.date > v.from) {
        const period: PeriodInput = { from: act.date };
        if (v.months !== undefined) period.months = v.months;
        if (v.days !== undefined) period.days = v.days;
        if (v.workingDays !== undefined) period.workingDays = v.workingDays;
        const moved = periodDeadline(period, due.basisId, act, ctx);
        d.due = out.deadline = moved;
        if (d.originalDue) d.originalDue = moved;
        if (d.rectificationDue !== undefined) d.rectificationDue = moved.due;
      }
      return stays;
    },
  });
}
