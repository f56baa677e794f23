/**
 * The programme's due-date reminders (commands/remind-due.ts) as a job of the jobs home (server/jobs/): one schedule
 * (every 10 minutes while a server is up), one lock (the runner's advisory lock per job: a second instance's run is
 * skipped and writes nothing), one job_run record per run. Running it twice sends nothing twice: each reminder is
 * remembered in programme_reminder (kind × item × due date × lead) and inserted with `on conflict do nothing`.
 */
import { defineJob } from '../../jobs/job.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { localToday } from '../../platform/clock.ts';
import { remindProgrammeDue } from './commands/remind-due.ts';

export const REMIND_INTERVAL_MS = 10 * 60 * 1000;

export const programmeRemindersJob = defineJob({
  name: 'programme-reminders',
  title: { zh: '问题清单与退出计划到期提醒', en: 'Problem list and exit plan due-date reminders' },
  everyMs: REMIND_INTERVAL_MS,
  retries: 2,
  async run({ db, now }) {
    const asOf = localToday(now);
    const r = await remindProgrammeDue(db, { actor: SYSTEM_ACTOR, now, asOf });
    return { asOf, sent: r.sent };
  },
});
