/**
 * The city government's queue (市人民政府): everything that waits for its decision, oldest first, with how long
 * each has waited (calendar days to today). Decisions are taken through the existing acts of each item (for cases,
 * POST /cases/:id/acts). Government and the office (which prepares the files).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { basisRef, isBasisId } from '../../domain/law/basis.ts';
import { daysBetween } from '../../domain/dates.ts';
import { errorResponses, IsoDate } from '../../platform/http/schemas.ts';
import { localToday } from '../../platform/clock.ts';
import { approvalSources, registerApprovalSource } from './approval-sources.ts';
import { caseApprovalSource } from './case-source.ts';

export const APPROVAL_READERS = ['government', 'office'] as const;
registerApprovalSource(caseApprovalSource);

export const ApprovalItemSchema = Type.Object({
  key: Type.String(),
  source: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  link: Type.String(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  enterprise: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), creditCode: Type.String() }), Type.Null()]),
  territoryName: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  requestedOn: IsoDate,
  waitedDays: Type.Integer({ description: 'calendar days from requestedOn to today' }),
  basis: Type.Object({ id: Type.String(), citation: Type.String(), citationZh: Type.String() }),
  acts: Type.Array(Type.String()),
});

export const approvalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/approvals',
    {
      config: { access: { roles: APPROVAL_READERS } },
      schema: {
        tags: ['approvals'],
        summary: "What waits for the city government's decision, longest-waiting first (a union of sources; cases: §2.2 serious cases, §2.4 closures)",
        querystring: Type.Object({ source: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Object({ items: Type.Array(ApprovalItemSchema), total: Type.Integer() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const today = localToday(app.ctx.now());
      const lists = await Promise.all(
        approvalSources()
          .filter((s) => !req.query.source || s.key === req.query.source)
          .map((s) => s.list(db, req.scope)),
      );
      const items = lists
        .flat()
        .map((i) => ({
          ...i,
          waitedDays: Math.max(0, daysBetween(i.requestedOn, today)),
          basis: isBasisId(i.basisId) ? basisRef(i.basisId) : { id: i.basisId, citation: i.basisId, citationZh: i.basisId },
        }))
        .sort((a, b) => b.waitedDays - a.waitedDays || a.key.localeCompare(b.key));
      return { items, total: items.length };
    },
  );
};
