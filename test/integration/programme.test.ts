/**
 * The programme through the HTTP API on a real PostgreSQL (issue 13): problem lists (§3.1: open → closing → closed →
 * reopened, import all-or-nothing, export, burn-down), exit plans (§3.1 备案: draft → submitted → returned →
 * submitted → filed → new version; progress from accepted exits in the capacity ledger), supervision (§3.3: the
 * office's criteria at their boundaries, 约谈 with frozen figures and its notice), scope and hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { changeLineState } from '../../server/modules/lines/change-line-state.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';
import { remindProgrammeDue } from '../../server/modules/problems/commands/remind-due.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { makeEnterprise, makeLine, multipart, TINY_PNG, uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let office: Client;
let county: Client;
let other: Client;
let entA: number;
let entB: number;
let lineA1: number;
let lineA2: number;
let lineB: number;

/** Moves the clock and signs the three accounts in again (sessions expire when the clock jumps days ahead). */
async function moveTo(date: string) {
  t.clock.now = new Date(`${date}T02:00:00Z`);
  office = await t.as('office');
  county = await t.as('t-340202');
  other = await t.as('t-340207');
}
const problem = (over: Record<string, unknown> = {}) => ({
  territoryCode: '340202',
  source: 'central_inspection',
  sourceRef: '中央环保督察反馈意见第3条',
  foundOn: '2020-06-01',
  description: '违规新增钢铁产能未整改到位',
  level: 'serious',
  responsibleUnit: '镜湖区经信局',
  responsiblePerson: '张三',
  measure: '拆除主体设备',
  dueOn: '2020-12-31',
  ...over,
});

async function workbook(
  rows: unknown[][],
  headers = [
    '属地*',
    '问题来源*',
    '来源文号',
    '发现日期*',
    '问题描述*',
    '问题等级*',
    '企业统一社会信用代码',
    '企业名称',
    '责任单位*',
    '责任人',
    '整改措施',
    '整改时限*',
  ],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function importFile(c: Client, buf: Buffer, dryRun = false) {
  const m = multipart(buf, '清单.xlsx');
  return c.request('POST', `/api/v1/problems/import${dryRun ? '?dryRun=1' : ''}`, m.body, m.headers);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
  county = await t.as('t-340202');
  other = await t.as('t-340207');
  const a = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖清单钢铁有限公司' });
  const b = await makeEnterprise(t.db, { territoryCode: '340207', name: '鸠江清单钢铁有限公司' });
  entA = a.id;
  entB = b.id;
  lineA1 = await makeLine(t.db, a, { kind: 'converter', name: '转炉1', capacity: '100' });
  lineA2 = await makeLine(t.db, a, { kind: 'converter', name: '转炉2', capacity: '50' });
  lineB = await makeLine(t.db, b, { kind: 'converter', name: '转炉3', capacity: '80' });
});
afterAll(async () => t?.close());

describe('§3.1 problem list: item open → closing → closed → reopened', () => {
  let id: number;
  it('a county lists a problem of its own territory; not of another; scope hides it from the other county', async () => {
    const r = await county.post('/api/v1/problems', problem({ enterpriseId: entA, lineIds: [lineA1] }));
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    id = p.id;
    expect(p).toMatchObject({
      state: 'open',
      territoryName: '镜湖区',
      enterpriseName: '镜湖清单钢铁有限公司',
      lineIds: [lineA1],
      nextActor: 'territory',
      overdue: false,
    });
    expect(p.allowedActs).toEqual(['edit', 'requestClose']);
    expect(p.events.map((e: { kind: string }) => e.kind)).toEqual(['create']);

    const foreign = await county.post('/api/v1/problems', problem({ territoryCode: '340207' }));
    expect(foreign.statusCode).toBe(403);
    expect((await other.get(`/api/v1/problems/${id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/problems')).json().total).toBe(0);
    expect((await other.patch(`/api/v1/problems/${id}`, { version: 1, measure: 'x' })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/problems/${id}/acts`, { kind: 'requestClose', evidence: ['a'.repeat(64)] })).statusCode).toBe(404);
    expect((await (await t.as('d-drc')).get(`/api/v1/problems/${id}`)).statusCode).toBe(200);
  });

  it('close-out needs evidence; the county cannot sign off; the office signs off; reopening needs a reason', async () => {
    const none = await county.post(`/api/v1/problems/${id}/acts`, { kind: 'requestClose', note: '已拆除' });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'EVIDENCE_REQUIRED', details: { field: 'evidence' } });
    const unknown = await county.post(`/api/v1/problems/${id}/acts`, { kind: 'requestClose', evidence: ['f'.repeat(64)] });
    expect(unknown.json().code).toBe('UNKNOWN_EVIDENCE');
    const sha = await uploadEvidence(county, 'evidence.png', TINY_PNG);
    const asked = await county.post(`/api/v1/problems/${id}/acts`, { kind: 'requestClose', note: '主体设备已拆除', evidence: [sha] });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ state: 'closing', nextActor: 'office', allowedActs: [] });
    // the office is told; it may download the evidence through the item
    const notes = (await office.get('/api/v1/notifications')).json();
    expect(notes.items.some((n: { kind: string }) => n.kind === 'problem.closeRequested')).toBe(true);
    expect((await office.get(`/api/v1/problems/${id}/evidence/${sha}`)).statusCode).toBe(200);
    expect((await other.get(`/api/v1/problems/${id}/evidence/${sha}`)).statusCode).toBe(404);

    const selfSign = await county.post(`/api/v1/problems/${id}/acts`, { kind: 'signOff' });
    expect(selfSign.statusCode).toBe(403);
    const edit = await county.patch(`/api/v1/problems/${id}`, { version: asked.json().version, measure: '改' });
    expect(edit.json().code).toBe('WRONG_STATE');
    const signed = await office.post(`/api/v1/problems/${id}/acts`, { kind: 'signOff' });
    expect(signed.json()).toMatchObject({ state: 'closed', closedOn: '2020-09-15', nextActor: null });

    const noReason = await office.post(`/api/v1/problems/${id}/acts`, { kind: 'reopen', note: '   ' });
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED', details: { field: 'note' } });
    await moveTo('2020-09-20');
    const reopened = await office.post(`/api/v1/problems/${id}/acts`, { kind: 'reopen', note: '回头看发现设备未彻底拆除' });
    expect(reopened.json()).toMatchObject({ state: 'open', closedOn: null });
    expect(reopened.json().events.map((e: { kind: string }) => e.kind)).toEqual(['create', 'requestClose', 'signOff', 'reopen']);
    const told = (await county.get('/api/v1/notifications')).json();
    expect(told.items.some((n: { kind: string; title: string }) => n.kind === 'problem.reopen' && n.title.includes('回头看'))).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('act')
      .where('entity_type', '=', 'problem')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.act)).toEqual(['problem.create', 'problem.requestClose', 'problem.signOff', 'problem.reopen']);
  });

  it('burn-down: open / overdue / closed over time', async () => {
    const r = await office.get('/api/v1/problems/burndown?territoryCode=340202&points=3&stepDays=3');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().points).toEqual([
      { date: '2020-09-14', open: 1, overdue: 0, closed: 0 },
      { date: '2020-09-17', open: 0, overdue: 0, closed: 1 },
      { date: '2020-09-20', open: 1, overdue: 0, closed: 0 },
    ]);
  });

  it('hostile input gets a coded 4xx naming the field, and changes nothing', async () => {
    const before = await t.db
      .selectFrom('problem_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Array<[unknown, number, string]> = [
      [problem({ description: '   ' }), 400, 'VALIDATION_FAILED'],
      [problem({ dueOn: '2020-13-45x' }), 400, 'VALIDATION_FAILED'],
      [problem({ source: 'rumour' }), 400, 'VALIDATION_FAILED'],
      [problem({ lineIds: Array.from({ length: 51 }, (_, i) => i + 1) }), 400, 'VALIDATION_FAILED'],
      [problem({ enterpriseId: 1e30 }), 400, 'VALIDATION_FAILED'],
      [problem({ extra: 1 }), 400, 'VALIDATION_FAILED'],
      [problem({ description: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED'],
      [problem({ enterpriseId: entB }), 422, 'INVALID_FIELD'],
      [problem({ enterpriseId: entA, lineIds: [lineB] }), 422, 'INVALID_FIELD'],
      [problem({ dueOn: '2020-01-01' }), 422, 'INVALID_FIELD'],
      [problem({ territoryCode: '999999' }), 422, 'UNKNOWN_TERRITORY'],
      [problem({ territoryCode: '340200' }), 422, 'UNKNOWN_TERRITORY'],
      [problem({ territoryCode: '340208' }), 422, 'TERRITORY_NOT_CURRENT'],
    ];
    for (const [body, status, code] of cases) {
      const r = await office.post('/api/v1/problems', body);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)} → ${r.body}`).toBe(status);
      expect(r.json().code).toBe(code);
      expect(r.body).not.toMatch(/stack|at .*\.ts:\d+/);
    }
    expect((await office.get('/api/v1/problems/abc')).statusCode).toBe(400);
    expect((await office.post('/api/v1/problems/1/acts', { kind: 'explode' })).statusCode).toBe(400);
    const after = await t.db
      .selectFrom('problem_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('§3.1 problem lists in Excel: all-or-nothing import with a row-level report, export with names', () => {
  const good = (desc: string): unknown[] => [
    '镜湖区',
    '审计',
    '审计报告〔2020〕5号',
    '2020-08-01',
    desc,
    '一般',
    '',
    '镜湖清单钢铁有限公司',
    '镜湖区发改委',
    '李四',
    '限期整改',
    '2020/10/31',
  ];
  it('one bad row rejects the whole file and writes nothing', async () => {
    const before = Number(
      (
        await t.db
          .selectFrom('problem_item')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const buf = await workbook([good('能耗超限额未整改'), ['鸠江区', '谣言', '', '2020-08-01', '越权', '特大', '', '', '单位', '', '', 'soon']]);
    const r = await importFile(county, buf);
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.code).toBe('IMPORT_REJECTED');
    const cols = body.details.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(cols).toEqual(expect.arrayContaining(['3:属地', '3:问题来源', '3:问题等级', '3:整改时限']));
    expect(body.details.errors.every((e: { row: number }) => e.row === 3)).toBe(true);
    const after = Number(
      (
        await t.db
          .selectFrom('problem_item')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it('a good file lists every row once (dry run first); importing it again lists nothing twice; export carries names', async () => {
    const buf = await workbook([good('能耗超限额未整改'), good('环保设施未正常运行')]);
    const dry = await importFile(county, buf, true);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, created: 2, unchanged: 0 });
    const r = await importFile(county, buf);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, created: 2 });
    expect((await importFile(county, buf)).json()).toMatchObject({ created: 0, unchanged: 2 });
    const list = (await county.get('/api/v1/problems?q=%E8%83%BD%E8%80%97')).json();
    expect(list.items[0]).toMatchObject({ source: 'audit', level: 'general', enterpriseId: entA, dueOn: '2020-10-31' });

    const x = await county.request('GET', '/api/v1/problems/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    expect(ws.getRow(1).getCell(1).value).toBe('属地*');
    const first = ws.getRow(2).values as unknown[];
    expect(first).toEqual(expect.arrayContaining(['镜湖区', '镜湖区经信局']));
    expect(ws.rowCount).toBe(4);
    // the other county's export is empty
    const y = await other.request('GET', '/api/v1/problems/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(y.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('问题清单')!.rowCount).toBe(1);
  });

  it('a file that is not a workbook is refused as such', async () => {
    const r = await importFile(county, Buffer.from('not a workbook'));
    expect(r.statusCode).toBe(415);
  });
});

describe('§3.1 exit plan: draft → submitted → returned → submitted → filed → versioned; progress from accepted exits', () => {
  let planId: number;
  let version: number;
  const items = () => [
    { enterpriseId: entA, lineId: lineA1, method: 'technology', targetOn: '2020-09-30', workers: 30 },
    { enterpriseId: entA, lineId: lineA2, method: 'energy', targetOn: '2020-09-10', workers: 12 },
  ];
  it('a county drafts and submits its plan; another county sees nothing of it', async () => {
    const r = await county.post('/api/v1/exit-plans', { territoryCode: '340202', year: 2020, items: items() });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    planId = p.id;
    expect(p).toMatchObject({ state: 'draft', planVersion: 1, nextActor: 'territory', progress: { items: 2, workers: 42 } });
    expect(p.items.map((i: { progress: string }) => i.progress)).toEqual(['atRisk', 'late']);
    expect(p.items[0]).toMatchObject({ capacity: '100', capacityUnit: '万吨/年' });
    expect((await county.post('/api/v1/exit-plans', { territoryCode: '340202', year: 2020, items: [] })).statusCode).toBe(409);
    expect((await other.get(`/api/v1/exit-plans/${planId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'submit', version: 1 })).statusCode).toBe(404);
    expect((await county.post('/api/v1/exit-plans', { territoryCode: '340207', year: 2020, items: [] })).statusCode).toBe(403);
    const bad = await county.patch(`/api/v1/exit-plans/${planId}`, {
      version: p.version,
      items: [{ enterpriseId: entB, method: 'voluntary', targetOn: '2020-10-01', capacity: '1', capacityUnit: '万吨/年' }],
    });
    expect(bad.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'items/0/enterpriseId' } });
    const s = await county.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'submit', version: p.version });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ state: 'submitted', submittedOn: '2020-09-20', nextActor: 'office' });
    version = s.json().version;
  });

  it('the office returns it with comments; the county is told, edits and resubmits; the office files it', async () => {
    expect((await county.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'file', version, filingNo: 'x' })).statusCode).toBe(403);
    const noComment = await office.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'return', version });
    expect(noComment.json()).toMatchObject({ code: 'REASON_REQUIRED', details: { field: 'comments' } });
    const ret = await office.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'return', version, comments: '请补充职工安置人数' });
    expect(ret.json()).toMatchObject({ state: 'returned', returnComments: '请补充职工安置人数', nextActor: 'territory' });
    const n = (await county.get('/api/v1/notifications')).json();
    expect(n.items.some((x: { kind: string }) => x.kind === 'exitPlan.returned')).toBe(true);
    const stale = await county.patch(`/api/v1/exit-plans/${planId}`, { version, items: items() });
    expect(stale.statusCode).toBe(409);
    const edited = await county.patch(`/api/v1/exit-plans/${planId}`, {
      version: ret.json().version,
      items: items().map((i) => ({ ...i, workers: i.workers + 1 })),
    });
    expect(edited.json().progress.workers).toBe(44);
    const again = await county.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'submit', version: edited.json().version });
    const filed = await office.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'file', version: again.json().version, filingNo: '芜淘汰办备〔2020〕1号' });
    expect(filed.json()).toMatchObject({
      state: 'filed',
      filingNo: '芜淘汰办备〔2020〕1号',
      filedOn: '2020-09-20',
      nextActor: null,
      allowedActs: ['newVersion'],
    });
    expect((await county.patch(`/api/v1/exit-plans/${planId}`, { version: filed.json().version, items: items() })).json().code).toBe('WRONG_STATE');
    expect((await county.post('/api/v1/exit-plans', { territoryCode: '340202', year: 2020, items: items() })).statusCode).toBe(409);
  });

  it('progress is computed from the capacity ledger (accepted exits), never typed', async () => {
    // line A2 (target 2020-09-10) not exited by 2020-09-20: late; A1's exit is accepted (the ledger's one writer, at 'exited') on 2020-09-18: done
    await changeLineState(t.db, lineA1, 'exited', { onDate: '2020-09-18' });
    const p = (await county.get(`/api/v1/exit-plans/${planId}`)).json();
    expect(p.items.map((i: { progress: string }) => i.progress)).toEqual(['done', 'late']);
    expect(p.items[0]).toMatchObject({ exitedOn: '2020-09-18', exitedCapacity: '100' });
    expect(p.progress).toMatchObject({
      items: 2,
      done: 1,
      late: 1,
      completionDue: 0.5,
      byUnit: [{ unit: '万吨/年', planned: 150, exited: 100, share: 0.6667 }],
    });
  });

  it('a filed plan changes only by a new version with its reason; filing it supersedes the old one', async () => {
    const cur = (await county.get(`/api/v1/exit-plans/${planId}`)).json();
    const noReason = await county.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'newVersion', version: cur.version });
    expect(noReason.json().code).toBe('REASON_REQUIRED');
    const v2 = await county.post(`/api/v1/exit-plans/${planId}/acts`, { kind: 'newVersion', version: cur.version, reason: '新增一条生产线' });
    expect(v2.json()).toMatchObject({ state: 'draft', planVersion: 2, previousId: planId, changeReason: '新增一条生产线' });
    expect(v2.json().items).toHaveLength(2);
    const id2 = v2.json().id as number;
    const s = await county.post(`/api/v1/exit-plans/${id2}/acts`, { kind: 'submit', version: v2.json().version });
    await office.post(`/api/v1/exit-plans/${id2}/acts`, { kind: 'file', version: s.json().version, filingNo: '芜淘汰办备〔2020〕2号' });
    expect((await county.get(`/api/v1/exit-plans/${planId}`)).json().state).toBe('superseded');
    const x = await county.request('GET', '/api/v1/exit-plans/export.xlsx?year=2020');
    const wbx = new ExcelJS.Workbook();
    await wbx.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wbx.getWorksheet('退出计划')!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['镜湖区', '已备案', '镜湖清单钢铁有限公司', '技术', '按期完成']));
    const y = await other.request('GET', '/api/v1/exit-plans/export.xlsx');
    const wby = new ExcelJS.Workbook();
    await wby.xlsx.load(y.rawPayload as unknown as ArrayBuffer);
    expect(wby.getWorksheet('退出计划')!.rowCount).toBe(1);
    const list = (await office.get('/api/v1/exit-plans?territoryCode=340202')).json();
    expect(list.items.map((p: { planVersion: number; state: string }) => `${p.planVersion}:${p.state}`)).toEqual(['2:filed', '1:superseded']);
  });
});

describe("§3.3 supervision: the office's criteria at their boundaries; 约谈 with frozen figures and its notice", () => {
  it('indicators per territory; a county sees only its own row', async () => {
    const r = await office.get('/api/v1/supervision/indicators');
    expect(r.statusCode, r.body).toBe(200);
    const jinghu = r.json().items.find((x: { territoryCode: string }) => x.territoryCode === '340202');
    expect(jinghu).toMatchObject({
      planItems: 2,
      latePlanItems: 1,
      planCompletion: 0.5,
      openProblems: 3,
      overdueProblems: 0,
      lastProgressOn: '2020-09-18',
      daysSinceProgress: 2,
    });
    expect(jinghu.hits.map((h: { criterion: string }) => h.criterion)).toEqual(['planCompletion', 'latePlanItems', 'oldOpenItems']);
    expect(r.json().criteria.basisId).toBe('phaseout-local-default');
    const mine = (await county.get('/api/v1/supervision/indicators')).json();
    expect(mine.items.map((x: { territoryCode: string }) => x.territoryCode)).toEqual(['340202']);
  });

  it('overdue problems: 2 below the threshold of 3, 3 at it (≥); completion at the threshold is not slow (<)', async () => {
    const v = await office.post('/api/v1/supervision/criteria', {
      validFrom: '2020-09-20',
      note: '办公室调整：只看逾期问题',
      thresholds: {
        planCompletionBelow: 0.5,
        latePlanItemsAtLeast: 100,
        overdueCasesAtLeast: 100,
        overdueProblemsAtLeast: 3,
        daysSinceProgressAtLeast: 100,
        oldOpenItemDays: 365,
        oldOpenItemsAtLeast: 100,
        atRiskDays: 30,
      },
    });
    expect(v.statusCode, v.body).toBe(201);
    expect((await county.post('/api/v1/supervision/criteria', { validFrom: '2020-09-21', note: 'x', thresholds: v.json().thresholds })).statusCode).toBe(403);
    const past = await office.post('/api/v1/supervision/criteria', { validFrom: '2020-01-02', note: 'x', thresholds: v.json().thresholds });
    expect(past.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'validFrom' } });
    const huge = await office.post('/api/v1/supervision/criteria', {
      validFrom: '2020-09-21',
      note: 'x',
      thresholds: { ...v.json().thresholds, overdueCasesAtLeast: 1e300 },
    });
    expect(huge.statusCode).toBe(400);

    const nanling = async () =>
      (await office.get('/api/v1/supervision/indicators')).json().items.find((x: { territoryCode: string }) => x.territoryCode === '340207');
    for (let i = 0; i < 2; i++)
      expect(
        (
          await office.post(
            '/api/v1/problems',
            problem({ territoryCode: '340207', description: `逾期问题${i}`, responsibleUnit: '鸠江区', foundOn: '2020-07-01', dueOn: '2020-08-31' }),
          )
        ).statusCode,
      ).toBe(201);
    let row = await nanling();
    expect(row).toMatchObject({ overdueProblems: 2, slow: false, hits: [] });
    await office.post(
      '/api/v1/problems',
      problem({ territoryCode: '340207', description: '逾期问题2', responsibleUnit: '鸠江区', foundOn: '2020-07-01', dueOn: '2020-08-31' }),
    );
    row = await nanling();
    expect(row).toMatchObject({ overdueProblems: 3, slow: true, hits: [{ criterion: 'overdueProblems', value: 3, threshold: 3 }] });
    const jinghu = (await office.get('/api/v1/supervision/indicators')).json().items.find((x: { territoryCode: string }) => x.territoryCode === '340202');
    expect(jinghu).toMatchObject({ planCompletion: 0.5, slow: false });
    const x = await office.request('GET', '/api/v1/supervision/indicators.xlsx');
    const wbx = new ExcelJS.Workbook();
    await wbx.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const jj = wbx
      .getWorksheet('督导指标')!
      .getRows(2, 20)!
      .find((r) => r.getCell(1).value === '鸠江区')!;
    expect(jj.getCell(14).value).toBe('是');
    expect(String(jj.getCell(15).value)).toContain('逾期未销号问题为 3');
    const slowOnly = (await office.get('/api/v1/supervision/indicators?slowOnly=true')).json();
    expect(slowOnly.items.map((x: { territoryCode: string }) => x.territoryCode)).toEqual(['340207']);
  });

  it('the office records a summons talk: figures frozen, 发文字号 allocated, the county notified, the notice generated', async () => {
    const r = await office.post('/api/v1/supervision/actions', {
      kind: 'summons',
      territoryCode: '340207',
      reason: '问题整改逾期',
      heldOn: '2020-09-25',
      place: '市经信局三楼会议室',
      attendees: '鸠江区分管副区长、区经信局局长',
      summary: '',
      commitments: [{ text: '10月底前完成全部逾期问题销号', dueOn: '2020-10-31' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({
      kind: 'summons',
      docNo: '芜淘汰办约〔2020〕1号',
      territoryName: '鸠江区',
      indicators: { overdueProblems: 3 },
      hits: [{ criterion: 'overdueProblems' }],
      summary: null,
    });
    // later changes do not move the frozen figures
    await office.post(
      '/api/v1/problems',
      problem({ territoryCode: '340207', description: '逾期问题3', responsibleUnit: '鸠江区', foundOn: '2020-07-01', dueOn: '2020-08-31' }),
    );
    expect((await office.get(`/api/v1/supervision/actions/${a.id}`)).json().indicators.overdueProblems).toBe(3);
    const second = await office.post('/api/v1/supervision/actions', { kind: 'summons', territoryCode: '340207', reason: '再次约谈', heldOn: '2020-09-26' });
    expect(second.json().docNo).toBe('芜淘汰办约〔2020〕2号');
    const crit = await office.post('/api/v1/supervision/actions', { kind: 'criticism', territoryCode: '340207', reason: '进展缓慢', heldOn: '2020-09-20' });
    expect(crit.json().docNo).toBe('芜淘汰办通〔2020〕1号');

    const doc = await other.request('GET', `/api/v1/supervision/actions/${a.id}/document.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(doc.headers['content-disposition']).toContain(encodeURIComponent('芜淘汰办约〔2020〕1号'));
    // issued through the document service: numbered, kept as evidence, saying the frozen figures and the criterion met
    const text = docxParagraphs(doc.rawPayload).join('\n');
    expect(text).toContain('芜淘汰办约〔2020〕1号');
    expect(text).toContain('关于约谈鸠江区负责同志的通知');
    expect(text).toContain('其中逾期 3 个');
    expect(text).toContain('逾期未销号问题为 3（市淘汰落后产能工作领导小组办公室设定的标准：达到 3）');
    const stored = await t.db
      .selectFrom('document')
      .select(['number', 'entity_type', 'entity_id', 'territory_code'])
      .where('number', '=', a.docNo)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ number: '芜淘汰办约〔2020〕1号', entity_type: 'supervision-action', entity_id: String(a.id), territory_code: '340207' });
    const fu = await office.post(`/api/v1/supervision/actions/${a.id}/follow-ups`, { on: '2020-09-20', note: '已销号2个' });
    expect(fu.json().followUps).toEqual([{ on: '2020-09-20', note: '已销号2个', by: 'office' }]);
    expect((await other.post(`/api/v1/supervision/actions/${a.id}/follow-ups`, { on: '2020-09-20', note: 'x' })).statusCode).toBe(403);

    const told = (await other.get('/api/v1/notifications')).json();
    expect(told.items.some((n: { kind: string; title: string }) => n.kind === 'supervision.summons' && n.title.includes('芜淘汰办约〔2020〕1号'))).toBe(true);
    expect((await other.get('/api/v1/supervision/actions')).json().total).toBe(3);
    expect((await county.get('/api/v1/supervision/actions')).json().total).toBe(0);
    expect((await county.get(`/api/v1/supervision/actions/${a.id}`)).statusCode).toBe(404);
    expect((await county.request('GET', `/api/v1/supervision/actions/${a.id}/document.docx`)).statusCode).toBe(404);
    const bad = await office.post('/api/v1/supervision/actions', {
      kind: 'summons',
      territoryCode: '340207',
      reason: 'x',
      heldOn: '2020-09-25',
      commitments: [{ text: ' ', dueOn: '2020-10-01' }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('the audit trail verifies after all of it', async () => {
    const v = await verifyAudit(t.db);
    expect(v.ok).toBe(true);
  });
});

describe('item 4: reminders of items nearing their due date (notification.leadDays, a local default: 30 / 7 / 1 days)', () => {
  it('notifies the territory once per lead, only the nearest lead, never for a closed item or an exited line', async () => {
    const soon = await office.post(
      '/api/v1/problems',
      problem({ territoryCode: '340207', description: '临期问题', responsibleUnit: '鸠江区', foundOn: '2020-09-01', dueOn: '2020-09-27' }),
    );
    expect(soon.statusCode, soon.body).toBe(201);
    const plan = await office.post('/api/v1/exit-plans', {
      territoryCode: '340207',
      year: 2020,
      items: [{ enterpriseId: entB, lineId: lineB, method: 'energy', targetOn: '2020-09-21' }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const s = await office.post(`/api/v1/exit-plans/${plan.json().id}/acts`, { kind: 'submit', version: plan.json().version });
    await office.post(`/api/v1/exit-plans/${plan.json().id}/acts`, { kind: 'file', version: s.json().version, filingNo: '芜淘汰办备〔2020〕3号' });

    const first = await remindProgrammeDue(t.db, { actor: SYSTEM_ACTOR, now: t.clock.now, asOf: '2020-09-20' });
    expect(first).toEqual({ sent: 2 });
    const told = (await other.get('/api/v1/notifications?limit=50')).json().items as Array<{ kind: string; title: string }>;
    expect(told.filter((n) => n.kind === 'problem.due').map((n) => n.title)).toEqual(['问题整改将于2020-09-27到期（剩7天）：临期问题']);
    expect(told.filter((n) => n.kind === 'exitPlan.due').map((n) => n.title)).toEqual([
      expect.stringMatching(/^退出计划项将于2020-09-21到期（剩1天）：鸠江清单钢铁有限公司/),
    ]);
    expect(await remindProgrammeDue(t.db, { actor: SYSTEM_ACTOR, now: t.clock.now, asOf: '2020-09-20' })).toEqual({ sent: 0 });
    // the line exits: its item is not reminded at the next lead; the problem gets its 1-day reminder
    await changeLineState(t.db, lineB, 'exited', { onDate: '2020-09-20' });
    expect(await remindProgrammeDue(t.db, { actor: SYSTEM_ACTOR, now: t.clock.now, asOf: '2020-09-26' })).toEqual({ sent: 1 });
    const audit = await t.db.selectFrom('audit_log').select('act').where('act', '=', 'programme.remind').execute();
    expect(audit).toHaveLength(2);
  });
});
