/**
 * Runs the programme's due-date reminders (commands/remind-due.ts) every 10 minutes while the server is up, like the
 * deadline sweep; single-flight across instances through its advisory lock. The timer is unref'd and cleared on close.
 */
import type { FastifyPluginAsync } from 'fastify';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { localToday } from '../../platform/clock.ts';
import { remindProgrammeDue } from './commands/remind-due.ts';

export const REMIND_INTERVAL_MS = 10 * 60 * 1000;

export const programmeReminderPlugin: FastifyPluginAsync = async (app) => {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const now = app.ctx.now();
      const r = await remindProgrammeDue(app.ctx.db, { actor: SYSTEM_ACTOR, now, asOf: localToday(now) });
      if ('sent' in r && r.sent) app.log.info({ reminders: r.sent }, 'programme reminders');
    } catch (err) {
      app.log.warn({ err }, 'programme reminders failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), REMIND_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
};
