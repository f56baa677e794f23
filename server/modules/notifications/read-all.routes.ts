/**
 * Mark every unread notification of the user's unit read at once (issue 17 item 7): one transaction, one audit
 * record naming the notifications marked.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { writeAudit } from '../../platform/audit/audit.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { forAccount, unitOf } from './notifications.repository.ts';

const roles = ['office', 'department', 'territory', 'government'] as const;

export const notificationReadAllRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.post(
    '/notifications/read-all',
    {
      config: { access: { roles } },
      schema: {
        tags: ['notifications'],
        summary: 'Mark every unread notification of your unit read (one audit record listing them)',
        response: { 200: Type.Object({ marked: Type.Integer({ description: 'how many were unread and are now read' }) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const unit = unitOf(actorOf(req));
      if (!unit) return { marked: 0 };
      const meta = auditMeta(req);
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable('notification')
          .set({ read_at: meta.now })
          .where('unit_kind', '=', unit.kind)
          .where('unit_code', '=', unit.code)
          .where(forAccount(actorOf(req)))
          .where('read_at', 'is', null)
          .returning('id')
          .execute();
        if (rows.length) {
          const ids = rows.map((r) => Number(r.id));
          await writeAudit(trx, meta, {
            act: 'notification.readAll',
            entityType: 'notification',
            entityId: `${unit.kind}:${unit.code}`,
            before: { unread: ids },
            after: { readAt: meta.now.toISOString(), count: ids.length },
          });
        }
        return { marked: rows.length };
      });
    },
  );
};
