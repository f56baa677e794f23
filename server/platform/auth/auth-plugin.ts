/**
 * Resolves the actor of each request (browser session cookie or `Authorization: Bearer` API token), checks CSRF for
 * session-authenticated writes, and enforces each route's declared `config.access`. Sessions live in the database,
 * so several app instances behind one load balancer share them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import { scopeOf, type Dimension, type UserActor } from './actor.ts';
import type { Access } from '../http/types.ts';

/** One API route and its declared access, collected at registration (the access-matrix test walks them all). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

export const SESSION_COOKIE = 'phaseout_session';
export const CSRF_HEADER = 'x-csrf-token';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

const NO_SCOPE = { territories: [], dimensions: [], registry: false } as const;

/** Loads an active user as an actor (null when missing or disabled). */
export async function loadActor(db: Kysely<DB>, userId: number, via: 'session' | 'token', sessionId?: string): Promise<UserActor | null> {
  const u = await db
    .selectFrom('app_user')
    .leftJoin('department', 'department.code', 'app_user.department_code')
    .select(['app_user.id', 'username', 'display_name', 'role', 'territory_code', 'department_code', 'disabled_at', 'department.lead_dimensions'])
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled_at) return null;
  const actor: UserActor = {
    kind: 'user',
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    territoryCode: u.territory_code,
    departmentCode: u.department_code,
    dimensions: u.role === 'department' ? ((u.lead_dimensions ?? []) as Dimension[]) : [],
    via,
  };
  if (sessionId) actor.sessionId = sessionId;
  return actor;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('scope', { getter: () => NO_SCOPE });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const { db, now } = app.ctx;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const hash = sha256(authz.slice(7).trim());
      const tok = await db.selectFrom('api_token').select(['id', 'user_id', 'revoked_at']).where('token_hash', '=', hash).executeTakeFirst();
      if (!tok || tok.revoked_at) throw new AppError('UNAUTHENTICATED', { reason: 'invalid or revoked token' });
      const actor = await loadActor(db, tok.user_id, 'token');
      if (!actor) throw new AppError('ACCOUNT_DISABLED');
      req.actor = actor;
      await db.updateTable('api_token').set({ last_used_at: now() }).where('id', '=', tok.id).execute();
    } else {
      const raw = req.cookies[SESSION_COOKIE];
      if (raw) {
        const id = sha256(raw);
        const s = await db.selectFrom('user_session').select(['id', 'user_id', 'csrf_token', 'expires_at', 'last_seen_at']).where('id', '=', id).executeTakeFirst();
        if (s && new Date(s.expires_at) > now()) {
          const actor = await loadActor(db, s.user_id, 'session', s.id);
          if (actor) {
            req.actor = actor;
            const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
            if (unsafe) {
              const sent = req.headers[CSRF_HEADER];
              if (typeof sent !== 'string' || !safeEqual(sent, s.csrf_token)) throw new AppError('CSRF_FAILED');
            }
            if (now().getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
              await db.updateTable('user_session').set({ last_seen_at: now() }).where('id', '=', s.id).execute();
            }
          }
        }
      }
    }
    if (req.actor) {
      const scope = scopeOf(req.actor);
      Object.defineProperty(req, 'scope', { value: scope, writable: true });
    }
  });

  // Access check runs before validation, so an anonymous caller learns nothing about a route's input shape.
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access) return; // non-API routes (console, docs) carry no access; /api routes are checked at registration
    if ('public' in access) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    if (!access.roles.includes(req.actor.role)) throw new AppError('FORBIDDEN');
  });

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no config.access policy`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, access: route.config.access });
    }
  });
}
