/**
 * The deadline sweep as a job (server/jobs/): every 10 minutes while a server is up, on the local date of the app's
 * clock. The sweep's own advisory lock still keeps a CLI sweep (`phaseout sweep`) and a scheduled one apart: the job
 * then records `skipped`.
 */
import { defineJob } from '../../jobs/job.ts';
import { localToday } from '../../platform/clock.ts';
import { sweepDeadlines } from './commands/sweep-deadlines.ts';

export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export const deadlineSweepJob = defineJob({
  name: 'deadline-sweep',
  title: { zh: '期限巡检（届满提醒、逾期认定）', en: 'Deadline sweep (reminders, overdue acts)' },
  everyMs: SWEEP_INTERVAL_MS,
  retries: 2,
  async run({ db, now }) {
    const r = await sweepDeadlines(db, { asOf: localToday(now), now });
    if ('skipped' in r) return { skipped: 'another sweep holds the sweep lock' };
    return { asOf: r.asOf, examined: r.examined, events: r.events.length, acts: r.actsApplied.length, notifications: r.notifications, errors: r.errors.length };
  },
});
