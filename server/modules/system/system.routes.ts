/** Liveness and readiness: GET /api/v1/health answers 503 while the database is unreachable. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';

const started = Date.now();
const VERSION = '0.1.0';

// In production the anonymous answer is status and reachability only; versions, uptime and the demo flag are for
// the office (issue #19, item 10: no version fingerprint for strangers).
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  version: Type.Optional(Type.String()),
  uptimeSeconds: Type.Optional(Type.Integer()),
  database: Type.Object({
    engine: Type.Optional(Type.Union([Type.Literal('embedded'), Type.Literal('external')])),
    version: Type.Optional(Type.String({ description: 'PostgreSQL server_version' })),
    reachable: Type.Boolean(),
  }),
  demo: Type.Optional(Type.Boolean({ description: 'demo mode: demo data and demo logins' })),
});

export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], summary: 'Health of the server and its database', response: { 200: Health, 503: Health } },
    },
    async (req, reply) => {
      const { database, config } = app.ctx;
      let reachable = true;
      try {
        await Promise.race([
          sql`select 1`.execute(app.ctx.db),
          new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), 2000).unref()),
        ]);
      } catch {
        reachable = false;
      }
      const status = reachable ? ('ok' as const) : ('unavailable' as const);
      if (config.production && req.actor?.role !== 'office') return reply.code(reachable ? 200 : 503).send({ status, database: { reachable } });
      const body = {
        status,
        version: VERSION,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: { engine: database.engine, version: database.serverVersion, reachable },
        demo: config.demo,
      };
      return reply.code(reachable ? 200 : 503).send(body);
    },
  );
};
