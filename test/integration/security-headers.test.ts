/**
 * Issue #19, items 8, 9 and 10: security headers on the API, the console and errors in every mode (HSTS in
 * production), proxy trust from configuration only, generated request ids, the anonymous /health in production, and
 * /docs and /openapi.json access. (The CSP is proven in the browser tier: test/e2e/csp.e2e.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { proxyMatcher } from '../../server/platform/http/security-headers.ts';

let dev: TestApp;
let prod: TestApp;
beforeAll(async () => {
  dev = await createTestApp();
  prod = await createTestApp({ env: { NODE_ENV: 'production', PHASEOUT_TRUST_PROXY: '10.9.9.9,192.168.50.0/24' } });
  await standardUsers(dev);
  await standardUsers(prod);
});
afterAll(async () => {
  await dev?.close();
  await prod?.close();
});

function expectHeaders(h: Record<string, unknown>, production: boolean) {
  expect(String(h['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  expect(String(h['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
  expect(String(h['content-security-policy'])).toMatch(/object-src 'none'/);
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  if (production) expect(String(h['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
  else expect(h['strict-transport-security']).toBeUndefined();
}

describe('security headers (item 8)', () => {
  it('on API answers, errors, 404s and the console, in development and production', async () => {
    for (const [t, production] of [
      [dev, false],
      [prod, true],
    ] as const) {
      expectHeaders((await t.anon.get('/api/v1/health')).headers, production);
      expectHeaders((await t.anon.get('/api/v1/enterprises')).headers, production); // 401
      expectHeaders((await t.anon.get('/api/v1/no-such-route')).headers, production); // 404
      expectHeaders((await t.anon.post('/api/v1/auth/login', { username: 'x\u0000' })).headers, production); // 400
      expectHeaders((await t.anon.get('/')).headers, production); // console
      expectHeaders((await t.anon.get('/public/lists')).headers, production); // public site (SPA fallback)
    }
  });
});

describe('proxy trust (item 9)', () => {
  it('X-Forwarded-For is not believed from an untrusted peer: the audited address is the peer', async () => {
    const r = await prod.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gov', password: TEST_PASSWORD },
      remoteAddress: '203.0.113.7',
      headers: { 'x-forwarded-for': '1.2.3.4', 'x-request-id': 'forged-request-id-1' },
    });
    expect(r.statusCode).toBe(200);
    const rec = await prod.db
      .selectFrom('audit_log')
      .select(['ip', 'request_id'])
      .where('act', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(rec.ip).toBe('203.0.113.7');
    expect(rec.request_id).not.toBe('forged-request-id-1');
    expect(r.headers['x-upstream-request-id']).toBeUndefined();
  });

  it('from a configured proxy, X-Forwarded-For gives the client address and its X-Request-Id is kept beside ours', async () => {
    for (const proxy of ['10.9.9.9', '192.168.50.17']) {
      const r = await prod.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'gov', password: TEST_PASSWORD },
        remoteAddress: proxy,
        headers: { 'x-forwarded-for': '198.51.100.23', 'x-request-id': 'proxy-request-id-9' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['x-upstream-request-id']).toBe('proxy-request-id-9');
      expect(r.headers['x-request-id']).not.toBe('proxy-request-id-9');
      const rec = await prod.db
        .selectFrom('audit_log')
        .select(['ip', 'request_id'])
        .where('act', '=', 'auth.login')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(rec.ip).toBe('198.51.100.23');
      expect(rec.request_id).toBe(r.headers['x-request-id']);
    }
  });

  it('the matcher takes addresses and CIDRs, IPv4-mapped IPv6 included, and nothing when empty', () => {
    const m = proxyMatcher(['10.0.0.0/8', '::1']);
    expect(m('10.2.3.4')).toBe(true);
    expect(m('::ffff:10.2.3.4')).toBe(true);
    expect(m('::1')).toBe(true);
    expect(m('11.0.0.1')).toBe(false);
    expect(proxyMatcher([])('127.0.0.1')).toBe(false);
  });
});

describe('health, /docs and /openapi.json (item 10)', () => {
  it('production: the anonymous /health says only whether it is up; the office sees versions', async () => {
    const anon = (await prod.anon.get('/api/v1/health')).json();
    expect(anon).toEqual({ status: 'ok', database: { reachable: true } });
    const office = await prod.as('office');
    const full = (await office.get('/api/v1/health')).json();
    expect(full.version).toBeTruthy();
    expect(full.database.version).toBeTruthy();
    expect(full.demo).toBe(false);
  });

  it('production: /docs and /openapi.json are for signed-in users; development: public', async () => {
    expect((await prod.anon.get('/openapi.json')).statusCode).toBe(401);
    expect((await prod.anon.get('/docs')).statusCode).toBe(401);
    const office = await prod.as('office');
    expect((await office.get('/openapi.json')).statusCode).toBe(200);
    expect((await dev.anon.get('/openapi.json')).statusCode).toBe(200);
  });

  it('PHASEOUT_API_DOCS=off: no documentation routes at all', async () => {
    const off = await createTestApp({ env: { PHASEOUT_API_DOCS: 'off' } });
    try {
      expect((await off.anon.get('/openapi.json')).statusCode).toBe(404);
      expect((await off.anon.get('/docs')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
