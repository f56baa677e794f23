/**
 * The background jobs as the office sees them: each registered job (server/jobs/index.ts) with its schedule and last
 * run, and the record of runs (job_run), newest first, filtered by job and outcome. Office only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { JOBS } from '../../jobs/index.ts';
import { errorResponses, IsoInstant, ListOf, Paging } from '../../platform/http/schemas.ts';
import { jobRunRepository, type JobRunRow } from './jobs.repository.ts';

const roles = ['office'] as const;
const tags = ['jobs'];

const JobName = Type.String({ pattern: '^[a-z][a-z0-9-]{1,62}$', description: 'a registered job name, e.g. deadline-sweep' });

export const JobRun = Type.Object({
  id: Type.Integer(),
  job: Type.String(),
  jobTitle: Type.String({ description: 'the job in Chinese' }),
  jobTitleEn: Type.String(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('cli'), Type.Literal('test')]),
  instance: Type.String({ description: 'host:pid of the server that ran it' }),
  startedAt: IsoInstant,
  finishedAt: Type.Union([IsoInstant, Type.Null()]),
  outcome: Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped'), Type.Null()], { description: 'null while running' }),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const Job = Type.Object({
  name: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  everySeconds: Type.Integer({ description: 'the schedule: one run every this many seconds while a server is up' }),
  retries: Type.Integer(),
  lastRun: Type.Union([JobRun, Type.Null()]),
});

function present(r: JobRunRow) {
  const def = JOBS.find((j) => j.name === r.job);
  return {
    id: Number(r.id),
    job: r.job,
    jobTitle: def?.title.zh ?? r.job,
    jobTitleEn: def?.title.en ?? r.job,
    trigger: r.trigger,
    instance: r.instance,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    outcome: r.outcome,
    attempts: r.attempts,
    error: r.error,
    summary: (r.summary as Record<string, unknown> | null) ?? null,
  };
}

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = jobRunRepository(app.ctx.db);

  app.get(
    '/jobs',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'The registered background jobs, their schedule and last run',
        response: { 200: Type.Object({ items: Type.Array(Job) }), ...errorResponses(401, 403) },
      },
    },
    async () => {
      const last = await repo.lastRuns(JOBS.map((j) => j.name));
      return {
        items: JOBS.map((j) => ({
          name: j.name,
          title: j.title.zh,
          titleEn: j.title.en,
          everySeconds: Math.round(j.everyMs / 1000),
          retries: j.retries ?? 2,
          lastRun: last.has(j.name) ? present(last.get(j.name)!) : null,
        })),
      };
    },
  );

  app.get(
    '/jobs/runs',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'Runs of the background jobs, newest first',
        querystring: Type.Object({
          job: Type.Optional(JobName),
          outcome: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped'), Type.Literal('running')])),
          ...Paging,
        }),
        response: { 200: ListOf(JobRun), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const r = await repo.list({ job: req.query.job, outcome: req.query.outcome, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { items: r.rows.map(present), total: r.total };
    },
  );
};
