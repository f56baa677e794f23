/**
 * Cases (plan §2.1–§2.5): open, act, list, read, explain. Scope: office and government — all; departments — the
 * dimensions they lead; territory accounts — their territory. Out of scope answers 404 like a missing case.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Dimension } from '../../domain/lifecycle/index.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { openCaseCommand } from './commands/open-case.ts';
import { applyCaseAct } from './commands/apply-case-act.ts';
import { ActBody, ActResult, CaseDetail, CaseDetailQuery, CaseItem, CaseListQuery, CreateCaseBody, Explanation } from './cases.schemas.ts';
import { caseActs, caseLines, findCase, listCases } from './cases.repository.ts';
import { presentCaseDetail, presentCaseItem } from './cases.presenter.ts';
import { explainCase } from './explain.ts';
import { assigneeFilterOf } from './assignee.policy.ts';
import { ACT_BODY_SCHEMAS, CaseActBodySchema } from './act-bodies.ts';
import { renderPendingDocuments } from '../documents/index.ts';
import { localToday } from './case-context.ts';
import './document-service.ts'; // the service (送达) of a notice moves the period that runs from it (documents → recordService)

import { CASE_ACTORS, CASE_OPENERS, CASE_READERS } from './cases.policy.ts';
export { CASE_ACTORS, CASE_OPENERS, CASE_READERS }; // who may do what: cases.policy.ts
const tags = ['cases'];

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const today = () => localToday(app.ctx.now());
  // one named schema per act kind in the OpenAPI document (act-bodies.ts); the act route documents their union
  for (const s of ACT_BODY_SCHEMAS) app.addSchema(s);

  const detail = async (req: Parameters<typeof actorOf>[0], id: number, asOf?: string) => {
    const t = today();
    // acts cannot be dated after today: the platform answers what it would allow on a day up to today
    if (asOf !== undefined && asOf > t) throw new AppError('INVALID_FIELD', { field: 'asOf', reason: 'after today', today: t });
    const row = await findCase(db, req.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    const [lines, acts] = await Promise.all([caseLines(db, id), caseActs(db, id)]);
    return presentCaseDetail(row, lines, acts, actorOf(req), t, asOf ?? t);
  };

  app.get(
    '/cases',
    {
      config: { access: { roles: CASE_READERS } },
      schema: {
        tags,
        summary: 'List cases (scoped); deadlineStatus and overdue are derived from the due date and today',
        querystring: CaseListQuery,
        response: { 200: ListOf(CaseItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, assignee, ...filters } = req.query;
      const t = today();
      const actor = actorOf(req);
      const r = await listCases(db, req.scope, { ...filters, assignee: assigneeFilterOf(assignee, actor) }, { limit: limit ?? 20, offset: offset ?? 0 }, t);
      return { items: r.rows.map((row) => presentCaseItem(row, actor, t)), total: r.total };
    },
  );

  app.post(
    '/cases',
    {
      config: { access: { roles: CASE_OPENERS } },
      schema: {
        tags,
        summary: "Open a case: a finding against an enterprise in one dimension (office, the enterprise's territory, a department leading the dimension)",
        body: CreateCaseBody,
        response: { 201: CaseDetail, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await openCaseCommand(
        db,
        { enterpriseId: b.enterpriseId, dimension: b.dimension as Dimension, lineIds: b.lineIds, finding: b.finding, openedOn: b.openedOn },
        auditMeta(req),
        { referenceSet: app.ctx.config.referenceSet },
      );
      return reply.code(201).send(await detail(req, id));
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { access: { roles: CASE_READERS } },
      schema: {
        tags,
        summary:
          'One case: finding, lines, timeline, current deadline and the acts this user may take now (or on the day `asOf`, up to today: past acts recorded after the fact)',
        params: IdParams,
        querystring: CaseDetailQuery,
        response: { 200: CaseDetail, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => detail(req, req.params.id, req.query.asOf),
  );

  app.post(
    '/cases/:id/acts',
    {
      // documented as the union of the act bodies keyed by `kind`; validated as the envelope (ActBody), the payload by the domain
      config: { access: { roles: CASE_ACTORS }, swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: CaseActBodySchema }, url }) },
      schema: {
        tags,
        summary: 'Take an act on a case (the transition table, roles and legal guards decide; 409 ILLEGAL_TRANSITION / GUARD_FAILED name what is allowed)',
        params: IdParams,
        body: ActBody,
        response: { 201: ActResult, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await applyCaseAct(db, req.params.id, req.body, auditMeta(req), { referenceSet: app.ctx.config.referenceSet });
      // the act's numbered document was issued with it; its .docx is rendered now (or, should this fail, on first read)
      await renderPendingDocuments(db, { actId: r.actId }, auditMeta(req)).catch((err: unknown) => req.log.error({ err }, 'document rendering deferred'));
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/cases/:id/explain',
    {
      config: { access: { roles: CASE_READERS } },
      schema: {
        tags,
        summary: 'Why the case is where it is: each act with its transition rule, basis, parameters used and deadline steps',
        params: IdParams,
        response: { 200: Explanation, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findCase(db, req.scope, req.params.id);
      if (!row) throw new AppError('NOT_FOUND');
      return explainCase(row, await caseActs(db, row.id), today());
    },
  );
};
