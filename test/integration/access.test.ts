/**
 * Accounts, sessions, tokens and the audit trail (issue 5): login throttling and lockout, CSRF refusal, session
 * expiry, token revocation, disabled accounts, and tamper detection on the hash-chained audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, standardUsers, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { checkpointAudit, verifyAudit } from '../../server/platform/audit/audit.ts';
import { MAX_FAILED_LOGINS } from '../../server/modules/auth/auth.commands.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
});
afterAll(async () => t?.close());

const login = (username: string, password: string) => t.anon.post('/api/v1/auth/login', { username, password });

describe('sign-in', () => {
  it('answers the same INVALID_CREDENTIALS for an unknown user and a wrong password', async () => {
    const a = await login('nobody', 'x');
    const b = await login('gov', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(b.json().code).toBe('INVALID_CREDENTIALS');
  });

  it(`blocks the address+account after ${MAX_FAILED_LOGINS} failures, even for the right password, until the block expires (issue #19: no longer the whole account)`, async () => {
    const victimId = await t.user('victim', 'territory', { territoryCode: '340223' });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await login('victim', 'bad')).json().code).toBe('INVALID_CREDENTIALS');
    const locked = await login('victim', 'bad');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('victim', TEST_PASSWORD)).json().code).toBe('LOGIN_THROTTLED');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('act')
      .where('entity_type', '=', 'user')
      .where('act', '=', 'auth.loginFailed')
      .where('entity_id', '=', String(victimId))
      .execute();
    expect(audit.length).toBe(MAX_FAILED_LOGINS);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await login('victim', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    await t.user('leaver', 'territory', { territoryCode: '340223' });
    const leaver = await t.as('leaver');
    expect((await leaver.get('/api/v1/auth/me')).statusCode).toBe(200);
    const office = await t.as('office');
    const id = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'leaver').executeTakeFirstOrThrow()).id;
    expect((await office.post(`/api/v1/users/${id}/disable`)).statusCode).toBe(204);
    expect((await leaver.get('/api/v1/auth/me')).statusCode).toBe(401);
    // issue #19: a disabled account answers a right password exactly as a wrong one
    expect((await login('leaver', TEST_PASSWORD)).json().code).toBe('INVALID_CREDENTIALS');
  });

  it('a session expires after its lifetime', async () => {
    const c = await t.as('gov');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 13 * 3600_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    t.clock.now = saved;
  });

  it('changing the password ends the other sessions and enforces the rules', async () => {
    await t.user('changer', 'government');
    const a = await t.as('changer');
    const b = await t.as('changer');
    const weak = await a.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect((await a.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-much-better-pw-42' })).statusCode).toBe(204);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a session-authenticated write without the token, or with a wrong one, and changes nothing', async () => {
    const c = await t.as('office');
    const before = await t.db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'x' }, headers: { cookie: c.cookie! } });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'x' },
      headers: { cookie: c.cookie!, 'x-csrf-token': 'forged' },
    });
    expect(wrong.json().code).toBe('CSRF_FAILED');
    const after = await t.db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await c.post('/api/v1/auth/tokens', { name: 'ok' })).statusCode).toBe(201);
  });

  it('the session cookie is httpOnly and SameSite', async () => {
    const r = await login('office', TEST_PASSWORD);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe('API tokens', () => {
  it('a bearer token works without CSRF and stops working once revoked', async () => {
    const c = await t.as('t-340202');
    const created = (await c.post('/api/v1/auth/tokens', { name: 'script' })).json() as { id: number; token: string };
    const bearer = (url: string, method: 'GET' | 'POST' = 'GET') =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${created.token}` }, ...(method === 'POST' ? { payload: { name: 'n' } } : {}) });
    expect((await bearer('/api/v1/auth/me')).json().user.username).toBe('t-340202');
    expect((await bearer('/api/v1/auth/tokens', 'POST')).statusCode).toBe(201);
    expect((await c.delete(`/api/v1/auth/tokens/${created.id}`)).statusCode).toBe(204);
    const after = await bearer('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('only the hash of a token is stored', async () => {
    const c = await t.as('gov');
    const { token } = (await c.post('/api/v1/auth/tokens', { name: 'h' })).json() as { token: string };
    const leaked = await sql<{ n: number }>`select count(*)::int as n from api_token where token_hash = ${token}`.execute(t.db);
    expect(leaked.rows[0]!.n).toBe(0);
  });
});

describe('audit trail (Cybersecurity Law art. 21; tamper evidence)', () => {
  it('every state change above wrote an audit record with actor, act, request id and IP', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().where('act', '=', 'token.create').execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.actor_name).toBeTruthy();
      expect(r.request_id).toBeTruthy();
      expect(r.ip).toBeTruthy();
    }
  });

  it('the application cannot update or delete audit rows', async () => {
    await expect(sql`update audit_log set act = 'x' where id = (select min(id) from audit_log)`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('the office views the trail filtered by act; others may not', async () => {
    const office = await t.as('office');
    const r = await office.get('/api/v1/audit?act=token.*&limit=5');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.every((i: { act: string }) => i.act.startsWith('token.'))).toBe(true);
    expect((await (await t.as('t-340202')).get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('verify passes on an intact trail and names the first broken record after an edit', async () => {
    await checkpointAudit(t.db);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const victim = await t.db
      .selectFrom('audit_log')
      .select(['id', 'stream', 'seq'])
      .where('act', '=', 'token.create')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    // a superuser bypasses the append-only trigger, as an attacker with database access would
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.db);
    await sql`update audit_log set after = '{"userId": 999}'::jsonb where id = ${victim.id}`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.db);
    const r = await verifyAudit(t.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ id: victim.id, stream: victim.stream, seq: victim.seq });
    expect(r.firstBroken!.reason).toMatch(/edited/);
  });

  it('deleting the newest record of a stream is detected through the stream head and the checkpoint', async () => {
    const t2 = await createTestApp();
    try {
      await t2.user('o2', 'office');
      const c = await t2.as('o2');
      for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/tokens', { name: `t${i}` });
      await checkpointAudit(t2.db);
      expect((await verifyAudit(t2.db)).ok).toBe(true);
      const last = await t2.db.selectFrom('audit_log').select(['id', 'stream']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t2.db);
      await sql`delete from audit_log where id = ${last.id}`.execute(t2.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t2.db);
      const r = await verifyAudit(t2.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.reason).toMatch(/head|checkpoint/);
    } finally {
      await t2.close();
    }
  });
});
