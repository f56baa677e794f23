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
import {
  acquireCheck,
  cleanupThrottle,
  countAttempt,
  isKnownSource,
  recordSuccess,
  refuseIfBlocked,
  type LoginLimits,
} from '../../platform/auth/login-throttle.ts';

/**
 * The former per-account hard lock (5 failures, 15 minutes). Kept for reference: sign-in now uses the limits of
 * server/platform/auth/login-throttle.ts (issue #19), which a stranger cannot turn against the account's real user.
 */
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

const DEFAULT_LIMITS: LoginLimits = { perAddressAccount: 5, perAccount: 10, perAddress: 30 };

/**
 * Checks a password under the sign-in limits: the attempt is counted first (atomically), refused when a limit blocks
 * it, and checked within the concurrency bound. Unknown user names, disabled accounts and wrong passwords all end in
 * the same INVALID_CREDENTIALS. Returns the user on success (counters reset, source remembered).
 */
async function checkPasswordLimited(
  db: Kysely<DB>,
  input: { username: string; password: string; ip: string },
  opts: { now: Date; limits: LoginLimits; requestId?: string },
): Promise<{ id: number; username: string }> {
  const counted = await countAttempt(db, input.username, input.ip, opts.limits, opts.now);
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'disabled_at'])
    .where('username', '=', input.username)
    .executeTakeFirst();
  // the account-wide back-off does not hold back the account's real user at an address it signed in from before
  const accountBlockApplies =
    counted.rows.get(counted.keys.account)?.refused === true ? !(user && (await isKnownSource(db, user.id, input.ip, opts.now))) : false;
  refuseIfBlocked(counted, opts.now, accountBlockApplies);
  const release = acquireCheck(input.username, input.ip);
  let ok: boolean;
  try {
    if (user) ok = await verifyPassword(input.password, user.password_hash);
    else {
      dummyHash ??= hashPassword('not-a-real-password-0');
      await verifyPassword(input.password, await dummyHash);
      ok = false;
    }
  } finally {
    release();
  }
  await cleanupThrottle(db, opts.now);
  if (!ok || !user || user.disabled_at) {
    if (user) {
      await db.transaction().execute(async (trx) => {
        await writeAudit(
          trx,
          { actor: { kind: 'system', name: `login:${user.username}` }, ip: input.ip, requestId: opts.requestId, now: opts.now },
          {
            act: 'auth.loginFailed',
            entityType: 'user',
            entityId: user.id,
            after: { disabled: user.disabled_at !== null },
          },
        );
      });
    }
    throw new AppError('INVALID_CREDENTIALS');
  }
  await recordSuccess(db, input.username, input.ip, user.id, opts.now);
  return user;
}

export async function login(
  db: Kysely<DB>,
  input: { username: string; password: string; ip?: string; userAgent?: string },
  opts: { now: Date; sessionHours: number; requestId?: string; limits?: LoginLimits },
): Promise<LoginResult> {
  const user = await checkPasswordLimited(
    db,
    { username: input.username, password: input.password, ip: input.ip ?? 'unknown' },
    { now: opts.now, limits: opts.limits ?? DEFAULT_LIMITS, ...(opts.requestId ? { requestId: opts.requestId } : {}) },
  );
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(opts.now.getTime() + opts.sessionHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx
      .insertInto('user_session')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expiresAt,
        created_at: opts.now,
        last_seen_at: opts.now,
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await writeAudit(
      trx,
      { actor: { kind: 'system', name: `login:${user.username}` }, ip: input.ip, requestId: opts.requestId, now: opts.now },
      {
        act: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      },
    );
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

export async function changePassword(
  db: Kysely<DB>,
  actor: UserActor,
  input: { currentPassword: string; newPassword: string },
  meta: AuditMeta,
  limits: LoginLimits = DEFAULT_LIMITS,
): Promise<void> {
  // a wrong current password counts like a wrong sign-in (issue #19, item 3): a stolen session cannot guess on
  await checkPasswordLimited(
    db,
    { username: actor.username, password: input.currentPassword, ip: meta.ip ?? 'unknown' },
    { now: meta.now, limits, ...(meta.requestId ? { requestId: meta.requestId } : {}) },
  );
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/newPassword', message: problem.en, messageZh: problem.zh }] });
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, password_changed_at: meta.now }).where('id', '=', actor.userId).execute();
    // every other session of this user ends
    let q = trx.deleteFrom('user_session').where('user_id', '=', actor.userId);
    if (actor.sessionId) q = q.where('id', '<>', actor.sessionId);
    await q.execute();
    // and its API tokens (issue #19, item 10): a token issued under the old password does not outlive it
    const revoked = await trx
      .updateTable('api_token')
      .set({ revoked_at: meta.now })
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    await writeAudit(trx, meta, { act: 'user.changePassword', entityType: 'user', entityId: actor.userId, after: { tokensRevoked: revoked.length } });
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
  if (!ROLES.includes(input.role))
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/role', message: `role must be one of ${ROLES.join(', ')}` }] });
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
    await trx
      .updateTable('app_user')
      .set({ disabled_at: disabled ? meta.now : null })
      .where('id', '=', userId)
      .execute();
    if (disabled) await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    // a disabled account's API tokens end for good (enabling it again does not bring them back; issue #19, item 10)
    if (disabled) await trx.updateTable('api_token').set({ revoked_at: meta.now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await writeAudit(trx, meta, {
      act: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: u.disabled_at !== null },
      after: { disabled },
    });
  });
  await forgetSessionsOf(userId);
}

export async function createApiToken(db: Kysely<DB>, userId: number, name: string, meta: AuditMeta): Promise<{ id: number; token: string }> {
  const token = `po_${newToken()}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_token')
      .values({ user_id: userId, name, token_hash: sha256(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
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
