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
import { submitTip } from '../../server/modules/tips/tips.service.ts';
import { pngWithText } from '../support/test-images.ts';
import { approveReport, consolidateReport } from '../../server/modules/yearend/commands/yearend-commands.ts';

type Who = 'anon' | 'office' | 'territory' | 'drc' | 'eco' | 'government' | 'bank';
const WHO: Who[] = ['anon', 'office', 'territory', 'drc', 'eco', 'government', 'bank'];
const USERNAME: Record<Exclude<Who, 'anon'>, string> = { office: 'office', territory: 't-340202', drc: 'd-drc', eco: 'd-eco', government: 'gov', bank: 'bank' };
type Variant = 'A' | 'B';
type Kind =
  | 'enterprise'
  | 'line'
  | 'case'
  | 'notification'
  | 'token'
  | 'evidence'
  | 'document'
  | 'publication'
  | 'tip'
  | 'problem'
  | 'plan'
  | 'action'
  | 'summary'
  | 'registration';

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
  /** issue 14: A = 镜湖区's yellow list version / a restart tip in 镜湖区; B = 鸠江区's / an environment tip (the ecology bureau's) */
  publication: Record<Variant, number>;
  tip: Record<Variant, number>;
  problem: Record<Variant, number>;
  plan: Record<Variant, number>;
  action: Record<Variant, number>;
  /** year-end summaries: A of 340202, B of the eco department; an approved city report */
  summary: Record<Variant, number>;
  /** issue 19, item 5: a pending registration submitted in A's territory and one in B's */
  registration: Record<Variant, number>;
  report: number;
}

/** Who sees which record: the rules of issue 5, stated independently of the implementation. */
function sees(who: Who, kind: Kind, v: Variant): boolean {
  if (who === 'anon' || who === 'bank') return kind === 'token' && who === 'bank' && v === 'A';
  if (kind === 'token') return v === 'A' || who === 'office';
  if (kind === 'notification') return (who === 'territory' && v === 'A') || (who === 'eco' && v === 'B');
  // issue 14: a list is read by its publishing unit and by the office and the city government
  if (kind === 'publication') return who === 'office' || who === 'government' || (who === 'territory' && v === 'A');
  // issue 14: a tip is read by its responsible unit (A: the territory; B: the ecology bureau) and the office
  if (kind === 'tip') return who === 'office' || (who === 'territory' && v === 'A') || (who === 'eco' && v === 'B');
  if (kind === 'summary') return who === 'office' || who === 'government' || (who === 'territory' && v === 'A') || (who === 'eco' && v === 'B');
  if (who === 'office' || who === 'government') return true;
  if (who === 'territory') return v === 'A';
  // departments: the registry everywhere; cases (and their evidence) of the dimensions they lead
  if (kind === 'enterprise' || kind === 'line') return true;
  if (kind === 'problem' || kind === 'plan' || kind === 'action') return true;
  return who === 'drc' ? v === 'A' : v === 'B';
}

const R = {
  any: ['office', 'territory', 'drc', 'eco', 'government', 'bank'] as Who[],
  readers: ['office', 'territory', 'drc', 'eco', 'government'] as Who[],
  writers: ['office', 'territory'] as Who[],
  office: ['office'] as Who[],
};

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
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
/** records of issue 15's modules, made after the fixture: a parcel of freed land per enterprise, an issued power list */
const LEVERS = { land: { A: 0, B: 0 } as Record<'A' | 'B', number>, powerList: 0 };
/** valid figures with a version that never matches: refused with 409 after scope and role */
const RESETTLEMENT_STALE = {
  version: 999,
  workersAffected: 10,
  transferred: 1,
  reemployed: 1,
  retired: 1,
  other: 1,
  fundsPlanned: '10',
  fundsPaid: '1',
  planFiledOn: null,
  riskAssessed: false,
  riskLevel: null,
  riskAssessedOn: null,
  riskPlan: false,
};

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
  'GET /api/v1/calendar/years/:year/export.xlsx': { roles: 'public', req: get('/api/v1/calendar/years/2020/export.xlsx') },
  // an unchanged correction without a reason: refused by the check, writes nothing
  'POST /api/v1/calendar/years': {
    roles: R.office,
    req: () => ({
      method: 'POST',
      url: '/api/v1/calendar/years',
      body: { year: 2020, restDays: ['2020-01-01'], workDays: [], notice: { number: 'x', date: '2019-11-21', url: 'https://www.gov.cn/x' } },
    }),
  },
  'GET /api/v1/law/finding-schemas': { roles: 'public', req: get('/api/v1/law/finding-schemas') },
  'GET /api/v1/law/energy-limits': { roles: 'public', req: get('/api/v1/law/energy-limits') },
  'POST /api/v1/auth/login': {
    roles: 'public',
    req: () => ({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'spare', password: TEST_PASSWORD } }),
  },
  'POST /api/v1/auth/logout': { roles: R.any, req: () => ({ method: 'POST', url: '/api/v1/auth/logout', body: {} }) },
  'GET /api/v1/auth/me': { roles: R.any, req: get('/api/v1/auth/me') },
  'POST /api/v1/auth/password': {
    roles: R.any,
    req: () => ({ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'weak' } }),
  },
  'GET /api/v1/auth/tokens': { roles: R.any, req: get('/api/v1/auth/tokens') },
  'POST /api/v1/auth/tokens': { roles: R.any, req: () => ({ method: 'POST', url: '/api/v1/auth/tokens', body: { name: 'matrix' } }) },
  'DELETE /api/v1/auth/tokens/:id': {
    roles: R.any,
    record: 'token',
    req: (f, v, who) => ({ method: 'DELETE', url: `/api/v1/auth/tokens/${v === 'A' && who !== 'anon' ? f.token.own[who] : f.token.other}` }),
  },
  'GET /api/v1/users': { roles: R.office, req: get('/api/v1/users') },
  'POST /api/v1/users': {
    roles: R.office,
    req: () => ({ method: 'POST', url: '/api/v1/users', body: { username: 'office', displayName: 'x', role: 'office', password: 'weak' } }),
  },
  'POST /api/v1/users/:id/disable': { roles: R.office, req: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser}/disable`, body: {} }) },
  'POST /api/v1/users/:id/enable': { roles: R.office, req: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser}/enable`, body: {} }) },
  'GET /api/v1/audit': { roles: R.office, req: get('/api/v1/audit') },
  'GET /api/v1/audit/verify': { roles: R.office, req: get('/api/v1/audit/verify') },
  'GET /api/v1/enterprises': { roles: R.readers, req: get('/api/v1/enterprises?limit=500'), leak: (f) => [f.enterprise.B.creditCode] },
  'POST /api/v1/enterprises': {
    roles: R.writers,
    record: 'enterprise',
    req: (f, v) => ({
      method: 'POST',
      url: '/api/v1/enterprises',
      body: { creditCode: f.enterprise[v].creditCode, name: 'dup', territoryCode: f.enterprise[v].territoryCode, industryCode: 'steel' },
    }),
  },
  'GET /api/v1/enterprises/:id': {
    roles: R.readers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}` }),
  },
  'PATCH /api/v1/enterprises/:id': {
    roles: R.writers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'PATCH', url: `/api/v1/enterprises/${f.enterprise[v].id}`, body: { version: 999, name: 'stale' } }),
  },
  'GET /api/v1/enterprises/:id/history': {
    roles: R.readers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}/history` }),
  },
  'POST /api/v1/enterprises/:id/lines': {
    roles: R.writers,
    record: 'enterprise',
    req: (f, v) => ({
      method: 'POST',
      url: `/api/v1/enterprises/${f.enterprise[v].id}/lines`,
      body: { kind: 'converter', name: 'probe', capacity: '1', capacityUnit: 'bogus-unit' },
    }),
  },
  'GET /api/v1/enterprises/:id/lines': {
    roles: R.readers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}/lines` }),
  },
  'GET /api/v1/lines': { roles: R.readers, req: get('/api/v1/lines?limit=500'), leak: (f) => [`"id":${f.line.B},`] },
  'GET /api/v1/lines/:id': { roles: R.readers, record: 'line', req: (f, v) => ({ method: 'GET', url: `/api/v1/lines/${f.line[v]}` }) },
  'PATCH /api/v1/lines/:id': { roles: R.writers, record: 'line', req: (f, v) => ({ method: 'PATCH', url: `/api/v1/lines/${f.line[v]}`, body: {} }) },
  'GET /api/v1/capacity-ledger': { roles: R.readers, req: get('/api/v1/capacity-ledger') },
  'GET /api/v1/alerts': { roles: R.writers, req: get('/api/v1/alerts') },
  'GET /api/v1/registry/import-template.xlsx': { roles: R.writers, req: get('/api/v1/registry/import-template.xlsx') },
  'POST /api/v1/registry/import': { roles: R.writers, req: () => ({ method: 'POST', url: '/api/v1/registry/import?dryRun=1', multipart: true }) },
  'POST /api/v1/registry/import/error-report.xlsx': {
    roles: R.writers,
    req: () => ({ method: 'POST', url: '/api/v1/registry/import/error-report.xlsx', multipart: true }),
  },
  'GET /api/v1/enterprises/export.xlsx': { roles: R.readers, req: get('/api/v1/enterprises/export.xlsx') },
  'GET /api/v1/cases': { roles: R.readers, req: get('/api/v1/cases?limit=500'), leak: (f) => [`"id":${f.case.B},`, f.enterprise.B.creditCode] },
  'POST /api/v1/cases': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'enterprise',
    extra: (who) => who !== 'eco', // d-eco does not lead energy
    req: (f, v) => ({
      method: 'POST',
      url: '/api/v1/cases',
      body: { enterpriseId: f.enterprise[v].id, dimension: 'energy', lineIds: [999_999_999], finding: energyFinding, openedOn: '2020-09-01' },
    }),
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
  'POST /api/v1/notifications/:id/read': {
    roles: R.readers,
    record: 'notification',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/notifications/${f.notification[v]}/read`, body: {} }),
  },
  'GET /api/v1/workbench': { roles: R.readers, req: get('/api/v1/workbench'), leak: (f) => [f.enterprise.B.creditCode] },
  'GET /api/v1/overview': { roles: ['office', 'government', 'drc', 'eco'], req: get('/api/v1/overview') },
  // worker resettlement (issue 15): read like the registry; written by office, the territory and the HR bureau only
  'GET /api/v1/resettlements': { roles: R.readers, req: get('/api/v1/resettlements?limit=500'), leak: (f) => [f.enterprise.B.creditCode] },
  'GET /api/v1/resettlements/export.xlsx': { roles: R.readers, req: get('/api/v1/resettlements/export.xlsx') },
  'GET /api/v1/enterprises/:id/resettlement': {
    roles: R.readers,
    record: 'enterprise',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise[v].id}/resettlement` }),
  },
  'PUT /api/v1/enterprises/:id/resettlement': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'enterprise',
    extra: (who) => who === 'office' || who === 'territory', // departments other than hrss may not write
    req: (f, v) => ({ method: 'PUT', url: `/api/v1/enterprises/${f.enterprise[v].id}/resettlement`, body: RESETTLEMENT_STALE }),
  },
  // the differentiated-credit list (issue 15): the bank and the office only; the bank sees nothing else (all other probes)
  'GET /api/v1/credit-list': { roles: ['office', 'bank'], req: get('/api/v1/credit-list?limit=500') },
  'GET /api/v1/credit-list/changes': { roles: ['office', 'bank'], req: get('/api/v1/credit-list/changes?since=2020-01-01') },
  'GET /api/v1/credit-list/export.xlsx': { roles: ['office', 'bank'], req: get('/api/v1/credit-list/export.xlsx') },
  // the city government's approval queue: government and office; scoped like cases
  'GET /api/v1/approvals': { roles: ['office', 'government'], req: get('/api/v1/approvals') },
  // electricity prices: read by office, departments, government; lists issued by the office (a future date is refused after access)
  'GET /api/v1/power-prices': { roles: ['office', 'drc', 'eco', 'government'], req: get('/api/v1/power-prices') },
  'GET /api/v1/power-prices/lists': { roles: ['office', 'drc', 'eco', 'government'], req: get('/api/v1/power-prices/lists') },
  'POST /api/v1/power-prices/lists': { roles: R.office, req: () => ({ method: 'POST', url: '/api/v1/power-prices/lists', body: { asOf: '2030-01-01' } }) },
  'GET /api/v1/power-prices/lists/:id/export.xlsx': {
    roles: ['office', 'drc', 'eco', 'government'],
    req: () => ({ method: 'GET', url: `/api/v1/power-prices/lists/${LEVERS.powerList}/export.xlsx` }),
  },
  // freed land: like resettlement (written by office, the territory and the natural resources bureau)
  'GET /api/v1/freed-land': { roles: R.readers, req: get('/api/v1/freed-land?limit=500') },
  'GET /api/v1/freed-land/export.xlsx': { roles: R.readers, req: get('/api/v1/freed-land/export.xlsx') },
  'POST /api/v1/enterprises/:id/freed-land': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'enterprise',
    extra: (who) => who === 'office' || who === 'territory',
    // area 0 passes the schema and is refused after scope and role (INVALID_FIELD): nothing is written
    req: (f, v) => ({
      method: 'POST',
      url: `/api/v1/enterprises/${f.enterprise[v].id}/freed-land`,
      body: { areaM2: '0', location: '某路1号', ownership: 'state', plannedReuse: 'industrial', status: 'idle' },
    }),
  },
  'PATCH /api/v1/freed-land/:id': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'enterprise',
    extra: (who) => who === 'office' || who === 'territory',
    // a stale version: refused with 409 after scope and role
    req: (_f, v) => ({ method: 'PATCH', url: `/api/v1/freed-land/${LEVERS.land[v]}`, body: { version: 999 } }),
  },
  'GET /api/v1/jobs': { roles: R.office, req: get('/api/v1/jobs') },
  'GET /api/v1/jobs/runs': { roles: R.office, req: get('/api/v1/jobs/runs') },
  'GET /api/v1/documents': { roles: R.readers, req: get('/api/v1/documents?limit=500'), leak: (f) => [`"id":${f.document.B},`, f.enterprise.B.name] },
  'GET /api/v1/documents/export.xlsx': { roles: R.readers, req: get('/api/v1/documents/export.xlsx') },
  'GET /api/v1/documents/:id': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}` }) },
  'GET /api/v1/documents/:id/docx': {
    roles: R.readers,
    record: 'document',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}/docx` }),
  },
  'GET /api/v1/documents/:id/pdf': { roles: R.readers, record: 'document', req: (f, v) => ({ method: 'GET', url: `/api/v1/documents/${f.document[v]}/pdf` }) },
  // the fixture's documents are voided: regenerating, voiding and serving them are refused (409) after scope
  'POST /api/v1/documents/:id/regenerate': {
    roles: R.readers,
    record: 'document',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/documents/${f.document[v]}/regenerate`, body: { reason: 'matrix' } }),
  },
  'POST /api/v1/documents/:id/void': {
    roles: R.readers,
    record: 'document',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/documents/${f.document[v]}/void`, body: { reason: 'matrix' } }),
  },
  'POST /api/v1/documents/:id/services': {
    roles: R.readers,
    record: 'document',
    req: (f, v) => ({
      method: 'POST',
      url: `/api/v1/documents/${f.document[v]}/services`,
      body: { method: 'direct', servedOn: '2020-09-02', recipient: 'matrix' },
    }),
  },
  // issue 14: public lists and tips
  'GET /api/v1/publications/series': { roles: R.readers, req: get('/api/v1/publications/series') },
  'GET /api/v1/publications/proposal': {
    roles: R.readers,
    record: 'publication',
    req: (_f, v) => ({ method: 'GET', url: `/api/v1/publications/proposal?list=yellow&territoryCode=${v === 'A' ? '340202' : '340207'}` }),
  },
  'POST /api/v1/publications': {
    roles: ['territory', 'drc', 'eco'],
    record: 'publication',
    // a correction excluding an entry that is not proposed: refused after scope, nothing written
    req: (_f, v) => ({
      method: 'POST',
      url: '/api/v1/publications',
      body: {
        list: 'yellow',
        territoryCode: v === 'A' ? '340202' : '340207',
        action: 'correct',
        postedOn: '2020-09-10',
        reason: 'probe',
        exclusions: [{ creditCode: '000000000000000000', reason: 'probe' }],
      },
    }),
  },
  'GET /api/v1/publications/versions': { roles: R.readers, req: get('/api/v1/publications/versions'), leak: (f) => [`"id":${f.publication.B},`] },
  'GET /api/v1/publications/versions/export.xlsx': { roles: R.readers, req: get('/api/v1/publications/versions/export.xlsx') },
  'GET /api/v1/publications/versions/:id': {
    roles: R.readers,
    record: 'publication',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/publications/versions/${f.publication[v]}` }),
  },
  'GET /api/v1/tips': { roles: ['office', 'territory', 'drc', 'eco'], req: get('/api/v1/tips'), leak: (f) => [`"id":${f.tip.B},`] },
  'GET /api/v1/tips/export.xlsx': { roles: ['office', 'territory', 'drc', 'eco'], req: get('/api/v1/tips/export.xlsx') },
  'GET /api/v1/tips/:id': { roles: ['office', 'territory', 'drc', 'eco'], record: 'tip', req: (f, v) => ({ method: 'GET', url: `/api/v1/tips/${f.tip[v]}` }) },
  'GET /api/v1/tips/:id/photos/:n': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'tip',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/tips/${f.tip[v]}/photos/1` }),
  },
  // issue 19, item 5: pending registrations (a county: its own; the office resolves)
  'GET /api/v1/enterprise-registrations': {
    roles: R.writers,
    req: get('/api/v1/enterprise-registrations?limit=500'),
    leak: (f) => [`"id":${f.registration.B},`],
  },
  'GET /api/v1/enterprise-registrations/export.xlsx': { roles: R.writers, req: get('/api/v1/enterprise-registrations/export.xlsx') },
  'GET /api/v1/enterprise-registrations/:id': {
    roles: R.writers,
    record: 'registration',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/enterprise-registrations/${f.registration[v]}` }),
  },
  'POST /api/v1/enterprise-registrations/:id/resolve': {
    roles: R.office,
    record: 'registration',
    // a stale version: refused after role and scope, changes nothing
    req: (f, v) => ({ method: 'POST', url: `/api/v1/enterprise-registrations/${f.registration[v]}/resolve`, body: { resolution: 'merge', version: 999 } }),
  },
  'POST /api/v1/tips/:id/triage': {
    roles: ['territory', 'drc', 'eco'],
    record: 'tip',
    extra: (who) => who !== 'drc',
    // a case that does not exist: refused after scope and role
    req: (f, v) => ({ method: 'POST', url: `/api/v1/tips/${f.tip[v]}/triage`, body: { action: 'openCase', caseId: 999_999_999 } }),
  },
  // the programme (issue 13): problem lists, exit plans, supervision
  'GET /api/v1/problems': { roles: R.readers, req: get('/api/v1/problems?limit=500'), leak: () => ['矩阵问题B'] },
  'POST /api/v1/problems': {
    roles: R.writers,
    record: 'problem',
    // refused after the scope check: the due date lies before the date found
    req: (f, v) => ({
      method: 'POST',
      url: '/api/v1/problems',
      body: {
        territoryCode: f.enterprise[v].territoryCode,
        source: 'audit',
        foundOn: '2020-09-01',
        description: '探针',
        level: 'general',
        responsibleUnit: '单位',
        dueOn: '2020-01-01',
      },
    }),
  },
  'GET /api/v1/problems/burndown': { roles: R.readers, req: get('/api/v1/problems/burndown') },
  'GET /api/v1/problems/export.xlsx': { roles: R.readers, req: get('/api/v1/problems/export.xlsx') },
  'GET /api/v1/problems/import-template.xlsx': { roles: R.writers, req: get('/api/v1/problems/import-template.xlsx') },
  'POST /api/v1/problems/import': { roles: R.writers, req: () => ({ method: 'POST', url: '/api/v1/problems/import?dryRun=1', multipart: true }) },
  'GET /api/v1/problems/:id': { roles: R.readers, record: 'problem', req: (f, v) => ({ method: 'GET', url: `/api/v1/problems/${f.problem[v]}` }) },
  'PATCH /api/v1/problems/:id': {
    roles: R.writers,
    record: 'problem',
    req: (f, v) => ({ method: 'PATCH', url: `/api/v1/problems/${f.problem[v]}`, body: { version: 999, measure: 'stale' } }),
  },
  'POST /api/v1/problems/:id/acts': {
    roles: R.writers,
    record: 'problem',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/problems/${f.problem[v]}/acts`, body: { kind: 'requestClose' } }),
  },
  'GET /api/v1/problems/:id/evidence/:sha256': {
    roles: R.readers,
    record: 'problem',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/problems/${f.problem[v]}/evidence/${f.evidence[v]}` }),
  },
  'GET /api/v1/exit-plans': { roles: R.readers, req: get('/api/v1/exit-plans?limit=500'), leak: () => ['鸠江区'] },
  'POST /api/v1/exit-plans': {
    roles: R.writers,
    record: 'plan',
    req: (f, v) => ({ method: 'POST', url: '/api/v1/exit-plans', body: { territoryCode: f.enterprise[v].territoryCode, year: 2020, items: [] } }),
  },
  'GET /api/v1/exit-plans/:id': { roles: R.readers, record: 'plan', req: (f, v) => ({ method: 'GET', url: `/api/v1/exit-plans/${f.plan[v]}` }) },
  'PATCH /api/v1/exit-plans/:id': {
    roles: R.writers,
    record: 'plan',
    req: (f, v) => ({ method: 'PATCH', url: `/api/v1/exit-plans/${f.plan[v]}`, body: { version: 999, items: [] } }),
  },
  'POST /api/v1/exit-plans/:id/acts': {
    roles: R.writers,
    record: 'plan',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/exit-plans/${f.plan[v]}/acts`, body: { kind: 'submit', version: 1 } }),
  },
  'GET /api/v1/supervision/indicators': { roles: R.readers, req: get('/api/v1/supervision/indicators'), leak: () => ['"territoryCode":"340207"'] },
  'GET /api/v1/supervision/criteria': { roles: R.readers, req: get('/api/v1/supervision/criteria') },
  'GET /api/v1/supervision/indicators.xlsx': { roles: R.readers, req: get('/api/v1/supervision/indicators.xlsx') },
  'GET /api/v1/exit-plans/export.xlsx': { roles: R.readers, req: get('/api/v1/exit-plans/export.xlsx') },
  'POST /api/v1/supervision/criteria': {
    roles: R.office,
    req: () => ({
      method: 'POST',
      url: '/api/v1/supervision/criteria',
      body: {
        validFrom: '2020-01-01',
        note: 'past',
        thresholds: {
          planCompletionBelow: 0.5,
          latePlanItemsAtLeast: 1,
          overdueCasesAtLeast: 1,
          overdueProblemsAtLeast: 1,
          daysSinceProgressAtLeast: 1,
          oldOpenItemDays: 1,
          oldOpenItemsAtLeast: 1,
          atRiskDays: 1,
        },
      },
    }),
  },
  'GET /api/v1/supervision/actions': { roles: R.readers, req: get('/api/v1/supervision/actions?limit=500'), leak: () => ['矩阵约谈B'] },
  'POST /api/v1/supervision/actions': {
    roles: R.office,
    req: () => ({
      method: 'POST',
      url: '/api/v1/supervision/actions',
      body: { kind: 'summons', territoryCode: '340200', reason: '探针', heldOn: '2020-09-10' },
    }),
  },
  'GET /api/v1/supervision/actions/:id': {
    roles: R.readers,
    record: 'action',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/supervision/actions/${f.action[v]}` }),
  },
  'POST /api/v1/supervision/actions/:id/follow-ups': {
    roles: R.office,
    record: 'action',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/supervision/actions/${f.action[v]}/follow-ups`, body: { on: '2099-01-01', note: 'future' } }),
  },
  'GET /api/v1/supervision/actions/:id/document.docx': {
    roles: R.readers,
    record: 'action',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/supervision/actions/${f.action[v]}/document.docx` }),
  },
  'GET /api/v1/supervision/actions/export.xlsx': { roles: R.readers, req: get('/api/v1/supervision/actions/export.xlsx?q=%E7%BA%A6%E8%B0%88') },
  // year-end (issue 12): certificates follow their case's scope; summaries their unit's; reports office and government
  'GET /api/v1/cases/:id/certificate': { roles: R.readers, record: 'case', req: (f, v) => ({ method: 'GET', url: `/api/v1/cases/${f.case[v]}/certificate` }) },
  'PUT /api/v1/cases/:id/certificate': {
    roles: R.writers,
    record: 'case',
    req: (f, v) => ({ method: 'PUT', url: `/api/v1/cases/${f.case[v]}/certificate`, body: { checks: {} } }),
  },
  'POST /api/v1/cases/:id/certificate/sign': {
    roles: ['territory', 'drc', 'eco'],
    record: 'case',
    req: (f, v, who) => ({
      method: 'POST',
      url: `/api/v1/cases/${f.case[v]}/certificate/sign`,
      body: { unit: who === 'territory' ? 'enterprise' : 'department', signerName: 'x', date: '2020-09-01' },
    }),
  },
  'POST /api/v1/cases/:id/certificate/return': {
    roles: R.office,
    record: 'case',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/cases/${f.case[v]}/certificate/return`, body: { reason: '退回' } }),
  },
  'GET /api/v1/cases/:id/certificate.docx': {
    roles: R.readers,
    record: 'case',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/cases/${f.case[v]}/certificate.docx` }),
  },
  'GET /api/v1/certificates': { roles: R.readers, req: get('/api/v1/certificates') },
  'GET /api/v1/certificates/export.xlsx': { roles: R.readers, req: get('/api/v1/certificates/export.xlsx') },
  'GET /api/v1/yearend/:year': { roles: R.readers, req: get('/api/v1/yearend/2020') },
  'PUT /api/v1/yearend/:year/settings': { roles: R.office, req: () => ({ method: 'PUT', url: '/api/v1/yearend/2000/settings', body: { summariesDue: null } }) },
  'GET /api/v1/yearend/:year/summaries': { roles: R.readers, req: get('/api/v1/yearend/2020/summaries'), leak: () => ['"unitCode":"eco"'] },
  'POST /api/v1/yearend/:year/summaries': {
    roles: ['territory', 'drc', 'eco'],
    req: () => ({ method: 'POST', url: '/api/v1/yearend/2000/summaries', body: {} }),
  },
  'GET /api/v1/yearend/summaries/:id': {
    roles: R.readers,
    record: 'summary',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/yearend/summaries/${f.summary[v]}` }),
  },
  'PUT /api/v1/yearend/summaries/:id': {
    roles: ['territory', 'drc', 'eco'],
    record: 'summary',
    req: (f, v) => ({ method: 'PUT', url: `/api/v1/yearend/summaries/${f.summary[v]}`, body: { version: 999 } }),
  },
  'POST /api/v1/yearend/summaries/:id/submit': {
    roles: ['territory', 'drc', 'eco'],
    record: 'summary',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/yearend/summaries/${f.summary[v]}/submit`, body: { version: 999 } }),
  },
  'POST /api/v1/yearend/summaries/:id/return': {
    roles: R.office,
    record: 'summary',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/yearend/summaries/${f.summary[v]}/return`, body: { comment: '退回' } }),
  },
  'POST /api/v1/yearend/summaries/:id/accept': {
    roles: R.office,
    record: 'summary',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/yearend/summaries/${f.summary[v]}/accept`, body: {} }),
  },
  'POST /api/v1/yearend/summaries/:id/explain': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'summary',
    req: (f, v) => ({ method: 'POST', url: `/api/v1/yearend/summaries/${f.summary[v]}/explain`, body: { key: 'none|x|lines', text: '说明' } }),
  },
  'GET /api/v1/yearend/:year/reports': { roles: ['office', 'government'], req: get('/api/v1/yearend/2001/reports') },
  'POST /api/v1/yearend/:year/reports': { roles: R.office, req: () => ({ method: 'POST', url: '/api/v1/yearend/2001/reports', body: {} }) },
  'GET /api/v1/yearend/reports/:id': { roles: ['office', 'government'], req: (f) => ({ method: 'GET', url: `/api/v1/yearend/reports/${f.report}` }) },
  'POST /api/v1/yearend/reports/:id/approve': {
    roles: ['government'],
    req: (f) => ({ method: 'POST', url: `/api/v1/yearend/reports/${f.report}/approve`, body: {} }),
  },
  'POST /api/v1/yearend/reports/:id/reported': {
    roles: R.office,
    req: (f) => ({ method: 'POST', url: `/api/v1/yearend/reports/${f.report}/reported`, body: { reportedOn: '2030-01-01', receivingAuthority: '省经信厅' } }),
  },
  'GET /api/v1/yearend/reports/:id/report.docx': {
    roles: ['office', 'government'],
    req: (f) => ({ method: 'GET', url: `/api/v1/yearend/reports/${f.report}/report.docx` }),
  },
  'GET /api/v1/yearend/:year/exits.xlsx': { roles: R.readers, req: get('/api/v1/yearend/2020/exits.xlsx') },
  'GET /api/v1/yearend/signing-key': { roles: R.office, req: get('/api/v1/yearend/signing-key') },
  'GET /api/v1/yearend/reports/:id/package.json': { roles: R.office, req: (f) => ({ method: 'GET', url: `/api/v1/yearend/reports/${f.report}/package.json` }) },
  'PUT /api/v1/province/cities/:code/key': {
    roles: R.office,
    req: () => ({
      method: 'PUT',
      url: '/api/v1/province/cities/340200/key',
      body: { cityName: '芜湖市', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----' },
    }),
  },
  'POST /api/v1/province/:year/packages': {
    roles: R.office,
    req: () => ({
      method: 'POST',
      url: '/api/v1/province/2020/packages',
      body: {
        manifest: {
          format: 'phaseout-city-report/1',
          cityCode: '349900',
          cityName: 'x',
          year: 2020,
          version: 1,
          reportStatus: 'approved',
          approvedAt: null,
          createdAt: '2020-01-01T00:00:00Z',
          files: [{ name: 'report.json', sha256: 'a'.repeat(64), bytes: 2 }],
        },
        files: { 'report.json': '{}' },
        signature: { algorithm: 'Ed25519', value: 'AAAA' },
      },
    }),
  },
  'GET /api/v1/province/:year/cities': { roles: R.office, req: get('/api/v1/province/2020/cities') },
  // issue 17 (part A): the case list's export, bulk acts (an act no state allows: refused per case, changes nothing;
  // an out-of-scope case is refused as NOT_FOUND inside the answer), the audit export, notifications read at once
  'GET /api/v1/cases/export.xlsx': { roles: R.readers, req: get('/api/v1/cases/export.xlsx') },
  'POST /api/v1/cases/bulk-acts': {
    roles: R.readers,
    req: (f) => ({ method: 'POST', url: '/api/v1/cases/bulk-acts', body: { caseIds: [f.case.A, f.case.B], kind: 'recordClosure', date: '2020-09-10' } }),
    leak: (f) => [f.enterprise.B.creditCode, f.enterprise.B.name],
  },
  'GET /api/v1/audit/export.xlsx': { roles: R.office, req: get('/api/v1/audit/export.xlsx') },
  'POST /api/v1/notifications/read-all': { roles: R.readers, req: () => ({ method: 'POST', url: '/api/v1/notifications/read-all', body: {} }) },
  // issue 17 item 2: the case's assignee — the office, the case's lead department (A: drc, B: eco) or its territory;
  // an account nobody may name (unknown): refused 422 after role, scope and policy, changes nothing
  'PUT /api/v1/cases/:id/assignee': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'case',
    req: (f, v) => ({ method: 'PUT', url: `/api/v1/cases/${f.case[v]}/assignee`, body: { assigneeId: 999_999_999 } }),
  },
  'GET /api/v1/cases/:id/assignee-candidates': {
    roles: ['office', 'territory', 'drc', 'eco'],
    record: 'case',
    req: (f, v) => ({ method: 'GET', url: `/api/v1/cases/${f.case[v]}/assignee-candidates` }),
  },
  'GET /api/v1/cases/assignee-candidates': { roles: ['office', 'territory', 'drc', 'eco'], req: get('/api/v1/cases/assignee-candidates') },
  'POST /api/v1/cases/bulk-assign': {
    roles: ['office', 'territory', 'drc', 'eco'],
    req: (f) => ({ method: 'POST', url: '/api/v1/cases/bulk-assign', body: { caseIds: [f.case.A, f.case.B], assigneeId: 999_999_999 } }),
    leak: (f) => [f.enterprise.B.creditCode, f.enterprise.B.name],
  },
};

let t: TestApp;
let f: Fixture;
const tokens = {} as Record<Exclude<Who, 'anon'>, string>;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082',
  'hex',
);
function multipartBody(content: Buffer, name: string) {
  const boundary = '----phaseoutMatrixBoundary';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
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
    const e = await t.db
      .insertInto('enterprise')
      .values({ credit_code: code, name, territory_code: territoryCode, industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await t.db
      .insertInto('production_line')
      .values({ enterprise_id: e.id, kind: 'converter', name: '1号转炉', capacity: '100', capacity_unit: '万吨/年' })
      .returning('id')
      .executeTakeFirstOrThrow();
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
    const u = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence',
      payload: m.payload,
      headers: { ...m.headers, cookie: up.cookie!, 'x-csrf-token': up.csrf! },
    });
    expect(u.statusCode, u.body).toBe(201);
    const sha = u.json().sha256 as string;
    ev.push(sha);
    const kind = i === 0 ? 'serveRectificationOrder' : 'orderRestriction';
    const lead = await t.as(i === 0 ? 'd-drc' : 'd-eco');
    // issue #19, item 6: an act cites what its own unit uploaded, so the lead department uploads the same file too
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence',
      payload: m.payload,
      headers: { ...m.headers, cookie: lead.cookie!, 'x-csrf-token': lead.csrf! },
    });
    expect(own.statusCode, own.body).toBe(201);
    const a = await lead.post(`/api/v1/cases/${c}/acts`, { kind, date: '2020-09-02', payload: {}, evidence: [sha] });
    expect(a.statusCode, a.body).toBe(201);
  }
  // each act issued its document: void them (write probes then change nothing) and put a PDF in the cache (no LibreOffice run)
  const docs = {} as Record<Variant, number>;
  for (const [v, c] of [
    ['A', caseA],
    ['B', caseB],
  ] as const) {
    const d = await t.db.selectFrom('document').select('id').where('case_id', '=', c).executeTakeFirstOrThrow();
    docs[v] = d.id;
    await t.db.transaction().execute((trx) => voidDocument(trx, d.id, 'matrix fixture', meta));
    const last = await t.db
      .selectFrom('document_version')
      .select('sha256')
      .where('document_id', '=', d.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('document_pdf')
      .values({ docx_sha256: last.sha256, sha256: '0'.repeat(64), pdf: Buffer.from('%PDF-1.4 matrix fixture') })
      .execute();
  }
  const n = await t.db
    .insertInto('notification')
    .values([
      { unit_kind: 'territory', unit_code: '340202', case_id: caseA, kind: 'due30', title: '测试', title_en: 'test' },
      { unit_kind: 'department', unit_code: 'eco', case_id: caseB, kind: 'due30', title: '测试', title_en: 'test' },
    ])
    .returning('id')
    .execute();
  // issue 14: one published list version per territory, and one tip (with a photo) per responsible unit
  const pubs: number[] = [];
  for (const [user, territoryCode] of [
    ['t-340202', '340202'],
    ['t-340207', '340207'],
  ] as const) {
    const r = await (await t.as(user)).post('/api/v1/publications', { list: 'yellow', territoryCode, action: 'publish', postedOn: '2020-09-10' });
    expect(r.statusCode, r.body).toBe(201);
    pubs.push(r.json().id as number);
  }
  const tipIds: number[] = [];
  for (const [service, territoryCode] of [
    ['restart', '340202'],
    ['environment', '340207'],
  ] as const) {
    const r = await submitTip(
      t.db,
      'wuhu',
      { serviceCode: service, description: '矩阵测试举报内容', territoryCode, photos: [pngWithText()] },
      { ip: `192.0.2.${tipIds.length + 1}`, now: t.clock.now },
    );
    tipIds.push(r.id);
  }
  // the programme's records (issue 13): a problem item (its close-out evidence attached), a draft plan, a summons
  const prob = await t.db
    .insertInto('problem_item')
    .values(
      [A, B].map((e, i) => ({
        territory_code: e.territoryCode,
        source: 'audit',
        found_on: '2020-09-01',
        description: i === 0 ? '矩阵问题A' : '矩阵问题B',
        level: 'general',
        responsible_unit: '单位',
        due_on: '2020-12-31',
      })),
    )
    .returning('id')
    .execute();
  await t.db
    .insertInto('problem_event')
    .values(prob.map((p, i) => ({ problem_id: p.id, kind: 'create', on_date: '2020-09-01', to_state: 'open', evidence: [ev[i]!] })))
    .execute();
  const plans = await t.db
    .insertInto('exit_plan')
    .values([A, B].map((e) => ({ territory_code: e.territoryCode, year: 2020 })))
    .returning('id')
    .execute();
  const acts: Array<{ id: number }> = [];
  for (const [i, e] of [A, B].entries()) {
    const r = await office.post('/api/v1/supervision/actions', {
      kind: 'summons',
      territoryCode: e.territoryCode,
      reason: i === 0 ? '矩阵约谈A' : '矩阵约谈B',
      heldOn: '2020-09-10',
    });
    expect(r.statusCode, r.body).toBe(201);
    acts.push({ id: r.json().id as number });
  }
  // year-end: a summary of 340202 and one of the eco department; an approved 2001 report (approve/reported are then refused by state)
  const sums = await t.db
    .insertInto('yearend_summary')
    .values([
      { year: 2020, unit_kind: 'territory', unit_code: '340202' },
      { year: 2020, unit_kind: 'department', unit_code: 'eco' },
    ])
    .returning('id')
    .execute();
  const reportId = await consolidateReport(t.db, 2001, null, meta);
  await approveReport(t.db, reportId, meta);
  const regs = await t.db
    .insertInto('pending_registration')
    .values(
      [A, B].map((e, i) => ({
        credit_code: B.creditCode,
        name: `矩阵登记${i}`,
        territory_code: e.territoryCode,
        industry_code: 'steel',
        existing_enterprise_id: B.id,
        submitted_at: t.clock.now,
      })),
    )
    .returning('id')
    .execute();
  f = {
    registration: { A: regs[0]!.id, B: regs[1]!.id },
    publication: { A: pubs[0]!, B: pubs[1]! },
    tip: { A: tipIds[0]!, B: tipIds[1]! },
    problem: { A: prob[0]!.id, B: prob[1]!.id },
    plan: { A: plans[0]!.id, B: plans[1]!.id },
    action: { A: acts[0]!.id, B: acts[1]!.id },
    enterprise: { A, B },
    line: { A: A.line, B: B.line },
    case: { A: caseA, B: caseB },
    notification: { A: n[0]!.id, B: n[1]!.id },
    evidence: { A: ev[0]!, B: ev[1]! },
    document: docs,
    token: { own, other },
    spareUser,
    summary: { A: sums[0]!.id, B: sums[1]!.id },
    report: reportId,
  };
});
afterAll(async () => t?.close());
beforeAll(async () => {
  for (const v of ['A', 'B'] as const) {
    const l = await t.db
      .insertInto('freed_land')
      .values({ enterprise_id: f.enterprise[v].id, area_m2: '100', location: '某路', ownership: 'state', planned_reuse: 'industrial', status: 'idle' })
      .returning('id')
      .executeTakeFirstOrThrow();
    LEVERS.land[v] = Number(l.id);
  }
  const p = await t.db
    .insertInto('power_price_list')
    .values({ as_of: '2020-09-01', issued_at: new Date(), issued_by: null, row_count: 0, rows: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  LEVERS.powerList = Number(p.id);
});

describe('access matrix: every route × every role × in/out of scope', () => {
  it('every registered route has a policy in this matrix, and every policy names a real route', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(
      registered.filter((k) => !(k in PROBES)),
      'routes without a policy in the access matrix',
    ).toEqual([]);
    expect(
      Object.keys(PROBES).filter((k) => !registered.includes(k)),
      'policies for routes that do not exist',
    ).toEqual([]);
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
          else if (expectAllow === denied)
            failures.push(`${key} as ${who} (record ${v}): expected ${expectAllow ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
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
  }, 300_000); // ~110 routes × 12 identities in sequence: ~50 s alone on 2 cores, past 60 s when the machine is busy
});

describe('access matrix: a licence’s issuing department on the safety case naming it (§2.4, issue 10)', () => {
  it('reads that case’s documents and evidence; changes none; every other case’s answer 404', async () => {
    // a safety case on enterprise B naming 市场监管 (msa) as a licence's issuing authority, its referral with evidence
    const ema = await t.as('d-ema');
    const opened = await ema.post('/api/v1/cases', {
      enterpriseId: f.enterprise.B.id,
      dimension: 'safety',
      lineIds: [f.line.B],
      finding: { hazard: '煤气柜泄漏' },
      openedOn: '2020-06-01',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as number;
    const act = async (who: string, kind: string, date: string, payload: Record<string, unknown>, evidence?: string[]) => {
      const r = await (await t.as(who)).post(`/api/v1/cases/${id}/acts`, { kind, date, payload, ...(evidence ? { evidence } : {}) });
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
    };
    await act('d-ema', 'orderSuspension', '2020-06-01', { reason: '重大事故隐患', days: 30 });
    await act('d-ema', 'recheck', '2020-07-10', { result: 'fail' });
    await act('gov', 'orderClosure', '2020-07-15', {});
    const m = multipartBody(Buffer.concat([PNG, Buffer.from('licence')]), 'referral.png');
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence',
      payload: m.payload,
      headers: { ...m.headers, cookie: ema.cookie!, 'x-csrf-token': ema.csrf! },
    });
    expect(up.statusCode, up.body).toBe(201);
    const sha = up.json().sha256 as string;
    await act(
      'd-ema',
      'requestLicenceRevocation',
      '2020-07-16',
      { licence: '工业产品生产许可证', issuingAuthority: '芜湖市市场监督管理局', issuingDepartmentCode: 'msa' },
      [sha],
    );
    const named = await t.db.selectFrom('document').select('id').where('case_id', '=', id).orderBy('id').executeTakeFirstOrThrow();
    const msa = await t.as('d-msa');
    const rows: Array<[string, string, unknown, number]> = [
      ['GET', `/api/v1/documents/${named.id}`, undefined, 200],
      ['GET', `/api/v1/documents/${named.id}/docx`, undefined, 200],
      ['GET', `/api/v1/evidence/${sha}`, undefined, 200],
      ['POST', `/api/v1/documents/${named.id}/regenerate`, { reason: 'matrix' }, 403],
      ['POST', `/api/v1/documents/${named.id}/void`, { reason: 'matrix' }, 403],
      ['POST', `/api/v1/documents/${named.id}/services`, { method: 'direct', servedOn: '2020-07-20', recipient: 'x' }, 403],
    ];
    for (const v of ['A', 'B'] as const) {
      for (const p of ['', '/docx', '/pdf']) rows.push(['GET', `/api/v1/documents/${f.document[v]}${p}`, undefined, 404]);
      rows.push(['POST', `/api/v1/documents/${f.document[v]}/void`, { reason: 'matrix' }, 404]);
      rows.push(['GET', `/api/v1/evidence/${f.evidence[v]}`, undefined, 404]);
    }
    const failures: string[] = [];
    for (const [method, url, body, want] of rows) {
      const r = await msa.request(method as 'GET' | 'POST', url, body);
      if (r.statusCode !== want) failures.push(`${method} ${url}: expected ${want}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    const list = (await msa.get('/api/v1/documents?limit=500')).json();
    expect(new Set(list.items.map((d: { caseId: number }) => d.caseId))).toEqual(new Set([id]));
  });
});
