/**
 * Problem lists (问题清单, plan §3.1): list, search, export and import them; list, change and close out items
 * (销号 with evidence, the office's sign-off, reopening with a reason); the burn-down to zero. Territory accounts:
 * their own list only (others' items answer 404); the office: every list; departments and the government: read.
 */
import fs from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { Scope } from '../../platform/auth/actor.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { withUploadedWorkbook } from '../../platform/spreadsheet/slots.ts';
import { burnDown, seriesDates, type ProblemState } from '../../domain/programme/problems.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';
import { evidencePath, evidenceRoot } from '../cases/index.ts';
import { localToday } from '../../platform/clock.ts';
import { createProblem } from './commands/create-problem.ts';
import { updateProblem } from './commands/update-problem.ts';
import { applyProblemAct } from './commands/apply-problem-act.ts';
import { exportProblems, importProblems, problemTemplate } from './problems-io.ts';
import { findProblem, listProblems, problemEvents } from './problems.repository.ts';
import { presentProblem } from './problems.presenter.ts';
import { PROGRAMME_READERS, PROGRAMME_WRITERS } from './programme-common.ts';
import {
  BurnDown,
  BurnDownQuery,
  CreateProblemBody,
  ProblemActBody,
  ProblemDetail,
  ProblemFilterQuery,
  ProblemImportReport,
  ProblemItem,
  ProblemListQuery,
  UpdateProblemBody,
} from './problems.schemas.ts';

const read = { access: { roles: PROGRAMME_READERS } } as const;
const write = { access: { roles: PROGRAMME_WRITERS } } as const;
const tags = ['problems'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
export const PROBLEM_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  await app.register(multipart, { limits: { fileSize: PROBLEM_IMPORT_MAX_BYTES, files: 1, fields: 5 } });
  const today = () => localToday(app.ctx.now());

  const detail = async (req: { scope: Scope }, id: number, actor: ReturnType<typeof actorOf>) => {
    const row = await findProblem(db, req.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    const events = await problemEvents(db, id);
    return {
      ...presentProblem(row, actor, today()),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        onDate: e.on_date,
        fromState: e.from_state,
        toState: e.to_state,
        note: e.note,
        evidence: e.evidence,
        actorName: e.display_name,
        at: new Date(e.at).toISOString(),
      })),
    };
  };

  app.get(
    '/problems',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search and list problem items (scoped), by due date',
        querystring: ProblemListQuery,
        response: { 200: ListOf(ProblemItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...f } = req.query;
      const r = await listProblems(db, req.scope, f, { limit: limit ?? 20, offset: offset ?? 0 }, today());
      const actor = actorOf(req);
      return { items: r.rows.map((row) => presentProblem(row, actor, today())), total: r.total };
    },
  );

  app.post(
    '/problems',
    {
      config: write,
      schema: {
        tags,
        summary: 'List a problem for a territory (a territory account: its own)',
        body: CreateProblemBody,
        response: { 201: ProblemDetail, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const id = await createProblem(db, req.body, auditMeta(req));
      return reply.code(201).send(await detail(req, id, actorOf(req)));
    },
  );

  app.get(
    '/problems/burndown',
    {
      config: read,
      schema: {
        tags,
        summary: 'Open / overdue / closed counts over time (to zero: 问题清零), scoped',
        querystring: BurnDownQuery,
        response: { 200: BurnDown, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const dates = seriesDates(today(), req.query.points ?? 12, req.query.stepDays ?? 7);
      let items = db.selectFrom('problem_item as p').select(['p.id', 'p.found_on', 'p.due_on']).where(territoryScope(req.scope, 'p.territory_code'));
      if (req.query.territoryCode) items = items.where('p.territory_code', '=', req.query.territoryCode);
      const rows = await items.execute();
      const ids = rows.map((r) => r.id);
      const events = ids.length
        ? await db
            .selectFrom('problem_event')
            .select(['problem_id', 'on_date', 'to_state'])
            .where('problem_id', 'in', ids)
            .where('kind', 'in', ['signOff', 'reopen'])
            .orderBy('id')
            .execute()
        : [];
      const points = burnDown(
        rows.map((r) => ({ id: r.id, foundOn: r.found_on, dueOn: r.due_on })),
        events.map((e) => ({ problemId: e.problem_id, onDate: e.on_date, toState: e.to_state as ProblemState })),
        dates,
      );
      return { points };
    },
  );

  app.get(
    '/problems/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Export the items of a list filter as .xlsx (names, not codes)',
        querystring: Type.Object(ProblemFilterQuery),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const buf = await exportProblems(db, req.scope, req.query, today());
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`问题清单-${today()}.xlsx`))
        .send(buf);
    },
  );

  app.get(
    '/problems/import-template.xlsx',
    { config: write, schema: { tags, summary: 'The problem-list import template', response: { 200: Binary, ...errorResponses(401, 403) } } },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment('问题清单导入模板.xlsx'))
        .send(await problemTemplate(db)),
  );

  app.post(
    '/problems/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Import a problem list from .xlsx (multipart field `file`); all or nothing with a row-level report; ?dryRun=1 only checks',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')])) }),
        response: { 200: ProblemImportReport, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
      },
    },
    async (req) => {
      return withUploadedWorkbook(req, { userId: actorOf(req).userId, max: app.ctx.config.importConcurrency }, async (buf, fileName) => {
        const dry = req.query.dryRun;
        return await importProblems(db, buf, auditMeta(req), {
          dryRun: dry === true || dry === '1',
          fileName,
          maxRows: app.ctx.config.importMaxRows,
          parseTimeoutMs: app.ctx.config.importParseTimeoutMs,
        });
      });
    },
  );

  app.get(
    '/problems/:id',
    {
      config: read,
      schema: { tags, summary: 'One problem item with its history', params: IdParams, response: { 200: ProblemDetail, ...errorResponses(400, 401, 403, 404) } },
    },
    async (req) => detail(req, req.params.id, actorOf(req)),
  );

  app.patch(
    '/problems/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an open item (send the version you read)',
        params: IdParams,
        body: UpdateProblemBody,
        response: { 200: ProblemDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await updateProblem(db, req.scope, req.params.id, req.body, auditMeta(req));
      return detail(req, req.params.id, actorOf(req));
    },
  );

  app.post(
    '/problems/:id/acts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Close-out acts: requestClose (evidence), signOff / rejectClose (office), reopen (office, with a reason)',
        params: IdParams,
        body: ProblemActBody,
        response: { 200: ProblemDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await applyProblemAct(db, req.scope, req.params.id, req.body, auditMeta(req));
      return detail(req, req.params.id, actorOf(req));
    },
  );

  app.get(
    '/problems/:id/evidence/:sha256',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download an evidence file attached to this item',
        params: Type.Object({ id: IdParams.properties.id, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: { 200: Type.Unknown({ description: 'the file' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const item = await findProblem(db, req.scope, req.params.id);
      if (!item) throw new AppError('NOT_FOUND');
      const row = await db
        .selectFrom('evidence_file as f')
        .select(['f.mime_type', 'f.original_name', 'f.size_bytes'])
        .where('f.sha256', '=', req.params.sha256)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('problem_event as ev')
              .select('ev.id')
              .where('ev.problem_id', '=', req.params.id)
              .where(({ eb: e2, ref }) => e2(ref('f.sha256'), '=', e2.fn.any('ev.evidence'))),
          ),
        )
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      const file = evidencePath(evidenceRoot(app.ctx), req.params.sha256);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', { reason: 'the file is missing from the store' });
      return reply
        .type(row.mime_type)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="${row.original_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.original_name)}`,
        )
        .send(fs.createReadStream(file));
    },
  );
};
