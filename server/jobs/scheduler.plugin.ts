/**
 * The one schedule: while the server is up, every registered job (server/jobs/index.ts) runs every `everyMs`
 * (timers unref'd, cleared when the app closes; one run of a job at a time in this process, one across instances
 * through the job's advisory lock). PHASEOUT_JOBS=off (config.jobs) starts none.
 */
import type { FastifyPluginAsync } from 'fastify';
import { JOBS } from './index.ts';
import { runJob } from './runner.ts';

export const jobSchedulerPlugin: FastifyPluginAsync = async (app) => {
  if (process.env.PHASEOUT_JOBS === 'off') return;
  const timers: NodeJS.Timeout[] = [];
  for (const job of JOBS) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const r = await runJob(app.ctx.db, job, { clock: () => app.ctx.now(), trigger: 'schedule' });
        if (r.outcome === 'failed') app.log.warn({ job: job.name, runId: r.runId, attempts: r.attempts, error: r.error }, 'job failed');
        else if (r.outcome === 'ok') app.log.debug({ job: job.name, runId: r.runId, summary: r.summary }, 'job ran');
      } catch (err) {
        app.log.warn({ err, job: job.name }, 'job runner failed');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  app.addHook('onClose', async () => timers.forEach((t) => clearInterval(t)));
};
