/**
 * Runs the deadline sweep every 10 minutes while the server is up (single-flight across instances through the
 * sweep's advisory lock). The timer is unref'd and cleared when the app closes.
 */
import type { FastifyPluginAsync } from 'fastify';
import { sweepDeadlines } from './commands/sweep-deadlines.ts';
import { localToday } from './case-context.ts';

export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export const caseSweepPlugin: FastifyPluginAsync = async (app) => {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const now = app.ctx.now();
      const r = await sweepDeadlines(app.ctx.db, { asOf: localToday(now), now });
      if ('skipped' in r) app.log.debug({ sweep: r }, 'deadline sweep skipped: another instance holds the lock');
      else if (r.events.length || r.actsApplied.length || r.errors.length) {
        app.log.info({ asOf: r.asOf, examined: r.examined, events: r.events.length, acts: r.actsApplied.length, notifications: r.notifications, errors: r.errors }, 'deadline sweep');
      }
    } catch (err) {
      app.log.warn({ err }, 'deadline sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
};
