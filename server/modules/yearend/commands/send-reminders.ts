/**
 * Year-end reminders (plan §3.4; issue 12): on each reminder date (report.reminderDates, a LOCAL CHOICE) every unit
 * that still owes its part of the programme year is notified once — a county or lead department whose summary is not
 * yet submitted (or accepted), and the office while the city report is not yet reported up. The key
 * (year, unit, part, reminder date) in yearend_reminder makes a second run, or a run on another instance, notify
 * nobody twice: the notification is written only for a key this run inserted, in the same transaction, with the
 * round's audit record.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { SYSTEM_ACTOR } from '../../../platform/auth/actor.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { localToday } from '../../../platform/clock.ts';
import { reminderRounds } from '../../../domain/yearend/reminders.ts';
import { summariesOfYear, unitsOfYear } from '../yearend.repository.ts';

export interface ReminderReport {
  today: string;
  rounds: Array<{ year: number; remindOn: string; owing: number; notified: number }>;
  notifications: number;
}

interface Owing {
  unit_kind: 'territory' | 'department' | 'office';
  unit_code: string;
  part: 'summary' | 'report';
  title: string;
  title_en: string;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** Who owes what for the year on the day (the same reading as GET /yearend/:year's parts). */
async function owing(db: Kysely<DB>, year: number, reportDue: string, summariesDue: string | null): Promise<Owing[]> {
  const [units, summaries, reported] = await Promise.all([
    unitsOfYear(db, year),
    summariesOfYear(db, SYSTEM_ACTOR, year),
    db
      .selectFrom('yearend_report')
      .select('id')
      .where('year', '=', year)
      .where((eb) => eb.or([eb('status', '=', 'reported'), eb('reported_on', 'is not', null)]))
      .executeTakeFirst(),
  ]);
  const done = new Set(summaries.filter((s) => s.status === 'submitted' || s.status === 'accepted').map((s) => `${s.unit_kind}|${s.unit_code}`));
  const out: Owing[] = units
    .filter((u) => !done.has(`${u.kind}|${u.code}`))
    .map((u) => ({
      unit_kind: u.kind,
      unit_code: u.code,
      part: 'summary' as const,
      title: `${year}年度落后产能退出工作总结尚未报送${summariesDue ? `（办公室确定的报送期限：${zhDate(summariesDue)}）` : ''}；全市报告须于${zhDate(reportDue)}前上报`,
      title_en: `The ${year} year-end summary has not been submitted${summariesDue ? ` (due ${summariesDue}, set by the office)` : ''}; the city report goes up before ${reportDue}`,
    }));
  if (!reported) {
    out.push({
      unit_kind: 'office',
      unit_code: 'office',
      part: 'report',
      title: `${year}年度全市落后产能退出工作报告须经市政府审定后于${zhDate(reportDue)}前上报`,
      title_en: `The city's ${year} year-end report goes up, approved by the city government, before ${reportDue}`,
    });
  }
  return out;
}

export async function sendYearendReminders(db: Kysely<DB>, now: Date): Promise<ReminderReport> {
  const today = localToday(now);
  const meta: AuditMeta = { actor: SYSTEM_ACTOR, now };
  const report: ReminderReport = { today, rounds: [], notifications: 0 };
  for (const round of reminderRounds(today)) {
    const settings = await db.selectFrom('yearend_year').select('summaries_due').where('year', '=', round.year).executeTakeFirst();
    const list = await owing(db, round.year, round.reportDue, settings?.summaries_due ?? null);
    const notified = await db.transaction().execute(async (trx) => {
      const sent: Owing[] = [];
      for (const o of list) {
        // the key first: only the run that inserts it notifies (a concurrent run waits on the key, then skips)
        const key = await trx
          .insertInto('yearend_reminder')
          .values({ year: round.year, unit_kind: o.unit_kind, unit_code: o.unit_code, part: o.part, remind_on: round.remindOn, sent_at: now })
          .onConflict((oc) => oc.columns(['year', 'unit_kind', 'unit_code', 'part', 'remind_on']).doNothing())
          .returning('year')
          .executeTakeFirst();
        if (!key) continue;
        const n = await trx
          .insertInto('notification')
          .values({
            unit_kind: o.unit_kind,
            unit_code: o.unit_code,
            case_id: null,
            kind: `yearend.reminder.${o.part}`,
            title: o.title,
            title_en: o.title_en,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await sql`update yearend_reminder set notification_id = ${n.id} where year = ${round.year} and unit_kind = ${o.unit_kind} and unit_code = ${o.unit_code} and part = ${o.part} and remind_on = ${round.remindOn}::date`.execute(
          trx,
        );
        sent.push(o);
      }
      if (sent.length) {
        await writeAudit(trx, meta, {
          act: 'yearend.remind',
          entityType: 'yearend',
          entityId: round.year,
          basisId: round.basisId,
          after: {
            year: round.year,
            remindOn: round.remindOn,
            reportDue: round.reportDue,
            notified: sent.map((o) => `${o.unit_kind}:${o.unit_code}:${o.part}`),
          },
        });
      }
      return sent.length;
    });
    report.rounds.push({ year: round.year, remindOn: round.remindOn, owing: list.length, notified });
    report.notifications += notified;
  }
  return report;
}
