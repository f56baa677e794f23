/**
 * The credit list (plan §2.6, issue 15) moves with every write that changes what it is derived from, in the same
 * transaction — not only with case acts: a registry import that gives an exited enterprise a new operating line, a
 * new line entered by hand, an enterprise renamed by import or by hand (pulled again by the banks); and a failed
 * import changes nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { changeLineState } from '../../server/modules/lines/change-line-state.ts';
import { importRegistry, makeEnterprise, makeLine, registryWorkbook } from '../support/factories.ts';

let t: TestApp;
let office: Client, eco: Client, bank: Client;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const D = code('91340202MA2N0CY01');
const E = code('91340202MA2N0CY02');
let dId = 0;
let eId = 0;

const entry = async (creditCode: string) => {
  const r = await bank.get(`/api/v1/credit-list?updatedSince=${encodeURIComponent('2000-01-01T00:00:00Z')}&creditCode=${creditCode}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items[0] as { listed: boolean; measure: string | null; name: string; changedAt: string } | undefined;
};
const changes = async () =>
  Number(
    (
      await t.db
        .selectFrom('credit_change')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function exitedEnterprise(creditCode: string, name: string): Promise<number> {
  const e = await makeEnterprise(t.db, { creditCode, name });
  const lineId = await makeLine(t.db, e, { kind: 'converter', name: '1号转炉', capacity: '100' });
  const c = await office.post('/api/v1/cases', {
    enterpriseId: e.id,
    dimension: 'environment',
    lineIds: [lineId],
    finding: { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' },
    openedOn: '2020-09-01',
  });
  expect(c.statusCode, c.body).toBe(201);
  const a = await eco.post(`/api/v1/cases/${c.json().id}/acts`, { kind: 'orderSuspension', date: '2020-09-03', payload: {} });
  expect(a.statusCode, a.body).toBe(201);
  // every line gone (a line move: seen by the list through its line-move id)
  await t.db.transaction().execute((trx) => changeLineState(trx, lineId, 'exited', { onDate: '2020-09-10', caseId: c.json().id }));
  return e.id;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
  eco = await t.as('d-eco');
  bank = await t.as('bank');
  dId = await exitedEnterprise(D, '镜湖同步钢铁有限公司');
  eId = await exitedEnterprise(E, '镜湖手录钢铁有限公司');
});
afterAll(async () => t?.close());

describe('the credit list follows the registry (§2.6)', () => {
  it('an exited enterprise is listed as exited (a line move reaches the list)', async () => {
    expect(await entry(D)).toMatchObject({ listed: true, measure: 'exit' });
    expect(await entry(E)).toMatchObject({ listed: true, measure: 'exit' });
  });

  it('a failed import (one bad row) changes nothing of the list', async () => {
    const before = await entry(D);
    const n = await changes();
    const bad = await importRegistry(
      office,
      await registryWorkbook(
        [[D, '镜湖同步钢铁有限公司（改）', '340202', 'steel', null, null, null, null]],
        [
          [D, '3号转炉', 'converter', 60, 't', 'ZL-60', 1, 'CS-D-3', 66, '万吨/年', null, null, null],
          [D, '粉磨机', 'cement_mill', 3, 'm', null, null, null, '40', '万重量箱/年', null, null, null],
        ],
      ),
    );
    expect(bad.statusCode, bad.body).toBe(422);
    expect(await entry(D)).toEqual(before);
    expect(await changes()).toBe(n);
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', dId).executeTakeFirstOrThrow()).status).toBe('exited');
  });

  it('an import that gives the exited enterprise a new operating line and a new name moves its entry in the same transaction', async () => {
    const { asOf } = (await bank.get('/api/v1/credit-list')).json() as { asOf: string };
    t.clock.now = new Date('2020-09-16T02:00:00Z');
    office = await t.as('office');
    bank = await t.as('bank');
    const r = await importRegistry(
      office,
      await registryWorkbook(
        [[D, '镜湖同步钢铁有限公司（更名）', '340202', 'steel', null, null, null, null]],
        [[D, '3号转炉', 'converter', 60, 't', 'ZL-60', 1, 'CS-D-3', 66, '万吨/年', null, null, null]],
      ),
    );
    expect(r.statusCode, r.body).toBe(200);
    // the enterprise runs again: no longer `exited`; the suspension order of its open case lists it
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', dId).executeTakeFirstOrThrow()).status).not.toBe('exited');
    const row = await t.db.selectFrom('credit_listing').select(['measure', 'listed']).where('enterprise_id', '=', dId).executeTakeFirstOrThrow();
    expect(row).toEqual({ measure: 'suspension', listed: true });
    const moved = await t.db
      .selectFrom('credit_change')
      .select(['change', 'measure_before', 'measure_after'])
      .where('enterprise_id', '=', dId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ change: 'changed', measure_before: 'exit', measure_after: 'suspension' });
    // the bank's next incremental pull brings the entry with its new name and measure
    const pull = (await bank.get(`/api/v1/credit-list?updatedSince=${encodeURIComponent(asOf)}`)).json() as {
      items: Array<{ creditCode: string; name: string; measure: string }>;
    };
    expect(pull.items.filter((i) => i.creditCode === D)).toEqual([expect.objectContaining({ name: '镜湖同步钢铁有限公司（更名）', measure: 'suspension' })]);
  });

  it('a line entered by hand and a rename by hand move the list too', async () => {
    const { asOf } = (await bank.get('/api/v1/credit-list')).json() as { asOf: string };
    t.clock.now = new Date('2020-09-17T02:00:00Z');
    office = await t.as('office');
    bank = await t.as('bank');
    const l = await office.post(`/api/v1/enterprises/${eId}/lines`, { kind: 'converter', name: '2号转炉', capacity: '50', capacityUnit: '万吨/年' });
    expect(l.statusCode, l.body).toBe(201);
    expect(await entry(E)).toMatchObject({ listed: true, measure: 'suspension' });
    const cur = (await office.get(`/api/v1/enterprises/${dId}`)).json() as { version: number };
    const p = await office.request('PATCH', `/api/v1/enterprises/${dId}`, { name: '镜湖同步钢铁有限公司（再更名）', version: cur.version });
    expect(p.statusCode, p.body).toBe(200);
    const pull = (await bank.get(`/api/v1/credit-list?updatedSince=${encodeURIComponent(asOf)}`)).json() as {
      items: Array<{ creditCode: string; name: string }>;
    };
    expect(pull.items.map((i) => [i.creditCode, i.name]).sort()).toEqual(
      [
        [D, '镜湖同步钢铁有限公司（再更名）'],
        [E, '镜湖手录钢铁有限公司'],
      ].sort(),
    );
  });
});
