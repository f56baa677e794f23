/**
 * Cases for daily work (issue 17 part A) through the HTTP API: who acts next on every case and list row (§2.1–§2.5
 * transition tables), search by name / credit code / case number, the .xlsx export in names, bulk acts decided and
 * audited one by one, 待我办理 counting only what the user can act on now, the audit trail in words with its
 * filters and export, and notifications read at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));

async function enterprise(territoryCode: string, name?: string): Promise<{ id: number; creditCode: string; name: string }> {
  seq++;
  const creditCode = `91340200WORK${String(seq).padStart(6, '0')}`;
  const n = name ?? `工作台测试企业${seq}`;
  const r = await t.db
    .insertInto('enterprise')
    .values({ credit_code: creditCode, name: n, territory_code: territoryCode, industry_code: 'steel' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, creditCode, name: n };
}

const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };

async function openEnergyCase(territoryCode: string, name?: string) {
  const e = await enterprise(territoryCode, name);
  const drc = await t.as('d-drc');
  const r = await drc.post('/api/v1/cases', {
    enterpriseId: e.id,
    dimension: 'energy',
    finding: { ...energyFinding, date: '2020-03-01' },
    openedOn: '2020-03-02',
  });
  expect(r.statusCode, r.body).toBe(201);
  return { caseId: r.json().id as number, enterprise: e };
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => {
  await t?.close();
});

describe('who acts next (issue 17 item 1)', () => {
  let caseId: number;
  it('§2.1: a new energy case says it waits for 镜湖区 or 市发展改革委 to serve the rectification order, in the case and in the list', async () => {
    at('2020-03-10');
    ({ caseId } = await openEnergyCase('340202', '镜湖钢铁有限公司'));
    const t202 = await t.as('t-340202');
    const c = (await t202.get(`/api/v1/cases/${caseId}`)).json();
    expect(c.next.waitingFor).toHaveLength(1);
    expect(c.next.waitingFor[0].act).toBe('serveRectificationOrder');
    expect(c.next.waitingFor[0].actors.map((a: { name: string }) => a.name)).toEqual(['镜湖区', '市发展改革委']);
    expect(c.next).toMatchObject({ due: null, daysLeft: null, automatic: false });
    expect(c.territoryName.name).toBe('镜湖区');
    expect(c.departmentName).toEqual({ name: '市发展改革委', nameEn: 'City Development and Reform Commission' });
    const list = (await t202.get('/api/v1/cases?limit=50')).json();
    const row = list.items.find((i: { id: number }) => i.id === caseId);
    expect(row.next.waitingFor[0].actors[0]).toMatchObject({ role: 'territory', code: '340202', name: '镜湖区' });
  });

  it('§2.1: after the order the case counts the days left to the due date', async () => {
    const drc = await t.as('d-drc');
    const r = await drc.post(`/api/v1/cases/${caseId}/acts`, { kind: 'serveRectificationOrder', date: '2020-03-10', payload: {} });
    expect(r.statusCode, r.body).toBe(201);
    const c = (await drc.get(`/api/v1/cases/${caseId}`)).json();
    expect(c.next.due).toBe('2020-09-10');
    expect(c.next.daysLeft).toBe(184);
    expect(c.next.waitingFor.map((a: { act: string }) => a.act)).toEqual(['applyExtension', 'reinspect']);
  });
});

describe('search and export of the case list (issue 17 item 2)', () => {
  it('finds cases by part of the enterprise name, by the credit code (or its start) and by the case number', async () => {
    at('2020-03-10');
    const a = await openEnergyCase('340207', '鸠江水泥搜索样本厂');
    const office = await t.as('office');
    const byName = (await office.get(`/api/v1/cases?q=${encodeURIComponent('水泥搜索')}`)).json();
    expect(byName.items.map((i: { id: number }) => i.id)).toEqual([a.caseId]);
    const byCode = (await office.get(`/api/v1/cases?q=${a.enterprise.creditCode.toLowerCase()}`)).json();
    expect(byCode.items.map((i: { id: number }) => i.id)).toEqual([a.caseId]);
    const byNo = (await office.get(`/api/v1/cases?q=${encodeURIComponent(`#${a.caseId}`)}`)).json();
    expect(byNo.items.map((i: { id: number }) => i.id)).toContain(a.caseId);
    // pattern characters are text, not wildcards; too long a search is a coded 400 naming the field
    expect((await office.get(`/api/v1/cases?q=${encodeURIComponent('%_%')}`)).json().total).toBe(0);
    const long = await office.get(`/api/v1/cases?q=${'x'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    expect(long.body).toContain('q');
    // a county searching another county's enterprise finds nothing
    const t202 = await t.as('t-340202');
    expect((await t202.get(`/api/v1/cases?q=${encodeURIComponent('水泥搜索')}`)).json().total).toBe(0);
  });

  it('exports the filtered list as .xlsx with names, the state in words and who acts next', async () => {
    const office = await t.as('office');
    const r = await office.get(`/api/v1/cases/export.xlsx?q=${encodeURIComponent('水泥搜索')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(r.rawPayload);
    expect(rows[0]).toEqual([
      '案件号',
      '企业名称',
      '统一社会信用代码',
      '属地',
      '牵头部门',
      '领域',
      '状态',
      '立案日期',
      '期限',
      '剩余天数',
      '待办（由谁办理）',
      '承办人',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(1, 7)).toEqual(['鸠江水泥搜索样本厂', expect.stringMatching(/^91340200WORK/), '鸠江区', '市发展改革委', '能耗', '已发现']);
    expect(rows[1]![10]).toBe('待鸠江区或市发展改革委送达限期整改通知');
  });
});

describe('bulk acts (issue 17 item 2)', () => {
  it('serves 5 orders at once: 4 done, 1 refused with its reason (already served), each act audited on its own', async () => {
    at('2020-04-01');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await openEnergyCase('340207')).caseId);
    const drc = await t.as('d-drc');
    expect((await drc.post(`/api/v1/cases/${ids[2]}/acts`, { kind: 'serveRectificationOrder', date: '2020-04-01', payload: {} })).statusCode).toBe(201);
    const auditBefore = Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('act', '=', 'case.act.serveRectificationOrder')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const r = await drc.post('/api/v1/cases/bulk-acts', { caseIds: ids, kind: 'serveRectificationOrder', date: '2020-04-01' });
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.summary).toEqual({ requested: 5, done: 4, refused: 1 });
    expect(b.done.map((d: { caseId: number }) => d.caseId)).toEqual(ids.filter((_, i) => i !== 2));
    // 6 months from 2020-04-01 fall in the National Day holiday: the period ends on the next working day
    expect(new Set(b.done.map((d: { toState: string; dueOn: string }) => `${d.toState} ${d.dueOn}`))).toEqual(new Set(['rectifying 2020-10-09']));
    expect(b.refused).toEqual([
      {
        caseId: ids[2],
        code: 'ILLEGAL_TRANSITION',
        message: { zh: '当前状态下不允许该行为', en: 'This act is not allowed in the current state' },
        reason: null,
        allowed: ['applyExtension', 'reinspect'],
      },
    ]);
    const auditAfter = Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('act', '=', 'case.act.serveRectificationOrder')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(auditAfter - auditBefore).toBe(4);
  });

  it("refuses another territory's case as not found (no leak), and a role that may not take the act by its rule", async () => {
    at('2020-04-02');
    const mine = await openEnergyCase('340202');
    const other = await openEnergyCase('340207', '别区保密企业');
    const t202 = await t.as('t-340202');
    const r = await t202.post('/api/v1/cases/bulk-acts', { caseIds: [mine.caseId, other.caseId], kind: 'serveRectificationOrder', date: '2020-04-02' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().done.map((d: { caseId: number }) => d.caseId)).toEqual([mine.caseId]);
    expect(r.json().refused).toEqual([{ caseId: other.caseId, code: 'NOT_FOUND', message: { zh: '记录不存在', en: 'Not found' }, reason: null, allowed: [] }]);
    expect(r.body).not.toContain('别区保密企业');
    const gov = await t.as('gov');
    const g = (await gov.post('/api/v1/cases/bulk-acts', { caseIds: [other.caseId], kind: 'serveRectificationOrder', date: '2020-04-02' })).json();
    expect(g.refused[0].code).toBe('ROLE_NOT_ALLOWED');
  });

  it('hostile input gets a coded 4xx naming the field and changes nothing', async () => {
    const drc = await t.as('d-drc');
    const cases = [
      [{ caseIds: [], kind: 'serveRectificationOrder', date: '2020-04-02' }, 'caseIds'],
      [{ caseIds: [1, 1], kind: 'serveRectificationOrder', date: '2020-04-02' }, 'caseIds'],
      [{ caseIds: Array.from({ length: 201 }, (_, i) => i + 1), kind: 'serveRectificationOrder', date: '2020-04-02' }, 'caseIds'],
      [{ caseIds: [1], kind: 'toString', date: '2020-04-02' }, 'kind'],
      [{ caseIds: [1], kind: 'serveRectificationOrder', date: '2020-02-31x' }, 'date'],
      [{ caseIds: ['1; drop table case_file'], kind: 'serveRectificationOrder', date: '2020-04-02' }, 'caseIds'],
      [{ caseIds: [1], kind: 'serveRectificationOrder', date: '2020-04-02', extra: 1 }, ''],
    ] as const;
    const before = Number(
      (
        await t.db
          .selectFrom('case_act')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (const [body, field] of cases) {
      const r = await drc.post('/api/v1/cases/bulk-acts', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      if (field) expect(r.body).toContain(field);
    }
    const after = Number(
      (
        await t.db
          .selectFrom('case_act')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });
});

describe('待我办理 counts only what the user can act on now (issue 17 item 1)', () => {
  it('the count equals the listed cases where the user has an act; the rows say what they wait for', async () => {
    at('2020-04-03');
    const office = await t.as('office');
    const wb = (await office.get('/api/v1/workbench')).json();
    // the office may only decide extensions and accept: none of the cases so far waits for it
    expect(wb.counts.waitingForMe).toBe(wb.waitingForMe.length);
    expect(wb.waitingForMe.every((c: { allowedActs: string[] }) => c.allowedActs.length > 0)).toBe(true);
    const drc = await t.as('d-drc');
    const w = (await drc.get('/api/v1/workbench')).json();
    expect(w.counts.waitingForMe).toBeGreaterThan(0);
    expect(w.waitingForMe.every((c: { next: { waitingFor: unknown[] } }) => c.next.waitingFor.length > 0)).toBe(true);
  });

  it('今日 / 本周 / 逾期 are lists of their own, each case by its days left, counted over the scan', async () => {
    type Item = { id: number; allowedActs: string[]; next: { daysLeft: number | null } };
    type Views = { today: Item[]; week: Item[]; overdue: Item[]; counts: { today: number; week: number; overdue: number } };
    for (const user of ['d-drc', 'd-eco', 'office']) {
      const w = (await (await t.as(user)).get('/api/v1/workbench')).json() as { waitingForMe: Item[]; waitingViews: Views; counts: { waitingForMe: number } };
      const v = w.waitingViews;
      const inView = { today: (d: number) => d === 0, week: (d: number) => d >= 0 && d <= 7, overdue: (d: number) => d < 0 };
      for (const k of ['today', 'week', 'overdue'] as const) {
        for (const c of v[k]) {
          expect(c.allowedActs.length, `${user} ${k} case ${c.id}`).toBeGreaterThan(0);
          expect(c.next.daysLeft !== null && inView[k](c.next.daysLeft), `${user} ${k} case ${c.id} daysLeft ${c.next.daysLeft}`).toBe(true);
        }
        expect(v.counts[k]).toBeGreaterThanOrEqual(v[k].length);
        expect(v.counts[k]).toBeLessThanOrEqual(w.counts.waitingForMe);
        // the first 20 of 我的待办 that fall in the view open the view's own list, in the same order
        const fromMine = w.waitingForMe.filter((c) => c.next.daysLeft !== null && inView[k](c.next.daysLeft)).map((c) => c.id);
        expect(v[k].map((c) => c.id).slice(0, fromMine.length)).toEqual(fromMine);
      }
      expect(v.today.every((c) => v.week.some((x) => x.id === c.id) || v.week.length === 20)).toBe(true);
    }
  });
});

describe('the audit trail in words (issue 17 item 7)', () => {
  it('says who (display name, unit) did what (in words) to which record (its label), filters by person and unit, and exports', async () => {
    const office = await t.as('office');
    const drcUser = await t.db.selectFrom('app_user').select('id').where('username', '=', 'd-drc').executeTakeFirstOrThrow();
    const r = await office.get(`/api/v1/audit?actorId=${drcUser.id}&act=case.act.*&limit=5`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{ actorDisplayName: string; unit: { zh: string }; actWords: { zh: string; en: string }; record: { zh: string } }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({
      actorDisplayName: 'd-drc',
      unit: { zh: '市发展改革委' },
      actWords: { zh: '案件：送达限期整改通知', en: 'Case: Serve rectification order' },
    });
    expect(items[0]!.record.zh).toMatch(/^案件 #\d+ /);
    const login = (await office.get('/api/v1/audit?act=auth.login&limit=1')).json().items[0];
    expect(login.actWords).toEqual({ zh: '登录', en: 'Signed in' });
    const byUnit = (await office.get('/api/v1/audit?unit=340202&limit=100')).json();
    expect(byUnit.total).toBeGreaterThan(0);
    expect(byUnit.items.every((i: { territoryCode: string }) => i.territoryCode === '340202')).toBe(true);
    const bad = await office.get('/api/v1/audit?unit=a%27%3Bdrop');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('unit');
    const x = await office.get(`/api/v1/audit/export.xlsx?actorId=${drcUser.id}`);
    expect(x.statusCode).toBe(200);
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toEqual(['时间', '人员', '单位', '行为', '对象', '依据', '记录号']);
    expect(rows.slice(1).every((row) => row[1] === 'd-drc' && row[2] === '市发展改革委')).toBe(true);
    const t202 = await t.as('t-340202');
    expect((await t202.get('/api/v1/audit/export.xlsx')).statusCode).toBe(403);
  });
});

describe('notifications read at once (issue 17 item 7)', () => {
  it('marks every unread notification of the unit read, with one audit record; other units keep theirs', async () => {
    const now = new Date('2020-04-03T02:00:00Z');
    const mk = (unit_kind: 'territory' | 'department', unit_code: string, i: number) => ({
      unit_kind,
      unit_code,
      kind: 'test',
      title: `通知${i}`,
      title_en: `Note ${i}`,
      created_at: now,
    });
    await t.db
      .insertInto('notification')
      .values([mk('territory', '340202', 1), mk('territory', '340202', 2), mk('territory', '340207', 3)])
      .execute();
    const t202 = await t.as('t-340202');
    const r = await t202.post('/api/v1/notifications/read-all', {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().marked).toBeGreaterThanOrEqual(2);
    expect((await t202.get('/api/v1/notifications?unread=true')).json().total).toBe(0);
    expect((await t202.post('/api/v1/notifications/read-all', {})).json().marked).toBe(0);
    const t207 = await t.as('t-340207');
    expect((await t207.get('/api/v1/notifications?unread=true')).json().total).toBeGreaterThan(0);
    const audits = await t.db.selectFrom('audit_log').select(['entity_id']).where('act', '=', 'notification.readAll').execute();
    expect(audits.map((a) => a.entity_id)).toEqual(['territory:340202']);
  });
});
