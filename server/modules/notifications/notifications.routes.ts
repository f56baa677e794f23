/**
 * Notifications to the current user's unit: territory accounts — their territory; department accounts — their
 * department; the office — the office. The deadline sweep writes them; read marks are per unit.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { errorResponses, IdParams, IsoInstant, ListOf, Paging } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';

const roles = ['office', 'department', 'territory', 'government'] as const;
const tags = ['notifications'];

export const Notification = Type.Object({
  id: Type.Integer(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  createdAt: IsoInstant,
  readAt: Type.Union([IsoInstant, Type.Null()]),
});

/** The unit an account receives notifications for (null: none, e.g. the government account). */
export function unitOf(actor: UserActor): { kind: 'territory' | 'department' | 'office'; code: string } | null {
  if (actor.role === 'territory' && actor.territoryCode) return { kind: 'territory', code: actor.territoryCode };
  if (actor.role === 'department' && actor.departmentCode) return { kind: 'department', code: actor.departmentCode };
  if (actor.role === 'office') return { kind: 'office', code: 'office' };
  return null;
}

type NotificationRow = { id: number; case_id: number | null; kind: string; title: string; title_en: string; created_at: Date; read_at: Date | null };
export const presentNotification = (n: NotificationRow) => ({
  id: n.id,
  caseId: n.case_id,
  kind: n.kind,
  title: n.title,
  titleEn: n.title_en,
  createdAt: new Date(n.created_at).toISOString(),
  readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
});

export async function listNotifications(db: Kysely<DB>, actor: UserActor, opts: { unread?: boolean | undefined; limit: number; offset: number }) {
  const unit = unitOf(actor);
  if (!unit) return { rows: [] as NotificationRow[], total: 0 };
  const base = db
    .selectFrom('notification')
    .where('unit_kind', '=', unit.kind)
    .where('unit_code', '=', unit.code)
    .$if(opts.unread === true, (q) => q.where('read_at', 'is', null));
  const [rows, count] = await Promise.all([
    base.select(['id', 'case_id', 'kind', 'title', 'title_en', 'created_at', 'read_at']).orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/notifications',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: "Notifications to the current user's unit, newest first",
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Paging }),
        response: { 200: ListOf(Notification), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const r = await listNotifications(db, actorOf(req), { unread: req.query.unread, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 });
      return { items: r.rows.map(presentNotification), total: r.total };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: { roles } },
      schema: { tags, summary: 'Mark a notification of your unit read', params: IdParams, response: { 200: Notification, ...errorResponses(401, 403, 404) } },
    },
    async (req) => {
      const unit = unitOf(actorOf(req));
      if (!unit) throw new AppError('NOT_FOUND');
      const meta = auditMeta(req);
      const cols = ['id', 'case_id', 'kind', 'title', 'title_en', 'created_at', 'read_at'] as const;
      const row = await db.transaction().execute(async (trx) => {
        const mine = trx.selectFrom('notification').select(cols).where('id', '=', req.params.id).where('unit_kind', '=', unit.kind).where('unit_code', '=', unit.code);
        const updated = await trx
          .updateTable('notification')
          .set({ read_at: meta.now })
          .where('id', '=', req.params.id)
          .where('unit_kind', '=', unit.kind)
          .where('unit_code', '=', unit.code)
          .where('read_at', 'is', null)
          .returning(cols)
          .executeTakeFirst();
        if (!updated) return mine.executeTakeFirst();
        await writeAudit(trx, meta, { act: 'notification.read', entityType: 'notification', entityId: updated.id, before: { readAt: null }, after: { readAt: meta.now.toISOString() } });
        return updated;
      });
      if (!row) throw new AppError('NOT_FOUND');
      return presentNotification(row);
    },
  );
};
