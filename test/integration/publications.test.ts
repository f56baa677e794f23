/**
 * Public lists (plan §3.3, §2.5; issue 14) through the HTTP API on a real database: the proposal rules of each list,
 * publish → correct → withdraw as three chained versions with their differences, exclusions with a recorded reason,
 * gating by the posted date, the public site and open data (whitelisted fields, ETag/304, CSV with BOM, XLSX, Atom),
 * and `publications verify` catching a direct edit of a stored snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { verifyPublications } from '../../server/cli/commands/publications.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let t: TestApp;
let seq = 0;
const ent: Record<string, { id: number; creditCode: string; line: number }> = {};

async function enterprise(key: string, territoryCode: string, name: string) {
  seq++;
  const creditCode = `91340200PUBL${String(seq).padStart(6, '0')}`;
  const e = await t.db
    .insertInto('enterprise')
    .values({
      credit_code: creditCode,
      name,
      territory_code: territoryCode,
      industry_code: 'steel',
      contact_name: '王联系',
      contact_phone: '13800138000',
      legal_representative: '李法人',
      address: '芜湖市某路1号',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const l = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: e.id, kind: 'converter', name: `${name}1号转炉`, capacity: '120', capacity_unit: '万吨/年' })
    .returning('id')
    .executeTakeFirstOrThrow();
  ent[key] = { id: e.id, creditCode, line: l.id };
}

const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };

async function openCase(key: string, dimension: string, finding: Record<string, unknown>, date: string) {
  at(date);
  const office = await t.as('office');
  const r = await office.post('/api/v1/cases', { enterpriseId: ent[key]!.id, dimension, lineIds: [ent[key]!.line], finding, openedOn: date });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}
async function act(user: string, caseId: number, kind: string, date: string, payload: Record<string, unknown> = {}) {
  at(date);
  const c = await t.as(user);
  const r = await c.post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload });
  expect(r.statusCode, r.body).toBe(201);
}

const cases: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-01T02:00:00Z' });
  await standardUsers(t);
  await enterprise('A', '340202', '镜湖甲钢铁有限公司'); // energy rectification order in force → yellow
  await enterprise('B', '340202', '镜湖乙钢铁有限公司'); // failed re-inspection, closed → red; its line exited → annual exit
  await enterprise('C', '340202', '镜湖丙钢铁有限公司'); // order in force, later passes the re-check → 摘牌
  await enterprise('D', '340207', '鸠江丁钢铁有限公司'); // environment over-emission finding → city-wide over-emission list
  await enterprise('E', '340202', '镜湖戊钢铁有限公司'); // order served later → added by the correction
  cases.A = await openCase('A', 'energy', energyFinding, '2020-09-01');
  await act('d-drc', cases.A, 'serveRectificationOrder', '2020-09-02');
  // §2.1: closure only after the six-month period has run out and a re-inspection after it still fails; the exit
  // counts once accepted through a complete certificate (§3.4)
  cases.B = await openCase('B', 'energy', energyFinding, '2020-03-01');
  await act('d-drc', cases.B, 'serveRectificationOrder', '2020-03-02');
  await act('d-drc', cases.B, 'reinspect', '2020-09-05', { result: 'fail' });
  await act('d-drc', cases.B, 'orderClosure', '2020-09-06');
  await act('d-drc', cases.B, 'recordClosure', '2020-09-07');
  at('2020-09-07');
  await acceptThroughCertificateAsSystem(t.db, cases.B, '2020-09-07', 'd'.repeat(64), { actor: SYSTEM_ACTOR, now: t.clock.now });
  cases.C = await openCase('C', 'energy', energyFinding, '2020-09-01');
  await act('d-drc', cases.C, 'serveRectificationOrder', '2020-09-03');
  cases.D = await openCase('D', 'environment', { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' }, '2020-09-04');
  cases.E = await openCase('E', 'energy', energyFinding, '2020-09-04');
  // the capacity ledger's row of B's line (its writer is the acceptance act; the list reads it)
  await t.db
    .insertInto('capacity_exit')
    .values({
      line_id: ent.B!.line,
      year: 2020,
      territory_code: '340202',
      industry_code: 'steel',
      capacity: '120',
      capacity_unit: '万吨/年',
      exited_on: '2020-09-07',
      case_id: cases.B,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  at('2020-09-15');
});
afterAll(async () => t?.close());

const proposal = async (user: string, q: string) => (await t.as(user)).get(`/api/v1/publications/proposal?${q}`);

describe('proposals by rule (plan §3.3)', () => {
  it('§3.3 yellow card: enterprises with a rectification order in force', async () => {
    const r = await proposal('t-340202', 'list=yellow&territoryCode=340202');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.entries.map((e: { creditCode: string }) => e.creditCode)).toEqual([ent.A!.creditCode, ent.C!.creditCode]);
    expect(p.entries[0]).toMatchObject({
      name: '镜湖甲钢铁有限公司',
      territoryName: '镜湖区',
      industryName: expect.any(String),
      dimensions: ['energy'],
      since: '2020-09-02',
    });
    expect(p.entries[0].dueOn).toMatch(/^2021-03-0\d$/);
    expect(p.added).toHaveLength(2);
    expect(p.removed).toEqual([]);
  });

  it('§3.3 red card: closed after failing the re-inspection', async () => {
    const p = (await proposal('t-340202', 'list=red&territoryCode=340202')).json();
    expect(p.entries.map((e: { creditCode: string }) => e.creditCode)).toEqual([ent.B!.creditCode]);
    expect(p.entries[0].since).toBe('2020-09-07');
  });

  it('§3.3 over-emission list: the ecology bureau, city-wide, from environment findings in force', async () => {
    const p = (await proposal('d-eco', 'list=overEmission&territoryCode=340200')).json();
    expect(p.entries.map((e: { creditCode: string }) => e.creditCode)).toEqual([ent.D!.creditCode]);
    // a territory does not publish it, and the city has no yellow list of its own
    expect((await proposal('t-340202', 'list=overEmission&territoryCode=340200')).statusCode).toBe(404);
    expect((await proposal('office', 'list=yellow&territoryCode=340200')).statusCode).toBe(404);
  });

  it("§3.3 annual exit list: the year's accepted exits from the capacity ledger, with equipment and capacity", async () => {
    const p = (await proposal('t-340202', 'list=annualExit&territoryCode=340202&year=2020')).json();
    expect(p.series).toBe('annualExit/340202/2020');
    expect(p.entries).toHaveLength(1);
    expect(p.entries[0].equipment).toEqual([
      { name: '镜湖乙钢铁有限公司1号转炉', kind: 'converter', kindName: expect.any(String), capacity: '120', capacityUnit: '万吨/年', exitedOn: '2020-09-07' },
    ]);
    expect((await proposal('t-340202', 'list=annualExit&territoryCode=340202&year=2019')).json().entries).toEqual([]);
  });

  it("another territory's list answers 404; the office reads every list but publishes none", async () => {
    expect((await proposal('t-340207', 'list=yellow&territoryCode=340202')).statusCode).toBe(404);
    expect((await proposal('d-drc', 'list=yellow&territoryCode=340202')).statusCode).toBe(404);
    expect((await proposal('office', 'list=yellow&territoryCode=340202')).statusCode).toBe(200);
    const office = await t.as('office');
    const r = await office.post('/api/v1/publications', { list: 'yellow', territoryCode: '340202', action: 'publish', postedOn: '2020-09-15' });
    expect(r.statusCode).toBe(403);
    const series = (await office.get('/api/v1/publications/series')).json();
    expect(series.items.some((s: { series: string }) => s.series === 'overEmission/340200')).toBe(true);
    expect(series.items.every((s: { canPublish: boolean }) => !s.canPublish)).toBe(true);
    const own = (await (await t.as('t-340202')).get('/api/v1/publications/series')).json();
    expect(own.items.map((s: { series: string }) => s.series).sort()).toEqual(['annualExit/340202/2020', 'red/340202', 'yellow/340202']);
    expect(own.items[0]).toMatchObject({ canPublish: true, nextActor: '镜湖区' });
  });
});

describe('publication is a snapshot (issue 14 §2)', () => {
  let v1: number, v2: number, v3: number;

  it('publish → correct → withdraw: three numbered versions, chained, each saying what changed', async () => {
    const t202 = await t.as('t-340202');
    let r = await t202.post('/api/v1/publications', { list: 'yellow', territoryCode: '340202', action: 'publish', postedOn: '2020-09-15' });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    v1 = a.id;
    expect(a).toMatchObject({ versionNo: 1, action: 'publish', number: '镜湖区黄牌名单〔2020〕第1版', postedOn: '2020-09-15', prevHash: '0'.repeat(64) });
    expect(a.diff.added.map((x: { creditCode: string }) => x.creditCode)).toEqual([ent.A!.creditCode, ent.C!.creditCode]);

    // C passes the re-check (摘牌), E gets an order: the proposal says so
    await act('d-drc', cases.C!, 'reinspect', '2020-09-16', { result: 'pass' });
    await act('d-drc', cases.E!, 'serveRectificationOrder', '2020-09-16');
    at('2020-09-17');
    const p = (await proposal('t-340202', 'list=yellow&territoryCode=340202')).json();
    expect(p.removed).toEqual([{ creditCode: ent.C!.creditCode, name: '镜湖丙钢铁有限公司', reason: 'recheckPassed' }]);
    expect(p.added).toEqual([ent.E!.creditCode]);
    expect(p.kept).toEqual([ent.A!.creditCode]);

    // a correction must say why
    const t202b = await t.as('t-340202');
    r = await t202b.post('/api/v1/publications', { list: 'yellow', territoryCode: '340202', action: 'correct', postedOn: '2020-09-17' });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe('reason');
    r = await t202b.post('/api/v1/publications', {
      list: 'yellow',
      territoryCode: '340202',
      action: 'correct',
      postedOn: '2020-09-17',
      reason: '丙公司复查合格摘牌，戊公司新列入',
    });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    v2 = b.id;
    expect(b).toMatchObject({ versionNo: 2, action: 'correct', prevHash: a.contentHash, reason: '丙公司复查合格摘牌，戊公司新列入' });
    expect(b.diff.added.map((x: { creditCode: string }) => x.creditCode)).toEqual([ent.E!.creditCode]);
    expect(b.diff.removed.map((x: { creditCode: string }) => x.creditCode)).toEqual([ent.C!.creditCode]);

    r = await t202b.post('/api/v1/publications', {
      list: 'yellow',
      territoryCode: '340202',
      action: 'withdraw',
      postedOn: '2020-09-17',
      reason: '名单整体撤回重新核实',
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    v3 = c.id;
    expect(c).toMatchObject({ versionNo: 3, action: 'withdraw', entries: [], prevHash: b.contentHash });
    expect(c.diff.removed.map((x: { creditCode: string }) => x.creditCode).sort()).toEqual([ent.A!.creditCode, ent.E!.creditCode].sort());

    // nothing in force: another withdrawal or a correction is refused and changes nothing
    r = await t202b.post('/api/v1/publications', { list: 'yellow', territoryCode: '340202', action: 'withdraw', postedOn: '2020-09-17', reason: 'again' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('PUBLICATION_NOT_IN_FORCE');
    expect(
      (
        await t.db
          .selectFrom('publication_version')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(3);
    const audit = await t.db.selectFrom('audit_log').select('act').where('entity_type', '=', 'publication').orderBy('id').execute();
    expect(audit.map((x) => x.act)).toEqual(['publication.publish', 'publication.correct', 'publication.withdraw']);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('the public reads every version, with its history and differences', async () => {
    const r = await t.anon.get(`/public/api/versions/${v2}`);
    expect(r.statusCode, r.body).toBe(200);
    const j = r.json();
    expect(j.history.map((h: { id: number; action: string }) => [h.id, h.action])).toEqual([
      [v1, 'publish'],
      [v2, 'correct'],
      [v3, 'withdraw'],
    ]);
    expect(j.reason).toBe('丙公司复查合格摘牌，戊公司新列入');
    const html = await t.anon.get(`/public/versions/${v3}`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('本名单已撤回');
    expect(html.body).toContain('镜湖区黄牌名单〔2020〕第3版');
    // withdrawn: the list in force has nothing from this series
    const list = (await t.anon.get('/public/api/lists/yellow')).json();
    expect(list.total).toBe(0);
  });

  it('an exclusion needs a proposed entry and a reason; it is recorded internally and never public', async () => {
    const u = await t.as('t-340202');
    let r = await u.post('/api/v1/publications', {
      list: 'red',
      territoryCode: '340202',
      action: 'publish',
      postedOn: '2020-09-17',
      exclusions: [{ creditCode: ent.A!.creditCode, reason: '不在红牌范围' }],
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe('exclusions/0/creditCode');
    r = await u.post('/api/v1/publications', {
      list: 'red',
      territoryCode: '340202',
      action: 'publish',
      postedOn: '2020-09-17',
      exclusions: [{ creditCode: ent.B!.creditCode, reason: '  ' }],
    });
    expect(r.statusCode).toBe(400);
    r = await u.post('/api/v1/publications', {
      list: 'red',
      territoryCode: '340202',
      action: 'publish',
      postedOn: '2020-09-17',
      exclusions: [{ creditCode: ent.B!.creditCode, reason: '行政诉讼未决，暂缓公布' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().entries).toEqual([]);
    expect(r.json().excluded).toEqual([{ creditCode: ent.B!.creditCode, name: '镜湖乙钢铁有限公司', reason: '行政诉讼未决，暂缓公布' }]);
    const pub = await t.anon.get(`/public/api/versions/${r.json().id}`);
    expect(pub.body).not.toContain('行政诉讼未决');
    expect(pub.body).not.toContain('excluded');
  });

  it('malformed or hostile input gets a coded 4xx naming the field, never 5xx', async () => {
    const u = await t.as('t-340202');
    const bad: Array<[unknown, string]> = [
      [{ list: 'purple', territoryCode: '340202', action: 'publish', postedOn: '2020-09-17' }, '/list'],
      [{ list: 'red', territoryCode: "340202'; drop table x", action: 'publish', postedOn: '2020-09-17' }, '/territoryCode'],
      [{ list: 'red', territoryCode: '340202', action: 'publish', postedOn: '2020-13-45' }, 'postedOn'],
      [{ list: 'red', territoryCode: '340202', action: 'publish', postedOn: '2020-09-17', extra: 1 }, ''],
      [{ list: 'red', territoryCode: '340202', action: 'publish', postedOn: '2020-09-17', reason: 'x'.repeat(501) }, '/reason'],
    ];
    for (const [body, field] of bad) {
      const r = await u.post('/api/v1/publications', body);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      if (field) expect(r.body).toContain(field);
    }
    // posted before the version it follows
    const r = await u.post('/api/v1/publications', { list: 'red', territoryCode: '340202', action: 'publish', postedOn: '2020-09-01' });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe('postedOn');
    for (const url of [
      '/public/lists/purple',
      '/public/versions/abc',
      '/public/versions/99999999999',
      '/public/api/lists/red?page=0',
      '/public/enterprises/x',
      '/open-data/versions/1.exe',
      '/public/lists/red?territory=%3Cscript%3E',
    ]) {
      const x = await t.anon.get(url);
      expect(x.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(x.statusCode, url).toBeLessThan(500);
    }
  });
});

describe('gating by the posted date, the public site and open data', () => {
  let future: number;

  it('a version posted after today is not public until its date', async () => {
    const u = await t.as('t-340202');
    const r = await u.post('/api/v1/publications', { list: 'annualExit', territoryCode: '340202', year: 2020, action: 'publish', postedOn: '2020-09-20' });
    expect(r.statusCode, r.body).toBe(201);
    future = r.json().id;
    expect((await t.anon.get(`/public/versions/${future}`)).statusCode).toBe(404);
    expect((await t.anon.get(`/open-data/versions/${future}.csv`)).statusCode).toBe(404);
    expect((await t.anon.get('/public/api/lists/annualExit')).json().total).toBe(0);
    expect((await t.anon.get('/open-data/feed.atom')).body).not.toContain(`/public/versions/${future}`);
    at('2020-09-20');
    expect((await t.anon.get(`/public/versions/${future}`)).statusCode).toBe(200);
    const list = (await t.anon.get('/public/api/lists/annualExit')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].entry.equipment[0].capacity).toBe('120');
  });

  it('open data: CSV with BOM, XLSX, JSON and Atom at stable URLs, with ETag and Cache-Control', async () => {
    const csv = await t.anon.get(`/open-data/versions/${future}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toContain('immutable');
    expect(csv.body).toContain('统一社会信用代码 creditCode');
    expect(csv.body).toContain(ent.B!.creditCode);
    const etag = csv.headers.etag as string;
    const again = await t.anon.request('GET', `/open-data/versions/${future}.csv`, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const xlsx = await t.anon.get(`/open-data/versions/${future}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = await t.anon.get(`/open-data/versions/${future}.json`);
    expect(json.json().entries[0].creditCode).toBe(ent.B!.creditCode);
    const atom = await t.anon.get('/open-data/feed.atom');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain(`/public/versions/${future}`);
    expect(atom.body).toContain('镜湖区年度落后产能退出名单〔2020〕第1版');
  });

  it('the public site: server-rendered pages in zh-CN and English, search and filters, an enterprise page', async () => {
    const o = await t.as('d-eco');
    expect(
      (await o.post('/api/v1/publications', { list: 'overEmission', territoryCode: '340200', action: 'publish', postedOn: '2020-09-20' })).statusCode,
    ).toBe(201);
    const home = await t.anon.get('/public');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('<html lang="zh-CN">');
    expect(home.body).not.toContain('<script');
    const en = await t.anon.get('/public?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Yellow-card list');
    const list = await t.anon.get('/public/lists/overEmission?territory=340207');
    expect(list.body).toContain('鸠江丁钢铁有限公司');
    expect((await t.anon.get('/public/lists/overEmission?territory=340202')).body).not.toContain('鸠江丁钢铁有限公司');
    expect((await t.anon.get(`/public/lists/overEmission?q=${encodeURIComponent('丁钢铁')}`)).body).toContain('鸠江丁钢铁有限公司');
    expect((await t.anon.get('/public/lists/overEmission?industry=cement')).body).not.toContain('鸠江丁钢铁有限公司');
    const page = await t.anon.get(`/public/enterprises/${ent.D!.creditCode}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('List of enterprises exceeding emission standards');
    // an enterprise on no public list is not public
    expect((await t.anon.get(`/public/enterprises/${ent.A!.creditCode}`)).statusCode).toBe(404);
  });

  it('public responses carry only whitelisted fields (every field of every public JSON response)', async () => {
    const paths = (v: unknown, prefix = ''): string[] => {
      if (Array.isArray(v)) return v.length ? [...new Set(v.flatMap((x) => paths(x, `${prefix}[]`)))] : [`${prefix}[]`];
      if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k}`, ...paths(x, `${prefix}.${k}`)]);
      return [];
    };
    const ENTRY = [
      'creditCode',
      'name',
      'territoryCode',
      'territoryName',
      'territoryNameEn',
      'industryCode',
      'industryName',
      'industryNameEn',
      'address',
      'dimensions',
      'since',
      'dueOn',
      'equipment',
    ];
    const EQUIP = ['name', 'kind', 'kindName', 'capacity', 'capacityUnit', 'exitedOn'];
    const HEAD = ['id', 'versionNo', 'action', 'number', 'postedOn', 'territoryCode', 'year'];
    const keysAt = (all: string[], prefix: string) =>
      [
        ...new Set(
          all
            .filter((p) => p.startsWith(`${prefix}.`) && !p.slice(prefix.length + 1).includes('.') && !p.slice(prefix.length + 1).includes('['))
            .map((p) => p.slice(prefix.length + 1)),
        ),
      ].sort();

    const version = (await t.anon.get(`/public/api/versions/${future}`)).json();
    const vp = paths(version);
    expect(keysAt(vp, '')).toEqual(
      [
        'action',
        'contentHash',
        'diff',
        'entries',
        'history',
        'id',
        'links',
        'list',
        'listName',
        'listNameEn',
        'number',
        'postedOn',
        'prevHash',
        'publishedAt',
        'reason',
        'series',
        'territoryCode',
        'territoryName',
        'unit',
        'versionNo',
        'year',
      ].sort(),
    );
    expect(keysAt(vp, '.entries[]')).toEqual([...ENTRY].sort());
    expect(keysAt(vp, '.entries[].equipment[]')).toEqual([...EQUIP].sort());
    expect(keysAt(vp, '.unit')).toEqual(['code', 'kind', 'name', 'nameEn']);
    expect(keysAt(vp, '.history[]')).toEqual([...HEAD].sort());
    expect(keysAt(vp, '.links')).toEqual(['csv', 'html', 'json', 'xlsx']);
    expect(keysAt(vp, '.diff')).toEqual(['added', 'changed', 'removed']);

    const list = (await t.anon.get('/public/api/lists/overEmission')).json();
    const lp = paths(list);
    expect(keysAt(lp, '')).toEqual(['basis', 'items', 'list', 'listName', 'listNameEn', 'page', 'pageSize', 'today', 'total']);
    expect(keysAt(lp, '.items[]')).toEqual(['entry', 'version']);
    expect(keysAt(lp, '.items[].entry')).toEqual([...ENTRY].sort());
    expect(keysAt(lp, '.items[].version')).toEqual([...HEAD].sort());

    const e = (await t.anon.get(`/public/api/enterprises/${ent.D!.creditCode}`)).json();
    const ep = paths(e);
    expect(keysAt(ep, '')).toEqual([
      'commitment',
      'creditCode',
      'industryCode',
      'industryName',
      'listings',
      'name',
      'notices',
      'territoryCode',
      'territoryName',
    ]);
    expect(keysAt(ep, '.listings[]')).toEqual(['dimensions', 'dueOn', 'list', 'listName', 'listNameEn', 'since', 'version']);

    // nothing internal or personal reaches any public answer
    for (const url of [
      '/public',
      '/public/lists/overEmission',
      '/public/lists/annualExit',
      `/public/versions/${future}`,
      `/public/api/versions/${future}`,
      `/open-data/versions/${future}.csv`,
      `/public/enterprises/${ent.D!.creditCode}`,
      '/public/api/lists/red',
      '/open-data/feed.atom',
      '/public/open-data',
    ]) {
      const r = await t.anon.get(url);
      expect(r.statusCode, url).toBe(200);
      for (const secret of ['13800138000', '王联系', '李法人', 'publishedBy', 'published_by', 'excluded', 'contact'])
        expect(r.body, `${url} leaks ${secret}`).not.toContain(secret);
    }
  });
});

describe('publications verify', () => {
  it('an intact store verifies; the table refuses edits; a direct edit behind the trigger is detected', async () => {
    expect((await verifyPublications(t)).ok).toBe(true);
    await expect(sql`update publication_version set number = 'x'`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from publication_version`.execute(t.db)).rejects.toThrow(/immutable/);
    const v = await t.db.selectFrom('publication_version').select(['id']).where('list_kind', '=', 'annualExit').executeTakeFirstOrThrow();
    await sql`alter table publication_version disable trigger publication_version_immutable`.execute(t.db);
    await sql`update publication_version set body = jsonb_set(body, '{entries,0,equipment,0,capacity}', '"12"') where id = ${v.id}`.execute(t.db);
    await sql`alter table publication_version enable trigger publication_version_immutable`.execute(t.db);
    const r = await verifyPublications(t);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ id: v.id, series: 'annualExit/340202/2020', versionNo: 1, reason: expect.stringContaining('edited after publication') }]);
  });
});
