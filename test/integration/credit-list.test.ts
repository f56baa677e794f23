/**
 * The differentiated-credit list (issue 15, plan §2.6 差别化信贷): it holds exactly the enterprises under an order
 * as cases move — added on an order, changed as the measure grows, removed when the order is lifted, kept on
 * closure and exit — the bank finds by credit code, pulls incrementally with a token, and every read is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { makeEnterprise, makeLine } from '../support/factories.ts';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';

let t: TestApp;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
interface Ent {
  id: number;
  creditCode: string;
  line: number;
}
let A: Ent, B: Ent, C: Ent;
let office: Client, eco: Client, drc: Client, gov: Client, bank: Client;

const mk = async (c: string, territory: string, name: string): Promise<Ent> => {
  const e = await makeEnterprise(t.db, { creditCode: c, territoryCode: territory, name });
  return { id: e.id, creditCode: c, line: await makeLine(t.db, e, { kind: 'converter', name: '1号转炉', capacity: '100' }) };
};
const envFinding = { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' };
const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };

async function openCase(e: Ent, dimension: string, finding: object, openedOn = '2020-09-01') {
  const r = await office.post('/api/v1/cases', { enterpriseId: e.id, dimension, lineIds: [e.line], finding, openedOn });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
async function act(c: Client, caseId: number, kind: string, date: string, payload: object = {}) {
  const r = await c.post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload });
  expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
}
const listed = async () => {
  const r = await bank.get('/api/v1/credit-list?limit=500');
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries((r.json().items as Array<{ creditCode: string; measure: string }>).map((i) => [i.creditCode, i.measure]));
};
const bankReads = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('act', 'like', 'credit.read.%')
        .where('role', '=', 'bank')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function signIn() {
  office = await t.as('office');
  eco = await t.as('d-eco');
  drc = await t.as('d-drc');
  gov = await t.as('gov');
  bank = await t.as('bank');
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  A = await mk(code('91340202MA2N0CR01'), '340202', '镜湖信贷钢铁有限公司');
  B = await mk(code('91340207MA2N0CR02'), '340207', '鸠江信贷钢铁有限公司');
  C = await mk(code('91340207MA2N0CR03'), '340207', '鸠江关闭钢铁有限公司');
  await signIn();
});
afterAll(async () => t?.close());

let caseA: number;
let caseC: number;
let firstAsOf: string;

describe('differentiated-credit list (§2.6)', () => {
  it('§2.6: a finding without an order lists nobody; a §2.2 restriction order lists the enterprise since the order', async () => {
    caseA = await openCase(A, 'environment', envFinding);
    expect(await listed()).toEqual({});
    await act(eco, caseA, 'orderRestriction', '2020-09-03');
    expect(await listed()).toEqual({ [A.creditCode]: 'restriction' });
    const r = (await bank.get(`/api/v1/credit-list?creditCode=${A.creditCode}`)).json();
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      name: '镜湖信贷钢铁有限公司',
      territoryName: '镜湖区',
      industryName: '钢铁',
      measure: 'restriction',
      measureName: '限制生产',
      since: '2020-09-03',
      leadDepartment: '市生态环境局',
      listed: true,
      basis: { id: 'plan-2020-§2.2' },
    });
    // only what a bank needs: nothing of the case file
    expect(Object.keys(r.items[0]).sort()).toEqual([
      'basis',
      'changedAt',
      'creditCode',
      'industryName',
      'leadDepartment',
      'listed',
      'measure',
      'measureName',
      'name',
      'since',
      'territoryName',
    ]);
    expect(JSON.stringify(r)).not.toMatch(/SO2|pollutant|caseId|enterpriseId|finding/);
    firstAsOf = r.asOf;
  });

  it('§2.6 with §2.1: an energy rectification order lists B; a suspension grows A’s measure', async () => {
    const caseB = await openCase(B, 'energy', energyFinding);
    await act(drc, caseB, 'serveRectificationOrder', '2020-09-04');
    await act(eco, caseA, 'orderSuspension', '2020-09-05');
    expect(await listed()).toEqual({ [A.creditCode]: 'suspension', [B.creditCode]: 'rectification' });
  });

  it('§2.6: lifting the order (recheck passed) removes A; an incremental pull shows it as removed', async () => {
    t.clock.now = new Date('2020-09-16T02:00:00Z');
    await signIn(); // sessions live on the app's clock
    await act(eco, caseA, 'recheck', '2020-09-16', { result: 'pass' });
    expect(await listed()).toEqual({ [B.creditCode]: 'rectification' });
    const pull = (await bank.get(`/api/v1/credit-list?updatedSince=${encodeURIComponent('2020-09-16T00:00:00Z')}`)).json();
    expect(pull.items).toEqual([expect.objectContaining({ creditCode: A.creditCode, listed: false, measure: null })]);
    const changes = (await bank.get('/api/v1/credit-list/changes?since=2020-09-01&limit=100')).json();
    const forA = changes.items
      .filter((c: { creditCode: string }) => c.creditCode === A.creditCode)
      .map((c: { change: string; onDate: string }) => `${c.change}@${c.onDate}`);
    expect(forA).toEqual(['added@2020-09-03', 'changed@2020-09-05', 'removed@2020-09-16']);
    expect((await bank.get('/api/v1/credit-list/changes?since=2020-09-10')).json().items.map((c: { change: string }) => c.change)).toEqual(['removed']);
    expect(firstAsOf < pull.asOf).toBe(true);
  });

  it('§2.2 to closure and exit: C stays listed through the government’s approval and ends as exited', async () => {
    caseC = await openCase(C, 'environment', envFinding);
    await act(eco, caseC, 'orderSuspension', '2020-09-02');
    await act(eco, caseC, 'recheck', '2020-09-08', { result: 'fail' });
    await act(eco, caseC, 'declareSerious', '2020-09-09', { reason: '屡查屡犯' });
    await act(eco, caseC, 'requestGovernmentApproval', '2020-09-10');
    expect((await listed())[C.creditCode]).toBe('suspension');
    await act(gov, caseC, 'recordGovernmentApproval', '2020-09-14', {
      decision: 'approved',
      measure: 'close',
      reason: '情节严重，同意关闭',
      documentNo: '芜政〔2020〕12号',
    });
    expect((await listed())[C.creditCode]).toBe('closure');
    await act(eco, caseC, 'orderCeaseOrClose', '2020-09-15', { measure: 'close' });
    await act(eco, caseC, 'recordClosure', '2020-09-16');
    // closed, not yet accepted (§3.4: an exit counts only at acceptance): still the closure order
    expect((await listed())[C.creditCode]).toBe('closure');
    await acceptThroughCertificateAsSystem(t.db, caseC, '2020-09-16', 'c'.repeat(64), { actor: SYSTEM_ACTOR, now: t.clock.now });
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', C.id).executeTakeFirstOrThrow()).status).toBe('exited');
    const c = (await bank.get(`/api/v1/credit-list?creditCode=${C.creditCode}`)).json().items[0];
    expect(c).toMatchObject({ measure: 'exit', measureName: '已退出', since: '2020-09-16', listed: true });
    expect(Object.keys(await listed()).sort()).toEqual([B.creditCode, C.creditCode].sort());
  });

  it('the bank searches by credit-code prefix, exports .xlsx, pulls with its API token, and every read is audited', async () => {
    const before = await bankReads();
    const s = (await bank.get(`/api/v1/credit-list?q=${C.creditCode.slice(0, 17)}`)).json();
    expect(s.items.map((i: { creditCode: string }) => i.creditCode)).toEqual([C.creditCode]);
    const x = await bank.get('/api/v1/credit-list/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('差别化信贷名单')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号',
      '统一社会信用代码',
      '企业名称',
      '属地',
      '行业',
      '措施',
      '起始日期',
      '牵头部门',
      '依据',
    ]);
    expect(ws.rowCount).toBe(3);
    const tok = await bank.post('/api/v1/auth/tokens', { name: 'core-banking' });
    expect(tok.statusCode, tok.body).toBe(201);
    const viaToken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/credit-list?limit=1&offset=1',
      headers: { authorization: `Bearer ${tok.json().token}` },
    });
    expect(viaToken.statusCode, viaToken.body).toBe(200);
    expect(viaToken.json()).toMatchObject({ total: 2 });
    expect(viaToken.json().items).toHaveLength(1);
    expect(await bankReads()).toBe(before + 3);
  });

  it('the bank sees nothing else of the platform, and hostile queries get a coded 400 naming the field', async () => {
    for (const url of [
      '/api/v1/enterprises',
      `/api/v1/enterprises/${A.id}`,
      '/api/v1/cases',
      `/api/v1/cases/${caseA}`,
      '/api/v1/lines',
      '/api/v1/overview',
      '/api/v1/approvals',
      `/api/v1/enterprises/${A.id}/resettlement`,
    ]) {
      expect([403, 404], url).toContain((await bank.get(url)).statusCode);
    }
    for (const [q, field] of [
      ['updatedSince=yesterday', 'updatedSince'],
      ['creditCode=%00abc', 'creditCode'],
      ['limit=100000000', 'limit'],
      ['measure=prison', 'measure'],
      [`q=${'x'.repeat(200)}`, 'q'],
    ] as const) {
      const r = await bank.get(`/api/v1/credit-list?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.body, q).toContain(field);
    }
    expect((await bank.get('/api/v1/credit-list/changes')).statusCode).toBe(400);
    for (const who of ['t-340202', 'd-eco', 'gov']) expect((await (await t.as(who)).get('/api/v1/credit-list')).statusCode, who).toBe(403);
    expect((await office.get('/api/v1/credit-list')).statusCode).toBe(200);
  });
});
