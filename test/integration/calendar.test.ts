/**
 * The holiday calendar kept as data (issue 10 item 9) through HTTP and the CLI, on a real PostgreSQL: the vendored
 * years (2019 included) are in the database; a new year is checked, audited and in force at once (no unknown-year
 * warning right after, with the server running); bad data is refused with coded field errors and writes nothing; a
 * correction is a new version with its reason and lists the deadlines computed on the old version for review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let t: TestApp;
const BIN = path.resolve('bin/phaseout');

/** Test data for 2027 (not the real notice): a one-day New Year block and a 3-day spring block with one Sunday worked. */
const Y2027 = {
  year: 2027,
  restDays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'],
  workDays: ['2027-02-14'],
  notice: { number: '国办发明电〔2026〕99号（测试数据）', date: '2026-11-20', url: 'https://www.gov.cn/zhengce/content/test-2027.htm' },
};

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-29T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('holiday calendar as data (issue 10 item 9; 民法典 art. 203, 行政强制法 art. 69)', () => {
  it('the vendored years 2019–2026 are loaded as version 1; 2019 is there (cases of 2020 reach back into it)', async () => {
    const r = await t.anon.get('/api/v1/calendar/years');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((y: { year: number }) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(r.json().items[0]).toMatchObject({ year: 2019, version: 1, workDays: 6 });
    // 2019-10-07 (last day of the National Day block, a Monday) rolls a deadline to 10-08 (民法总则 art. 203)
    const d = (await t.anon.get('/api/v1/calendar/deadline?from=2019-09-07&months=1')).json();
    expect(d).toMatchObject({ due: '2019-10-08', warnings: [] });
    expect(d.calendar).toEqual([{ year: 2019, version: 1 }]);
    const search = (await t.anon.get('/api/v1/calendar/years?q=2019')).json();
    expect(search.items.map((y: { year: number }) => y.year)).toEqual([2019, 2020]); // 2020's notice is 国办发明电〔2019〕16号
  });

  it('bad data is refused with coded field errors (zh/en) and writes nothing; only the office may load', async () => {
    const office = await t.as('office');
    const before = (await t.db.selectFrom('holiday_calendar').select('id').execute()).length;
    const audits = (await t.db.selectFrom('audit_log').select('id').where('act', 'like', 'calendar.%').execute()).length;
    const bad = await office.post('/api/v1/calendar/years', {
      ...Y2027,
      restDays: ['2027-01-01', '2026-12-31', '2027-02-14'],
      workDays: ['2027-02-14', '2027-02-10'],
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().code).toBe('INVALID_CALENDAR');
    const fields = bad.json().details.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['restDays/1', 'workDays/0', 'workDays/1']));
    expect(bad.json().details.errors[0]).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    const noNotice = await office.post('/api/v1/calendar/years', { ...Y2027, notice: { number: ' ', date: '2026-11-20', url: 'ftp://x' } });
    expect(noNotice.statusCode).toBe(400);
    const hostile = await office.post('/api/v1/calendar/years', { ...Y2027, year: 2027.5, restDays: ['2027-02-30\u0000'] });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.json().code).toBe('VALIDATION_FAILED');
    expect((await (await t.as('t-340202')).post('/api/v1/calendar/years', Y2027)).statusCode).toBe(403);
    expect((await t.anon.post('/api/v1/calendar/years', Y2027)).statusCode).toBe(401);
    expect((await t.db.selectFrom('holiday_calendar').select('id').execute()).length).toBe(before);
    expect((await t.db.selectFrom('audit_log').select('id').where('act', 'like', 'calendar.%').execute()).length).toBe(audits);
  });

  it('`phaseout calendar import FILE` loads 2027 into the database of the running server: the next deadline in 2027 has no unknown-year warning', async () => {
    const warned = (await t.anon.get('/api/v1/calendar/deadline?from=2027-01-06&months=1')).json();
    expect(warned.warnings.map((w: { code: string; year: number }) => [w.code, w.year])).toEqual([['CALENDAR_YEAR_UNKNOWN', 2027]]);
    expect(warned.due).toBe('2027-02-08'); // a Monday: only weekends known

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-cal-'));
    const file = path.join(dir, '2027.json');
    fs.writeFileSync(file, JSON.stringify(Y2027));
    const c = t.database.connection as { host?: string; port?: number; user?: string; password?: string; database?: string; connectionString?: string };
    const url =
      c.connectionString ??
      `postgres://${encodeURIComponent(c.user ?? 'postgres')}:${encodeURIComponent(String(c.password ?? ''))}@${c.host ?? '127.0.0.1'}:${c.port ?? 5432}/${c.database}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, PHASEOUT_DEMO: '0', PHASEOUT_DATA_DIR: dir, LOG_LEVEL: 'warn' };
    const r = spawnSync(process.execPath, [BIN, 'calendar', 'import', file, '--json'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ year: 2027, version: 1, deadlinesToReview: [] });

    // the same running app, no restart: 2027-02-06..08 are rest days now → 02-09
    const after = (await t.anon.get('/api/v1/calendar/deadline?from=2027-01-06&months=1')).json();
    expect(after).toMatchObject({ due: '2027-02-09', warnings: [], calendar: [{ year: 2027, version: 1 }] });
    const list = (await t.anon.get('/api/v1/calendar/years')).json();
    expect(list.items.at(-1)).toMatchObject({ year: 2027, version: 1, restDays: 4, workDays: 1, noticeNo: Y2027.notice.number, noticeDate: '2026-11-20' });
    const audit = await t.db.selectFrom('audit_log').select(['act', 'entity_id']).where('act', '=', 'calendar.import').execute();
    expect(audit).toEqual([{ act: 'calendar.import', entity_id: '2027' }]);
  });

  it('a correction is a new version with its reason; deadlines computed on the old version are listed for review, recomputed', async () => {
    // an energy case whose 6-month period ends in 2027, computed on 2027 v1
    const ent = await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200CAL0000001', name: '日历测试企业', territory_code: '340207', industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const drc = await t.as('d-drc');
    const opened = await drc.post('/api/v1/cases', {
      enterpriseId: ent.id,
      dimension: 'energy',
      finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' },
      openedOn: '2026-08-08',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    const served = await drc.post(`/api/v1/cases/${id}/acts`, { kind: 'serveRectificationOrder', date: '2026-08-08' });
    expect(served.statusCode, served.body).toBe(201);
    expect(served.json().dueOn).toBe('2027-02-09'); // 2027-02-08 + the 2027 rest days 02-06..08 → 02-09
    const row = await t.db.selectFrom('case_act').select('due_detail').where('case_id', '=', id).executeTakeFirstOrThrow();
    expect((row.due_detail as { calendar: unknown }).calendar).toEqual([{ year: 2027, version: 1 }]);

    const office = await t.as('office');
    const noReason = await office.post('/api/v1/calendar/years', { ...Y2027, restDays: [...Y2027.restDays, '2027-02-09'] });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().details.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const same = await office.post('/api/v1/calendar/years', { ...Y2027, reason: '复核' });
    expect(same.statusCode).toBe(422);

    const fix = await office.post('/api/v1/calendar/years', { ...Y2027, restDays: [...Y2027.restDays, '2027-02-09'], reason: '国务院通知更正：2月9日补休' });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ year: 2027, version: 2, changedDays: ['2027-02-09'] });
    expect(fix.json().deadlinesToReview).toEqual([
      expect.objectContaining({
        caseId: id,
        kind: 'serveRectificationOrder',
        dueOn: '2027-02-09',
        calendarVersion: 1,
        recomputedDue: '2027-02-10',
        changed: true,
        closed: false,
      }),
    ]);
    // the deadline already decided is not silently rewritten
    expect((await drc.get(`/api/v1/cases/${id}`)).json().dueOn).toBe('2027-02-09');
    const detail = (await t.anon.get('/api/v1/calendar/years/2027')).json();
    expect(detail.versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [2, '国务院通知更正：2月9日补休'],
      [1, null],
    ]);
    expect((await t.anon.get('/api/v1/calendar/years/2031')).statusCode).toBe(404);
    expect((await t.anon.get('/api/v1/calendar/deadline?from=2027-01-06&months=1')).json()).toMatchObject({
      due: '2027-02-10',
      calendar: [{ year: 2027, version: 2 }],
    });
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
