/**
 * Issue #19, item 7: the inputs that returned 500 in the attack, one by one — each now a coded 400 naming the field
 * (or the 404/422 of an unknown record), and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let office: Client;
let drc: Client;
let caseId: number;
let entId: number;

beforeAll(async () => {
  t = await createTestApp({ now: '2020-06-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
  drc = await t.as('d-drc');
  entId = (
    await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200HOST000001', name: '敌意输入企业', territory_code: '340202', industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const line = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: entId, kind: 'converter', name: '转炉1', capacity: '50', capacity_unit: '万吨/年' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await drc.post('/api/v1/cases', {
    enterpriseId: entId,
    dimension: 'energy',
    lineIds: [line.id],
    finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t', date: '2020-06-01' },
    openedOn: '2020-06-02',
  });
  expect(c.statusCode).toBe(201);
  caseId = c.json().id;
});
afterAll(async () => t?.close());

const auditCount = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db)).rows[0]!.n;
const raw = (c: Client, method: 'POST' | 'PATCH', url: string, json: string) => c.request(method, url, json, { 'content-type': 'application/json' });

function expectField(r: { statusCode: number; json(): unknown }, field: RegExp) {
  expect(r.statusCode).toBe(400);
  const p = r.json() as { code: string; details: { errors: Array<{ field: string }> } };
  expect(p.code).toBe('VALIDATION_FAILED');
  expect(
    p.details.errors.some((e) => field.test(e.field)),
    JSON.stringify(p),
  ).toBe(true);
}

describe('hostile input (issue #19, item 7)', () => {
  it('NUL and lone surrogates in text: 400 naming the field, nothing written', async () => {
    const before = await auditCount();
    expectField(await office.patch(`/api/v1/enterprises/${entId}`, { version: 1, name: 'a\u0000b' }), /name/);
    expectField(await raw(office, 'PATCH', `/api/v1/enterprises/${entId}`, '{"version":1,"address":"x\\ud800y"}'), /address/);
    expectField(await office.post('/api/v1/auth/tokens', { name: 'tok\u0000' }), /name/);
    expectField(
      await raw(drc, 'POST', `/api/v1/cases/${caseId}/acts`, '{"kind":"serveRectificationOrder","date":"2020-06-10","payload":{"note":"\\u0000"}}'),
      /payload/,
    );
    expectField(
      await raw(drc, 'POST', `/api/v1/cases/${caseId}/acts`, '{"kind":"serveRectificationOrder","date":"2020-06-10","payload":{"\\u0000":"x"}}'),
      /payload/,
    );
    expect(await auditCount()).toBe(before);
  });

  it('numbers beyond the columns: 1e300 and 9223372036854775808 are 400 naming the field', async () => {
    expectField(await raw(office, 'PATCH', `/api/v1/enterprises/${entId}`, '{"version":9223372036854775808,"name":"x"}'), /version/);
    expectField(
      await raw(drc, 'POST', '/api/v1/cases', `{"enterpriseId":9223372036854775808,"dimension":"energy","finding":{},"openedOn":"2020-06-02"}`),
      /enterpriseId/,
    );
    expectField(
      await raw(drc, 'POST', `/api/v1/cases/${caseId}/acts`, '{"kind":"serveRectificationOrder","date":"2020-06-10","payload":{"days":1e300}}'),
      /payload/,
    );
    expectField(await office.get('/api/v1/enterprises/9223372036854775808'), /id/);
  });

  it('act kinds named after built-in properties are refused by the schema, not a TypeError', async () => {
    for (const kind of ['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty']) {
      const r = await drc.post(`/api/v1/cases/${caseId}/acts`, { kind, date: '2020-06-10' });
      expectField(r, /kind/);
    }
  });

  it('list routes: ?q=%00 and offset=1e20 are 400 naming the parameter', async () => {
    expectField(await office.get('/api/v1/enterprises?q=%00'), /q/);
    expectField(await office.get('/api/v1/enterprises?offset=1e20'), /offset/);
    expectField(await office.get('/api/v1/users?offset=1e20'), /offset/);
    // bytes that are not UTF-8 stay undecoded text: an ordinary answer, never a 500
    expect((await office.get('/api/v1/cases?state=%ED%A0%80')).statusCode).toBeLessThan(500);
  });
});
