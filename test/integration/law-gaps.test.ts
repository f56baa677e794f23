/**
 * The law, kept faithful — round two (issue 10): the warning for a period counted under a basis not yet in force, the
 * CLI deadline reading the calendar from the database, the calendar year's .xlsx export, the unverified notice URLs
 * as data, and every parameter's basis containing its value. Real PostgreSQL, HTTP through the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { loadExcel } from '../../server/modules/registry-io/index.ts';

let t: TestApp;
const BIN = path.resolve('bin/phaseout');

/** Test data for 2027 (not the real notice). */
const Y2027 = {
  year: 2027,
  restDays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'],
  workDays: ['2027-02-14'],
  notice: { number: '国办发明电〔2026〕99号（测试数据）', date: '2026-11-20', url: 'https://www.gov.cn/zhengce/content/test-2027.htm' },
};

/** `bin/phaseout ARGS` against the test database (DATABASE_URL), in a throwaway data dir. */
function cli(args: string[]) {
  const c = t.database.connection as { host?: string; port?: number; user?: string; password?: string; database?: string; connectionString?: string };
  const url =
    c.connectionString ??
    `postgres://${encodeURIComponent(c.user ?? 'postgres')}:${encodeURIComponent(String(c.password ?? ''))}@${c.host ?? '127.0.0.1'}:${c.port ?? 5432}/${c.database}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-law-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, PHASEOUT_DEMO: '0', PHASEOUT_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

async function workbook(body: Buffer) {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-29T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('a period counted under a basis not yet in force (issue 10 item 2; 行政处罚法 art. 85 from 2021-07-15)', () => {
  it('GET /calendar/deadline: 5 working days under art. 85 from 2020-03-02 answers with BASIS_NOT_IN_FORCE naming the basis and its date', async () => {
    const r = await t.anon.get('/api/v1/calendar/deadline?from=2020-03-02&workingDays=5&workingDaysBasis=admin-penalty-law-art-85');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().warnings).toEqual([
      expect.objectContaining({ code: 'BASIS_NOT_IN_FORCE', basisId: 'admin-penalty-law-art-85', effectiveFrom: '2021-07-15', from: '2020-03-02' }),
    ]);
    expect(r.json().warnings[0].zh).toContain('2021-07-15');
    // 行政强制法 art. 69 on the same day, and art. 85 once in force: no warning
    expect((await t.anon.get('/api/v1/calendar/deadline?from=2020-03-02&workingDays=5')).json().warnings).toEqual([]);
    expect((await t.anon.get('/api/v1/calendar/deadline?from=2021-07-15&workingDays=5&workingDaysBasis=admin-penalty-law-art-85')).json().warnings).toEqual([]);
  });
});

describe('`phaseout deadline` reads the calendar from the database (issue 10 item 9)', () => {
  it('before 2027 is loaded it warns CALENDAR_YEAR_UNKNOWN; right after `calendar import` (no restart) it answers on the loaded year', async () => {
    const before = cli(['deadline', '--from', '2027-01-06', '--months', '1', '--json']);
    expect(before.status, `${before.stdout}${before.stderr}`).toBe(0);
    const b = JSON.parse(before.stdout);
    expect(b).toMatchObject({ due: '2027-02-08', calendarSource: 'database' });
    expect(b.warnings.map((w: { code: string }) => w.code)).toEqual(['CALENDAR_YEAR_UNKNOWN']);

    const office = await t.as('office');
    expect((await office.post('/api/v1/calendar/years', Y2027)).statusCode).toBe(201);
    const after = cli(['deadline', '--from', '2027-01-06', '--months', '1', '--json']);
    expect(after.status, `${after.stdout}${after.stderr}`).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ due: '2027-02-09', warnings: [], calendar: [{ year: 2027, version: 1 }], calendarSource: 'database' });
    const text = cli(['deadline', '--from', '2027-01-06', '--months', '1']);
    expect(text.stdout).toContain('calendar: database');
    // bad input is refused before any connection, with its code
    const bad = cli(['deadline', '--from', '2027-02-30', '--months', '1', '--json']);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).code).toBe('INVALID_PERIOD');
  });
});

describe('the calendar year as .xlsx (issue 10 item 9: names not codes, Chinese headings, English on request)', () => {
  it('2020: every day with its weekday and kind in words; the notice sheet; lang=en in English', async () => {
    const r = await t.anon.get('/api/v1/calendar/years/2020/export.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('节假日安排-2020年'));
    const wb = await workbook(r.rawPayload);
    const days = wb.worksheets[0]!;
    expect(days.getRow(1).values).toEqual([undefined, '日期', '星期', '类别', '是否休息']);
    expect(days.rowCount).toBe(1 + 366); // 2020 is a leap year
    const row = (date: string) => {
      let found: unknown[] | undefined;
      days.eachRow((r) => {
        if (r.getCell(1).value === date) found = (r.values as unknown[]).slice(1);
      });
      return found;
    };
    expect(row('2020-01-24')).toEqual(['2020-01-24', '星期五', '法定节假日（放假）', '休息']);
    expect(row('2020-01-19')).toEqual(['2020-01-19', '星期日', '调休上班日', '上班']);
    expect(row('2020-02-03')).toEqual(['2020-02-03', '星期一', '工作日', '上班']); // work resumed after the extended Spring Festival
    expect(row('2020-03-07')).toEqual(['2020-03-07', '星期六', '休息日（周末）', '休息']);
    const notice = wb.worksheets[1]!;
    expect(notice.getRow(4).values).toEqual([undefined, '通知文号', expect.stringContaining('国办发明电〔2019〕16号')]);

    const en = await t.anon.get('/api/v1/calendar/years/2020/export.xlsx?lang=en');
    expect(en.statusCode).toBe(200);
    const ew = await workbook(en.rawPayload);
    expect(ew.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Date', 'Weekday', 'Kind', 'Rest day']);
    expect(ew.worksheets[0]!.getRow(25).values).toEqual([undefined, '2020-01-24', 'Friday', 'Statutory holiday (rest)', 'rest']);
  });

  it('bad input is a coded 400 naming the field; a year or version not loaded is 404', async () => {
    for (const [url, field] of [
      ['/api/v1/calendar/years/abc/export.xlsx', 'year'],
      ['/api/v1/calendar/years/2020/export.xlsx?lang=fr', 'lang'],
      ['/api/v1/calendar/years/2020/export.xlsx?version=0', 'version'],
      ['/api/v1/calendar/years/99999999999/export.xlsx', 'year'],
    ] as const) {
      const r = await t.anon.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json().details)).toContain(field);
    }
    expect((await t.anon.get('/api/v1/calendar/years/2031/export.xlsx')).statusCode).toBe(404);
    expect((await t.anon.get('/api/v1/calendar/years/2020/export.xlsx?version=9')).statusCode).toBe(404);
  });
});

describe('the 2019 notices are UNVERIFIED data, not presented as checked (facts-cn.md lists no 2019 notice)', () => {
  it('the years list and the export mark 2019 noticeNo/noticeUrl unverified; the office corrects the notice alone as a new version', async () => {
    const list = (await t.anon.get('/api/v1/calendar/years')).json();
    const y = (n: number) => list.items.find((i: { year: number }) => i.year === n);
    expect(y(2019).unverified).toEqual(['noticeNo', 'noticeUrl']);
    expect(y(2020).unverified).toEqual([]);
    const x = await workbook((await t.anon.get('/api/v1/calendar/years/2019/export.xlsx')).rawPayload);
    expect(String(x.worksheets[1]!.getRow(4).getCell(2).value)).toContain('（未核实）');
    expect(String(x.worksheets[1]!.getRow(6).getCell(2).value)).toContain('（未核实）');

    const detail = (await t.anon.get('/api/v1/calendar/years/2019')).json();
    const v1 = detail.versions[0];
    const office = await t.as('office');
    const fix = await office.post('/api/v1/calendar/years', {
      year: 2019,
      restDays: v1.restDays,
      workDays: v1.workDays,
      notice: { number: '国办发明电〔2018〕15号', date: '2018-12-06', url: 'https://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm' },
      reason: '已与国务院办公厅通知原文核对（测试）',
    });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ year: 2019, version: 2, changedDays: [] });
    const after = (await t.anon.get('/api/v1/calendar/years?q=2019')).json().items.find((i: { year: number }) => i.year === 2019);
    expect(after).toMatchObject({ version: 2, unverified: [], noticeDate: '2018-12-06' });
    // the same notice and days again: nothing to correct
    const same = await office.post('/api/v1/calendar/years', {
      year: 2019,
      restDays: v1.restDays,
      workDays: v1.workDays,
      notice: { number: '国办发明电〔2018〕15号', date: '2018-12-06', url: 'https://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm' },
      reason: '再次',
    });
    expect(same.statusCode).toBe(422);
  });
});

describe('every parameter cites a basis that truly contains its value (GET /law/parameters)', () => {
  /** what the plan's text says for each value it is cited for (shared/seed: 方案 §2.1, §3.4) */
  const PLAN_QUOTES: Record<string, string> = {
    'energy.rectificationPeriod': '在6个月内整改',
    'energy.extensionMaxMonths': '不超过3个月',
    'report.annualDeadline': '2021年1月15日前',
  };
  it("§2.1/§3.4: plan-cited values quote the plan; the 2020 plan's one report date is not cited for later years (local choice)", async () => {
    for (const asOf of ['2020-06-01', '2021-06-01', '2025-06-01']) {
      const items = (await t.anon.get(`/api/v1/law/parameters?asOf=${asOf}`)).json().items as Array<{
        name: string;
        basisId: string;
        basisKind: string;
        note?: string;
      }>;
      for (const p of items.filter((x) => x.basisKind === 'plan')) {
        expect(PLAN_QUOTES[p.name], `${asOf} ${p.name} cites the plan`).toBeDefined();
        expect(p.note, `${asOf} ${p.name}`).toContain(PLAN_QUOTES[p.name]);
      }
      const report = items.find((x) => x.name === 'report.annualDeadline')!;
      expect([asOf, report.basisKind]).toEqual([asOf, asOf < '2021-01-01' ? 'plan' : 'local']);
    }
  });
});
