import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loadReference } from '../../server/seeds/reference.ts';
import { listMigrations } from '../../server/db/migrate.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('platform', () => {
  it('GET /api/v1/health reports the engine and the server version', async () => {
    const r = await t.anon.get('/api/v1/health');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.status).toBe('ok');
    expect(['embedded', 'external']).toContain(body.database.engine);
    expect(Number(String(body.database.version).split('.')[0])).toBeGreaterThanOrEqual(15);
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it("generates its own request id: an untrusted caller's x-request-id is not taken (issue #19, item 9), a malformed one neither", async () => {
    const good = await t.anon.request('GET', '/api/v1/health', undefined, { 'x-request-id': 'req-abcdef123' });
    expect(good.headers['x-request-id']).not.toBe('req-abcdef123');
    expect(good.headers['x-upstream-request-id']).toBeUndefined();
    const bad = await t.anon.request('GET', '/api/v1/health', undefined, { 'x-request-id': 'x\n' });
    expect(bad.headers['x-request-id']).not.toBe('x\n');
  });

  it('unknown routes answer problem+json with a stable code in Chinese and English', async () => {
    const r = await t.anon.get('/api/v1/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = r.json();
    expect(p).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', messageZh: '接口不存在' });
    expect(p.message).toBeTruthy();
  });

  it('validation errors name the field and never leak a stack', async () => {
    const r = await t.anon.post('/api/v1/auth/login', { username: '' });
    expect(r.statusCode).toBe(400);
    const p = r.json();
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(p.details.errors)).toContain('password');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the OpenAPI document lists every /api route the app serves', async () => {
    const doc = (await t.anon.get('/openapi.json')).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented).toContain('GET /api/v1/health');
    expect(documented).toContain('POST /api/v1/auth/login');
    // every documented path is really served
    for (const d of documented) {
      const [method, p] = d.split(' ') as [string, string];
      expect(t.app.hasRoute({ method: method as 'GET', url: p.replace(/\{(\w+)\}/g, ':$1') })).toBe(true);
    }
  });

  it('every registered /api route appears in the OpenAPI document', async () => {
    const doc = (await t.anon.get('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)));
    const missing = t.app.routeTable.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(20);
  });

  it('/docs serves a readable API page', async () => {
    const r = await t.anon.get('/docs/');
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/swagger/i);
  });
});

describe('the law as data over HTTP', () => {
  it("§2.1–§2.5: publishes each dimension's finding fields as POST /cases checks them, without the case-filled ones", async () => {
    const items = (await t.anon.get('/api/v1/law/finding-schemas')).json().items as Array<{
      dimension: string;
      schema: { properties: Record<string, unknown>; required: string[] };
      linesRequired: boolean;
    }>;
    const by = new Map(items.map((i) => [i.dimension, i]));
    expect([...by.keys()].sort()).toEqual(['energy', 'environment', 'quality', 'safety', 'technology']);
    expect(by.get('energy')!.schema.required).toEqual(expect.arrayContaining(['standard', 'edition', 'process', 'measured', 'limit', 'unit']));
    expect(Object.keys(by.get('energy')!.schema.properties)).not.toContain('dimension');
    expect(by.get('technology')!.linesRequired).toBe(true); // §2.5: the equipment to eliminate is named
    expect(by.get('energy')!.linesRequired).toBe(false);
  });

  it('民法典 art. 202/203: GET /calendar/deadline answers with steps and citations; bad input is a coded 400', async () => {
    const r = (await t.anon.get('/api/v1/calendar/deadline?from=2020-08-31&months=6')).json();
    expect(r.due).toBe('2021-03-01');
    expect(r.steps.map((s: { to: string }) => s.to)).toEqual(['2021-02-28', '2021-03-01']);
    expect(r.basis.map((b: { id: string }) => b.id)).toEqual(['gpcl-art-202', 'gpcl-art-203']);
    const bad = await t.anon.get('/api/v1/calendar/deadline?from=2020-08-31&months=6&days=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_PERIOD');
  });
});

describe('reference data (facts-cn §3)', () => {
  it('holds the 2020 territory changes with codes and validity dates', async () => {
    const items = (await t.anon.get('/api/v1/territories')).json().items as Array<{
      code: string;
      name: string;
      current: boolean;
      successorCode: string | null;
      validTo: string | null;
    }>;
    const byCode = new Map(items.map((i) => [i.code, i]));
    expect(byCode.get('340209')?.name).toBe('弋江区');
    expect(byCode.get('340208')).toMatchObject({ name: '三山区', successorCode: '340209', validTo: '2020-08-31' });
    expect(byCode.get('340203')?.successorCode).toBe('340209');
    expect(byCode.get('340221')).toMatchObject({ name: '芜湖县', successorCode: '340210' });
    expect(byCode.get('340222')).toMatchObject({ name: '繁昌县', successorCode: '340212' });
    expect(byCode.get('340281')?.name).toBe('无为市');
    expect(byCode.get('340271')?.name).toBe('芜湖经济技术开发区');
  });

  it('names the five dimensions with their lead departments (§2.1–§2.5)', async () => {
    const dims = (await t.anon.get('/api/v1/dimensions')).json().items as Array<{ code: string; basisId: string }>;
    expect(dims.map((d) => d.code)).toEqual(['energy', 'environment', 'quality', 'safety', 'technology']);
    expect(dims[0]!.basisId).toBe('plan-2020-§2.1');
    const depts = (await t.anon.get('/api/v1/departments')).json().items as Array<{ code: string; leadDimensions: string[]; housesOffice: boolean }>;
    expect(depts.find((d) => d.code === 'eco')?.leadDimensions).toEqual(['environment']);
    expect(depts.find((d) => d.code === 'eit')?.housesOffice).toBe(true);
  });

  it('lists the key industries first with their capacity units (facts-cn §10)', async () => {
    const inds = (await t.anon.get('/api/v1/industries')).json().items as Array<{ code: string; keyIndustry: boolean; capacityUnits: string[] }>;
    expect(inds.slice(0, 3).map((i) => i.code)).toEqual(['steel', 'cement', 'flat_glass']);
    expect(inds.find((i) => i.code === 'flat_glass')?.capacityUnits[0]).toBe('万重量箱/年');
    expect(inds.length).toBeGreaterThanOrEqual(15);
  });

  it('loading the reference set again changes nothing (idempotent)', async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select (select count(*) from territory) + (select count(*) from industry) + (select count(*) from department) + (select count(*) from line_kind) as n`.execute(
          t.db,
        )
      ).rows[0]!.n;
    const before = await count();
    await loadReference(t.db, 'wuhu');
    expect(await count()).toBe(before);
  });

  it('applied every migration file exactly once', async () => {
    const rows = await t.db.selectFrom('schema_migrations').select(['name']).orderBy('version').execute();
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });
});
