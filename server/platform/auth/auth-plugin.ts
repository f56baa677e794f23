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
import { scopeOf, type Dimension, type Scope, type UserActor } from './actor.ts';
import type { Access } from '../http/types.ts';
import { onSignal, publish } from '../signals.ts';

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

const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.role', 'u.territory_code', 'u.department_code', 'u.disabled_at', 'd.lead_dimensions'] as const;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: UserActor['role'];
  territory_code: string | null;
  department_code: string | null;
  lead_dimensions: string[] | null;
}

function toActor(u: UserRow, via: 'session' | 'token', sessionId?: string): UserActor {
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

/** Loads an active user as an actor (null when missing or disabled). */
export async function loadActor(db: Kysely<DB>, userId: number, via: 'session' | 'token', sessionId?: string): Promise<UserActor | null> {
  const u = await db
    .selectFrom('app_user as u')
    .leftJoin('department as d', 'd.code', 'u.department_code')
    .select([...USER_COLUMNS])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled_at) return null;
  return toActor(u, via, sessionId);
}
/**
 * A very short-lived in-process cache of resolved sessions: a console page fires several API calls at once, and
 * each would otherwise repeat the same session + account lookup. An entry lives SESSION_CACHE_MS; logout,
 * password change and disabling an account forget the user's entries at once on this instance and, through
 * LISTEN/NOTIFY (server/platform/signals.ts), on every other instance (forgetSessionsOf). Expiry and CSRF are
 * still checked on every request against the cached row.
 */
export const SESSION_CACHE_MS = 2000;
type SessionRow = UserRow & { sessionId: string; csrf_token: string; expires_at: Date; last_seen_at: Date; disabled_at: Date | null };
// the resolved actor and scope ride along (frozen: every request of the session shares them)
type CachedSession = { until: number; row: SessionRow; actor: UserActor; scope: Scope };
const sessionCache = new Map<string, CachedSession>();

function rememberSession(key: string, row: SessionRow): CachedSession {
  if (sessionCache.size >= 10_000) sessionCache.clear(); // bounded; a rare full reset is cheap
  const actor = Object.freeze(toActor(row, 'session', row.sessionId));
  const entry = { until: Date.now() + SESSION_CACHE_MS, row, actor, scope: Object.freeze(scopeOf(actor)) };
  sessionCache.set(key, entry);
  return entry;
}

function forgetLocally(userId: number): void {
  for (const [k, v] of sessionCache) if (v.row.id === userId) sessionCache.delete(k);
}

/**
 * Forgets cached sessions of a user (logout, password change, disable) here and, through the database, on every other
 * instance; resolves once the signal is sent (await it before answering the request).
 */
export function forgetSessionsOf(userId: number): Promise<void> {
  forgetLocally(userId);
  return publish({ t: 'user', id: userId });
}

onSignal((s) => {
  if (s.t === 'user') forgetLocally(s.id);
  else if (s.t === 'reset') sessionCache.clear();
});

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  // set on every request by the hook below (a null default keeps the request object's shape stable)
  app.decorateRequest('scope', null as unknown as Scope);

  // One query per request resolves the credential, its account and the account's department (the hot path of
  // every API call); the last-use stamps are written at most once a minute.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const { db, now } = app.ctx;
    const authz = req.headers.authorization;
    const t = now();
    if (authz?.startsWith('Bearer ')) {
      const tok = await db
        .selectFrom('api_token as k')
        .innerJoin('app_user as u', 'u.id', 'k.user_id')
        .leftJoin('department as d', 'd.code', 'u.department_code')
        .select(['k.id as tokenId', 'k.revoked_at', 'k.last_used_at', ...USER_COLUMNS])
        .where('k.token_hash', '=', sha256(authz.slice(7).trim()))
        .executeTakeFirst();
      if (!tok || tok.revoked_at) throw new AppError('UNAUTHENTICATED', { reason: 'invalid or revoked token' });
      if (tok.disabled_at) throw new AppError('ACCOUNT_DISABLED');
      req.actor = toActor(tok, 'token');
      if (!tok.last_used_at || t.getTime() - new Date(tok.last_used_at).getTime() > 60_000) {
        await db.updateTable('api_token').set({ last_used_at: t }).where('id', '=', tok.tokenId).execute();
      }
    } else {
      const raw = req.cookies[SESSION_COOKIE];
      if (raw) {
        const key = sha256(raw);
        let entry = sessionCache.get(key);
        if (!entry || entry.until <= Date.now()) {
          const row = await db
            .selectFrom('user_session as s')
            .innerJoin('app_user as u', 'u.id', 's.user_id')
            .leftJoin('department as d', 'd.code', 'u.department_code')
            .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 's.last_seen_at', ...USER_COLUMNS])
            .where('s.id', '=', key)
            .executeTakeFirst();
          entry = row ? rememberSession(key, row) : undefined;
        }
        const s = entry?.row;
        if (entry && s && new Date(s.expires_at) > t && !s.disabled_at) {
          req.actor = entry.actor;
          req.scope = entry.scope;
          const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
          if (unsafe) {
            const sent = req.headers[CSRF_HEADER];
            if (typeof sent !== 'string' || !safeEqual(sent, s.csrf_token)) throw new AppError('CSRF_FAILED');
          }
          if (t.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
            await db.updateTable('user_session').set({ last_seen_at: t }).where('id', '=', s.sessionId).execute();
            s.last_seen_at = t;
          }
        }
      }
    }
    if (!req.scope) req.scope = req.actor ? scopeOf(req.actor) : NO_SCOPE;
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
