/**
 * Issue #19, item 5, gaps A and B, by their attack under the DEFAULT setting (PHASEOUT_REGISTRATION_REVIEW=conflicts):
 * county A registers (A) or changes its enterprise's credit code to (B) a free code and county B's code, and compares
 * the answers. Before: 201 for a free code and 202 for B's (create), 200 and 409 DUPLICATE_CREDIT_CODE (update) — an
 * oracle. Now: the same status and the same body fields either way; a free code takes effect at once (the county sees
 * its enterprise), B's waits for the office, which applies or rejects it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCode, makeEnterprise } from '../support/factories.ts';

let t: TestApp;
let A: Client; // 镜湖区 340202
let office: Client;
let bEnt: { id: number; creditCode: string };
const B_NAME = '鸠江区另一家钢铁有限公司';
const SECRETS = [B_NAME, '340207', '鸠江', '"registeredEnterprise":{'];

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
  A = await t.as('t-340202');
  office = await t.as('office');
  bEnt = await makeEnterprise(t.db, { territoryCode: '340207', name: B_NAME });
});
afterAll(async () => t?.close());

const body = (code: string, name: string) => ({ creditCode: code, name, territoryCode: '340202', industryCode: 'steel' });
/** What county A can compare between two answers: the status and the set of the body's fields. */
const keys = (r: { statusCode: number; body: string }) => ({ status: r.statusCode, keys: Object.keys(JSON.parse(r.body) as object).sort() });

describe('gap A: creating — a free code and B’s code answer alike', () => {
  it('same status (202) and the same body fields; the free one is registered at once, B’s waits for the office', async () => {
    const free = creditCode('340202');
    const rFree = await A.post('/api/v1/enterprises', body(free, '镜湖区自由代码钢铁有限公司'));
    const rTaken = await A.post('/api/v1/enterprises', body(bEnt.creditCode, '镜湖区同码钢铁有限公司'));
    expect(keys(rFree)).toEqual(keys(rTaken));
    expect(rFree.statusCode).toBe(202);
    for (const s of SECRETS) expect(rTaken.body.split(bEnt.creditCode).join('CODE')).not.toContain(s);

    // the free code: registered now, the county sees its enterprise; its record is a receipt nobody acts on
    const f = rFree.json();
    expect(f).toMatchObject({ kind: 'registration', state: 'registered', nextActor: null, allowedActs: [], registeredEnterprise: null });
    const mine = await A.get(`/api/v1/enterprises/${f.enterpriseId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ creditCode: free, territoryCode: '340202' });
    // audited in the same transaction: the enterprise and its registration record
    const acts = await t.db
      .selectFrom('audit_log')
      .select(['act', 'entity_id'])
      .where('act', 'in', ['enterprise.create', 'enterprise.registration.submit'])
      .execute();
    expect(acts.map((a) => a.act).sort()).toEqual(['enterprise.create', 'enterprise.registration.submit', 'enterprise.registration.submit']);

    // B's code: pending for the office, nothing created, B untouched
    expect(rTaken.json()).toMatchObject({ kind: 'registration', state: 'pending', enterpriseId: null, nextActor: '市推进落后产能退出工作办公室' });
    expect(await t.db.selectFrom('enterprise').select('territory_code').where('credit_code', '=', bEnt.creditCode).execute()).toEqual([
      { territory_code: '340207' },
    ]);
    // the office is told of the conflict only
    const notes = await t.db.selectFrom('notification').select('title').where('kind', '=', 'registration.pending').execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain('镜湖区同码钢铁有限公司');
  });

  it('the office’s own registrations still answer 201 with the enterprise', async () => {
    const r = await office.post('/api/v1/enterprises', body(creditCode('340202'), '市办登记钢铁有限公司'));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toHaveProperty('creditCode');
  });
});

describe('gap B: changing the credit code — a free code and B’s code answer alike', () => {
  let e1: { id: number; creditCode: string };
  let e2: { id: number; creditCode: string };
  let pendingId: number;

  it('same status (202) and fields, never 409; a free code changes at once, B’s keeps the old code and waits', async () => {
    e1 = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖区改码一号有限公司' });
    e2 = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖区改码二号有限公司' });
    const free = creditCode('340202');
    const rFree = await A.patch(`/api/v1/enterprises/${e1.id}`, { version: 1, creditCode: free, contactName: '王伟' });
    const rTaken = await A.patch(`/api/v1/enterprises/${e2.id}`, { version: 1, creditCode: bEnt.creditCode, contactName: '王伟' });
    expect(keys(rFree)).toEqual(keys(rTaken));
    expect(rTaken.statusCode).toBe(202);
    expect(rTaken.body).not.toMatch(/DUPLICATE|已存在|exists/);
    for (const s of SECRETS) expect(rTaken.body.split(bEnt.creditCode).join('CODE')).not.toContain(s);

    expect(rFree.json()).toMatchObject({ kind: 'codeChange', state: 'registered', enterpriseId: e1.id, previousCreditCode: e1.creditCode, creditCode: free });
    expect((await A.get(`/api/v1/enterprises/${e1.id}`)).json()).toMatchObject({ creditCode: free, contactName: '王伟' });

    expect(rTaken.json()).toMatchObject({ kind: 'codeChange', state: 'pending', enterpriseId: e2.id, previousCreditCode: e2.creditCode, allowedActs: [] });
    pendingId = rTaken.json().id;
    // the other fields changed at once; the code did not
    expect((await A.get(`/api/v1/enterprises/${e2.id}`)).json()).toMatchObject({ creditCode: e2.creditCode, contactName: '王伟' });
  });

  it('a code held inside A’s own scope is still 409 (A sees that enterprise), and nothing of the patch is written', async () => {
    const e1Code = (await A.get(`/api/v1/enterprises/${e1.id}`)).json().creditCode as string;
    const r = await A.patch(`/api/v1/enterprises/${e2.id}`, { version: 2, creditCode: e1Code, name: '不应写入' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('DUPLICATE_CREDIT_CODE');
    expect((await A.get(`/api/v1/enterprises/${e2.id}`)).json().name).toBe('镜湖区改码二号有限公司');
  });

  it('hostile: a malformed code is a coded 422 naming the field; another territory’s enterprise is 404', async () => {
    const a = await A.patch(`/api/v1/enterprises/${e2.id}`, { version: 2, creditCode: 'X' });
    expect(a.statusCode).toBe(422);
    expect(a.body).toContain('creditCode');
    expect((await A.patch(`/api/v1/enterprises/${bEnt.id}`, { version: 1, creditCode: creditCode('340202') })).statusCode).toBe(404);
  });

  it('the office sees the conflict, cannot apply it while B holds the code, rejects it with a reason; A is told', async () => {
    const l = await office.get('/api/v1/enterprise-registrations?kind=codeChange&state=pending');
    expect(l.json().total).toBe(1);
    expect(l.json().items[0]).toMatchObject({
      id: pendingId,
      stateName: '待市办确认',
      registeredEnterprise: { id: bEnt.id, name: B_NAME, territoryName: '鸠江区' },
      allowedActs: ['register', 'reject'],
    });
    const merge = await office.post(`/api/v1/enterprise-registrations/${pendingId}/resolve`, { resolution: 'merge' });
    expect(merge.statusCode).toBe(409);
    const apply = await office.post(`/api/v1/enterprise-registrations/${pendingId}/resolve`, { resolution: 'register' });
    expect(apply.statusCode).toBe(409);
    expect(apply.json().code).toBe('REGISTRATION_STATE');
    const rej = await office.post(`/api/v1/enterprise-registrations/${pendingId}/resolve`, { resolution: 'reject', note: '代码核对有误，请核对营业执照' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ state: 'rejected', stateName: '未变更（已退回）', nextActor: null });
    expect((await A.get(`/api/v1/enterprises/${e2.id}`)).json().creditCode).toBe(e2.creditCode);
    expect((await A.get('/api/v1/notifications?limit=50')).body).toContain('代码核对有误');
  });

  it('once the other enterprise’s code is corrected, the office applies a pending change', async () => {
    const r = await A.patch(`/api/v1/enterprises/${e2.id}`, { version: 2, creditCode: bEnt.creditCode });
    expect(r.json().state).toBe('pending');
    await t.db
      .updateTable('enterprise')
      .set({ credit_code: creditCode('340207') })
      .where('id', '=', bEnt.id)
      .execute();
    const ok = await office.post(`/api/v1/enterprise-registrations/${r.json().id}/resolve`, { resolution: 'register' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'registered', stateName: '代码已变更', enterpriseId: e2.id });
    expect((await A.get(`/api/v1/enterprises/${e2.id}`)).json().creditCode).toBe(bEnt.creditCode);
    const history = (await A.get(`/api/v1/enterprises/${e2.id}/history`)).json().items as Array<{ changes: Record<string, unknown> }>;
    expect(history.some((h) => 'creditCode' in h.changes)).toBe(true);
  });

  it('the audit trail verifies', async () => {
    expect((await office.get('/api/v1/audit/verify')).json().ok).toBe(true);
  });
});
