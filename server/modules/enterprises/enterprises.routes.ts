/**
 * Enterprises: register, read, change, search and history. Office — all; territory accounts — their own territory;
 * departments and the government — read all; banks — no registry access. (Export: registry-io.routes.ts.)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { createEnterprise } from './commands/create-enterprise.ts';
import { updateEnterprise } from './commands/update-enterprise.ts';
import { CreateEnterpriseBody, Enterprise, EnterpriseList, EnterpriseListQuery, HistoryEntry, UpdateEnterpriseBody } from './enterprises.schemas.ts';
import { decodeCursor, enterpriseHistory, findEnterprise, listEnterprises } from './enterprises.repository.ts';
import { presentEnterprise } from './enterprises.presenter.ts';
import { findRegistration, presentRegistration } from './pending-registrations.ts';
import { PendingRegistration } from './pending-registrations.routes.ts';

export const REGISTRY_READERS = ['office', 'department', 'territory', 'government'] as const;
export const REGISTRY_WRITERS = ['office', 'territory'] as const;
const read = { access: { roles: REGISTRY_READERS } } as const;
const write = { access: { roles: REGISTRY_WRITERS } } as const;
const tags = ['enterprises'];

export const enterpriseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  const load = async (req: { scope: Scope }, id: number) => {
    const row = await findEnterprise(db, req.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  };

  app.get(
    '/enterprises',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search and list enterprises (scoped): q = part of the name or a credit-code prefix',
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { sort, limit, offset, after, ...filters } = req.query;
      const key = sort ?? 'id';
      const cursor = after === undefined ? undefined : decodeCursor(key, after);
      if (after !== undefined && cursor === undefined)
        throw new AppError('VALIDATION_FAILED', {
          errors: [
            {
              field: '/after',
              message: 'not a cursor of this sort (pass the nextCursor of the previous page, with the same sort)',
              messageZh: '翻页游标无效：请使用上一页返回的 nextCursor，并保持相同排序',
            },
          ],
        });
      const r = await listEnterprises(db, req.scope, filters, { sort: key, limit: limit ?? 20, offset: offset ?? 0, after: cursor });
      const actor = actorOf(req);
      return {
        items: r.rows.map((row) => presentEnterprise(row, actor)),
        total: r.total,
        ...(r.totalCapped ? { totalCapped: true } : {}),
        ...(r.nextCursor ? { nextCursor: r.nextCursor } : {}),
      };
    },
  );

  app.post(
    '/enterprises',
    {
      config: write,
      schema: {
        tags,
        summary: 'Register an enterprise (status is derived, never sent)',
        body: CreateEnterpriseBody,
        description:
          'A territory account registering a credit code registered outside its scope gets 202 with a pending registration the office resolves (issue 19, item 5): never 409, which told it the enterprise existed elsewhere.',
        response: { 201: Enterprise, 202: PendingRegistration, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const out = await createEnterprise(db, req.body, auditMeta(req), { reviewAll: app.ctx.config.registrationReview === 'all' });
      if (out.kind === 'pending') {
        const r = await findRegistration(db, actorOf(req), out.id);
        if (!r) throw new AppError('NOT_FOUND');
        return reply.code(202).send(presentRegistration(r, actorOf(req)));
      }
      return reply.code(201).send(presentEnterprise(await load(req, out.id), actorOf(req)));
    },
  );

  app.get(
    '/enterprises/:id',
    { config: read, schema: { tags, summary: 'One enterprise', params: IdParams, response: { 200: Enterprise, ...errorResponses(401, 403, 404) } } },
    async (req) => presentEnterprise(await load(req, req.params.id), actorOf(req)),
  );

  app.patch(
    '/enterprises/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an enterprise (send the version you read; 409 CONFLICT when it changed meanwhile)',
        params: IdParams,
        body: UpdateEnterpriseBody,
        response: { 200: Enterprise, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await updateEnterprise(db, req.params.id, req.body, auditMeta(req));
      return presentEnterprise(await load(req, req.params.id), actorOf(req));
    },
  );

  app.get(
    '/enterprises/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Changes of an enterprise, oldest first',
        params: IdParams,
        response: { 200: ListOf(HistoryEntry), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      await load(req, req.params.id);
      const rows = await enterpriseHistory(db, req.params.id);
      const items = rows.map((h) => ({
        id: h.id,
        at: new Date(h.at).toISOString(),
        actorId: h.actor_id,
        actorName: h.username ?? null,
        changes: h.changes as Record<string, unknown[]>,
      }));
      return { items, total: items.length };
    },
  );
};
