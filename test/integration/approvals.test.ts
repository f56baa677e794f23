/**
 * The city government's queue (issue 15): §2.2 serious cases awaiting approval and §2.4 closures wait in one queue
 * with how long each has waited; the government decides through the case acts, with reasons; the queue is a union
 * that another module extends; the government reads the enterprise page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { registerApprovalSource } from '../../server/modules/approvals/approval-sources.ts';

let t: TestApp;
let office: Client, eco: Client, ema: Client, gov: Client;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

async function ent(c: string, territory: string, name: string) {
  const e = await t.db
    .insertInto('enterprise')
    .values({ credit_code: c, name, territory_code: territory, industry_code: 'cement' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(e.id) };
}
async function act(c: Client, caseId: number, kind: string, date: string, payload: object = {}) {
  const r = await c.post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload });
  expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
  return r;
}
async function open(e: { id: number }, dimension: string, finding: object) {
  const r = await office.post('/api/v1/cases', { enterpriseId: e.id, dimension, finding, openedOn: '2020-08-01' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
const envFinding = { kind: 'emission', pollutant: 'NOx', measured: '500', limit: '300', unit: 'mg/m3' };

let envCase: number, env2: number, safetyCase: number, entId: number;

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
  eco = await t.as('d-eco');
  ema = await t.as('d-ema');
  gov = await t.as('gov');
  const a = await ent(code('91340207MA2N0AP01'), '340207', '鸠江审批水泥有限公司');
  const b = await ent(code('91340202MA2N0AP02'), '340202', '镜湖审批水泥有限公司');
  const c = await ent(code('91340202MA2N0AP03'), '340202', '镜湖安全水泥有限公司');
  entId = a.id;
  envCase = await open(a, 'environment', envFinding);
  env2 = await open(b, 'environment', envFinding);
  for (const id of [envCase, env2]) {
    await act(eco, id, 'orderSuspension', '2020-08-03');
    await act(eco, id, 'recheck', '2020-08-20', { result: 'fail' });
    await act(eco, id, 'declareSerious', '2020-08-21', { reason: '停产整治后复查仍超标' });
  }
  await act(eco, envCase, 'requestGovernmentApproval', '2020-09-05');
  await act(eco, env2, 'requestGovernmentApproval', '2020-09-10');
  safetyCase = await open(c, 'safety', { hazard: '粉尘爆炸隐患' });
  await act(ema, safetyCase, 'orderRectification', '2020-08-02', { days: 10 });
  await act(ema, safetyCase, 'recheck', '2020-08-15', { result: 'fail' });
  await act(ema, safetyCase, 'orderSuspension', '2020-08-16', { days: 10 });
  await act(ema, safetyCase, 'recheck', '2020-09-01', { result: 'fail' });
});
afterAll(async () => t?.close());

describe('city government approval queue', () => {
  it('§2.2 and §2.4: what waits for the government, longest first, with the days waited', async () => {
    const r = await gov.get('/api/v1/approvals');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{
      caseId: number;
      kind: string;
      waitedDays: number;
      requestedOn: string;
      enterprise: { name: string };
      basis: { id: string };
      departmentName: string;
    }>;
    expect(items.map((i) => [i.caseId, i.kind, i.waitedDays])).toEqual([
      [safetyCase, 'safety.orderClosure', 14],
      [envCase, 'environment.recordGovernmentApproval', 10],
      [env2, 'environment.recordGovernmentApproval', 5],
    ]);
    expect(items[1]).toMatchObject({
      requestedOn: '2020-09-05',
      enterprise: { name: '鸠江审批水泥有限公司' },
      basis: { id: 'plan-2020-§2.2' },
      departmentName: '市生态环境局',
    });
    t.clock.now = new Date('2020-09-20T02:00:00Z');
    expect((await (await t.as('gov')).get('/api/v1/approvals')).json().items[0].waitedDays).toBe(19); // sessions live on the app clock: sign in again
    t.clock.now = new Date('2020-09-15T02:00:00Z');
    office = await t.as('office');
    gov = await t.as('gov');
  });

  it('§2.2: the government approves from the queue with its reason (case act); a refusal sends the case back', async () => {
    // the case file and the enterprise page are readable for the government
    expect((await gov.get(`/api/v1/cases/${envCase}`)).statusCode).toBe(200);
    expect((await gov.get(`/api/v1/enterprises/${entId}`)).statusCode).toBe(200);
    await act(gov, envCase, 'recordGovernmentApproval', '2020-09-15', {
      decision: 'approved',
      measure: 'close',
      reason: '情节严重，同意责令关闭',
      documentNo: '芜政秘〔2020〕88号',
    });
    const c = (await gov.get(`/api/v1/cases/${envCase}`)).json();
    expect(c.state).toBe('approved');
    expect(c.timeline.at(-1).payload).toMatchObject({ decision: 'approved', reason: '情节严重，同意责令关闭' });
    await act(gov, env2, 'recordGovernmentApproval', '2020-09-15', { decision: 'refused', reason: '证据不足，继续停产整治' });
    expect((await gov.get(`/api/v1/cases/${env2}`)).json().state).toBe('recheckFailed');
    expect((await gov.get('/api/v1/approvals')).json().items.map((i: { caseId: number }) => i.caseId)).toEqual([safetyCase]);
    const bad = await gov.post(`/api/v1/cases/${safetyCase}/acts`, { kind: 'orderClosure', date: '2020-09-15', payload: { reason: 'x'.repeat(3000) } });
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('the queue is a union of sources another module extends (e.g. the year-end report of §3.4)', async () => {
    registerApprovalSource({
      key: 'test-report',
      list: async () => [
        {
          key: 'report:2020',
          source: 'test-report',
          kind: 'report.approve',
          title: '2020年度总结报告',
          titleEn: 'Annual report 2020',
          link: '/reports/2020',
          caseId: null,
          enterprise: null,
          territoryName: null,
          departmentName: '市经济和信息化局',
          requestedOn: '2020-09-01',
          basisId: 'plan-2020-§3.4',
          acts: ['approve'],
        },
      ],
    });
    const items = (await gov.get('/api/v1/approvals')).json().items as Array<{ key: string; waitedDays: number }>;
    // other modules' sources (the year-end report of §3.4) may list their own items beside these
    expect(items.map((i) => i.key)).toEqual(expect.arrayContaining([`case:${safetyCase}`, 'report:2020']));
    expect((await gov.get('/api/v1/approvals?source=test-report')).json().total).toBe(1);
    registerApprovalSource({ key: 'test-report', list: async () => [] });
  });

  it('only the government and the office read the queue; a territory account reads it nowhere', async () => {
    expect((await office.get('/api/v1/approvals')).statusCode).toBe(200);
    expect((await (await t.as('t-340202')).get('/api/v1/approvals')).statusCode).toBe(403);
    expect((await (await t.as('bank')).get('/api/v1/approvals')).statusCode).toBe(403);
    expect((await gov.get(`/api/v1/approvals?source=${'x'.repeat(100)}`)).statusCode).toBe(400);
  });
});
