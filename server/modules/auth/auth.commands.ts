/**
 * Account commands: sign-in with throttling and lockout, sessions, API tokens, password change, enabling and
 * disabling accounts, creating users. Each state change writes its audit record in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { forgetSessionsOf, newToken, sha256 } from '../../platform/auth/auth-plugin.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords.ts';
import { ROLES, type Role, type UserActor } from '../../platform/auth/actor.ts';

/** After this many consecutive failures the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

// A fixed dummy hash so that an unknown user name costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: Date;
}

export async function login(
  db: Kysely<DB>,
  input: { username: string; password: string; ip?: string; userAgent?: string },
  opts: { now: Date; sessionHours: number; requestId?: string },
): Promise<LoginResult> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verifyPassword(input.password, await dummyHash);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && new Date(user.locked_until) > opts.now) {
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: new Date(user.locked_until).toISOString() });
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  const actorFor = (): AuditMeta['actor'] => ({ kind: 'system', name: `login:${user.username}` });
  if (!ok) {
    const failed = user.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(opts.now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', user.id).execute();
      await writeAudit(trx, { actor: actorFor(), ip: input.ip, requestId: opts.requestId, now: opts.now }, {
        act: lock ? 'auth.lockout' : 'auth.loginFailed',
        entityType: 'user',
        entityId: user.id,
        after: { failedLogins: failed, lockedUntil: lock?.toISOString() ?? null },
      });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lock.toISOString() });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled_at) throw new AppError('ACCOUNT_DISABLED');
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(opts.now.getTime() + opts.sessionHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx
      .insertInto('user_session')
      .values({ id: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt, created_at: opts.now, last_seen_at: opts.now, ip: input.ip ?? null, user_agent: input.userAgent?.slice(0, 300) ?? null })
      .execute();
    await writeAudit(trx, { actor: { kind: 'system', name: `login:${user.username}` }, ip: input.ip, requestId: opts.requestId, now: opts.now }, {
      act: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}

export async function logout(db: Kysely<DB>, actor: UserActor, meta: AuditMeta): Promise<void> {
  if (!actor.sessionId) return;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_session').where('id', '=', actor.sessionId!).execute();
    await writeAudit(trx, meta, { act: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
  await forgetSessionsOf(actor.userId);
}

export async function changePassword(db: Kysely<DB>, actor: UserActor, input: { currentPassword: string; newPassword: string }, meta: AuditMeta): Promise<void> {
  const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw new AppError('INVALID_CREDENTIALS');
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/newPassword', message: problem.en, messageZh: problem.zh }] });
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, password_changed_at: meta.now }).where('id', '=', actor.userId).execute();
    // every other session of this user ends
    let q = trx.deleteFrom('user_session').where('user_id', '=', actor.userId);
    if (actor.sessionId) q = q.where('id', '<>', actor.sessionId);
    await q.execute();
    await writeAudit(trx, meta, { act: 'user.changePassword', entityType: 'user', entityId: actor.userId });
  });
  await forgetSessionsOf(actor.userId);
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  territoryCode?: string | null;
  departmentCode?: string | null;
  password: string;
  demo?: boolean;
}

export async function createUser(db: Kysely<DB>, input: CreateUserInput, meta: AuditMeta, opts: { skipPasswordRules?: boolean } = {}): Promise<number> {
  if (!ROLES.includes(input.role)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/role', message: `role must be one of ${ROLES.join(', ')}` }] });
  if (!/^[a-z0-9][a-z0-9._-]{1,39}$/i.test(input.username)) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/username', message: 'user name: 2–40 letters, digits, . _ -' }] });
  }
  if (!opts.skipPasswordRules) {
    const p = passwordProblem(input.password);
    if (p) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/password', message: p.en, messageZh: p.zh }] });
  }
  if (input.role === 'territory') {
    if (!input.territoryCode || !(await db.selectFrom('territory').select('code').where('code', '=', input.territoryCode).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/territoryCode', message: 'a territory account needs a known territoryCode' }] });
    }
  }
  if (input.role === 'department') {
    if (!input.departmentCode || !(await db.selectFrom('department').select('code').where('code', '=', input.departmentCode).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/departmentCode', message: 'a department account needs a known departmentCode' }] });
    }
  }
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', { field: 'username' });
    const row = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        territory_code: input.role === 'territory' ? (input.territoryCode ?? null) : null,
        department_code: input.role === 'department' ? (input.departmentCode ?? null) : null,
        password_hash: hash,
        demo: input.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { username: input.username, role: input.role, territoryCode: input.territoryCode ?? null, departmentCode: input.departmentCode ?? null },
    });
    return row.id;
  });
}

export async function setUserDisabled(db: Kysely<DB>, userId: number, disabled: boolean, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await trx.selectFrom('app_user').select(['id', 'disabled_at']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!u) throw new AppError('NOT_FOUND');
    await trx.updateTable('app_user').set({ disabled_at: disabled ? meta.now : null }).where('id', '=', userId).execute();
    if (disabled) await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await writeAudit(trx, meta, { act: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: userId, before: { disabled: u.disabled_at !== null }, after: { disabled } });
  });
  await forgetSessionsOf(userId);
}

export async function createApiToken(db: Kysely<DB>, userId: number, name: string, meta: AuditMeta): Promise<{ id: number; token: string }> {
  const token = `po_${newToken()}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('api_token').values({ user_id: userId, name, token_hash: sha256(token) }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, meta, { act: 'token.create', entityType: 'apiToken', entityId: row.id, after: { userId, name } });
    return row.id;
  });
  return { id, token };
}

export async function revokeApiToken(db: Kysely<DB>, tokenId: number, ownerId: number | null, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('api_token').select(['id', 'revoked_at']).where('id', '=', tokenId);
    if (ownerId !== null) q = q.where('user_id', '=', ownerId);
    const t = await q.forUpdate().executeTakeFirst();
    if (!t) throw new AppError('NOT_FOUND');
    if (t.revoked_at) return;
    await trx.updateTable('api_token').set({ revoked_at: meta.now }).where('id', '=', tokenId).execute();
    await writeAudit(trx, meta, { act: 'token.revoke', entityType: 'apiToken', entityId: tokenId });
  });
}
