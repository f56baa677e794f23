/**
 * Issue #19, items 2, 3 and 10 (login concurrency): parallel guessing must not bypass the limits, the limits must not
 * be a weapon against the real user, and answers must not tell which user names exist. Each test performs the attack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
});
afterAll(async () => t?.close());

const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {});

describe('parallel guessing (item 2)', () => {
  it('50 simultaneous wrong passwords: at most 5 are checked, the rest are refused, and the right password inside the burst does not get in', async () => {
    await t.user('burst', 'territory', { territoryCode: '340202' });
    const attempts = Array.from({ length: 50 }, (_, i) => login('burst', i === 25 ? TEST_PASSWORD : `wrong-${i}`, '10.1.0.1'));
    const answers = await Promise.all(attempts);
    const codes = answers.map((r) => (r.json() as { code: string }).code);
    const byCode = tally(codes);
    expect(byCode.INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(5);
    expect(byCode.INVALID_CREDENTIALS ?? 0).toBeGreaterThanOrEqual(1);
    expect((byCode.INVALID_CREDENTIALS ?? 0) + (byCode.LOGIN_THROTTLED ?? 0)).toBe(50);
    expect(answers[25]!.statusCode).toBe(429);
    // and after the burst the address+account pair is blocked, the right password included
    const after = await login('burst', TEST_PASSWORD, '10.1.0.1');
    expect(after.statusCode).toBe(429);
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
    // the counts are in the database, counted atomically: 50 attempts, of which those over the limit were refused
    const row = await t.db.selectFrom('login_throttle').selectAll().where('key', '=', 'ia:10.1.0.1|burst').executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
    expect(row.blocked_until).not.toBeNull();
  });
});

describe('lockout is not a weapon, and no user-name oracle (item 3)', () => {
  it('a stranger failing on the office account does not lock out its real user at an address it signed in from', async () => {
    await t.user('admin1', 'office');
    expect((await login('admin1', TEST_PASSWORD, '10.2.0.9')).statusCode).toBe(200); // the real user's usual address
    // a stranger at many addresses: 40 wrong passwords (past the per-account back-off threshold)
    for (let i = 0; i < 40; i++) await login('admin1', `guess-${i}`, `10.3.${Math.floor(i / 4)}.${i % 4}`);
    // an address the account never used is held back...
    const unknown = await login('admin1', TEST_PASSWORD, '10.4.0.1');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json().code).toBe('LOGIN_THROTTLED');
    // ...its real user at a known address is not
    const real = await login('admin1', TEST_PASSWORD, '10.2.0.9');
    expect(real.statusCode).toBe(200);
  });

  it('unknown and known user names answer alike, wrong password after wrong password, up to the block', async () => {
    await t.user('known1', 'territory', { territoryCode: '340202' });
    const run = async (username: string, ip: string) => {
      const out: string[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await login(username, `nope-${i}`, ip);
        out.push(`${r.statusCode} ${(r.json() as { code: string }).code} ${r.headers['retry-after'] !== undefined}`);
      }
      return out;
    };
    const known = await run('known1', '10.5.0.1');
    const unknown = await run('no-such-user-x', '10.5.0.2');
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5).every((x) => x.startsWith('401 INVALID_CREDENTIALS'))).toBe(true);
    expect(known.slice(5).every((x) => x.startsWith('429 LOGIN_THROTTLED'))).toBe(true);
  });

  it('a disabled account answers a right password exactly as a wrong one', async () => {
    const id = await t.user('gone1', 'territory', { territoryCode: '340202' });
    await t.db.updateTable('app_user').set({ disabled_at: t.clock.now }).where('id', '=', id).execute();
    const right = await login('gone1', TEST_PASSWORD, '10.6.0.1');
    const wrong = await login('gone1', 'wrong-password', '10.6.0.2');
    expect(right.statusCode).toBe(wrong.statusCode);
    expect(right.json().code).toBe(wrong.json().code);
    expect(right.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('one address guessing across 25 accounts is held back after the per-address limit', async () => {
    for (let u = 0; u < 25; u++) await t.user(`many${u}`, 'territory', { territoryCode: '340202' });
    const codes: string[] = [];
    for (let i = 0; i < 100; i++) codes.push((await login(`many${i % 25}`, `x-${i}`, '10.7.0.1')).json().code);
    const byCode = tally(codes);
    expect(byCode.INVALID_CREDENTIALS).toBe(30);
    expect(byCode.LOGIN_THROTTLED).toBe(70);
    // another address is not affected
    expect((await login('many0', TEST_PASSWORD, '10.7.0.2')).statusCode).toBe(200);
  });

  it('a block fades: after 15 minutes the address+account may try again', async () => {
    await t.user('later1', 'territory', { territoryCode: '340202' });
    for (let i = 0; i < 6; i++) await login('later1', 'bad', '10.8.0.1');
    expect((await login('later1', TEST_PASSWORD, '10.8.0.1')).statusCode).toBe(429);
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect((await login('later1', TEST_PASSWORD, '10.8.0.1')).statusCode).toBe(200);
    } finally {
      t.clock.now = saved;
    }
  });

  it('/auth/password counts wrong current passwords the same way', async () => {
    await t.user('changer', 'territory', { territoryCode: '340202' });
    const c = await t.as('changer');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await c.post('/api/v1/auth/password', { currentPassword: `bad-${i}`, newPassword: 'new-password-123' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // the right current password is refused too while blocked
    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'new-password-123' })).statusCode).toBe(429);
  });
});

describe('bounded password checks (item 10)', () => {
  it('50 parallel attempts on one account from one address are answered at once beyond 2 running checks; a real user elsewhere signs in meanwhile', async () => {
    await t.user('busy1', 'territory', { territoryCode: '340202' });
    const flood = Array.from({ length: 50 }, (_, i) => login('busy1', `w-${i}`, `10.9.${i}.1`));
    const real = login('gov', TEST_PASSWORD, '10.9.200.1');
    const [answers, mine] = await Promise.all([Promise.all(flood), real]);
    expect(mine.statusCode).toBe(200);
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThan(50);
    expect(answers.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
  });
});
