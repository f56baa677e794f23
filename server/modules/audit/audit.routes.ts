/** The audit viewer (office): filter by actor, record, act and time; and the chain check. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { verifyAudit } from '../../platform/audit/audit.ts';
import { IsoDate, IsoInstant, ListOf } from '../../platform/http/schemas.ts';

const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: IsoInstant,
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  territoryCode: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  act: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  basisId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  stream: Type.Integer(),
  seq: Type.Integer(),
  hash: Type.String(),
});

const office = { access: { roles: ['office'] } } as const;

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/audit',
    {
      config: office,
      schema: {
        tags: ['audit'],
        summary: 'Audit records, newest first (office)',
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ description: 'user name' })),
          entityType: Type.Optional(Type.String()),
          entityId: Type.Optional(Type.String()),
          act: Type.Optional(Type.String({ description: 'exact act, or a prefix ending in * (e.g. case.act.*)' })),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
        }),
        response: { 200: ListOf(AuditRecord) },
      },
    },
    async (req) => {
      const q = req.query;
      let base = db.selectFrom('audit_log');
      if (q.actor) base = base.where('actor_name', '=', q.actor);
      if (q.entityType) base = base.where('entity_type', '=', q.entityType);
      if (q.entityId) base = base.where('entity_id', '=', q.entityId);
      if (q.act) base = q.act.endsWith('*') ? base.where('act', 'like', `${q.act.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`) : base.where('act', '=', q.act);
      if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`));
      if (q.to) base = base.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base.selectAll().orderBy('id', 'desc').limit(q.limit ?? 50).offset(q.offset ?? 0).execute();
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          role: r.role,
          territoryCode: r.territory_code,
          departmentCode: r.department_code,
          act: r.act,
          entityType: r.entity_type,
          entityId: r.entity_id,
          basisId: r.basis_id,
          before: r.before,
          after: r.after,
          requestId: r.request_id,
          ip: r.ip,
          stream: r.stream,
          seq: r.seq,
          hash: r.hash,
        })),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: office,
      schema: {
        tags: ['audit'],
        summary: 'Re-compute the hash chains of the audit trail (office)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            records: Type.Integer(),
            streams: Type.Integer(),
            checkpoints: Type.Integer(),
            firstBroken: Type.Optional(Type.Object({ id: Type.Integer(), stream: Type.Optional(Type.Integer()), seq: Type.Optional(Type.Integer()), reason: Type.String() })),
          }),
        },
      },
    },
    async () => verifyAudit(db),
  );
};
