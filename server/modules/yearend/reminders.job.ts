/**
 * Year-end reminders as a job (server/jobs/): every hour while a server is up, on the local date of the app's clock;
 * the runner's advisory lock runs it on one instance at a time and records each run in job_run, and the reminder key
 * (yearend_reminder) keeps a second run from notifying anyone twice.
 */
import { defineJob } from '../../jobs/job.ts';
import { sendYearendReminders } from './commands/send-reminders.ts';

export const yearendReminderJob = defineJob({
  name: 'yearend-reminders',
  title: { zh: '年终总结与报告提醒（12月1日起）', en: 'Year-end reminders (from 1 December)' },
  everyMs: 60 * 60 * 1000,
  retries: 2,
  async run({ db, now }) {
    const r = await sendYearendReminders(db, now);
    return { today: r.today, rounds: r.rounds, notifications: r.notifications };
  },
});
