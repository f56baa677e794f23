/**
 * Issue #19, items 4, 6 and 10, each by its attack: bounded imports (zip bomb refused before it inflates, row limit,
 * one import per account, capped error report), evidence only through scope (a known hash of another territory's
 * file is neither citable nor downloadable, and answers like an unknown one), API tokens ending with a password
 * change or a disabled account, cleaned download names, and neutralised formula cells in Excel exports.
 */
import ExcelJS from 'exceljs';
import { importRegistry, multipart, registryWorkbook, TINY_PNG, zipBomb } from '../support/factories.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, TEST_PASSWORD, type Client, type TestApp } from '../support/test-app.ts';
import { acquireImportSlot } from '../../server/modules/registry-io/import-guard.ts';
import { safeDownloadName } from '../../server/platform/http/filenames.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z', env: { PHASEOUT_IMPORT_MAX_ROWS: '250' } });
  await standardUsers(t);
});
afterAll(async () => t?.close());

const importFile = (c: Client, buf: Buffer) => importRegistry(c, buf, '?dryRun=1');
/** A registry workbook of `rows` enterprises whose credit codes are all invalid. */
const workbook = (rows: number) => registryWorkbook(Array.from({ length: rows }, (_, i) => [`BAD${i}`, `企业${i}`, '340202', 'steel']));

describe('imports are bounded (item 4)', () => {
  it('a zip bomb is refused from its central directory, before anything inflates', async () => {
    const c = await t.as('t-340202');
    const r = await importFile(c, zipBomb());
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a sheet over the row limit is refused naming the limit, before its rows are read', async () => {
    const c = await t.as('t-340202');
    const r = await importFile(c, await workbook(251));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { sheet: '企业', maxRows: 250 } });
  });

  it('the error report is capped: the first 200 errors and the count', async () => {
    const c = await t.as('t-340202');
    const r = await importFile(c, await workbook(250));
    expect(r.statusCode).toBe(422);
    const d = r.json().details as { errors: unknown[]; errorCount: number };
    expect(d.errors.length).toBe(200);
    expect(d.errorCount).toBeGreaterThanOrEqual(250);
  });

  it('a second import of the same account while one runs answers busy with Retry-After', async () => {
    const c = await t.as('t-340207');
    const id = (await t.db.selectFrom('app_user').select('id').where('username', '=', 't-340207').executeTakeFirstOrThrow()).id;
    const release = acquireImportSlot(id, 2); // an import of this account in flight
    try {
      const r = await importFile(c, await workbook(1));
      expect(r.statusCode).toBe(429);
      expect(r.json().code).toBe('IMPORT_BUSY');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      release();
    }
    expect((await importFile(c, await workbook(1))).statusCode).not.toBe(429);
  });
});

const PNG2 = Buffer.concat([TINY_PNG, Buffer.from('extra-bytes-2')]);

describe('evidence only through scope (item 6)', () => {
  it("citing another territory's file by its hash answers exactly like an unknown hash, and it cannot be downloaded", async () => {
    const t207 = await t.as('t-340207');
    const t202 = await t.as('t-340202');
    const m = multipart(PNG2, 'theirs.png', 'image/png');
    const up = await t207.request('POST', '/api/v1/evidence', m.body, m.headers);
    expect(up.statusCode).toBe(201);
    const theirs = up.json().sha256 as string;
    // a case of t-340202's own
    const ent = await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200SCOP000001', name: '范围测试企业', territory_code: '340202', industry_code: 'cement' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line = await t.db
      .insertInto('production_line')
      .values({ enterprise_id: ent.id, kind: 'shaft_kiln', name: '立窑1', capacity: '12', capacity_unit: 't/d' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const open = await t202.post('/api/v1/cases', {
      enterpriseId: ent.id,
      dimension: 'technology',
      lineIds: [line.id],
      finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '水泥机立窑' },
      openedOn: '2020-03-10',
    });
    expect(open.statusCode, open.body).toBe(201);
    const caseId = open.json().id as number;
    const unknown = 'ab'.repeat(32);
    const a = await t202.post(`/api/v1/cases/${caseId}/acts`, { kind: 'cutWater', date: '2020-03-10', evidence: [theirs] });
    const b = await t202.post(`/api/v1/cases/${caseId}/acts`, { kind: 'cutWater', date: '2020-03-10', evidence: [unknown] });
    expect(a.statusCode).toBe(422);
    expect(b.statusCode).toBe(422);
    expect(a.json().code).toBe(b.json().code);
    expect(a.json().details.missing).toEqual([theirs]);
    expect(b.json().details.missing).toEqual([unknown]);
    expect((await t202.get(`/api/v1/evidence/${theirs}`)).statusCode).toBe(404);
    expect((await t202.get(`/api/v1/evidence/${unknown}`)).statusCode).toBe(404);
    // uploading the same content itself makes it the unit's own evidence
    const mine = multipart(PNG2, 'mine.png', 'image/png');
    expect((await t202.request('POST', '/api/v1/evidence', mine.body, mine.headers)).statusCode).toBe(201);
    const ok = await t202.post(`/api/v1/cases/${caseId}/acts`, { kind: 'cutWater', date: '2020-03-10', evidence: [theirs] });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('smaller ones (item 10)', () => {
  it('API tokens end when the password changes, and when the account is disabled', async () => {
    await t.user('tok1', 'territory', { territoryCode: '340202' });
    const c = await t.as('tok1');
    const token = (await c.post('/api/v1/auth/tokens', { name: 'script' })).json().token as string;
    const bearer = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-42' })).statusCode).toBe(204);
    expect((await bearer()).statusCode).toBe(401);

    const id2 = await t.user('tok2', 'territory', { territoryCode: '340202' });
    const c2 = await t.as('tok2');
    const token2 = (await c2.post('/api/v1/auth/tokens', { name: 'script' })).json().token as string;
    const office = await t.as('office');
    expect((await office.post(`/api/v1/users/${id2}/disable`)).statusCode).toBe(204);
    expect((await office.post(`/api/v1/users/${id2}/enable`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token2}` } })).statusCode).toBe(401);
  });

  it('download names lose bidirectional controls and take the extension of the real type', async () => {
    expect(safeDownloadName('invoice\u202Efdp.exe', 'image/png')).toBe('invoicefdp.png');
    expect(safeDownloadName('report.html', 'application/pdf')).toBe('report.pdf');
    expect(safeDownloadName('../../etc/passwd', 'image/jpeg')).toBe('_.._etc_passwd.jpg');
    expect(safeDownloadName('\u200f', 'image/png')).toBe('file.png');
    const c = await t.as('t-340202');
    const m = multipart(TINY_PNG, 'photo\u202Egnp.exe', 'image/png');
    const up = await c.request('POST', '/api/v1/evidence', m.body, m.headers);
    expect(up.statusCode).toBe(201);
    const r = await c.get(`/api/v1/evidence/${up.json().sha256}`);
    expect(r.statusCode).toBe(200);
    const cd = String(r.headers['content-disposition']);
    expect(cd).not.toMatch(/%E2%80%AE|\.exe/i);
    expect(cd).toMatch(/\.png/);
  });

  it('exported cells starting with = + - @ are neutralised', async () => {
    await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200FORM000001', name: '=HYPERLINK("http://x","y")', territory_code: '340202', industry_code: 'steel', address: '@SUM(1)' })
      .execute();
    const office = await t.as('office');
    const r = await office.get('/api/v1/enterprises/export.xlsx?creditCode=91340200FORM000001');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const row = wb.getWorksheet('企业')!.getRow(2).values as unknown[];
    expect(row).toContain('\'=HYPERLINK("http://x","y")');
    expect(row).toContain("'@SUM(1)");
  });
});
