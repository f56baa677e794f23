/**
 * Issue #19, item 5, by its attack: county A probes credit codes to learn whether an enterprise is registered in
 * county B. Registering a code registered outside one's scope is accepted as a PENDING registration the city office
 * resolves (merge / transfer / reject); the county's answer names no territory, enterprise or line of B, its error
 * texts are those of a free code, and the import and the line sheet say nothing either. Audit in the same
 * transaction, who acts next, the office's list (search, names) and export, and out-of-scope 404s.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCode, makeEnterprise } from '../support/factories.ts';

let t: TestApp;
let A: Client; // 镜湖区 340202
let B: Client; // 鸠江区 340207
let office: Client;
let bEnt: { id: number; creditCode: string; territoryCode: string };
const B_NAME = '鸠江区隐秘钢铁有限公司';

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
  A = await t.as('t-340202');
  B = await t.as('t-340207');
  office = await t.as('office');
  bEnt = await makeEnterprise(t.db, { territoryCode: '340207', name: B_NAME });
});
afterAll(async () => t?.close());

const body = (code: string, over: Record<string, unknown> = {}) => ({
  creditCode: code,
  name: '镜湖区新登记钢铁有限公司',
  territoryCode: '340202',
  industryCode: 'steel',
  ...over,
});
/** What a county could compare: everything except the per-request id and the record's own id/time. */
const comparable = (r: { statusCode: number; body: string }) => ({
  status: r.statusCode,
  body: JSON.parse(r.body.replace(/"requestId":"[^"]*"/g, '"requestId":""')) as Record<string, unknown>,
});
const secretsOfB = () => [B_NAME, '340207', '鸠江', '"registeredEnterprise":{'];
/** A's answer without the code A itself typed (a credit code carries its issuing region, which A already knows). */
const seen = (text: string) => text.split(bEnt.creditCode).join('CODE');

describe('county A cannot learn of county B’s enterprise (item 5)', () => {
  it('registering B’s code: no 409, a pending registration that names nothing of B; who acts next is the office', async () => {
    const r = await A.post('/api/v1/enterprises', body(bEnt.creditCode));
    expect(r.statusCode).toBe(202);
    for (const s of secretsOfB()) expect(seen(r.body)).not.toContain(s);
    expect(JSON.stringify(r.headers)).not.toMatch(/340207|鸠江/);
    expect(r.json()).toMatchObject({
      state: 'pending',
      stateName: '待市办确认',
      nextActor: '市推进落后产能退出工作办公室',
      territoryName: '镜湖区',
      registeredEnterprise: null,
      allowedActs: [],
    });
    expect(r.body).not.toMatch(/DUPLICATE|duplicate|已存在|exists/);
    // B's enterprise is untouched; nothing was created for A under that code
    const ents = await t.db.selectFrom('enterprise').select(['territory_code', 'name']).where('credit_code', '=', bEnt.creditCode).execute();
    expect(ents).toEqual([{ territory_code: '340207', name: B_NAME }]);
    // audited in the same transaction, naming only what A sent; the office is told
    const audit = await t.db.selectFrom('audit_log').selectAll().where('act', '=', 'enterprise.registration.submit').execute();
    expect(audit).toHaveLength(1);
    expect(String(audit[0]!.entity_id)).toBe(String(r.json().id));
    expect(JSON.stringify(audit[0]!.after)).not.toContain(B_NAME);
    const notes = await office.get('/api/v1/notifications?limit=50');
    expect(notes.body).toContain('企业登记待确认');
  });

  it('a refused registration reads the same for B’s code and for a free code (same status, same text)', async () => {
    const free = creditCode('340202');
    for (const bad of [{ industryCode: 'no-such-industry' }, { territoryCode: '340207' }, { name: '' }, { creditCode: 'X' }]) {
      const a = comparable(await A.post('/api/v1/enterprises', body(bEnt.creditCode, bad)));
      const b = comparable(await A.post('/api/v1/enterprises', body(free, bad)));
      // the code itself may be echoed back; nothing else may differ
      expect(JSON.parse(JSON.stringify(a).split(bEnt.creditCode).join('CODE'))).toEqual(JSON.parse(JSON.stringify(b).split(free).join('CODE')));
      expect(a.status).toBeGreaterThanOrEqual(400);
    }
    // a code inside A's own scope still answers 409: A can see that enterprise anyway
    const own = await makeEnterprise(t.db, { territoryCode: '340202' });
    const dup = await A.post('/api/v1/enterprises', body(own.creditCode));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE_CREDIT_CODE');
  });

  it('B cannot see A’s registration (404, not listed); A sees its own with its state', async () => {
    const mine = await A.get('/api/v1/enterprise-registrations');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(1);
    const id = mine.json().items[0].id as number;
    for (const s of secretsOfB()) expect(seen(mine.body)).not.toContain(s);
    expect((await B.get(`/api/v1/enterprise-registrations/${id}`)).statusCode).toBe(404);
    expect((await B.get('/api/v1/enterprise-registrations')).json().total).toBe(0);
    expect((await A.get(`/api/v1/enterprise-registrations/${id}`)).json().state).toBe('pending');
    // a county cannot resolve
    expect((await A.post(`/api/v1/enterprise-registrations/${id}/resolve`, { resolution: 'merge' })).statusCode).toBe(403);
  });

  it('the import says nothing either: B’s code in the enterprise sheet becomes a pending registration; in the line sheet it is unknown, like a free code', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业').addRows([
      ['统一社会信用代码', '企业名称', '属地代码', '行业代码'],
      [bEnt.creditCode, '导入的同码企业', '340202', 'steel'],
    ]);
    const r = await importFile(A, Buffer.from(await wb.xlsx.writeBuffer()), false);
    expect(r.statusCode, r.body).toBe(200);
    for (const s of secretsOfB()) expect(seen(r.body)).not.toContain(s);
    // the answer is that of a free code: one enterprise "created", no pending count (ADR 0013)
    const freeWb = new ExcelJS.Workbook();
    freeWb.addWorksheet('企业').addRows([
      ['统一社会信用代码', '企业名称', '属地代码', '行业代码'],
      [creditCode('340202'), '导入的新码企业', '340202', 'steel'],
    ]);
    const f = await importFile(A, Buffer.from(await freeWb.xlsx.writeBuffer()), false);
    expect(f.statusCode, f.body).toBe(200);
    const { sha256: _a, ...held } = r.json();
    const { sha256: _b, ...freeAnswer } = f.json();
    expect(held).toEqual(freeAnswer);
    expect(held).toMatchObject({ ok: true, created: { enterprises: 1, lines: 0 } });
    expect(held.pending).toBeUndefined();
    // the office's audit record keeps the true split, and the registration waits for it
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('act', '=', 'registry.import')
      .where('entity_id', '=', r.json().sha256)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ created: { enterprises: 0 }, pending: { enterprises: 1, lines: 0 } });

    const free = creditCode('340202');
    const lines = async (code: string) => {
      const w = new ExcelJS.Workbook();
      w.addWorksheet('生产线').addRows([
        ['统一社会信用代码', '设备名称', '设备类型代码', '产能', '产能单位'],
        [code, '1号转炉', 'converter', '50', '万吨/年'],
      ]);
      const x = await importFile(A, Buffer.from(await w.xlsx.writeBuffer()), true);
      return {
        status: x.statusCode,
        errors: (x.json().details?.errors ?? []).map((e: { code: string; column: string; message: string }) => ({
          code: e.code,
          column: e.column,
          message: e.message.replace(code, 'CODE'),
        })),
      };
    };
    expect(await lines(bEnt.creditCode)).toEqual(await lines(free));
  });
});

describe('the office resolves (item 5)', () => {
  it('lists with search and names, shows the registered enterprise, exports .xlsx', async () => {
    const l = await office.get(`/api/v1/enterprise-registrations?q=${encodeURIComponent('新登记')}`);
    expect(l.statusCode).toBe(200);
    expect(l.json().total).toBe(1);
    expect(l.json().items[0]).toMatchObject({
      territoryName: '镜湖区',
      industryName: expect.any(String),
      registeredEnterprise: { id: bEnt.id, name: B_NAME, territoryName: '鸠江区' },
      allowedActs: ['merge', 'transfer', 'reject'],
    });
    expect((await office.get(`/api/v1/enterprise-registrations?q=${bEnt.creditCode.slice(0, 10)}`)).json().total).toBe(2);
    const x = await office.get('/api/v1/enterprise-registrations/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(ws.rowCount).toBe(3);
    expect(JSON.stringify(ws.getRow(2).values)).toContain('镜湖区');
  });

  it('reject needs a reason; transfer moves B’s enterprise to A and tells A; a resolved registration cannot be resolved again', async () => {
    const [first, second] = (await office.get('/api/v1/enterprise-registrations?limit=10')).json().items as Array<{
      id: number;
      version: number;
      name: string;
    }>;
    const noReason = await office.post(`/api/v1/enterprise-registrations/${second!.id}/resolve`, { resolution: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('/note');
    const rej = await office.post(`/api/v1/enterprise-registrations/${second!.id}/resolve`, {
      resolution: 'reject',
      note: '与已登记企业重复',
      version: second!.version,
    });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ state: 'rejected', nextActor: null, allowedActs: [], resolutionNote: '与已登记企业重复' });

    const tr = await office.post(`/api/v1/enterprise-registrations/${first!.id}/resolve`, { resolution: 'transfer', note: '企业已迁入镜湖区' });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json().state).toBe('transferred');
    const e = await t.db.selectFrom('enterprise').select('territory_code').where('id', '=', bEnt.id).executeTakeFirstOrThrow();
    expect(e.territory_code).toBe('340202');
    expect((await A.get(`/api/v1/enterprises/${bEnt.id}`)).statusCode).toBe(200);
    const acts = (await t.db.selectFrom('audit_log').select('act').where('entity_type', '=', 'pendingRegistration').execute()).map((x) => x.act);
    expect(acts).toEqual(expect.arrayContaining(['enterprise.registration.reject', 'enterprise.registration.transfer']));
    expect((await A.get('/api/v1/notifications?limit=50')).body).toContain('企业已转入本属地');

    const again = await office.post(`/api/v1/enterprise-registrations/${first!.id}/resolve`, { resolution: 'merge' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REGISTRATION_STATE');
  });

  it('hostile input: unknown resolution, prototype names, huge ids and stray fields are 400 naming the field; a missing one is 404', async () => {
    for (const resolution of ['toString', 'constructor', '__proto__', 'MERGE']) {
      const r = await office.post('/api/v1/enterprise-registrations/1/resolve', { resolution });
      expect(r.statusCode).toBe(400);
      expect(JSON.stringify(r.json())).toContain('resolution');
    }
    expect((await office.post('/api/v1/enterprise-registrations/1/resolve', { resolution: 'merge', extra: 1 })).statusCode).toBe(400);
    expect((await office.post('/api/v1/enterprise-registrations/99999999999999999999/resolve', { resolution: 'merge' })).statusCode).toBe(400);
    expect((await office.post('/api/v1/enterprise-registrations/999999/resolve', { resolution: 'merge' })).statusCode).toBe(404);
    expect((await office.get('/api/v1/enterprise-registrations?q=%00')).statusCode).toBe(400);
    expect((await office.get('/api/v1/enterprise-registrations?state=toString')).statusCode).toBe(400);
  });

  it('the audit trail verifies', async () => {
    const v = await office.get('/api/v1/audit/verify');
    expect(v.statusCode).toBe(200);
    expect(v.json().ok).toBe(true);
  });
});

function importFile(c: Client, buf: Buffer, dryRun: boolean) {
  const boundary = '----phaseout-pending';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="registry.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return c.request('POST', `/api/v1/registry/import${dryRun ? '?dryRun=1' : ''}`, Buffer.concat([head, buf, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

describe('PHASEOUT_REGISTRATION_REVIEW=all: not even the status tells a free code from a taken one (item 5)', () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await createTestApp({ now: '2020-03-10T02:00:00Z', env: { PHASEOUT_REGISTRATION_REVIEW: 'all' } });
    await standardUsers(s);
  });
  afterAll(async () => s?.close());

  it('B’s code and a free code get the same answer; the office registers the free one', async () => {
    const taken = await makeEnterprise(s.db, { territoryCode: '340207', name: B_NAME });
    const free = creditCode('340207');
    const a = await s.as('t-340202');
    const shape = (r: { statusCode: number; body: string }, code: string) => {
      const j = JSON.parse(r.body.split(code).join('CODE')) as Record<string, unknown>;
      return { status: r.statusCode, body: { ...j, id: 0, submittedAt: '' } };
    };
    const rTaken = await a.post('/api/v1/enterprises', body(taken.creditCode));
    const rFree = await a.post('/api/v1/enterprises', body(free));
    expect(shape(rTaken, taken.creditCode)).toEqual(shape(rFree, free));
    expect(rFree.statusCode).toBe(202);
    for (const x of [B_NAME, '鸠江', '"registeredEnterprise":{']) expect(rTaken.body).not.toContain(x);

    const o = await s.as('office');
    const items = (await o.get('/api/v1/enterprise-registrations')).json().items as Array<{ id: number; creditCode: string; allowedActs: string[] }>;
    const freeReg = items.find((i) => i.creditCode === free)!;
    expect(freeReg.allowedActs).toEqual(['register', 'reject']);
    expect(items.find((i) => i.creditCode === taken.creditCode)!.allowedActs).toEqual(['merge', 'transfer', 'reject']);
    const reg = await o.post(`/api/v1/enterprise-registrations/${freeReg.id}/resolve`, { resolution: 'register' });
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json().state).toBe('registered');
    const e = await s.db.selectFrom('enterprise').select(['territory_code', 'name']).where('credit_code', '=', free).executeTakeFirstOrThrow();
    expect(e).toEqual({ territory_code: '340202', name: '镜湖区新登记钢铁有限公司' });
    // the office's own registrations are not held
    expect((await o.post('/api/v1/enterprises', body(creditCode('340202')))).statusCode).toBe(201);
  });
});
