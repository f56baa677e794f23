/**
 * The programme's lists, round two (issue 13): text search on the exit-plan list (§3.1 备案: territory name, filing
 * number, an enterprise in the plan) and on the 通报 / 约谈 list (§3.3: territory name, notice number, reason, place),
 * each with its .xlsx export of the filtered list (names, not codes); the due-date reminders as a job of the jobs
 * home (one lock, a job_run record, nothing sent twice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { JOBS, jobNamed, runJob } from '../../server/jobs/index.ts';
import { makeEnterprise, makeLine } from '../support/factories.ts';

let t: TestApp;
let office: Client;
let county: Client;
let other: Client;
let seq = 0;

/** An enterprise whose credit code starts 91340200SRCH (the search by a code finds every plan of this file), with a line. */
async function enterpriseWithLine(territoryCode: string, name: string): Promise<{ id: number; lineId: number }> {
  const e = await makeEnterprise(t.db, { territoryCode, name, creditCode: `91340200SRCH${String(++seq).padStart(6, '0')}` });
  return { id: e.id, lineId: await makeLine(t.db, e, { kind: 'converter', name: `转炉${seq}`, capacity: '60' }) };
}
async function filedPlan(c: Client, territoryCode: string, enterpriseId: number, lineId: number, filingNo: string, targetOn = '2020-12-31') {
  const p = await c.post('/api/v1/exit-plans', { territoryCode, year: 2020, items: [{ enterpriseId, lineId, method: 'technology', targetOn, workers: 12 }] });
  expect(p.statusCode, p.body).toBe(201);
  const s = await c.post(`/api/v1/exit-plans/${p.json().id}/acts`, { kind: 'submit', version: p.json().version });
  expect(s.statusCode, s.body).toBe(200);
  const f = await office.post(`/api/v1/exit-plans/${p.json().id}/acts`, { kind: 'file', version: s.json().version, filingNo });
  expect(f.statusCode, f.body).toBe(200);
  return f.json().id as number;
}
async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  office = await t.as('office');
  county = await t.as('t-340202');
  other = await t.as('t-340207');
  const a = await enterpriseWithLine('340202', '镜湖检索钢铁有限公司');
  const b = await enterpriseWithLine('340207', '鸠江检索水泥有限公司');
  await filedPlan(county, '340202', a.id, a.lineId, '芜淘汰办备〔2020〕11号');
  await filedPlan(other, '340207', b.id, b.lineId, '芜淘汰办备〔2020〕12号');
  for (const [territoryCode, kind, reason, place] of [
    ['340202', 'summons', '逾期问题较多', '市经信局三楼会议室'],
    ['340207', 'criticism', '退出计划进展缓慢', null],
    ['340207', 'summons', '案件逾期未办结', '鸠江区政府'],
  ] as const) {
    const r = await office.post('/api/v1/supervision/actions', { kind, territoryCode, reason, heldOn: '2020-09-14', ...(place ? { place } : {}) });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('§3.1 exit-plan list: text search and the export of the filtered list', () => {
  it('finds plans by territory name, filing number, enterprise name or credit code; LIKE wildcards are taken literally', async () => {
    const names = async (q: string, c = office) => {
      const r = await c.get(`/api/v1/exit-plans?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as Array<{ territoryName: string }>).map((p) => p.territoryName).sort();
    };
    expect(await names('鸠江')).toEqual(['鸠江区']);
    expect(await names('〔2020〕11号')).toEqual(['镜湖区']);
    expect(await names('检索水泥')).toEqual(['鸠江区']);
    expect(await names('91340200SRCH')).toEqual(['镜湖区', '鸠江区']);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
    // scope holds under search: the county finds nothing of another territory
    expect(await names('鸠江', county)).toEqual([]);
    expect(await names('检索', county)).toEqual(['镜湖区']);
  });

  it('exports the filtered list with names, not codes', async () => {
    const r = await office.request('GET', `/api/v1/exit-plans/export.xlsx?q=${encodeURIComponent('水泥')}`);
    expect(r.statusCode).toBe(200);
    const rows = await sheetRows(r.rawPayload);
    expect(rows[0]).toContain('属地');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(expect.arrayContaining(['鸠江区', '已备案', '芜淘汰办备〔2020〕12号', '鸠江检索水泥有限公司', '技术']));
  });

  it('refuses a hostile search with a coded 400 naming the field', async () => {
    const long = await office.get(`/api/v1/exit-plans?q=${'x'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('q');
    expect((await office.get('/api/v1/exit-plans?q=')).statusCode).toBe(400);
    expect((await office.request('GET', `/api/v1/exit-plans/export.xlsx?q=${'x'.repeat(101)}`)).statusCode).toBe(400);
  });
});

describe('§3.3 通报 / 约谈 list: text search and the export of the filtered list', () => {
  it('finds records by territory name, notice number, reason or place, within scope', async () => {
    const found = async (q: string, c = office) => {
      const r = await c.get(`/api/v1/supervision/actions?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as Array<{ reason: string }>).map((a) => a.reason).sort();
    };
    expect(await found('鸠江区')).toEqual(['案件逾期未办结', '退出计划进展缓慢']);
    expect(await found('芜淘汰办通')).toEqual(['退出计划进展缓慢']);
    expect(await found('约〔2020〕1号')).toEqual(['逾期问题较多']);
    expect(await found('会议室')).toEqual(['逾期问题较多']);
    expect(await found('逾期')).toEqual(['案件逾期未办结', '逾期问题较多']);
    expect(await found('逾期', other)).toEqual(['案件逾期未办结']);
    expect(await found('%')).toEqual([]);
    const kindAndText = await office.get(`/api/v1/supervision/actions?kind=summons&q=${encodeURIComponent('鸠江')}`);
    expect(kindAndText.json()).toMatchObject({ total: 1, items: [{ reason: '案件逾期未办结' }] });
  });

  it('exports the filtered records with names and words: kind in Chinese, territory by name, notice number, criteria met', async () => {
    const r = await office.request('GET', `/api/v1/supervision/actions/export.xlsx?q=${encodeURIComponent('鸠江')}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('通报约谈'));
    const rows = await sheetRows(r.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['类型', '属地', '发文字号', '日期']);
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((x) => x.slice(0, 3))).toEqual([
      ['约谈', '鸠江区', '芜淘汰办约〔2020〕2号'],
      ['通报', '鸠江区', '芜淘汰办通〔2020〕1号'],
    ]);
    expect(rows.flat().join('')).not.toContain('340207');
    // the county's export holds its own records only
    const mine = await sheetRows((await county.request('GET', '/api/v1/supervision/actions/export.xlsx')).rawPayload);
    expect(mine.slice(1).map((x) => x[1])).toEqual(['镜湖区']);
    expect((await office.request('GET', '/api/v1/supervision/actions/export.xlsx?kind=meeting')).statusCode).toBe(400);
    expect((await t.anon.request('GET', '/api/v1/supervision/actions/export.xlsx')).statusCode).toBe(401);
  });
});

describe('item 4: the due-date reminders run as a job of the jobs home', () => {
  it('is registered once with its schedule; two runs record two job_run rows and notify once', async () => {
    const job = jobNamed('programme-reminders')!;
    expect(job).toBeDefined();
    expect(JOBS.filter((j) => j.name === 'programme-reminders')).toHaveLength(1);
    expect(job.everyMs).toBe(10 * 60 * 1000);
    const p = await office.post('/api/v1/problems', {
      territoryCode: '340202',
      source: 'audit',
      foundOn: '2020-09-01',
      description: '审计发现的临期问题',
      level: 'general',
      responsibleUnit: '镜湖区经信局',
      dueOn: '2020-09-22',
    });
    expect(p.statusCode, p.body).toBe(201);
    const clock = () => t.clock.now;
    const first = await runJob(t.db, job, { clock, trigger: 'test' });
    expect(first).toMatchObject({ outcome: 'ok', summary: { asOf: '2020-09-15', sent: 1 } });
    const second = await runJob(t.db, job, { clock, trigger: 'test' });
    expect(second).toMatchObject({ outcome: 'ok', summary: { sent: 0 } });
    const runs = await t.db.selectFrom('job_run').select(['job', 'outcome']).where('job', '=', 'programme-reminders').execute();
    expect(runs).toHaveLength(2);
    const told = (await county.get('/api/v1/notifications?limit=50')).json().items as Array<{ kind: string; title: string }>;
    expect(told.filter((n) => n.kind === 'problem.due').map((n) => n.title)).toEqual(['问题整改将于2020-09-22到期（剩7天）：审计发现的临期问题']);
    // the office sees it among the jobs
    const jobs = (await office.get('/api/v1/jobs')).json().items as Array<{ name: string; lastRun: { outcome: string } | null }>;
    expect(jobs.find((j) => j.name === 'programme-reminders')).toMatchObject({ lastRun: { outcome: 'ok' } });
  });
});
