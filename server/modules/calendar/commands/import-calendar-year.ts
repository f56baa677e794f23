/**
 * Loads one year of the holiday calendar (issue 10 item 9): checked (domain/calendar/year-check.ts), written as a
 * new version with its audit record in one transaction, in force at once. A year already loaded is never rewritten:
 * a correction is the next version with its reason, and the deadlines computed on an earlier version of the year are
 * listed for review, each recomputed on the new data (a changed due date is flagged). Routes and the CLI call it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { buildCalendar, changedDays, checkCalendarYear, computeDeadline, type CalendarYearInput } from '../../../domain/calendar/index.ts';
import type { DeadlineRecord } from '../../../domain/lifecycle/index.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { currentYears } from '../calendar-store.ts';

export interface DeadlineToReview {
  caseId: number;
  actId: number;
  kind: string;
  closed: boolean;
  dueOn: string;
  calendarVersion: number;
  /** the due date recomputed on the new version (null for a date fixed by the decision) */
  recomputedDue: string | null;
  changed: boolean;
}

export interface ImportOutcome {
  year: number;
  version: number;
  changedDays: string[];
  deadlinesToReview: DeadlineToReview[];
}

export async function importCalendarYear(db: Kysely<DB>, input: CalendarYearInput, meta: AuditMeta): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    // one loader at a time: versions are numbered without gaps
    await sql`lock table holiday_calendar in share row exclusive mode`.execute(trx);
    const years = await currentYears(trx);
    const current = years.find((y) => y.year === input.year);
    const { data, problems } = checkCalendarYear(
      input,
      current
        ? {
            restDays: current.rest_days,
            workDays: current.work_days,
            notice: { number: current.notice_no, date: current.notice_date, url: current.notice_url },
          }
        : undefined,
    );
    if (problems.length) throw new AppError('INVALID_CALENDAR', { errors: problems.slice(0, 50), year: input.year });
    const version = (current?.version ?? 0) + 1;
    const reason = input.reason?.trim() || null;
    await trx
      .insertInto('holiday_calendar')
      .values({
        year: data.year,
        version,
        rest_days: data.restDays,
        work_days: data.workDays,
        notice_no: input.notice.number.trim(),
        notice_date: input.notice.date,
        notice_url: input.notice.url,
        source: 'State Council holiday notice (loaded by the office)',
        reason,
        loaded_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
      })
      .execute();
    const changed = current ? changedDays({ restDays: current.rest_days, workDays: current.work_days }, data) : [];
    const review: DeadlineToReview[] = [];
    if (current) {
      const others = years.filter((y) => y.year !== input.year);
      const cal = buildCalendar([...others.map((y) => ({ year: y.year, source: y.source, restDays: y.rest_days, workDays: y.work_days })), data]);
      for (let v = 1; v < version; v++) {
        const rows = await sql<{ id: string; case_id: string; kind: string; closed: boolean; due_on: string; due_detail: DeadlineRecord }>`
          select a.id, a.case_id, a.kind, c.closed, a.due_on::text as due_on, a.due_detail from case_act a join case_file c on c.id = a.case_id
          where a.due_detail is not null and (a.due_detail -> 'calendar') @> ${JSON.stringify([{ year: input.year, version: v }])}::jsonb
          order by a.id limit 1000`.execute(trx);
        for (const r of rows.rows) {
          const val = r.due_detail.value;
          let recomputed: string | null = null;
          if (val && val.fixedDate === undefined) {
            const period =
              val.months !== undefined
                ? { from: val.from, months: val.months }
                : val.days !== undefined
                  ? { from: val.from, days: val.days }
                  : { from: val.from, workingDays: val.workingDays ?? 1 };
            recomputed = computeDeadline(period, cal).due;
          }
          review.push({
            caseId: Number(r.case_id),
            actId: Number(r.id),
            kind: r.kind,
            closed: r.closed,
            dueOn: r.due_on,
            calendarVersion: v,
            recomputedDue: recomputed,
            changed: recomputed !== null && recomputed !== r.due_on,
          });
        }
      }
    }
    await writeAudit(trx, meta, {
      act: current ? 'calendar.correct' : 'calendar.import',
      entityType: 'holidayCalendar',
      entityId: data.year,
      basisId: 'civil-code-art-203',
      before: current ? { year: current.year, version: current.version, restDays: current.rest_days.length, workDays: current.work_days.length } : null,
      after: {
        year: data.year,
        version,
        restDays: data.restDays.length,
        workDays: data.workDays.length,
        notice: input.notice,
        reason,
        changedDays: changed,
        deadlinesToReview: review.length,
      },
    });
    return { year: data.year, version, changedDays: changed, deadlinesToReview: review };
  });
}
