/**
 * Differentiated electricity prices and freed land (issue 15, plan §2.6): the tier follows the lines' catalogue
 * class and the energy findings, on the dates they apply; the power company's list is issued, exported in a stable
 * column layout and says what changed since the last; freed land is recorded, searched and exported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { POWER_COLUMNS } from '../../server/modules/power-prices/power-prices.routes.ts';

let t: TestApp;
let office: Client, drc: Client;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const S = code('91340202MA2N0PW01');
const K = code('91340207MA2N0PW02');
let steelId: number, cementId: number, energyCase: number;

async function xlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
  await t.user('d-nr', 'department', { departmentCode: 'nr' });
  office = await t.as('office');
  drc = await t.as('d-drc');
  const s = await t.db
    .insertInto('enterprise')
    .values({ credit_code: S, name: '镜湖电价钢铁有限公司', territory_code: '340202', industry_code: 'steel' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('production_line')
    .values({
      enterprise_id: s.id,
      kind: 'converter',
      name: '30吨转炉',
      capacity: '50',
      capacity_unit: '万吨/年',
      catalogue_class: 'eliminated',
      catalogue_edition: '2019',
      catalogue_item: '30吨及以下转炉',
    })
    .execute();
  const k = await t.db
    .insertInto('enterprise')
    .values({ credit_code: K, name: '鸠江电价水泥有限公司', territory_code: '340207', industry_code: 'cement' })
    .returning('id')
    .executeTakeFirstOrThrow();
  steelId = Number(s.id);
  cementId = Number(k.id);
});
afterAll(async () => t?.close());

describe('differentiated and punitive electricity prices (§2.6)', () => {
  it('§2.6: an eliminated steel line is on the 0.5 元/kWh tier from the 2019 catalogue’s first day; an energy finding puts the cement plant on the punitive tier from its date', async () => {
    const opened = await office.post('/api/v1/cases', {
      enterpriseId: cementId,
      dimension: 'energy',
      finding: { standard: 'GB 16780', edition: 'GB 16780-2012', process: '熟料', measured: '130', limit: '120', unit: 'kgce/t' },
      openedOn: '2020-06-10',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    energyCase = opened.json().id;
    const r = (await drc.get('/api/v1/power-prices?asOf=2020-09-15')).json();
    expect(
      r.items.map((i: { creditCode: string; tier: string; surcharge: string; effectiveFrom: string }) => [i.creditCode, i.tier, i.surcharge, i.effectiveFrom]),
    ).toEqual(
      [
        [S, 'eliminated', '0.5', '2020-01-01'],
        [K, 'punitive', '0.1', '2020-06-10'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const cement = r.items.find((i: { creditCode: string }) => i.creditCode === K);
    expect(cement.basis.localChoice).toBe(true);
    expect(cement).toMatchObject({ name: '鸠江电价水泥有限公司', territoryName: '鸠江区', industryName: '水泥', change: 'added' });
    // before the finding, only the steel line
    expect((await drc.get('/api/v1/power-prices?asOf=2020-06-09')).json().items.map((i: { creditCode: string }) => i.creditCode)).toEqual([S]);
  });

  it('§2.6: the issued list is exported in the stable layout; after rectification the next list shows the plant removed', async () => {
    const first = await office.post('/api/v1/power-prices/lists', { asOf: '2020-09-15' });
    expect(first.statusCode, first.body).toBe(201);
    const x1 = await xlsx((await office.get(`/api/v1/power-prices/lists/${first.json().id}/export.xlsx`)).rawPayload);
    expect((x1.getWorksheet('差别电价名单')!.getRow(1).values as unknown[]).slice(1)).toEqual([...POWER_COLUMNS]);
    expect(x1.getWorksheet('差别电价名单')!.rowCount).toBe(3);
    const drcAct = async (kind: string, date: string, payload: object) =>
      expect((await drc.post(`/api/v1/cases/${energyCase}/acts`, { kind, date, payload })).statusCode).toBe(201);
    await drcAct('serveRectificationOrder', '2020-06-12', {});
    await drcAct('reinspect', '2020-09-14', { result: 'pass' });
    const now = (await drc.get('/api/v1/power-prices')).json();
    expect(now.items.map((i: { creditCode: string; change: string }) => [i.creditCode, i.change])).toEqual([[S, 'unchanged']]);
    expect(now.removed.map((i: { creditCode: string }) => i.creditCode)).toEqual([K]);
    const second = await office.post('/api/v1/power-prices/lists', { asOf: '2020-09-15' });
    const x2 = await xlsx((await office.get(`/api/v1/power-prices/lists/${second.json().id}/export.xlsx`)).rawPayload);
    expect(x2.getWorksheet('差别电价名单')!.getRow(2).getCell(10).value).toBe('不变');
    expect(x2.getWorksheet('移出名单')!.getRow(2).getCell(2).value).toBe(K);
    expect((await office.get('/api/v1/power-prices/lists')).json().total).toBe(2);
    const audits = await t.db.selectFrom('audit_log').select('act').where('act', '=', 'powerPrice.issueList').execute();
    expect(audits).toHaveLength(2);
  });

  it('only the office issues; a list for a future day or a bad date is refused with a coded 4xx', async () => {
    expect((await drc.post('/api/v1/power-prices/lists', { asOf: '2020-09-15' })).statusCode).toBe(403);
    expect((await office.post('/api/v1/power-prices/lists', { asOf: '2030-01-01' })).json()).toMatchObject({
      code: 'INVALID_FIELD',
      details: { field: 'asOf' },
    });
    expect((await office.get('/api/v1/power-prices?asOf=2020-02-30')).statusCode).toBe(422);
    expect((await office.get('/api/v1/power-prices?asOf=x')).statusCode).toBe(400);
    expect((await office.get('/api/v1/power-prices/lists/999999/export.xlsx')).statusCode).toBe(404);
    expect((await (await t.as('bank')).get('/api/v1/power-prices')).statusCode).toBe(403);
  });
});

describe('freed land (§2.6 盘活土地资源)', () => {
  const parcel = {
    areaM2: '35000.5',
    location: '镜湖区某路1号',
    ownership: 'state',
    certificateNo: '皖(2018)芜湖市不动产权第001号',
    plannedReuse: 'industrial',
    status: 'idle',
  };
  it('§2.6: the territory records the land; the natural resources bureau moves it on; search and export carry names', async () => {
    const tc = await t.as('t-340202');
    const r = await tc.post(`/api/v1/enterprises/${steelId}/freed-land`, parcel);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      areaM2: '35000.50',
      ownershipName: '国有',
      plannedReuseName: '工业',
      statusName: '闲置',
      nextActor: '镜湖区',
      version: 1,
      allowedActs: ['update'],
    });
    const nr = await t.as('d-nr');
    const p = await nr.patch(`/api/v1/freed-land/${r.json().id}`, { version: 1, status: 'reused', reuseNote: '引进新材料项目' });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'reused', nextActor: null, version: 2 });
    expect((await nr.patch(`/api/v1/freed-land/${r.json().id}`, { version: 1, status: 'idle' })).statusCode).toBe(409);
    expect((await office.get(`/api/v1/freed-land?q=${S.slice(0, 10)}`)).json().total).toBe(1);
    expect((await office.get('/api/v1/freed-land?status=idle')).json().total).toBe(0);
    const x = await xlsx((await office.get('/api/v1/freed-land/export.xlsx')).rawPayload);
    expect(x.getWorksheet('腾退土地')!.getRow(2).getCell(2).value).toBe('镜湖电价钢铁有限公司');
    expect(x.getWorksheet('腾退土地')!.getRow(2).getCell(10).value).toBe('已盘活');
  });

  it('another territory gets 404, other departments 403, hostile input a 400 naming the field', async () => {
    const other = await t.as('t-340207');
    expect((await other.post(`/api/v1/enterprises/${steelId}/freed-land`, parcel)).statusCode).toBe(404);
    expect((await other.get('/api/v1/freed-land')).json().total).toBe(0);
    expect((await drc.post(`/api/v1/enterprises/${steelId}/freed-land`, parcel)).statusCode).toBe(403);
    const tc = await t.as('t-340202');
    for (const [body, field] of [
      [{ ...parcel, areaM2: '-5' }, 'areaM2'],
      [{ ...parcel, areaM2: '1e99' }, 'areaM2'],
      [{ ...parcel, location: '   ' }, 'location'],
      [{ ...parcel, ownership: 'private' }, 'ownership'],
      [{ ...parcel, status: 'sold' }, 'status'],
    ] as const) {
      const r = await tc.post(`/api/v1/enterprises/${steelId}/freed-land`, body);
      expect(r.statusCode, field).toBe(400);
      expect(r.body, field).toContain(field);
    }
    expect((await tc.post(`/api/v1/enterprises/${steelId}/freed-land`, { ...parcel, extra: 1 })).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await tc.post(`/api/v1/enterprises/${steelId}/freed-land`, { ...parcel, areaM2: '0' })).json()).toMatchObject({
      code: 'INVALID_FIELD',
      details: { field: 'areaM2' },
    });
  });
});
