/**
 * buildApp(): the HTTP application. Load order (fastify/demo style): platform plugins (errors, cookies, OpenAPI,
 * auth), then the modules, then the console and public site as static files with an SPA fallback.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './platform/http/types.ts';
import { registerErrorHandling } from './platform/http/errors-plugin.ts';
import { ProblemSchema, SAFE_TEXT_FORMAT, safeTextFormat } from './platform/http/schemas.ts';
import { registerAuth } from './platform/auth/auth-plugin.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { AppError } from './platform/errors.ts';
import { modules } from './modules/index.ts';
import { registerMetrics } from './platform/http/metrics-plugin.ts';
import { JOBS } from './jobs/index.ts';
import { registerJobMetrics } from './jobs/metrics.ts';
import { registerReadRouting } from './platform/db/replica.ts';
import { configureEvidenceStore } from './modules/cases/evidence-store.ts';
import { leadingAndTrailing, onSignal, publish, startSignals } from './platform/signals.ts';
import { onRollupsChanged, rollupsChangedElsewhere } from './projections/version.ts';
import { publicSiteRoutes } from './public-site/public-site.routes.ts';
import { publicTipRoutes } from './public-site/tips.routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

export interface BuildOptions {
  /** pino logger options, or false for none (tests) */
  logger?: boolean | object;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === undefined
        ? {
            level: ctx.config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
            ...(ctx.config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
          }
        : opts.logger,
    // our own id for every request; a trusted proxy's X-Request-Id is kept beside it (security-headers.ts)
    genReqId: () => randomUUID(),
    // X-Forwarded-For only from the configured proxies (PHASEOUT_TRUST_PROXY), never from anyone (issue #19, item 9)
    trustProxy: ctx.config.trustProxy.length > 0 ? [...ctx.config.trustProxy] : false,
    bodyLimit: 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, formats: { [SAFE_TEXT_FORMAT]: safeTextFormat } },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', ctx);
  configureEvidenceStore(ctx.config);
  // set when the request arrives (a synchronous hook): every answer carries it, errors and 404s included
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  registerSecurityHeaders(app, { production: ctx.config.production, trustProxy: ctx.config.trustProxy });
  registerErrorHandling(app);
  registerJobMetrics(registerMetrics(app).registry, ctx.db, JOBS, ctx.now);
  app.addSchema(ProblemSchema);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Phaseout API (落后产能退出管理平台)',
        version: '1',
        description:
          'REST API of Phaseout. JSON in camelCase; lists answer {items, total} and take limit/offset; dates YYYY-MM-DD; errors are RFC 9457 problem+json with a stable code and messages in Chinese and English. Browser sessions send the x-csrf-token header on writes; machine clients use Authorization: Bearer.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'phaseout_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  registerAuth(app);
  registerInputGuard(app);

  // API documentation: public, for signed-in users (production default) or off (PHASEOUT_API_DOCS; issue #19, item 10)
  if (ctx.config.apiDocs !== 'off') {
    const docsGuard = async (req: FastifyRequest) => {
      if (ctx.config.apiDocs === 'signed-in' && !req.actor) throw new AppError('UNAUTHENTICATED');
    };
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list' },
      uiHooks: { onRequest: docsGuard },
      // swagger-ui's own policy (hashes of its inline scripts), without forcing https on a plain-http intranet start
      staticCSP: true,
      transformStaticCSP: (h: string) => h.replace(/\s*upgrade-insecure-requests;?/, ''),
    });
    app.get('/openapi.json', { schema: { hide: true }, onRequest: docsGuard }, async () => app.swagger());
  }

  // Instances sharing the database tell each other what to drop from their caches (sessions, the overview answer).
  const signals = await startSignals(ctx.database.connection, ctx.database.pool, {
    info: (m) => app.log.info(m),
    warn: (m) => app.log.warn(m),
    error: (o, m) => app.log.error(o, m),
  });
  const stopTelling = onRollupsChanged(leadingAndTrailing(() => void publish({ t: 'rollups' }), 100));
  const stopHearing = onSignal((s) => {
    if (s.t === 'rollups' || s.t === 'reset') rollupsChangedElsewhere();
  });
  app.addHook('onClose', async () => {
    stopTelling();
    stopHearing();
    await signals.stop();
  });

  await registerReadRouting(app, { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (o, m) => app.log.error(o, m) });
  for (const mod of modules) await app.register(mod, { prefix: '/api/v1' });
  // the public site, open data and Open311 (server-rendered, outside the console bundle: issue 14)
  await app.register(publicSiteRoutes);
  await app.register(publicTipRoutes);

  // Console and public site: built by Vite into web/dist; client-side routes fall back to index.html.
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
    const sendIndex = async (_req: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    app.get('/', { schema: { hide: true } }, sendIndex);
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const p = req.url.split('?')[0] ?? '/';
      if (p.startsWith('/api/') || p.startsWith('/docs')) return reply.callNotFound();
      if (/\.[a-z0-9]+$/i.test(p)) {
        const file = path.join(WEB_DIST, path.normalize(p).replace(/^([/\\])+/, ''));
        if (file.startsWith(WEB_DIST) && fs.existsSync(file)) {
          if (p.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
          return reply.sendFile(path.relative(WEB_DIST, file));
        }
        return reply.callNotFound();
      }
      return sendIndex(req, reply);
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Phaseout</title><p>控制台尚未构建 / The console is not built: run <code>npm run build</code>. API: <a href="/docs">/docs</a></p>',
        ),
    );
  }
  return app;
}
