/**
 * Exit plans (退出计划, plan §3.1): a territory drafts its plan for a year and submits it; the office files it (备案号
 * and date) or returns it with comments; a filed plan changes only by a new version with its reason. Progress
 * comes from the capacity ledger (accepted exits). Territory accounts: their own plans only (others answer 404).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Scope } from '../../platform/auth/actor.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { localToday } from '../../platform/clock.ts';
import { PROGRAMME_READERS, PROGRAMME_WRITERS } from '../problems/index.ts';
import { criteriaInForce } from '../supervision/index.ts';
import { applyPlanAct } from './commands/apply-plan-act.ts';
import { createExitPlan, updateExitPlanItems } from './commands/save-exit-plan.ts';
import { findPlan, listPlans, planItems } from './exit-plans.repository.ts';
import { exportPlans } from './exit-plans-export.ts';
import { presentPlanSummary, presentPlanWithItems } from './exit-plans.presenter.ts';
import { CreatePlanBody, Plan, PlanActBody, PlanListQuery, PlanSummary, UpdatePlanBody } from './exit-plans.schemas.ts';

const read = { access: { roles: PROGRAMME_READERS } } as const;
const write = { access: { roles: PROGRAMME_WRITERS } } as const;
const tags = ['exit-plans'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });

export const exitPlanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  const one = async (req: { scope: Scope }, id: number, actor: ReturnType<typeof actorOf>) => {
    const p = await findPlan(db, req.scope, id);
    if (!p) throw new AppError('NOT_FOUND');
    const today = localToday(app.ctx.now());
    const c = await criteriaInForce(db, today);
    return presentPlanWithItems(p, await planItems(db, [id]), actor, today, c.thresholds.atRiskDays);
  };

  app.get(
    '/exit-plans',
    {
      config: read,
      schema: {
        tags,
        summary: 'Exit plans (scoped), newest year first, with progress from the ledger',
        querystring: PlanListQuery,
        response: { 200: ListOf(PlanSummary), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...f } = req.query;
      const r = await listPlans(db, req.scope, f, { limit: limit ?? 20, offset: offset ?? 0 });
      const today = localToday(app.ctx.now());
      const c = await criteriaInForce(db, today);
      const items = await planItems(
        db,
        r.rows.map((p) => p.id),
      );
      const actor = actorOf(req);
      return {
        items: r.rows.map((p) =>
          presentPlanSummary(
            p,
            items.filter((i) => i.plan_id === p.id),
            actor,
            today,
            c.thresholds.atRiskDays,
          ),
        ),
        total: r.total,
      };
    },
  );

  app.get(
    '/exit-plans/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Export the plans of a list filter as .xlsx, one row per item with its progress (names, not codes)',
        querystring: Type.Omit(PlanListQuery, ['limit', 'offset']),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const today = localToday(app.ctx.now());
      const c = await criteriaInForce(db, today);
      const buf = await exportPlans(db, req.scope, req.query, today, c.thresholds.atRiskDays);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="exit-plans-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`退出计划-${today}.xlsx`)}`)
        .send(buf);
    },
  );

  app.post(
    '/exit-plans',
    {
      config: write,
      schema: {
        tags,
        summary: 'Draft the exit plan of a territory for a year',
        body: CreatePlanBody,
        response: { 201: Plan, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const id = await createExitPlan(db, req.body, auditMeta(req));
      return reply.code(201).send(await one(req, id, actorOf(req)));
    },
  );

  app.get(
    '/exit-plans/:id',
    {
      config: read,
      schema: { tags, summary: 'One exit plan with its items and progress', params: IdParams, response: { 200: Plan, ...errorResponses(400, 401, 403, 404) } },
    },
    async (req) => one(req, req.params.id, actorOf(req)),
  );

  app.patch(
    '/exit-plans/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Replace the items of a draft or returned plan (send the version you read)',
        params: IdParams,
        body: UpdatePlanBody,
        response: { 200: Plan, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await updateExitPlanItems(db, req.scope, req.params.id, req.body, auditMeta(req));
      return one(req, req.params.id, actorOf(req));
    },
  );

  app.post(
    '/exit-plans/:id/acts',
    {
      config: write,
      schema: {
        tags,
        summary: 'submit; file (office: filingNo, filedOn) or return (office: comments); newVersion of a filed plan (reason) — answers the plan to see next',
        params: IdParams,
        body: PlanActBody,
        response: { 200: Plan, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const next = await applyPlanAct(db, req.scope, req.params.id, req.body, auditMeta(req));
      return one(req, next, actorOf(req));
    },
  );
};
