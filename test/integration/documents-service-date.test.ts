/**
 * Service (送达) later than the act (issue 11, gap A): a 限期整改通知书 served after the day it was issued moves the
 * case's deadline — the period runs from service, the city's local choice case.periodRunsFromService (no statute read
 * for this project fixes the starting day; 民法典 art. 201 / 民事诉讼法 art. 85 leave it uncounted) — in the service
 * record's transaction, with both audit records; a refused service writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { computeDeadline } from '../../server/domain/calendar/index.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
const energyFinding = {
  standard: 'GB 21256',
  edition: 'GB 21256-2013',
  process: '烧结工序',
  measured: '58.2',
  limit: '55',
  unit: 'kgce/t',
  date: '2026-03-02',
};

async function energyCaseServed(territory = '340202'): Promise<{ caseId: number; noticeId: number; dueOn: string }> {
  seq++;
  const e = await t.db
    .insertInto('enterprise')
    .values({ credit_code: `91340200SRVD${String(seq).padStart(6, '0')}`, name: `送达测试钢铁${seq}`, territory_code: territory, industry_code: 'steel' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const l = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: e.id, kind: 'sinter_machine', name: '1号烧结机', capacity: '120', capacity_unit: '万吨/年' })
    .returning('id')
    .executeTakeFirstOrThrow();
  at('2026-03-05');
  const c = await t.as(`t-${territory}`);
  const open = await c.post('/api/v1/cases', { enterpriseId: e.id, dimension: 'energy', lineIds: [l.id], finding: energyFinding, openedOn: '2026-03-05' });
  expect(open.statusCode, open.body).toBe(201);
  const caseId = open.json().id as number;
  const r = await c.post(`/api/v1/cases/${caseId}/acts`, { kind: 'serveRectificationOrder', date: '2026-03-05', payload: {} });
  expect(r.statusCode, r.body).toBe(201);
  const docs = (await c.get(`/api/v1/documents?caseId=${caseId}`)).json().items as Array<{ id: number; kind: string }>;
  return { caseId, noticeId: docs.find((d) => d.kind === 'rectification-notice')!.id, dueOn: r.json().dueOn };
}

const caseOf = async (caseId: number) => (await (await t.as('t-340202')).get(`/api/v1/cases/${caseId}`)).json();
const counts = async () => ({
  services: (await t.db.selectFrom('document_service').select('id').execute()).length,
  acts: (await t.db.selectFrom('case_act').select('id').execute()).length,
  audit: (await t.db.selectFrom('audit_log').select('id').where('act', '<>', 'auth.login').execute()).length,
});

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-05T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('送达 later than the act moves the period that runs from service (local choice case.periodRunsFromService)', () => {
  it('served by post on 12 March: the case’s due date becomes 6 months from 12 March, with its computation; both audit records in one transaction', async () => {
    const { caseId, noticeId, dueOn } = await energyCaseServed();
    expect(dueOn).toBe(computeDeadline({ from: '2026-03-05', months: 6 }).due);
    at('2026-03-13');
    const c = await t.as('t-340202');
    const r = await c.post(`/api/v1/documents/${noticeId}/services`, {
      method: 'post',
      servedOn: '2026-03-12',
      recipient: '送达测试钢铁',
      trackingNo: 'EMS0000000001CN',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().services).toEqual([expect.objectContaining({ method: 'post', servedOn: '2026-03-12' })]);

    const moved = computeDeadline({ from: '2026-03-12', months: 6 }).due;
    expect(moved > dueOn).toBe(true);
    const k = await caseOf(caseId);
    expect(k.dueOn).toBe(moved);
    expect(k.deadline).toMatchObject({ due: moved });
    expect(k.legalFacts).toMatchObject({
      rectificationDue: moved,
      served: { date: '2026-03-12', method: 'post', documentNo: expect.stringMatching(/镜政淘汰〔2026〕\d+号/) },
    });
    const act = k.timeline.find((a: { kind: string }) => a.kind === 'recordService');
    expect(act).toMatchObject({
      role: 'system',
      date: '2026-03-12',
      dueOn: moved,
      actor: null,
      params: [expect.objectContaining({ name: 'case.periodRunsFromService', value: true, basisId: 'local-wuhu-执行口径-2020' })],
    });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['act', 'entity_type', 'request_id'])
      .where('act', 'in', ['document.serve', 'case.act.recordService'])
      .execute();
    expect(audit.map((a) => a.act).sort()).toEqual(['case.act.recordService', 'document.serve']);
    expect(audit[0]!.request_id).toBe(audit[1]!.request_id);
  });

  it('served on the day of the act: recorded, nothing moves', async () => {
    const { caseId, noticeId, dueOn } = await energyCaseServed();
    const r = await (
      await t.as('t-340202')
    ).post(`/api/v1/documents/${noticeId}/services`, { method: 'direct', servedOn: '2026-03-05', recipient: '法定代表人' });
    expect(r.statusCode, r.body).toBe(201);
    const k = await caseOf(caseId);
    expect(k.dueOn).toBe(dueOn);
    expect(k.timeline.some((a: { kind: string }) => a.kind === 'recordService')).toBe(false);
  });

  it('a service the law cannot take (the period has been extended meanwhile) is refused with a coded 4xx and writes nothing', async () => {
    const { caseId, noticeId } = await energyCaseServed();
    at('2026-03-10');
    expect(
      (
        await (
          await t.as('t-340202')
        ).post(`/api/v1/cases/${caseId}/acts`, { kind: 'applyExtension', date: '2026-03-10', payload: { requestedMonths: 2, reason: '设备改造周期' } })
      ).statusCode,
    ).toBe(201);
    expect(
      (await (await t.as('d-drc')).post(`/api/v1/cases/${caseId}/acts`, { kind: 'approveExtension', date: '2026-03-10', payload: { grantedMonths: 2 } }))
        .statusCode,
    ).toBe(201);
    const before = await counts();
    const dueBefore = (await caseOf(caseId)).dueOn;
    at('2026-03-12');
    const r = await (
      await t.as('t-340202')
    ).post(`/api/v1/documents/${noticeId}/services`, { method: 'direct', servedOn: '2026-03-11', recipient: '法定代表人' });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json().messageZh).toBeTruthy();
    expect(await counts()).toEqual(before);
    expect((await caseOf(caseId)).dueOn).toBe(dueBefore);
  });

  it('hostile input: a malformed or future date names the field and writes nothing; another territory gets 404', async () => {
    const { noticeId } = await energyCaseServed();
    at('2026-03-12');
    const c = await t.as('t-340202');
    const before = await counts();
    const bad = await c.post(`/api/v1/documents/${noticeId}/services`, { method: 'direct', servedOn: '2026-02-30', recipient: 'x' });
    expect([400, 422]).toContain(bad.statusCode);
    expect(JSON.stringify(bad.json().details)).toContain('servedOn');
    const future = await c.post(`/api/v1/documents/${noticeId}/services`, { method: 'direct', servedOn: '2026-03-20', recipient: 'x' });
    expect(future.statusCode).toBe(422);
    expect(future.json().details.field).toBe('servedOn');
    expect(
      (await (await t.as('t-340207')).post(`/api/v1/documents/${noticeId}/services`, { method: 'direct', servedOn: '2026-03-11', recipient: 'x' })).statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
