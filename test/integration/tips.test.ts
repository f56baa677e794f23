/**
 * Public tips (issue 14) on a real database: the Open311 GeoReport v2 API and the HTML form (no JavaScript), photos
 * checked by content and stripped of metadata, the per-address rate limit, and triage by the responsible unit
 * (open a case, order a re-inspection, merge a duplicate, reject with a reason the tipster sees).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { jpegWithExif, pngWithText } from '../support/test-images.ts';

let t: TestApp;
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-15T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

function form(fields: Record<string, string>, files: Array<{ name: string; content: Buffer; type?: string }> = []) {
  const boundary = '----phaseoutTipBoundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/jpeg'}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function open311(fields: Record<string, string>, ip = nextIp()) {
  return t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: ip,
  });
}

const base = { service_code: 'restart', description: '夜间听到已拆除的中频炉车间有生产声音', 'attribute[territory]': '340202' };

describe('Open311 GeoReport v2', () => {
  it('services: the five dimensions and the suspected restart or relocation of exited equipment', async () => {
    const r = await t.anon.get('/open311/v2/services.json');
    expect(r.statusCode).toBe(200);
    expect(r.json().map((s: { service_code: string }) => s.service_code)).toEqual(['energy', 'environment', 'quality', 'safety', 'technology', 'restart']);
    const d = (await t.anon.get('/open311/v2/services/restart.json')).json();
    expect(d.attributes[0]).toMatchObject({ code: 'territory', required: true });
    expect(d.attributes[0].values.some((v: { key: string }) => v.key === '340202')).toBe(true);
  });

  it('an anonymous request gets a tracking code; its status names the responsible unit and shows nothing private', async () => {
    const r = await open311({ ...base, email: 'tipster@example.com', address_string: '某路某号', lat: '31.33', long: '118.38' });
    expect(r.statusCode, r.body).toBe(201);
    const [created] = r.json();
    expect(created.service_request_id).toMatch(/^JB[0-9A-Z]{10}$/);
    const s = await t.anon.get(`/open311/v2/requests/${created.service_request_id}.json`);
    expect(s.statusCode).toBe(200);
    expect(Object.keys(s.json()[0]).sort()).toEqual([
      'agency_responsible',
      'requested_datetime',
      'service_code',
      'service_name',
      'service_request_id',
      'status',
      'status_notes',
      'updated_datetime',
    ]);
    expect(s.json()[0]).toMatchObject({ status: 'open', agency_responsible: '镜湖区', service_code: 'restart' });
    expect(s.body).not.toContain('tipster@example.com');
    expect(s.body).not.toContain('中频炉');
    const many = await t.anon.get(`/open311/v2/requests.json?service_request_id=${created.service_request_id},JB0000000000`);
    expect(many.json()).toHaveLength(1);
  });

  it('an environment tip goes to the ecology bureau', async () => {
    const r = await open311({ ...base, service_code: 'environment' });
    const id = r.json()[0].service_request_id;
    expect((await t.anon.get(`/open311/v2/requests/${id}.json`)).json()[0].agency_responsible).toBe('市生态环境局');
  });

  it('bad input: a coded 4xx naming the field, nothing written', async () => {
    const before = await t.db
      .selectFrom('tip')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [fields, field] of [
      [{ ...base, service_code: 'ufo' }, 'serviceCode'],
      [{ ...base, description: 'x' }, 'description'],
      [{ ...base, 'attribute[territory]': '340200' }, 'territoryCode'],
      [{ ...base, lat: '999' }, 'lat'],
      [{ ...base, description: 'a\u0000bcdefg' }, 'description'],
      [{ description: 'something happened here' }, 'service_code'],
    ] as Array<[Record<string, string>, string]>) {
      const r = await open311(fields);
      expect(r.statusCode, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.body).toContain(field);
    }
    expect((await t.anon.get('/open311/v2/requests/nope.json')).statusCode).toBe(400);
    expect((await t.anon.get('/open311/v2/requests/JB0000000000.json')).statusCode).toBe(404);
    const after = await t.db
      .selectFrom('tip')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the public form (no JavaScript) and photos', () => {
  it('the form page is plain HTML with labelled fields', async () => {
    const r = await t.anon.get('/public/tips/new');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('enctype="multipart/form-data"');
    expect(r.body).toContain('<label for="description">');
    expect(r.body).not.toContain('<script');
  });

  it('photos are checked by content and stored without metadata', async () => {
    const f = form({ service_code: 'technology', territory_code: '340202', description: '厂区内仍有淘汰类设备在运行' }, [
      { name: 'a.jpg', content: jpegWithExif() },
      { name: 'b.png', content: pngWithText(), type: 'image/png' },
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/public/tips', ...f, remoteAddress: nextIp() });
    expect(r.statusCode, r.body).toBe(201);
    const code = /id="tracking-code">(JB[0-9A-Z]{10})</.exec(r.body)![1]!;
    const tip = await t.db.selectFrom('tip').select(['id']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    const photos = await t.db.selectFrom('tip_attachment').select(['mime_type', 'data']).where('tip_id', '=', tip.id).orderBy('n').execute();
    expect(photos.map((p) => p.mime_type)).toEqual(['image/jpeg', 'image/png']);
    for (const p of photos) {
      expect(p.data.includes(Buffer.from('GPS-SECRET'))).toBe(false);
      expect(p.data.includes(Buffer.from('Exif'))).toBe(false);
    }
  });

  it('a file that is not a photo, or too many photos, is refused with the code on the page and nothing stored', async () => {
    const before = Number(
      (
        await t.db
          .selectFrom('tip')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const fake = form({ service_code: 'technology', territory_code: '340202', description: '附件是伪装成图片的脚本' }, [
      { name: 'x.jpg', content: Buffer.from('<?php echo 1; ?>') },
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/public/tips?lang=en', ...fake, remoteAddress: nextIp() });
    expect(r.statusCode).toBe(415);
    expect(r.body).toContain('UNSUPPORTED_MEDIA_TYPE');
    expect(r.body).toContain('附件是伪装成图片的脚本'); // the tipster's text is kept in the form
    const four = form(
      { service_code: 'technology', territory_code: '340202', description: '四张照片超过上限' },
      [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, content: pngWithText(), type: 'image/png' })),
    );
    const r2 = await t.app.inject({ method: 'POST', url: '/public/tips', ...four, remoteAddress: nextIp() });
    expect(r2.statusCode).toBe(413);
    expect(
      Number(
        (
          await t.db
            .selectFrom('tip')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);
  });
});

describe('rate limit per address', () => {
  it('five tips an hour from one address; the sixth is refused; other addresses and the next hour are not affected', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i++) expect((await open311(base, ip)).statusCode).toBe(201);
    const r = await open311(base, ip);
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('RATE_LIMITED');
    expect((await open311(base, '203.0.113.78')).statusCode).toBe(201);
    t.clock.now = new Date(t.clock.now.getTime() + 3601_000);
    expect((await open311(base, ip)).statusCode).toBe(201);
  });
});

describe('triage by the responsible unit', () => {
  async function newTip(service = 'restart', territory = '340202') {
    const r = await open311({ ...base, service_code: service, 'attribute[territory]': territory });
    const code = r.json()[0].service_request_id as string;
    const row = await t.db.selectFrom('tip').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    return { code, id: row.id };
  }
  const status = async (code: string) => (await t.anon.get(`/public/tips/status?code=${code}`)).body;

  it('reject with a reason the tipster sees; a closed tip cannot be triaged again', async () => {
    const tip = await newTip();
    const u = await t.as('t-340202');
    const list = (await u.get('/api/v1/tips?status=received')).json();
    expect(list.items.some((x: { trackingCode: string }) => x.trackingCode === tip.code)).toBe(true);
    const d = (await u.get(`/api/v1/tips/${tip.id}`)).json();
    expect(d.allowedActs).toEqual(['openCase', 'orderReinspection', 'merge', 'reject']);
    expect(d.nextActor).toBe('镜湖区');
    let r = await u.post(`/api/v1/tips/${tip.id}/triage`, { action: 'reject', reason: '经核查该车间设备已拆除完毕，无生产迹象' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'rejected', allowedActs: [] });
    const page = await status(tip.code);
    expect(page).toContain('不予立案');
    expect(page).toContain('经核查该车间设备已拆除完毕，无生产迹象');
    expect(page).toContain('镜湖区');
    r = await u.post(`/api/v1/tips/${tip.id}/triage`, { action: 'orderReinspection', note: 'again' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('TIP_CLOSED');
  });

  it('order a re-inspection, then open a case; merge a duplicate', async () => {
    const tip = await newTip();
    const u = await t.as('t-340202');
    expect((await u.post(`/api/v1/tips/${tip.id}/triage`, { action: 'orderReinspection', note: '已安排9月20日现场复查' })).statusCode).toBe(200);
    expect(await status(tip.code)).toContain('已安排现场复查');
    // a case elsewhere is refused; a case in the tip's territory is linked
    const e = await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200TIPS000001', name: '镜湖举报钢铁', territory_code: '340202', industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const e2 = await t.db
      .insertInto('enterprise')
      .values({ credit_code: '91340200TIPS000002', name: '鸠江举报钢铁', territory_code: '340207', industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const office = await t.as('office');
    const finding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };
    const c1 = (await office.post('/api/v1/cases', { enterpriseId: e.id, dimension: 'energy', finding, openedOn: '2020-09-15' })).json().id;
    const c2 = (await office.post('/api/v1/cases', { enterpriseId: e2.id, dimension: 'energy', finding, openedOn: '2020-09-15' })).json().id;
    let r = await u.post(`/api/v1/tips/${tip.id}/triage`, { action: 'openCase', caseId: c2 });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe('caseId');
    r = await u.post(`/api/v1/tips/${tip.id}/triage`, { action: 'openCase', caseId: c1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'caseOpened', caseId: c1 });
    const open311 = (await t.anon.get(`/open311/v2/requests/${tip.code}.json`)).json()[0];
    expect(open311.status).toBe('closed');

    const a = await newTip();
    const b = await newTip();
    r = await u.post(`/api/v1/tips/${b.id}/triage`, { action: 'merge', intoTrackingCode: a.code });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'merged', mergedInto: a.code });
    expect(await status(b.code)).toContain(a.code);
  });

  it('hostile triage input: a coded 4xx naming the field, the tip unchanged', async () => {
    const tip = await newTip();
    const u = await t.as('t-340202');
    for (const [body, field] of [
      [{ action: 'nuke' }, 'action'],
      [{ action: 'reject', reason: '   ' }, 'reason'],
      [{ action: 'reject', reason: 'x'.repeat(1001) }, 'reason'],
      [{ action: 'merge', intoTrackingCode: "JB'; drop table tip;--" }, 'intoTrackingCode'],
      [{ action: 'merge', intoTrackingCode: tip.code }, 'intoTrackingCode'],
      [{ action: 'openCase', caseId: -1 }, 'caseId'],
      [{ action: 'openCase', caseId: 1e300 }, 'caseId'],
    ] as Array<[unknown, string]>) {
      const r = await u.post(`/api/v1/tips/${tip.id}/triage`, body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.body).toContain(field);
    }
    for (const url of ['/api/v1/tips?status=bogus', '/api/v1/tips/abc', '/api/v1/tips/1/photos/0', '/api/v1/tips?limit=100000']) {
      const r = await u.get(url);
      expect(r.statusCode, url).toBe(400);
    }
    expect((await u.get(`/api/v1/tips/${tip.id}`)).json().status).toBe('received');
  });

  it("another unit's tip answers 404; the office reads all and triages none", async () => {
    const tip = await newTip();
    const env = await newTip('environment', '340202');
    expect((await (await t.as('t-340207')).get(`/api/v1/tips/${tip.id}`)).statusCode).toBe(404);
    expect((await (await t.as('t-340202')).get(`/api/v1/tips/${env.id}`)).statusCode).toBe(404);
    expect((await (await t.as('d-eco')).get(`/api/v1/tips/${env.id}`)).statusCode).toBe(200);
    expect((await (await t.as('d-eco')).post(`/api/v1/tips/${tip.id}/triage`, { action: 'reject', reason: 'x' })).statusCode).toBe(404);
    const office = await t.as('office');
    expect((await office.get(`/api/v1/tips/${tip.id}`)).json().allowedActs).toEqual([]);
    expect((await office.post(`/api/v1/tips/${tip.id}/triage`, { action: 'reject', reason: 'x' })).statusCode).toBe(403);
    const x = await office.get('/api/v1/tips/export.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.db.selectFrom('audit_log').select('act').where('entity_type', '=', 'tip').execute();
    expect(audit.some((a) => a.act === 'tip.submit')).toBe(true);
    expect(audit.some((a) => a.act === 'tip.reject')).toBe(true);
  });
});
