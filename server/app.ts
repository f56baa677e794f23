/**
 * buildApp(): the HTTP application. Load order (fastify/demo style): platform plugins (errors, cookies, OpenAPI,
 * auth), then the modules, then the console and public site as static files with an SPA fallback.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './platform/http/types.ts';
import { registerErrorHandling } from './platform/http/errors-plugin.ts';
import { ProblemSchema } from './platform/http/schemas.ts';
import { registerAuth } from './platform/auth/auth-plugin.ts';
import { modules } from './modules/index.ts';
import { registerMetrics } from './platform/http/metrics-plugin.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

export interface BuildOptions {
  /** pino logger options, or false for none (tests) */
  logger?: boolean | object;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

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
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
    },
    trustProxy: ctx.config.production,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', ctx);
  // set when the request arrives (a synchronous hook): every answer carries it, errors and 404s included
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  registerErrorHandling(app);
  registerMetrics(app);
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
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app);
  for (const mod of modules) await app.register(mod, { prefix: '/api/v1' });

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
        .send('<!doctype html><meta charset="utf-8"><title>Phaseout</title><p>控制台尚未构建 / The console is not built: run <code>npm run build</code>. API: <a href="/docs">/docs</a></p>'),
    );
  }
  return app;
}
