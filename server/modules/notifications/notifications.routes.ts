/**
 * Notifications to the current user's unit: territory accounts — their territory; department accounts — their
 * department; the office — the office. The deadline sweep writes them; read marks are per unit.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { errorResponses, IdParams, ListOf, Paging } from '../../platform/http/schemas.ts';
import { forAccount, listNotifications, Notification, presentNotification, unitOf } from './notifications.repository.ts';
import { AppError } from '../../platform/errors.ts';

const roles = ['office', 'department', 'territory', 'government'] as const;
const tags = ['notifications'];

export { Notification, unitOf, presentNotification, listNotifications } from './notifications.repository.ts';

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
        const mine = trx
          .selectFrom('notification')
          .select(cols)
          .where('id', '=', req.params.id)
          .where('unit_kind', '=', unit.kind)
          .where('unit_code', '=', unit.code)
          .where(forAccount(actorOf(req)));
        const updated = await trx
          .updateTable('notification')
          .set({ read_at: meta.now })
          .where('id', '=', req.params.id)
          .where('unit_kind', '=', unit.kind)
          .where('unit_code', '=', unit.code)
          .where(forAccount(actorOf(req)))
          .where('read_at', 'is', null)
          .returning(cols)
          .executeTakeFirst();
        if (!updated) return mine.executeTakeFirst();
        await writeAudit(trx, meta, {
          act: 'notification.read',
          entityType: 'notification',
          entityId: updated.id,
          before: { readAt: null },
          after: { readAt: meta.now.toISOString() },
        });
        return updated;
      });
      if (!row) throw new AppError('NOT_FOUND');
      return presentNotification(row);
    },
  );
};
