/**
 * The access matrix (issue 5): every registered API route × every role (and anonymous) × a record in scope and a
 * record out of scope, with the expected answer written down HERE, independently of the routes' own declarations.
 * A route registered without an entry in PROBES fails the first test, so a new route cannot ship without a policy.
 *
 * allow = the request got past access and scope (any status except 401/403/404);
 * deny  = 401 (anonymous), 403 (role) or 404 (out of scope, as if absent: docs/decisions/0003).
 * Write probes carry bodies that are valid but refused by the domain (duplicate code, stale version, illegal act,
 * bad unit…) so that the matrix changes nothing while still reaching the scope check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, standardUsers, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { createApiToken } from '../../server/modules/auth/auth.commands.ts';
import { bumpLineRollup } from '../../server/modules/overview/rollups.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { voidDocument } from '../../server/modules/documents/documents.service.ts';

type Who = 'anon' | 'office' | 'territory' | 'drc' | 'eco' | 'government' | 'bank';
const WHO: Who[] = ['anon', 'office', 'territory', 'drc', 'eco', 'government', 'bank'];
const USERNAME: Record<Exclude<Who, 'anon'>, string> = { office: 'office', territory: 't-340202', drc: 'd-drc', eco: 'd-eco', government: 'gov', bank: 'bank' };
type Variant = 'A' | 'B';
type Kind = 'enterprise' | 'line' | 'case' | 'notification' | 'token' | 'evidence' | 'document';

/** Records: A lies in 镜湖区 340202 (energy case), B in 鸠江区 340207 (environment case). */
interface Fixture {
  enterprise: Record<Variant, { id: number; creditCode: string; territoryCode: string; name: string }>;
  line: Record<Variant, number>;
  case: Record<Variant, number>;
  notification: Record<Variant, number>;
  evidence: Record<Variant, string>;
  /** the document each case's act issued (voided in the fixture, so that write probes change nothing) */
  document: Record<Variant, number>;
  /** A: the caller's own spare token; B: somebody else's */
  token: { own: Record<Exclude<Who, 'anon'>, number>; other: number };
  spareUser: number;
}

/** Who sees which record: the rules of issue 5, stated independently of the implementation. */
function sees(who: Who, kind: Kind, v: Variant): boolean {
  if (who === 'anon' || who === 'bank') return kind === 'token' && who === 'bank' && v === 'A';
  if (kind === 'token') return v === 'A' || who === 'office';
  if (kind === 'notification') return (who === 'territory' && v === 'A') || (who === 'eco' && v === 'B');
  if (who === 'office' || who === 'government') return true;
  if (who === 'territory') return v === 'A';
  // departments: the registry everywhere; cases (and their evidence) of the dimensions they lead
  if (kind === 'enterprise' || kind === 'line') return true;
  return who === 'drc' ? v === 'A' : v === 'B';
}

const R = {
  any: ['office', 'territory', 'drc', 'eco', 'government', 'bank'] as Who[],
  readers: ['office', 'territory', 'drc', 'eco', 'government'] as Who[],
  writers: ['office', 'territory'] as Who[],
  office: ['office'] as Who[],
};

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  multipart?: boolean;
}

interface Probe {
  /** who may call the route at all ('public' = everyone, anonymous included) */
  roles: Who[] | 'public';
  /** the record whose scope decides, if any */
  record?: Kind;
  /** an extra condition beyond scope (e.g. only departments leading the dimension may open an energy case) */
  extra?: (who: Who) => boolean;
  req: (f: Fixture, v: Variant, who: Who) => Request;
  /** for lists: out-of-scope records must not appear in the body */
  leak?: (f: Fixture) => string[];
}

const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };
const get = (url: string) => () => ({ method: 'GET' as const, url });

const PROBES: Record<string, Probe> = {
  'GET /api/v1/health': { roles: 'public', req: get('/api/v1/health') },
  'GET /api/v1/territories': { roles: 'public', req: get('/api/v1/territories') },
  'GET /api/v1/departments': { roles: 'public', req: get('/api/v1/departments') },
  'GET /api/v1/dimensions': { roles: 'public', req: get('/api/v1/dimensions') },
  'GET /api/v1/industries': { roles: 'public', req: get('/api/v1/industries') },
  'GET /api/v1/line-kinds': { roles: 'public', req: get('/api/v1/line-kinds') },
  'GET /api/v1/calendar/deadline': { roles: 'public', req: get('/api/v1/calendar/deadline?from=2020-09-15&months=6') },
  'GET /api/v1/law/bases': { roles: 'public', req: get('/api/v1/law/bases') },
  'GET /api/v1/law/parameters': { roles: 'public', req: get('/api/v1/law/parameters') },
  'GET /api/v1/calendar/years': { roles: 'public', req: get('/api/v1/calendar/years') },
  'GET /api/v1/calendar/years/:year': { roles: 'public', req: get('/api/v1/calendar/years/2020') },
  // an unchanged correction without a reason: refused by the check, writes nothing
  'POST /api/v1/calendar/years': {
    roles: R.office,
    req: () => ({ method: 'POST', url: '/api/v1/calendar/years', body: { year: 2020, restDays: ['2020-01-01'], workDays: [], notice: { number: 'x', date: '2019-11-21', url: 'https://www.gov.cn/x' } } }),
  },
  'GET /api/v1/law/finding-schemas': { roles: 'public', req: get('/api/v1/law/finding-schemas') },
  'POST /api/v1/auth/login': { roles: 'public', req: () => ({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'spare', password: TEST_PASSWORD } }) },
  'POST /api/v1/auth/logout': { roles: R.any, req: () => ({ method: 'POST', url: '/api/v1/auth/logout', body: {} }) },
  'GET /api/v1/auth/me': { roles: R.any, req: get('/api/v1/auth/me') },
  'POST /api/v1/auth/password': { roles: R.any, req: () => ({ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'weak' } }) },
  'GET /api/v1/auth/tokens': { roles: R.any, req: get('/api/v1/auth/tokens') },
  'POST /api/v1/auth/tokens': { roles: R.any, req: () => ({ method: 'POST', url: '/api/v1/auth/tokens', body: { name: 'matrix' } }) },
  'DELETE /api/v1/auth/tokens/:id': { roles: R.any, record: 'token', req: (f, v, who) => ({ method: 'DELETE', url: `/api/v1/auth/tokens/${v === 'A' && who !== 'anon' ? f.token.own[who] : f.token.other}` }) },
  'GET /api/v1/users': { roles: R.office, req: get('/api/v1/users') },
  'POST /api/v1/users': { roles: R.office, req: () => ({ method: 'POST', url: '/api/v1/users', body: { username: 'office', displayName: 'x', role: 'office', password: 'weak' } }) },
  'POST /api/v1/users/:id/disable': { roles: R.office, req: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser}/disable`, body: {} }) },
  'POST /api/v1/users/:id/enable': { roles: R.office, req: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser}/enable`, body: {} }) },
  'GET /api/v1/audit': { roles: R.office, req: get('/api/v1/audit') },
  'GET /api/v1/audit/verify': { roles: R.office, req: get('/api/v1/audit/verify') },
  'GET /api/v1/enterprises': { roles: R.readers, req: get('/api/v1/enterprises?limit=500'), leak: (f) => [f.enterprise.B.creditCode] },
  'POST /api/v1/enterprises': {
    roles: R.writers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'POST', url: '/api/v1/enterprises', body: { creditCode: f.enterprise[v].creditCode, name: 'dup', territoryCode: f.enterprise[v].territoryCode, industryCode: 'steel' } }),
  },
  'GET /api/v1/enterprises/:id': { roles: R.readers, record: 'enterprise', req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}` }) },
  'PATCH /api/v1/enterprises/:id': { roles: R.writers, record: 'enterprise', req: (f, v) => ({ method: 'PATCH', url: `/api/v1/enterprises/${f.enterprise[v].id}`, body: { version: 999, name: 'stale' } }) },
  'GET /api/v1/enterprises/:id/history': { roles: R.readers, record: 'enterprise', req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}/history` }) },
  'POST /api/v1/enterprises/:id/lines': {
    roles: R.writers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/enterprises/${f.enterprise[v].id}/lines`, body: { kind: 'converter', name: 'probe', capacity: '1', capacityUnit: 'bogus-unit' } }),
  },
  'GET /api/v1/enterprises/:id/lines': { roles: R.readers, record: 'enterprise', req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}/lines` }) },
  'GET /api/v1/lines': { roles: R.readers, req: get('/api/v1/lines?limit=500'), leak: (f) => [`"id":${f.line.B},`] },
  'GET /api/v1/lines/:id': { roles: R.readers, record: 'line', req: (f, v) => ({ method: 'GET', url: `/api/v1/lines/${f.line[v]}` }) },
  'PATCH /api/v1/lines/:id': { roles: R.writers, record: 'line', req: (f, v) => ({ method: 'PATCH', url: `/api/v1/lines/${f.line[v]}`, body: {} }) },
  'GET /api/v1/capacity-ledger': { roles: R.readers, req: get('/api/v1/capacity-ledger') },
  'GET /api/v1/alerts': { roles: R.writers, req: get('/api/v1/alerts') },
  'GET /api/v1/registry/import-template.xlsx': { roles: R.writers, req: get('/api/v1/registry/import-template.xlsx') },
  'POST /api/v1/registry/import': { roles: R.writers, req: () => ({ method: 'POST', url: '/api/v1/registry/import?dryRun=1', multipart: true }) },
  'GET /api/v1/enterprises/export.xlsx': { roles: R.readers, req: get('/api/v1/enterprises/export.xlsx') },
  'GET /api/v1/cases': { roles: R.readers, req: get('/api/v1/cases?limit=500'), leak: (f) => [`"id":${f.case.B},`, f.enterprise.B.creditCode] },
  'POST /api/v1/cases': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'enterprise',
    extra: (who) => who !== 'eco', // d-eco does not lead energy
    req: (f, v) => ({ method: 'POST', url: '/api/v1/cases', body: { enterpriseId: f.enterprise[v].id, dimension: 'energy', lineIds: [999_999_999], finding: energyFinding, openedOn: '2020-09-01' } }),
  },
  'GET /api/v1/cases/:id': { roles: R.readers, record: 'case', req: (f, v) => ({ method: 'GET', url: `/api/v1/cases/${f.case[v]}` }) },
  'POST /api/v1/cases/:id/acts': {
    roles: R.readers,
    record: 'case',
    // an act the case's state does not allow: refused by the lifecycle table after scope and role
    req: (f, v) => ({ method: 'POST', url: `/api/v1/cases/${f.case[v]}/acts`, body: { kind: 'recordClosure', date: '2020-09-10', payload: {} } }),
  },
  'GET /api/v1/cases/:id/explain': { roles: R.readers, record: 'case', req: (f, v) => ({ method: 'GET', url: `/api/v1/cases/${f.case[v]}/explain` }) },
  'POST /api/v1/evidence': { roles: R.readers, req: () => ({ method: 'POST', url: '/api/v1/evidence', multipart: true }) },
  'GET /api/v1/evidence/:sha256': { roles: R.readers, record: 'evidence', req: (f, v) => ({ method: 'GET', url: `/api/v1/evidence/${f.evidence[v]}` }) },
  'GET /api/v1/notifications': { roles: R.readers, req: get('/api/v1/notifications') },
  'POST /api/v1/notifications/:id/read': { roles: R.readers, record: 'notification', req: (f, v) => ({ method: 'POST', url: `/api/v1/notifications/${f.notification[v]}/read`, body: {} }) },
  'GET /api/v1/workbench': { roles: R.readers, req: get('/api/v1/workbench'), leak: (f) => [f.enterprise.B.creditCode] },
  'GET /api/v1/overview': { roles: ['office', 'government', 'drc', 'eco'], req: get('/api/v1/overview') },
  'GET /api/v1/documents': { roles: R.readers, req: get('/api/v1/documents?limit=500'), leak: (f) => [`"id":${f.document.B},`, f.enterprise.B.name] },
  'GET /api/v1/documents/export.xlsx': { roles: R.readers, req: get('/api/v1/documents/export.xlsx') },
  'GET /api/v1/documents/:id': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}` }) },
  'GET /api/v1/documents/:id/docx': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}/docx` }) },
  'GET /api/v1/documents/:id/pdf': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}/pdf` }) },
  // the fixture's documents are voided: regenerating, voiding and serving them are refused (409) after scope
  'POST /api/v1/documents/:id/regenerate': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'POST', url: `/api/v1/documents/${f.document[v]}/regenerate`, body: { reason: 'matrix' } }) },
  'POST /api/v1/documents/:id/void': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'POST', url: `/api/v1/documents/${f.document[v]}/void`, body: { reason: 'matrix' } }) },
  'POST /api/v1/documents/:id/services': {
    roles: R.readers,
    record: 'document',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/documents/${f.document[v]}/services`, body: { method: 'direct', servedOn: '2020-09-02', recipient: 'matrix' } }),
  },
};

let t: TestApp;
let f: Fixture;
const tokens = {} as Record<Exclude<Who, 'anon'>, string>;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082', 'hex');
function multipartBody(content: Buffer, name: string) {
  const boundary = '----phaseoutMatrixBoundary';
  return {
    payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function send(who: Who, r: Request): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = who === 'anon' ? {} : { authorization: `Bearer ${tokens[who]}` };
  if (r.multipart) {
    // evidence: a valid PNG; import: a file that is not .xlsx (refused after access)
    const m = r.url.includes('evidence') ? multipartBody(PNG, 'p.png') : multipartBody(Buffer.from('not a workbook'), 'x.txt');
    return t.app.inject({ method: r.method, url: r.url, payload: m.payload, headers: { ...headers, ...m.headers } });
  }
  return t.app.inject({ method: r.method, url: r.url, headers, ...(r.body !== undefined ? { payload: r.body as object } : {}) });
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-10T02:00:00Z' });
  await standardUsers(t);
  const meta = { actor: SYSTEM_ACTOR, now: t.clock.now };
  const ids = Object.fromEntries((await t.db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  for (const who of Object.keys(USERNAME) as Exclude<Who, 'anon'>[]) tokens[who] = (await createApiToken(t.db, ids[USERNAME[who]]!, 'matrix', meta)).token;
  const own = {} as Fixture['token']['own'];
  for (const who of Object.keys(USERNAME) as Exclude<Who, 'anon'>[]) own[who] = (await createApiToken(t.db, ids[USERNAME[who]]!, 'spare', meta)).id;
  const spareUser = await t.user('spare', 'territory', { territoryCode: '340223' });
  const other = (await createApiToken(t.db, spareUser, 'theirs', meta)).id;

  const mkEnt = async (code: string, territoryCode: string, name: string) => {
    const e = await t.db.insertInto('enterprise').values({ credit_code: code, name, territory_code: territoryCode, industry_code: 'steel' }).returning('id').executeTakeFirstOrThrow();
    const l = await t.db.insertInto('production_line').values({ enterprise_id: e.id, kind: 'converter', name: '1号转炉', capacity: '100', capacity_unit: '万吨/年' }).returning('id').executeTakeFirstOrThrow();
    await bumpLineRollup(t.db, { territoryCode, industryCode: 'steel', state: 'operating', capacityUnit: '万吨/年' }, 1, '100');
    return { id: e.id, creditCode: code, territoryCode, name, line: l.id };
  };
  const code = (first17: string) => first17 + creditCodeCheckChar(first17);
  const A = await mkEnt(code('91340202MA2N0AAA1'), '340202', '镜湖矩阵钢铁有限公司');
  const B = await mkEnt(code('91340207MA2N0BBB2'), '340207', '鸠江矩阵钢铁有限公司');

  const office = await t.as('office');
  const openCase = async (ent: typeof A, dimension: string, finding: Record<string, unknown>) => {
    const r = await office.post('/api/v1/cases', { enterpriseId: ent.id, dimension, lineIds: [ent.line], finding, openedOn: '2020-09-01' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };
  const caseA = await openCase(A, 'energy', energyFinding);
  const caseB = await openCase(B, 'environment', { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' });
  // evidence uploaded by a third account, attached to an act of each case
  await t.user('uploader', 'office');
  const up = await t.as('uploader');
  const ev: string[] = [];
  for (const [i, c] of [caseA, caseB].entries()) {
    const m = multipartBody(Buffer.concat([PNG, Buffer.from([i])]), `e${i}.png`);
    const u = await t.app.inject({ method: 'POST', url: '/api/v1/evidence', payload: m.payload, headers: { ...m.headers, cookie: up.cookie!, 'x-csrf-token': up.csrf! } });
    expect(u.statusCode, u.body).toBe(201);
    const sha = u.json().sha256 as string;
    ev.push(sha);
    const kind = i === 0 ? 'serveRectificationOrder' : 'orderRestriction';
    const lead = await t.as(i === 0 ? 'd-drc' : 'd-eco');
    const a = await lead.post(`/api/v1/cases/${c}/acts`, { kind, date: '2020-09-02', payload: {}, evidence: [sha] });
    expect(a.statusCode, a.body).toBe(201);
  }
  // each act issued its document: void them (write probes then change nothing) and put a PDF in the cache (no LibreOffice run)
  const docs = {} as Record<Variant, number>;
  for (const [v, c] of [['A', caseA], ['B', caseB]] as const) {
    const d = await t.db.selectFrom('document').select('id').where('case_id', '=', c).executeTakeFirstOrThrow();
    docs[v] = d.id;
    await t.db.transaction().execute((trx) => voidDocument(trx, d.id, 'matrix fixture', meta));
    const last = await t.db.selectFrom('document_version').select('sha256').where('document_id', '=', d.id).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.insertInto('document_pdf').values({ docx_sha256: last.sha256, sha256: '0'.repeat(64), pdf: Buffer.from('%PDF-1.4 matrix fixture') }).execute();
  }
  const n = await t.db
    .insertInto('notification')
    .values([
      { unit_kind: 'territory', unit_code: '340202', case_id: caseA, kind: 'due30', title: '测试', title_en: 'test' },
      { unit_kind: 'department', unit_code: 'eco', case_id: caseB, kind: 'due30', title: '测试', title_en: 'test' },
    ])
    .returning('id')
    .execute();
  f = {
    enterprise: { A, B },
    line: { A: A.line, B: B.line },
    case: { A: caseA, B: caseB },
    notification: { A: n[0]!.id, B: n[1]!.id },
    evidence: { A: ev[0]!, B: ev[1]! },
    document: docs,
    token: { own, other },
    spareUser,
  };
});
afterAll(async () => t?.close());

describe('access matrix: every route × every role × in/out of scope', () => {
  it('every registered route has a policy in this matrix, and every policy names a real route', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((k) => !(k in PROBES)), 'routes without a policy in the access matrix').toEqual([]);
    expect(Object.keys(PROBES).filter((k) => !registered.includes(k)), 'policies for routes that do not exist').toEqual([]);
  });

  it('each route answers allow or deny exactly as the policy says, with zero leaks', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [key, probe] of Object.entries(PROBES)) {
      for (const who of WHO) {
        for (const v of probe.record ? (['A', 'B'] as Variant[]) : (['A'] as Variant[])) {
          const roleOk = probe.roles === 'public' || probe.roles.includes(who);
          const expectAllow = roleOk && (!probe.record || sees(who, probe.record, v)) && (probe.extra ? probe.extra(who) : true);
          const res = await send(who, probe.req(f, v, who));
          checked++;
          const denied = [401, 403, 404].includes(res.statusCode);
          if (res.statusCode >= 500) failures.push(`${key} as ${who} (${v}): ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (expectAllow === denied) failures.push(`${key} as ${who} (record ${v}): expected ${expectAllow ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (denied) {
            // a refusal never carries record data
            expect(res.body).not.toContain(f.enterprise.B.name);
            if (who === 'anon' && probe.roles !== 'public') expect(res.statusCode).toBe(401);
          }
          if (!denied && probe.leak && who === 'territory') {
            for (const s of probe.leak(f)) if (res.body.includes(s)) failures.push(`${key} as ${who}: leaks out-of-scope record (${s})`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
