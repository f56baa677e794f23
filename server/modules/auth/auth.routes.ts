/** Sign-in, sessions, the current user, password change, API tokens, and account administration (office). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/auth/actor.ts';
import { SESSION_COOKIE } from '../../platform/auth/auth-plugin.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, IsoInstant, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { changePassword, createApiToken, createUser, login, logout, revokeApiToken, setUserDisabled } from './auth.commands.ts';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  territoryCode: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  dimensions: Type.Array(Type.String(), { description: 'dimensions a department account leads' }),
});

const Session = Type.Object({ user: Me, csrfToken: Type.String({ description: 'send as x-csrf-token on every write' }) });

const UserRow = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  territoryCode: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([IsoInstant, Type.Null()]),
  createdAt: IsoInstant,
});

const anyUser = { access: { roles: ROLES } } as const;
const officeOnly = { access: { roles: ['office'] } } as const;

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;

  app.post(
    '/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Session, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const ua = req.headers['user-agent'];
      const r = await login(
        db,
        { username: req.body.username, password: req.body.password, ip: req.ip, ...(ua ? { userAgent: ua } : {}) },
        { now: app.ctx.now(), sessionHours: config.sessionHours, requestId: String(req.id), limits: config.loginLimits },
      );
      reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', expires: r.expiresAt });
      const u = await db
        .selectFrom('app_user')
        .leftJoin('department', 'department.code', 'app_user.department_code')
        .select(['app_user.id', 'username', 'display_name', 'role', 'territory_code', 'department_code', 'department.lead_dimensions'])
        .where('app_user.id', '=', r.userId)
        .executeTakeFirstOrThrow();
      return {
        csrfToken: r.csrfToken,
        user: {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          territoryCode: u.territory_code,
          departmentCode: u.department_code,
          dimensions: u.role === 'department' ? (u.lead_dimensions ?? []) : [],
        },
      };
    },
  );

  app.post(
    '/auth/logout',
    { config: anyUser, schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: Type.Null() } } },
    async (req, reply) => {
      await logout(db, actorOf(req), auditMeta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: anyUser,
      schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token of the session', response: { 200: Session, ...errorResponses(401) } },
    },
    async (req) => {
      const a = actorOf(req);
      let csrfToken = '';
      if (a.sessionId) {
        // the session may have ended on another instance within its cache time: that is a 401, never a 500
        const row = await db.selectFrom('user_session').select('csrf_token').where('id', '=', a.sessionId).executeTakeFirst();
        if (!row) throw new AppError('UNAUTHENTICATED');
        csrfToken = row.csrf_token;
      }
      return {
        csrfToken,
        user: {
          id: a.userId,
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          territoryCode: a.territoryCode,
          departmentCode: a.departmentCode,
          dimensions: a.dimensions,
        },
      };
    },
  );

  app.post(
    '/auth/password',
    {
      config: anyUser,
      schema: {
        tags: ['auth'],
        summary: 'Change my password (ends my other sessions)',
        body: Type.Object({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      await changePassword(db, actorOf(req), req.body, auditMeta(req), config.loginLimits);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: anyUser,
      schema: {
        tags: ['auth'],
        summary: 'My API tokens',
        response: {
          200: ListOf(
            Type.Object({
              id: Type.Integer(),
              name: Type.String(),
              createdAt: IsoInstant,
              revoked: Type.Boolean(),
              lastUsedAt: Type.Union([IsoInstant, Type.Null()]),
            }),
          ),
        },
      },
    },
    async (req) => {
      const rows = await db.selectFrom('api_token').selectAll().where('user_id', '=', actorOf(req).userId).orderBy('id').execute();
      const items = rows.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: new Date(t.created_at).toISOString(),
        revoked: t.revoked_at !== null,
        lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
      }));
      return { items, total: items.length };
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: anyUser,
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for myself (shown once)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }),
        response: { 201: Type.Object({ id: Type.Integer(), token: Type.String() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiToken(db, actorOf(req).userId, req.body.name, auditMeta(req))),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: anyUser,
      schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: IdParams, response: { 204: Type.Null(), ...errorResponses(404) } },
    },
    async (req, reply) => {
      const a = actorOf(req);
      await revokeApiToken(db, req.params.id, a.role === 'office' ? null : a.userId, auditMeta(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      config: officeOnly,
      schema: {
        tags: ['users'],
        summary: 'Accounts (office)',
        querystring: Type.Object({
          role: Type.Optional(RoleSchema),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
        }),
        response: { 200: ListOf(UserRow) },
      },
    },
    async (req) => {
      let q = db.selectFrom('app_user');
      if (req.query.role) q = q.where('role', '=', req.query.role);
      const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const rows = await q
        .selectAll()
        .orderBy('id')
        .limit(req.query.limit ?? 100)
        .offset(req.query.offset ?? 0)
        .execute();
      return {
        total: Number(total),
        items: rows.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          territoryCode: u.territory_code,
          departmentCode: u.department_code,
          disabled: u.disabled_at !== null,
          lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
          createdAt: new Date(u.created_at).toISOString(),
        })),
      };
    },
  );

  app.post(
    '/users',
    {
      config: officeOnly,
      schema: {
        tags: ['users'],
        summary: 'Create an account (office)',
        body: Type.Object({
          username: Type.String({ minLength: 2, maxLength: 40 }),
          displayName: Type.String({ minLength: 1, maxLength: 80 }),
          role: RoleSchema,
          territoryCode: Type.Optional(Type.String()),
          departmentCode: Type.Optional(Type.String()),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses(400, 409) },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await createUser(db, req.body, auditMeta(req)) }),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/users/:id/${verb}`,
      {
        config: officeOnly,
        schema: {
          tags: ['users'],
          summary: `${verb === 'disable' ? 'Disable' : 'Enable'} an account (office)`,
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses(404) },
        },
      },
      async (req, reply) => {
        if (disabled && req.params.id === actorOf(req).userId) throw new AppError('FORBIDDEN', { reason: 'you cannot disable your own account' });
        await setUserDisabled(db, req.params.id, disabled, auditMeta(req));
        return reply.code(204).send(null);
      },
    );
  }
};
