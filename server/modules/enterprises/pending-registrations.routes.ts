/**
 * Pending registrations (issue #19, item 5): the office's list (search, state filter, names not codes, .xlsx export),
 * one registration, and the office's resolve act (merge / transfer / reject). A territory account sees its own
 * territory's registrations and their state — never the enterprise registered elsewhere. Another territory's
 * registration answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, IsoInstant, ListOf, Paging } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { loadExcel } from '../registry-io/index.ts';
import {
  findRegistration,
  listRegistrations,
  presentRegistration,
  REGISTRATION_KINDS,
  REGISTRATION_STATES,
  RESOLUTIONS,
  resolveRegistration,
} from './pending-registrations.ts';

const tags = ['enterprises'];
const roles = ['office', 'territory'] as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PendingRegistration = Type.Object(
  {
    id: Type.Integer(),
    creditCode: Type.String(),
    name: Type.String(),
    territoryCode: Type.String(),
    territoryName: Type.String(),
    industryCode: Type.String(),
    industryName: Type.String(),
    state: Type.Union(REGISTRATION_STATES.map((s) => Type.Literal(s))),
    stateName: Type.String(),
    kind: Type.Union(
      REGISTRATION_KINDS.map((k) => Type.Literal(k)),
      {
        description: "registration: a new enterprise; codeChange: a change of an enterprise's credit code (previousCreditCode its code before)",
      },
    ),
    previousCreditCode: Nullable(Type.String()),
    enterpriseId: Type.Union([Type.Integer(), Type.Null()], {
      description:
        "the registering territory's own enterprise: the one registered for it (or transferred to it), or the one whose code changes; null while pending and after a merge or rejection of a registration",
    }),
    nextActor: Type.Union([Type.String(), Type.Null()], { description: 'who acts next: the city office while pending; nobody after' }),
    submittedAt: IsoInstant,
    submittedByName: Nullable(Type.String()),
    resolvedAt: Type.Union([IsoInstant, Type.Null()]),
    resolvedByName: Nullable(Type.String()),
    resolutionNote: Nullable(Type.String()),
    version: Type.Integer(),
    registeredEnterprise: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), territoryName: Type.String() }), Type.Null()], {
      description: 'the enterprise registered with the same code (the office only; null for a territory account)',
    }),
    allowedActs: Type.Array(Type.String()),
  },
  {
    description:
      "A territory account's registration (or credit-code change): registered at once for a free code, awaiting the office for a code registered elsewhere (issue 19, item 5)",
  },
);

const Query = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name, or a credit-code prefix' })),
    state: Type.Optional(Type.Union(REGISTRATION_STATES.map((s) => Type.Literal(s)))),
    kind: Type.Optional(Type.Union(REGISTRATION_KINDS.map((k) => Type.Literal(k)))),
    ...Paging,
  },
  { additionalProperties: false },
);

const ResolveBody = Type.Object(
  {
    resolution: Type.Union(
      RESOLUTIONS.map((r) => Type.Literal(r)),
      { description: 'merge into the registered enterprise, transfer it to the registering territory, or reject as a duplicate' },
    ),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: 'to the registering territory; required for reject' })),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
);

export const pendingRegistrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/enterprise-registrations',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'Registrations awaiting the office (a territory account: its own); pending first',
        querystring: Query,
        response: { 200: ListOf(PendingRegistration), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const r = await listRegistrations(db, actor, req.query, req.query.limit ?? 20, req.query.offset ?? 0);
      return { items: r.rows.map((row) => presentRegistration(row, actor)), total: r.total };
    },
  );

  app.get(
    '/enterprise-registrations/export.xlsx',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'The same list as .xlsx (names, not codes)',
        querystring: Query,
        response: { 200: Type.Unknown(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { rows } = await listRegistrations(db, actor, req.query, 100_000, 0);
      const ExcelJS = await loadExcel();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('待确认企业登记');
      const office = actor.role === 'office';
      ws.columns = [
        { header: '统一社会信用代码', width: 22 },
        { header: '事项', width: 14 },
        { header: '原统一社会信用代码', width: 22 },
        { header: '企业名称', width: 30 },
        { header: '登记属地', width: 12 },
        { header: '行业', width: 12 },
        { header: '状态', width: 18 },
        { header: '下一步办理', width: 26 },
        { header: '提交时间', width: 20 },
        { header: '提交人', width: 12 },
        { header: '处理说明', width: 30 },
        ...(office
          ? [
              { header: '台账中已登记的企业', width: 30 },
              { header: '其所属属地', width: 12 },
            ]
          : []),
      ];
      for (const r of rows) {
        const p = presentRegistration(r, actor);
        ws.addRow([
          p.creditCode,
          p.kind === 'codeChange' ? '信用代码变更' : '企业登记',
          p.previousCreditCode ?? '',
          p.name,
          p.territoryName,
          p.industryName,
          p.stateName,
          p.nextActor ?? '—',
          p.submittedAt,
          p.submittedByName ?? '',
          p.resolutionNote ?? '',
          ...(office ? [p.registeredEnterprise?.name ?? '', p.registeredEnterprise?.territoryName ?? ''] : []),
        ]);
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="registrations.xlsx"; filename*=UTF-8''${encodeURIComponent('待确认企业登记.xlsx')}`)
        .send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );

  app.get(
    '/enterprise-registrations/:id',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'One registration and its state',
        params: IdParams,
        response: { 200: PendingRegistration, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const r = await findRegistration(db, actor, req.params.id);
      if (!r) throw new AppError('NOT_FOUND');
      return presentRegistration(r, actor);
    },
  );

  app.post(
    '/enterprise-registrations/:id/resolve',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'The office resolves a registration: merge, transfer the registered enterprise to the registering territory, or reject (with a reason)',
        params: IdParams,
        body: ResolveBody,
        response: { 200: PendingRegistration, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await resolveRegistration(db, req.params.id, req.body, { ...auditMeta(req), actor });
      const r = await findRegistration(db, actor, req.params.id);
      if (!r) throw new AppError('NOT_FOUND');
      return presentRegistration(r, actor);
    },
  );
};
