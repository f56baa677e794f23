/**
 * §2.4 "需要吊销相关证照的由该证照的发证机关" (issue 10 item 5, gap B): a licence-issuing department outside the safety
 * dimension (市场监管 msa issues the production licence) reads the safety case naming it as the licence's issuing
 * authority — and only that one — and may record the revocation there, nothing else. An attack matrix: the case it is
 * named on, a neighbour safety case, other departments, hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { bumpLineRollup } from '../../server/modules/overview/rollups.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));

async function safetyCase(territoryCode: string): Promise<number> {
  seq++;
  const e = await t.db
    .insertInto('enterprise')
    .values({ credit_code: `91340200LICA${String(seq).padStart(6, '0')}`, name: `证照测试企业${seq}`, territory_code: territoryCode, industry_code: 'steel' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const l = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: e.id, kind: 'blast_furnace', name: `高炉${seq}`, capacity: '30', capacity_unit: '万吨/年' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpLineRollup(t.db, { territoryCode, industryCode: 'steel', state: 'operating', capacityUnit: '万吨/年' }, 1, '30');
  at('2020-06-01');
  const ema = await t.as('d-ema');
  const id = (
    await ema.post('/api/v1/cases', { enterpriseId: e.id, dimension: 'safety', lineIds: [l.id], finding: { hazard: '煤气柜泄漏' }, openedOn: '2020-06-01' })
  ).json().id as number;
  const act = async (kind: string, date: string, payload: Record<string, unknown> = {}, user = 'd-ema') => {
    at(date);
    const r = await (await t.as(user)).post(`/api/v1/cases/${id}/acts`, { kind, date, payload });
    expect(r.statusCode, r.body).toBe(201);
  };
  await act('orderSuspension', '2020-06-01', { reason: '重大事故隐患', days: 30 });
  await act('recheck', '2020-07-10', { result: 'fail' });
  await act('orderClosure', '2020-07-15', {}, 'gov');
  return id;
}

let named: number;
let neighbour: number;

beforeAll(async () => {
  t = await createTestApp({ now: '2020-06-01T02:00:00Z' });
  await standardUsers(t);
  named = await safetyCase('340207');
  neighbour = await safetyCase('340207');
  at('2020-07-16');
  const ema = await t.as('d-ema');
  const req = await ema.post(`/api/v1/cases/${named}/acts`, {
    kind: 'requestLicenceRevocation',
    date: '2020-07-16',
    payload: { licence: '工业产品生产许可证', issuingAuthority: '芜湖市市场监督管理局', issuingDepartmentCode: 'msa' },
  });
  expect(req.statusCode, req.body).toBe(201);
  // the neighbour names a licence of another department (eco): msa is not its authority
  const other = await ema.post(`/api/v1/cases/${neighbour}/acts`, {
    kind: 'requestLicenceRevocation',
    date: '2020-07-16',
    payload: { licence: '排污许可证', issuingAuthority: '芜湖市生态环境局', issuingDepartmentCode: 'eco' },
  });
  expect(other.statusCode, other.body).toBe(201);
  at('2020-07-20');
});
afterAll(async () => t?.close());

describe('a licence authority outside the safety dimension (§2.4)', () => {
  it('reads the case naming it (detail, explanation, list) with only the revocation among its allowed acts', async () => {
    const msa = await t.as('d-msa');
    const d = await msa.get(`/api/v1/cases/${named}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().allowedActs.map((a: { kind: string }) => a.kind)).toEqual(['recordLicenceRevoked']);
    expect(d.json().legalFacts.licences).toEqual([expect.objectContaining({ licence: '工业产品生产许可证', status: 'pending', issuingDepartmentCode: 'msa' })]);
    expect((await msa.get(`/api/v1/cases/${named}/explain`)).statusCode).toBe(200);
    const list = (await msa.get('/api/v1/cases?dimension=safety&limit=100')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([named]);
  });

  it('attack: the neighbour safety case (another authority), its explanation and acts answer 404; another dimension lead sees neither', async () => {
    const msa = await t.as('d-msa');
    expect((await msa.get(`/api/v1/cases/${neighbour}`)).statusCode).toBe(404);
    expect((await msa.get(`/api/v1/cases/${neighbour}/explain`)).statusCode).toBe(404);
    const act = await msa.post(`/api/v1/cases/${neighbour}/acts`, { kind: 'recordLicenceRevoked', date: '2020-07-20', payload: { licence: '排污许可证' } });
    expect(act.statusCode).toBe(404);
    // eit (technology) is named on no case: both absent
    const eit = await t.as('d-eit');
    expect((await eit.get(`/api/v1/cases/${named}`)).statusCode).toBe(404);
    expect((await eit.get('/api/v1/cases?dimension=safety')).json().total).toBe(0);
    // eco is the authority of the neighbour's licence only
    const eco = await t.as('d-eco');
    expect((await eco.get(`/api/v1/cases/${neighbour}`)).statusCode).toBe(200);
    expect((await eco.get(`/api/v1/cases/${named}`)).statusCode).toBe(404);
  });

  it('attack: any other act by the licence authority is refused (403, nothing written); hostile payloads are coded 4xx', async () => {
    const msa = await t.as('d-msa');
    const before = await t.db.selectFrom('case_file').select(['version', 'state']).where('id', '=', named).executeTakeFirstOrThrow();
    for (const kind of ['finish', 'requestLicenceRevocation', 'orderClosure', 'accept']) {
      const r = await msa.post(`/api/v1/cases/${named}/acts`, { kind, date: '2020-07-20', payload: kind === 'finish' ? { noLicencesHeld: true } : {} });
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    const hostile = await msa.post(`/api/v1/cases/${named}/acts`, {
      kind: 'recordLicenceRevoked',
      date: '2020-07-20',
      payload: { licence: '工业产品生产许可证\u0000', extra: { $ne: 1 } },
    });
    expect(hostile.statusCode).toBeGreaterThanOrEqual(400);
    expect(hostile.statusCode).toBeLessThan(500);
    const wrong = await msa.post(`/api/v1/cases/${named}/acts`, { kind: 'recordLicenceRevoked', date: '2020-07-20', payload: { licence: '安全生产许可证' } });
    expect(wrong.statusCode).toBe(409); // no pending revocation of that licence
    expect(await t.db.selectFrom('case_file').select(['version', 'state']).where('id', '=', named).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('records the revocation by its own account; then the safety department finishes the closure', async () => {
    const msa = await t.as('d-msa');
    const r = await msa.post(`/api/v1/cases/${named}/acts`, { kind: 'recordLicenceRevoked', date: '2020-07-20', payload: { licence: '工业产品生产许可证' } });
    expect(r.statusCode, r.body).toBe(201);
    const c = (await msa.get(`/api/v1/cases/${named}`)).json();
    expect(c.legalFacts.licences).toEqual([expect.objectContaining({ status: 'revoked', revokedBy: { departmentCode: 'msa' } })]);
    expect(c.allowedActs).toEqual([]); // nothing left for it
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['act', 'actor_name'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(named))
      .where('act', '=', 'case.act.recordLicenceRevoked')
      .execute();
    expect(audit).toEqual([expect.objectContaining({ actor_name: 'd-msa' })]);
    at('2020-07-21');
    const fin = await (await t.as('d-ema')).post(`/api/v1/cases/${named}/acts`, { kind: 'finish', date: '2020-07-21', payload: {} });
    expect(fin.statusCode, fin.body).toBe(201);
    // still readable by msa afterwards (its record), still nothing to do
    const after = await (await t.as('d-msa')).get(`/api/v1/cases/${named}`);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().allowedActs).toEqual([]);
  });
});
