/**
 * The case's assignee (承办人, issue 17 item 2: bulk acts include "assign") through the HTTP API: who may assign
 * whom (a LOCAL CHOICE, docs/decisions/0014-case-assignee.md), the audit record in the same transaction, one
 * notification to the new assignee, the list filter "assigned to me" / "unassigned", the column in the export, and
 * bulk assignment decided case by case with a summary of what was refused and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let seq = 0;
const ids = {} as Record<'office2' | 't202a' | 't202b' | 't207a' | 'drcA' | 'eitA' | 'gov' | 'disabled', number>;

async function energyCase(territoryCode: string, name?: string): Promise<number> {
  seq++;
  const e = await t.db
    .insertInto('enterprise')
    .values({
      credit_code: `91340200ASGN${String(seq).padStart(6, '0')}`,
      name: name ?? `承办测试企业${seq}`,
      territory_code: territoryCode,
      industry_code: 'steel',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const drc = await t.as('d-drc');
  const r = await drc.post('/api/v1/cases', {
    enterpriseId: e.id,
    dimension: 'energy',
    finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t', date: '2020-03-01' },
    openedOn: '2020-03-02',
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

const assigneeOf = async (caseId: number) =>
  (await t.db.selectFrom('case_file').select('assignee_id').where('id', '=', caseId).executeTakeFirstOrThrow()).assignee_id;
const auditsOf = (caseId: number) =>
  t.db
    .selectFrom('audit_log')
    .select(['act', 'actor_name', 'before', 'after'])
    .where('act', '=', 'case.assign')
    .where('entity_id', '=', String(caseId))
    .orderBy('id')
    .execute();
const notificationsOf = (userId: number) =>
  t.db.selectFrom('notification').select(['case_id', 'unit_kind', 'unit_code', 'title', 'title_en']).where('user_id', '=', userId).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
  ids.office2 = await t.user('office-2', 'office');
  ids.t202a = await t.user('t-340202-a', 'territory', { territoryCode: '340202' });
  ids.t202b = await t.user('t-340202-b', 'territory', { territoryCode: '340202' });
  ids.t207a = await t.user('t-340207-a', 'territory', { territoryCode: '340207' });
  ids.drcA = await t.user('d-drc-a', 'department', { departmentCode: 'drc' });
  ids.eitA = await t.user('d-eit-a', 'department', { departmentCode: 'eit' });
  ids.gov = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'gov').executeTakeFirstOrThrow()).id;
  ids.disabled = await t.user('t-340202-off', 'territory', { territoryCode: '340202' });
  await t.db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', ids.disabled).execute();
});
afterAll(async () => {
  await t?.close();
});

describe('who may assign whom (LOCAL CHOICE, ADR 0014)', () => {
  it('the office assigns a case to a user of its territory, its lead department or the office; the case and the list name the assignee', async () => {
    const c = await energyCase('340202', '承办钢铁有限公司');
    const office = await t.as('office');
    const cands = (await office.get(`/api/v1/cases/${c}/assignee-candidates`)).json();
    const names = cands.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['d-drc', 'd-drc-a', 't-340202', 't-340202-a', 'office', 'office-2']));
    // not another territory, not another department, not the government, not a disabled account
    for (const n of ['t-340207', 'd-eit', 'gov', 'bank', 't-340202-off']) expect(names).not.toContain(n);
    const a = cands.items.find((i: { name: string }) => i.name === 't-340202-a');
    expect(a).toEqual({ id: ids.t202a, name: 't-340202-a', unit: { role: 'territory', code: '340202', name: '镜湖区', nameEn: expect.any(String) } });
    expect(Object.keys(cands.items[0]).sort()).toEqual(['id', 'name', 'unit']);

    for (const who of [ids.t202a, ids.drcA, ids.office2]) {
      const r = await office.put(`/api/v1/cases/${c}/assignee`, { assigneeId: who, note: '请跟进' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ caseId: c, assigneeId: who, changed: true });
    }
    const detail = (await office.get(`/api/v1/cases/${c}`)).json();
    expect(detail).toMatchObject({ assigneeId: ids.office2, assigneeName: 'office-2', mayAssign: true });
    const row = (await office.get('/api/v1/cases?limit=100')).json().items.find((i: { id: number }) => i.id === c);
    expect(row).toMatchObject({ assigneeId: ids.office2, assigneeName: 'office-2' });
    const audits = await auditsOf(c);
    expect(audits.map((x) => x.after)).toEqual([
      { assigneeId: ids.t202a, assigneeName: 't-340202-a', note: '请跟进' },
      { assigneeId: ids.drcA, assigneeName: 'd-drc-a', note: '请跟进' },
      { assigneeId: ids.office2, assigneeName: 'office-2', note: '请跟进' },
    ]);
    expect(audits[1]!.before).toEqual({ assigneeId: ids.t202a, assigneeName: 't-340202-a' });
  });

  it('a territory assigns its own territory’s users only; a lead department its own department’s; the government and a second lead department may not', async () => {
    const c = await energyCase('340202');
    const t202 = await t.as('t-340202');
    const cands = (await t202.get(`/api/v1/cases/${c}/assignee-candidates`)).json();
    expect(cands.items.map((i: { name: string }) => i.name).sort()).toEqual(['t-340202', 't-340202-a', 't-340202-b']);
    expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202b })).statusCode).toBe(200);
    const outsider = await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.drcA });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json()).toMatchObject({ code: 'ASSIGNEE_NOT_ELIGIBLE', details: { field: 'assigneeId' } });
    expect(outsider.json().message).toMatch(/候选人|candidates/);
    expect(await assigneeOf(c)).toBe(ids.t202b);

    const drc = await t.as('d-drc');
    const dc = (await drc.get(`/api/v1/cases/${c}/assignee-candidates`)).json();
    expect(dc.items.map((i: { name: string }) => i.name).sort()).toEqual(['d-drc', 'd-drc-a']);
    expect((await drc.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202a })).json().code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect((await drc.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.drcA })).statusCode).toBe(200);

    // 经信局 leads energy too (it reads and acts on the case) but does not carry it: refused, and it is told so
    const eit = await t.as('d-eit');
    const r = await eit.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.eitA });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CASE_ASSIGN_FORBIDDEN');
    expect((await eit.get(`/api/v1/cases/${c}`)).json().mayAssign).toBe(false);
    expect((await eit.get(`/api/v1/cases/${c}/assignee-candidates`)).json().items).toEqual([]);
    const gov = await t.as('gov');
    expect((await gov.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.drcA })).statusCode).toBe(403);
    expect(await assigneeOf(c)).toBe(ids.drcA);
  });

  it("another territory's case answers 404 (as if absent); an inactive or unknown account is refused; null clears the assignee", async () => {
    const c = await energyCase('340202');
    const other = await energyCase('340207', '别区保密承办企业');
    const t202 = await t.as('t-340202');
    const r404 = await t202.put(`/api/v1/cases/${other}/assignee`, { assigneeId: ids.t202a });
    expect(r404.statusCode).toBe(404);
    expect(r404.body).not.toContain('别区保密承办企业');
    expect((await t202.get(`/api/v1/cases/${other}/assignee-candidates`)).statusCode).toBe(404);
    expect(await assigneeOf(other)).toBeNull();

    expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.disabled })).json().code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: 999_999 })).json().code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.gov })).json().code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect(await auditsOf(c)).toEqual([]);

    expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202a })).statusCode).toBe(200);
    const cleared = await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: null });
    expect(cleared.json()).toEqual({ caseId: c, assigneeId: null, assigneeName: null, changed: true });
    expect(await assigneeOf(c)).toBeNull();
    expect((await auditsOf(c)).map((a) => a.after)).toEqual([
      { assigneeId: ids.t202a, assigneeName: 't-340202-a' },
      { assigneeId: null, assigneeName: null },
    ]);
  });

  it('a closed case takes no new assignee (409 CASE_CLOSED) and offers no 指派', async () => {
    const c = await energyCase('340202');
    // closed by whatever act (the state itself is the lifecycle's affair): set here directly
    await t.db.updateTable('case_file').set({ closed: true }).where('id', '=', c).execute();
    const office = await t.as('office');
    const r = await office.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202a });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'CASE_CLOSED', messageZh: '案件已办结，不能再指派承办人' });
    expect((await office.get(`/api/v1/cases/${c}`)).json().mayAssign).toBe(false);
    expect(await assigneeOf(c)).toBeNull();
  });

  it('hostile input: a coded 400 naming the field, nothing changed', async () => {
    const c = await energyCase('340202');
    const t202 = await t.as('t-340202');
    for (const body of [
      {},
      { assigneeId: 'x' },
      { assigneeId: -1 },
      { assigneeId: 1.5 },
      { assigneeId: ids.t202a, extra: 1 },
      { assigneeId: ids.t202a, note: 'x'.repeat(501) },
    ]) {
      const r = await t202.put(`/api/v1/cases/${c}/assignee`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(r.body).not.toMatch(/stack|at Object\./);
    }
    const q = await t202.get('/api/v1/cases?assignee=somebody');
    expect(q.statusCode).toBe(400);
    expect(q.body).toContain('assignee');
    const bulk = await t202.post('/api/v1/cases/bulk-assign', { caseIds: [], assigneeId: ids.t202a });
    expect(bulk.statusCode).toBe(400);
    expect(bulk.body).toContain('caseIds');
    expect(await assigneeOf(c)).toBeNull();
  });
});

describe('audit and notification', () => {
  it('the audit record is written in the assignment’s transaction: when the transaction fails, neither stays', async () => {
    const c = await energyCase('340202');
    await sql`create function fail_assigned() returns trigger language plpgsql as $$ begin raise exception 'injected'; end $$`.execute(t.db);
    await sql`create trigger fail_assigned before insert on notification for each row when (new.kind = 'case.assigned') execute function fail_assigned()`.execute(
      t.db,
    );
    try {
      const r = await (await t.as('t-340202')).put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202a });
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('injected');
    } finally {
      await sql`drop trigger fail_assigned on notification`.execute(t.db);
      await sql`drop function fail_assigned()`.execute(t.db);
    }
    expect(await assigneeOf(c)).toBeNull();
    expect(await auditsOf(c)).toEqual([]);
  });

  it('the new assignee is notified once (re-assigning the same person records nothing); colleagues of the unit do not see it', async () => {
    const c = await energyCase('340202', '通知测试企业');
    const t202 = await t.as('t-340202');
    for (let i = 0; i < 2; i++) expect((await t202.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t202a })).json().changed).toBe(i === 0);
    expect((await notificationsOf(ids.t202a)).filter((x) => x.case_id === c)).toEqual([
      {
        case_id: c,
        unit_kind: 'territory',
        unit_code: '340202',
        title: `案件 #${c}（通知测试企业）已指派给您承办`,
        title_en: `Case #${c} (通知测试企业) was assigned to you`,
      },
    ]);
    expect(await auditsOf(c)).toHaveLength(1);
    const mine = (await (await t.as('t-340202-a')).get('/api/v1/notifications?limit=100')).json();
    expect(mine.items.filter((n: { caseId: number }) => n.caseId === c).map((n: { kind: string }) => n.kind)).toEqual(['case.assigned']);
    const colleague = (await (await t.as('t-340202-b')).get('/api/v1/notifications?limit=100')).json();
    expect(colleague.items.some((n: { caseId: number }) => n.caseId === c)).toBe(false);
    // a colleague's "read all" leaves the assignee's notification unread
    await (await t.as('t-340202-b')).post('/api/v1/notifications/read-all');
    const unread = (await (await t.as('t-340202-a')).get('/api/v1/notifications?unread=true&limit=100')).json();
    expect(unread.items.some((n: { caseId: number }) => n.caseId === c)).toBe(true);
    // the audit page says it in words
    const audit = (await (await t.as('office')).get(`/api/v1/audit?act=case.assign&limit=100`)).json();
    expect(JSON.stringify(audit)).toContain('指派案件承办人');
  });
});

describe('the list filter and the export', () => {
  it('assignee=me lists the cases assigned to the caller, assignee=none the unassigned; the .xlsx has the 承办人 column', async () => {
    const a = await energyCase('340207', '过滤甲');
    const b = await energyCase('340207', '过滤乙');
    const n = await energyCase('340207', '过滤丙');
    const t207 = await t.as('t-340207');
    for (const c of [a, b]) expect((await t207.put(`/api/v1/cases/${c}/assignee`, { assigneeId: ids.t207a })).statusCode).toBe(200);
    const mine = (await (await t.as('t-340207-a')).get('/api/v1/cases?assignee=me&limit=100')).json();
    expect(mine.items.map((i: { id: number }) => i.id).sort()).toEqual([a, b].sort());
    expect(mine.total).toBe(2);
    const none = (await t207.get('/api/v1/cases?assignee=none&limit=100')).json();
    expect(none.items.map((i: { id: number }) => i.id)).toContain(n);
    expect(none.items.every((i: { assigneeId: number | null }) => i.assigneeId === null)).toBe(true);
    const byId = (await t207.get(`/api/v1/cases?assignee=${ids.t207a}&limit=100`)).json();
    expect(byId.total).toBe(2);
    expect((await t207.get('/api/v1/cases?assignee=me')).json().total).toBe(0);
    // the workbench counts them (指派给我的)
    expect((await (await t.as('t-340207-a')).get('/api/v1/workbench')).json().counts.assignedToMe).toBe(2);
    expect((await t207.get('/api/v1/workbench')).json().counts.assignedToMe).toBe(0);

    const x = await t207.get('/api/v1/cases/export.xlsx?assignee=me');
    expect(x.statusCode).toBe(200);
    const xa = await (await t.as('t-340207-a')).get('/api/v1/cases/export.xlsx?assignee=me');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xa.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('承办人') + 1;
    expect(col).toBeGreaterThan(0);
    expect(ws.rowCount).toBe(3);
    expect([ws.getRow(2).getCell(col).value, ws.getRow(3).getCell(col).value]).toEqual(['t-340207-a', 't-340207-a']);
  });
});

describe('bulk assignment (each case on its own)', () => {
  it('the office assigns three cases to a 镜湖区 user: two done, the 鸠江区 case refused with the reason; each done case audited once', async () => {
    const c1 = await energyCase('340202');
    const c2 = await energyCase('340202');
    const c3 = await energyCase('340207');
    const office = await t.as('office');
    const r = await office.post('/api/v1/cases/bulk-assign', { caseIds: [c1, c2, c3], assigneeId: ids.t202a });
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.summary).toEqual({ requested: 3, done: 2, refused: 1 });
    expect(b.done).toEqual([
      { caseId: c1, assigneeId: ids.t202a, changed: true },
      { caseId: c2, assigneeId: ids.t202a, changed: true },
    ]);
    expect(b.refused).toEqual([
      {
        caseId: c3,
        code: 'ASSIGNEE_NOT_ELIGIBLE',
        message: { zh: expect.stringContaining('候选人'), en: expect.stringContaining('candidates') },
        reason: null,
        allowed: [],
      },
    ]);
    for (const c of [c1, c2]) expect(await auditsOf(c)).toHaveLength(1);
    expect(await auditsOf(c3)).toEqual([]);
    expect(await assigneeOf(c3)).toBeNull();
    expect((await notificationsOf(ids.t202a)).filter((x) => x.case_id === c1 || x.case_id === c2)).toHaveLength(2);
  });

  it("a territory's bulk assignment refuses another territory's case as NOT_FOUND without naming it; the own-unit candidates list the colleagues", async () => {
    const mine = await energyCase('340202');
    const other = await energyCase('340207', '别区批量保密企业');
    const t202 = await t.as('t-340202');
    const cands = (await t202.get('/api/v1/cases/assignee-candidates')).json();
    expect(cands.items.map((i: { name: string }) => i.name).sort()).toEqual(['t-340202', 't-340202-a', 't-340202-b']);
    const r = await t202.post('/api/v1/cases/bulk-assign', { caseIds: [mine, other], assigneeId: ids.t202b });
    expect(r.json().summary).toEqual({ requested: 2, done: 1, refused: 1 });
    expect(r.json().refused[0]).toMatchObject({ caseId: other, code: 'NOT_FOUND' });
    expect(r.body).not.toContain('别区批量保密企业');
    const office = (await (await t.as('office')).get('/api/v1/cases/assignee-candidates')).json();
    expect(office.items.map((i: { name: string }) => i.name).sort()).toEqual(['office', 'office-2']);
  });
});
