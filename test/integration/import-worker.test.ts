/**
 * Issue #19, item 4, by its attack: a max-size workbook must not freeze the instance that parses it. Imports read
 * workbooks in a worker thread with a streamed reader (server/platform/spreadsheet/reader.ts), shared by the
 * registry import and the problem-list import: while a county's 20,000-row file is read, /health and an API read on
 * the same instance answer; a reader that times out or is killed answers a coded error and writes nothing; the
 * problem-list import has the same bounds (bomb, row limit, busy) as the registry import.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCode, importRegistry, multipart, problemListWorkbook, registryWorkbook, zipBomb } from '../support/factories.ts';
import { activeReaders, readerStats, readSheets } from '../../server/platform/spreadsheet/reader.ts';
import { acquireImportSlot } from '../../server/platform/spreadsheet/slots.ts';

let t: TestApp;
let slow: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' }); // the default row limit, 20,000
  await standardUsers(t);
  slow = await createTestApp({ now: '2020-03-10T02:00:00Z', env: { PHASEOUT_IMPORT_PARSE_TIMEOUT_MS: '1' } });
  await standardUsers(slow);
});
afterAll(async () => {
  await t?.close();
  await slow?.close();
});

const importProblems = (c: Client, buf: Buffer) => {
  const m = multipart(buf, '清单.xlsx');
  return c.request('POST', '/api/v1/problems/import?dryRun=1', m.body, m.headers);
};

/** A registry workbook of `rows` enterprise rows (every column filled, as a county's real file). */
const registryRows = (rows: number) =>
  registryWorkbook(
    Array.from({ length: rows }, (_, i) => [
      `91340200MI${String(i).padStart(7, '0')}X`,
      `芜湖某某钢铁制造有限公司${i}`,
      '340202',
      'steel',
      `镜湖区某某路${i}号`,
      `张${i}`,
      `李${i}`,
      `1380000${String(i % 10000).padStart(4, '0')}`,
    ]),
  );

const problemWorkbook = (rows: number) =>
  problemListWorkbook(
    Array.from({ length: rows }, (_, i) => ['镜湖区', '中央督察', '', '2020-01-01', `问题${i}`, '一般', '', '', '区经信局', '', '', '2020-06-30']),
  );

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

async function writesNothing<T>(app: TestApp, act: () => Promise<T>): Promise<T> {
  const count = async () => ({
    enterprises: Number(
      (
        await app.db
          .selectFrom('enterprise')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await app.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const before = await count();
  const out = await act();
  expect(await count()).toEqual(before);
  return out;
}

describe('a max-size import does not freeze the instance (item 4)', () => {
  it('while a 20,000-row workbook is read, /health and an API read on the same instance answer; the reading runs in a worker thread', async () => {
    const c = await t.as('t-340202');
    const office = await t.as('office');
    const buf = await registryRows(20_000);
    let importDone = false;
    const pending = importRegistry(c, buf, '?dryRun=1').then((r) => {
      importDone = true;
      return r;
    });
    await until(() => readerStats.running > 0 || importDone);
    expect(importDone).toBe(false);
    // the attack's victims: other callers of the same instance, while the file is being read
    const answeredDuringRead: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await t.anon.get('/api/v1/health');
      expect(h.statusCode).toBe(200);
      const list = await office.get('/api/v1/enterprises?limit=5');
      expect(list.statusCode).toBe(200);
      answeredDuringRead.push(readerStats.running > 0);
    }
    expect(answeredDuringRead[0]).toBe(true);
    const r = await pending;
    // the file is read to its end (no row limit hit) and checked: every row's code has a letter codes never use (I)
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('IMPORT_REJECTED');
    expect(r.json().details.errorCount).toBeGreaterThanOrEqual(20_000);
    expect(r.json().details.errors).toHaveLength(200);
    expect(readerStats.lastThreadId).toBeGreaterThan(0); // 0 is the main thread
  });

  it('a file over the row limit stops the streamed reader at the limit (the rows after it are never read)', async () => {
    const sheets = readSheets(await registryRows(120), [{ name: '企业', headers: [{ key: 'creditCode', header: '统一社会信用代码' }] }], { maxRows: 100 });
    await expect(sheets).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { sheet: '企业', maxRows: 100 } });
  });
});

describe('a reader that times out or is killed answers a coded error and writes nothing (item 4)', () => {
  it('time-out (PHASEOUT_IMPORT_PARSE_TIMEOUT_MS): 422 IMPORT_TIMEOUT naming the limit; nothing written, no reader left', async () => {
    const c = await slow.as('office');
    const r = await writesNothing(slow, () => importRegistry(c, Buffer.from(registryOk)));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'IMPORT_TIMEOUT', details: { limitSeconds: 1 } });
    expect(r.json().message).toBeTruthy();
    await until(() => readerStats.running === 0);
    // the same on the problem-list import
    const p = await writesNothing(slow, () => importProblems(c, Buffer.from(problemsOk)));
    expect(p.statusCode).toBe(422);
    expect(p.json().code).toBe('IMPORT_TIMEOUT');
  });

  it('a killed reader: 422 IMPORT_WORKER_FAILED, nothing written; the next import works', async () => {
    const c = await t.as('office');
    const pending = writesNothing(t, () => importRegistry(c, Buffer.from(registryOk)));
    await until(() => activeReaders.size > 0);
    for (const w of activeReaders) await w.terminate();
    const r = await pending;
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('IMPORT_WORKER_FAILED');
    expect(JSON.stringify(r.json())).not.toMatch(/worker_threads|at .*\.ts:\d+/);
    const again = await importRegistry(c, Buffer.from(registryOk), '?dryRun=1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ ok: true, dryRun: true });
  });
});

describe('the problem-list import is bounded like the registry import (item 4)', () => {
  it('a zip bomb: 413 before it inflates', async () => {
    const c = await t.as('t-340202');
    const r = await importProblems(c, zipBomb());
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('one import at a time per account: 429 IMPORT_BUSY with Retry-After', async () => {
    const c = await t.as('t-340207');
    const id = (await t.db.selectFrom('app_user').select('id').where('username', '=', 't-340207').executeTakeFirstOrThrow()).id;
    const release = acquireImportSlot(id, 2);
    try {
      const r = await importProblems(c, Buffer.from(problemsOk));
      expect(r.statusCode).toBe(429);
      expect(r.json().code).toBe('IMPORT_BUSY');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      release();
    }
    const ok = await importProblems(c, Buffer.from(problemsOk));
    expect(ok.statusCode).not.toBe(429);
  });

  it('over 10,000 rows: 422 IMPORT_TOO_MANY_ROWS naming the limit', async () => {
    const c = await t.as('t-340202');
    const r = await importProblems(c, await problemWorkbook(10_001));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { sheet: '问题清单', maxRows: 10_000 } });
  });
});

let registryOk: Buffer;
let problemsOk: Buffer;
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const e = wb.addWorksheet('企业');
  e.addRow(['统一社会信用代码', '企业名称', '属地代码', '行业代码']);
  e.addRow([creditCode('340202'), '芜湖工作者测试钢铁有限公司', '340202', 'steel']);
  registryOk = Buffer.from(await wb.xlsx.writeBuffer());
  problemsOk = await problemWorkbook(2);
});
