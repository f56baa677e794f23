/**
 * GET /metrics in the Prometheus text format (prom-client): requests per route and status with their duration, the
 * database pool (connections in use, idle, callers waiting for one), audit records written, and whatever a module adds
 * to the registry it returns (server/jobs/metrics.ts adds the job runs by outcome and the sweep lag, from job_run).
 *
 * Who may read it: a caller on the loopback interface that did not come through a proxy (no X-Forwarded-For), or
 * anyone who sends HTTP Basic credentials `metrics:$PHASEOUT_METRICS_TOKEN`. Anything else gets 404, as if there were no such
 * route — metrics name routes and volumes, which an outsider has no business seeing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';

export interface Metrics {
  registry: client.Registry;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function mayRead(req: FastifyRequest, token: string | undefined): boolean {
  const auth = req.headers.authorization;
  if (token && typeof auth === 'string' && auth.startsWith('Basic ')) {
    // HTTP Basic (what every Prometheus scraper supports), user `metrics`; Bearer is taken by the API tokens
    const a = Buffer.from(auth.slice(6).trim());
    const b = Buffer.from(Buffer.from(`metrics:${token}`).toString('base64'));
    return a.length === b.length && timingSafeEqual(a, b);
  }
  // the socket's own peer, not req.ip (which a trusted proxy may set)
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

/** Registers the request metrics hooks and the /metrics route. One registry per app instance. */
export function registerMetrics(app: FastifyInstance): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'phaseout_process_' });

  const requests = new client.Counter({
    name: 'phaseout_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'phaseout_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const { db } = app.ctx;
  const { pool } = app.ctx.database;
  new client.Gauge({
    name: 'phaseout_db_pool_connections',
    help: 'Connections of the application pool by state (total, idle, in use) and callers waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'phaseout_audit_records',
    help: 'Audit records written (the newest record id: the trail is append-only)',
    registers: [registry],
    async collect() {
      const r = await sql<{ n: string | number | null }>`select max(id) as n from audit_log`.execute(db).catch(() => null);
      this.set(Number(r?.rows[0]?.n ?? 0));
    },
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    }
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayRead(req, app.ctx.config.metricsToken)) return reply.callNotFound();
    return reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
  return { registry };
}
