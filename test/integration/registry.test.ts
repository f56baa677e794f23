import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { changeLineState } from '../../server/modules/lines/change-line-state.ts';
import { importRegistry, multipart as filePart, registryWorkbook, XLSX_TYPE, type Cells } from '../support/factories.ts';

let t: TestApp;
let office: Client;
let jinghu: Client; // t-340202
let jiujiang: Client; // t-340207

/** A valid code for a 17-character body (region 340202 unless given). */
function code(serial: number, region = '340202'): string {
  const first17 = `91${region}${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}
function badCheckDigit(valid: string): string {
  const last = valid.charAt(17);
  return valid.slice(0, 17) + (last === '0' ? '1' : '0');
}

const ent = (serial: number, over: Record<string, unknown> = {}) => ({
  creditCode: code(serial),
  name: `测试企业${serial}有限公司`,
  territoryCode: '340202',
  industryCode: 'steel',
  ...over,
});
const line = (over: Record<string, unknown> = {}) => ({ kind: 'blast_furnace', name: '1号高炉', capacity: '120.50', capacityUnit: '万吨/年', ...over });

beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
  office = await t.as('office');
  jinghu = await t.as('t-340202');
  jiujiang = await t.as('t-340207');
});
afterAll(async () => t?.close());

describe('enterprises: credit code (GB 32100-2015, facts-cn §9)', () => {
  it('accepts a valid code and answers the record with allowedActs and a derived status', async () => {
    const r = await office.post('/api/v1/enterprises', ent(1, { address: '镜湖区长江路1号', longitude: 118.38, latitude: 31.33 }));
    expect(r.statusCode).toBe(201);
    const e = r.json();
    expect(e).toMatchObject({
      creditCode: code(1),
      territoryCode: '340202',
      territoryName: '镜湖区',
      status: 'operating',
      version: 1,
      longitude: 118.38,
      creditCodeOverride: null,
    });
    expect(e.allowedActs).toEqual(expect.arrayContaining(['update', 'addLine', 'openCase']));
  });

  it('refuses a malformed code (422 INVALID_CREDIT_CODE_FORMAT)', async () => {
    const r = await office.post('/api/v1/enterprises', ent(2, { creditCode: '91340202ABC' }));
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('INVALID_CREDIT_CODE_FORMAT');
  });

  it('refuses a code failing only its check digit unless the office gives a written reason, which is stored and audited', async () => {
    const bad = badCheckDigit(code(3));
    const r1 = await office.post('/api/v1/enterprises', ent(3, { creditCode: bad }));
    expect(r1.statusCode).toBe(422);
    expect(r1.json().code).toBe('INVALID_CREDIT_CODE');
    const short = await office.post('/api/v1/enterprises', ent(3, { creditCode: bad, creditCodeOverrideReason: '试点' }));
    expect(short.json().code).toBe('INVALID_CREDIT_CODE');
    const byTerritory = await jinghu.post('/api/v1/enterprises', ent(3, { creditCode: bad, creditCodeOverrideReason: '福建早期试点地区代码' }));
    expect(byTerritory.statusCode).toBe(422);
    expect(byTerritory.json().code).toBe('INVALID_CREDIT_CODE');
    const ok = await office.post('/api/v1/enterprises', ent(3, { creditCode: bad, creditCodeOverrideReason: '早期试点地区代码，营业执照原件核对无误' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().creditCodeOverride).toBe('早期试点地区代码，营业执照原件核对无误');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['act', 'after'])
      .where('entity_type', '=', 'enterprise')
      .where('entity_id', '=', String(ok.json().id))
      .execute();
    expect(audit.map((a) => a.act)).toEqual(expect.arrayContaining(['enterprise.create', 'enterprise.creditCodeOverride']));
  });

  it('refuses a duplicate code (409 DUPLICATE_CREDIT_CODE)', async () => {
    const r = await office.post('/api/v1/enterprises', ent(1));
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('DUPLICATE_CREDIT_CODE');
  });

  it('refuses unknown or superseded territories and unknown industries', async () => {
    expect((await office.post('/api/v1/enterprises', ent(4, { territoryCode: '999999' }))).json().code).toBe('UNKNOWN_TERRITORY');
    const sanshan = await office.post('/api/v1/enterprises', ent(4, { territoryCode: '340208' }));
    expect(sanshan.statusCode).toBe(422);
    expect(sanshan.json()).toMatchObject({ code: 'TERRITORY_NOT_CURRENT', details: { successorCode: '340209' } });
    expect((await office.post('/api/v1/enterprises', ent(4, { industryCode: 'candy' }))).json().code).toBe('UNKNOWN_INDUSTRY');
  });

  it('never accepts a status from input', async () => {
    const r = await office.post('/api/v1/enterprises', ent(5, { status: 'exited' }));
    expect(r.statusCode).toBe(400);
  });
});

describe('enterprises: scope and roles', () => {
  let foreignId: number;
  beforeAll(async () => {
    foreignId = (
      await office.post('/api/v1/enterprises', ent(10, { creditCode: code(10, '340207'), territoryCode: '340207', name: '鸠江某钢铁有限公司' }))
    ).json().id;
  });

  it('a territory account cannot read, list or change another territory’s enterprise (404)', async () => {
    expect((await jinghu.get(`/api/v1/enterprises/${foreignId}`)).statusCode).toBe(404);
    const list = (await jinghu.get('/api/v1/enterprises?limit=500')).json();
    expect(list.items.map((e: { id: number }) => e.id)).not.toContain(foreignId);
    expect(list.items.every((e: { territoryCode: string }) => e.territoryCode === '340202')).toBe(true);
    expect((await jinghu.get(`/api/v1/enterprises?q=${encodeURIComponent('鸠江某')}`)).json().total).toBe(0);
    expect((await jinghu.patch(`/api/v1/enterprises/${foreignId}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await jiujiang.get(`/api/v1/enterprises/${foreignId}`)).statusCode).toBe(200);
  });

  it('a territory account cannot create in another territory (403 FORBIDDEN)', async () => {
    const r = await jinghu.post('/api/v1/enterprises', ent(11, { territoryCode: '340207' }));
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
    expect((await jinghu.post('/api/v1/enterprises', ent(11))).statusCode).toBe(201);
  });

  it('line lists are scoped through the enterprise territory', async () => {
    await office.post(`/api/v1/enterprises/${foreignId}/lines`, line({ name: '鸠江高炉' }));
    const mine = (await jinghu.get('/api/v1/lines?limit=500')).json();
    expect(mine.items.every((l: { territoryCode: string }) => l.territoryCode === '340202')).toBe(true);
    expect((await jinghu.get(`/api/v1/lines?enterpriseId=${foreignId}`)).json().total).toBe(0);
    expect((await jinghu.get(`/api/v1/enterprises/${foreignId}/lines`)).statusCode).toBe(404);
    expect((await jiujiang.get(`/api/v1/lines?enterpriseId=${foreignId}`)).json().total).toBe(1);
  });

  it('departments and the government read all but may not write; banks have no registry access', async () => {
    const dept = await t.as('d-eit');
    const gov = await t.as('gov');
    const bank = await t.as('bank');
    const e = (await dept.get(`/api/v1/enterprises/${foreignId}`)).json();
    expect(e.allowedActs).toEqual(['openCase', 'viewHistory']);
    expect((await gov.get(`/api/v1/enterprises/${foreignId}`)).json().allowedActs).toEqual(['viewHistory']);
    expect((await dept.post('/api/v1/enterprises', ent(12))).statusCode).toBe(403);
    expect((await bank.get('/api/v1/enterprises')).statusCode).toBe(403);
    expect((await bank.get(`/api/v1/enterprises/${foreignId}`)).statusCode).toBe(403);
  });

  it('PATCH uses the version and keeps a history of changes', async () => {
    const id = (await office.post('/api/v1/enterprises', ent(13))).json().id;
    const r = await jinghu.patch(`/api/v1/enterprises/${id}`, { version: 1, contactName: '王伟', contactPhone: '13900000000' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ version: 2, contactName: '王伟' });
    const stale = await jinghu.patch(`/api/v1/enterprises/${id}`, { version: 1, contactName: '李娜' });
    expect(stale.statusCode).toBe(409);
    const moved = await jinghu.patch(`/api/v1/enterprises/${id}`, { version: 2, territoryCode: '340207' });
    expect(moved.statusCode).toBe(403);
    const h = (await office.get(`/api/v1/enterprises/${id}/history`)).json();
    expect(h.items).toHaveLength(2);
    expect(h.items[1].changes).toEqual({ contactName: [null, '王伟'], contactPhone: [null, '13900000000'] });
    expect(h.items[1].actorName).toBe('t-340202');
  });

  it('search: q is part of the name or a credit-code prefix; % and _ are literal; sorting is stable', async () => {
    await office.post('/api/v1/enterprises', ent(20, { name: '芜湖100%_特钢有限公司' }));
    const byName = (await office.get(`/api/v1/enterprises?q=${encodeURIComponent('特钢')}`)).json();
    expect(byName.items.map((e: { name: string }) => e.name)).toContain('芜湖100%_特钢有限公司');
    expect((await office.get(`/api/v1/enterprises?q=${encodeURIComponent('%')}`)).json().total).toBe(1);
    expect((await office.get(`/api/v1/enterprises?q=${encodeURIComponent('0%_特')}`)).json().total).toBe(1);
    const prefix = (await office.get(`/api/v1/enterprises?q=${code(20).slice(0, 16)}`)).json();
    expect(prefix.items.map((e: { creditCode: string }) => e.creditCode)).toContain(code(20));
    const sorted = (await office.get('/api/v1/enterprises?sort=-name&limit=500')).json().items.map((e: { name: string }) => e.name);
    expect([...sorted].sort((a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(sorted);
  });

  it('keyset pages (after=) walk every sort exactly as offset pages do, in scope; a forged cursor is a coded 400 (issue 18 item 6)', async () => {
    for (let i = 0; i < 7; i++) await office.post('/api/v1/enterprises', ent(140 + i, { name: `键集翻页${i % 3}号有限公司` })); // equal names: the id breaks ties
    // rows written by the database's clock carry microseconds (a JS Date keeps milliseconds): the cursor must not repeat them
    await t.db
      .updateTable('enterprise')
      .set({ created_at: sql`created_at + interval '0.000456 seconds'` })
      .where('credit_code', 'in', [code(141), code(144)])
      .execute();
    for (const sort of ['id', '-id', 'name', '-name', 'creditCode', '-creditCode', 'createdAt', '-createdAt']) {
      for (const who of [office, jinghu]) {
        const all = (await who.get(`/api/v1/enterprises?sort=${sort}&limit=500`)).json();
        const walked: number[] = [];
        let url = `/api/v1/enterprises?sort=${sort}&limit=3`;
        for (let guard = 0; guard < 200; guard++) {
          const page = (await who.get(url)).json();
          expect(page.total).toBe(all.total);
          walked.push(...page.items.map((e: { id: number }) => e.id));
          if (!page.nextCursor) break;
          url = `/api/v1/enterprises?sort=${sort}&limit=3&after=${page.nextCursor}`;
        }
        expect(walked).toEqual(all.items.map((e: { id: number }) => e.id));
      }
    }
    // the cursor of a name page is not a cursor of the id sort, and a hand-made one is refused, naming the field
    const first = (await office.get('/api/v1/enterprises?sort=name&limit=2')).json();
    for (const bad of [
      first.nextCursor,
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('[5,5,-1]').toString('base64url'),
      Buffer.from('[5,5]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      'AAAA',
    ]) {
      const r = await office.get(`/api/v1/enterprises?sort=id&after=${bad}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json())).toContain('/after');
    }
    expect((await office.get('/api/v1/enterprises?after=not%20base64')).statusCode).toBe(400);
  });

  it('a search counts its matches up to 10,000 and says so (totalCapped); its pages, offsets past the cap and cursors stay exact (issue 18 item 6)', async () => {
    const n = 10_003;
    await sql`insert into enterprise (credit_code, name, territory_code, industry_code)
      select 'ZZCAP' || lpad(g::text, 13, '0'), '封顶计数' || g || '号有限公司', '340202', 'steel' from generate_series(1, ${n}) g`.execute(t.db);
    try {
      const ids = (
        await sql<{ id: string; name: string }>`select id, name from enterprise where credit_code like 'ZZCAP%' order by name desc, id desc`.execute(t.db)
      ).rows;
      const q = encodeURIComponent('封顶计数');
      const first = (await office.get(`/api/v1/enterprises?q=${q}&limit=20`)).json();
      expect(first).toMatchObject({ total: 10_000, totalCapped: true });
      const byId = ids.map((r) => Number(r.id)).sort((a, b) => a - b);
      expect(first.items.map((e: { id: number }) => e.id)).toEqual(byId.slice(0, 20));
      // inside the cap (one statement) and past it (count capped, page exact) the rows are those of the whole order
      for (const [offset, limit] of [
        [9_995, 5],
        [9_998, 5],
        [10_001, 5],
      ] as const) {
        const page = (await office.get(`/api/v1/enterprises?q=${q}&sort=-name&offset=${offset}&limit=${limit}`)).json();
        expect(page).toMatchObject({ total: 10_000, totalCapped: true });
        expect(page.items.map((e: { id: number }) => e.id)).toEqual(ids.slice(offset, offset + limit).map((r) => Number(r.id)));
      }
      // a walk by cursor keeps the capped total and reaches rows past the cap
      const p1 = (await office.get(`/api/v1/enterprises?q=${q}&sort=-name&limit=3`)).json();
      const p2 = (await office.get(`/api/v1/enterprises?q=${q}&sort=-name&limit=3&after=${p1.nextCursor}`)).json();
      expect(p2).toMatchObject({ total: 10_000, totalCapped: true });
      expect(p2.items.map((e: { id: number }) => e.id)).toEqual(ids.slice(3, 6).map((r) => Number(r.id)));
      // a narrow term is counted exactly and says nothing of a cap; scope still holds (another county sees none)
      const narrow = (await office.get(`/api/v1/enterprises?q=${encodeURIComponent('封顶计数1000')}`)).json();
      expect(narrow.total).toBe(ids.filter((r) => r.name.startsWith('封顶计数1000')).length);
      expect(narrow.totalCapped).toBeUndefined();
      expect((await jinghu.get(`/api/v1/enterprises?q=${q}`)).json()).toMatchObject({ total: 10_000, totalCapped: true });
      const other = (await (await t.as('t-340207')).get(`/api/v1/enterprises?q=${q}`)).json();
      expect(other).toEqual({ items: [], total: 0 });
      // a list without a search is counted exactly
      const all = (await office.get('/api/v1/enterprises?limit=1')).json();
      expect(all.total).toBeGreaterThan(n);
      expect(all.totalCapped).toBeUndefined();
    } finally {
      await sql`delete from enterprise where credit_code like 'ZZCAP%'`.execute(t.db);
    }
  });
});

describe('production lines, status and capacity', () => {
  it('refuses a unit that is not one of the industry’s units (422 BAD_UNIT), an unknown kind, a bad capacity', async () => {
    const id = (await office.post('/api/v1/enterprises', ent(30))).json().id;
    const bad = await office.post(`/api/v1/enterprises/${id}/lines`, line({ capacityUnit: '万重量箱/年' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('BAD_UNIT');
    expect((await office.post(`/api/v1/enterprises/${id}/lines`, line({ kind: 'teleporter' }))).json().code).toBe('UNKNOWN_LINE_KIND');
    expect((await office.post(`/api/v1/enterprises/${id}/lines`, line({ capacity: '1.23456' }))).statusCode).toBe(400);
    const ok = await office.post(`/api/v1/enterprises/${id}/lines`, line());
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ capacity: '120.5', capacityUnit: '万吨/年', state: 'operating', allowedActs: ['update', 'openCase'] });
    expect((await office.patch(`/api/v1/lines/${ok.json().id}`, { state: 'exited' })).statusCode).toBe(400);
  });

  it('derives the enterprise status from cases and line states', async () => {
    const id = (await office.post('/api/v1/enterprises', ent(31))).json().id;
    const l1 = (await office.post(`/api/v1/enterprises/${id}/lines`, line({ marks: 'S31-A' }))).json().id;
    const l2 = (await office.post(`/api/v1/enterprises/${id}/lines`, line({ name: '2号高炉', marks: 'S31-B', capacity: '80' }))).json().id;
    const status = async () => (await office.get(`/api/v1/enterprises/${id}`)).json().status;
    const { refreshEnterpriseStatus } = await import('../../server/modules/enterprises/enterprise-status.ts');
    const c = await t.db
      .insertInto('case_file')
      .values({
        enterprise_id: id,
        dimension: 'energy',
        territory_code: '340202',
        department_code: 'eit',
        state: 'rectifying',
        finding: '{}',
        snapshot: '{}',
        opened_on: '2020-09-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshEnterpriseStatus(t.db, id);
    expect(await status()).toBe('rectifying');
    await t.db.updateTable('case_file').set({ state: 'closureOrdered' }).where('id', '=', c.id).execute();
    await refreshEnterpriseStatus(t.db, id);
    expect(await status()).toBe('enforcement');
    await t.db.updateTable('case_file').set({ state: 'closed', closed: true, outcome: 'licenceRevoked' }).where('id', '=', c.id).execute();
    await refreshEnterpriseStatus(t.db, id);
    expect(await status()).toBe('closed');
    await t.db.transaction().execute(async (trx) => {
      await changeLineState(trx, l1, 'dismantled', { onDate: '2020-10-01', caseId: c.id });
      await changeLineState(trx, l2, 'exited', { onDate: '2020-11-01', caseId: c.id });
    });
    // a dismantled line awaits acceptance (§3.4): not every line has exited yet
    expect(await status()).toBe('closed');
    await t.db.transaction().execute((trx) => changeLineState(trx, l1, 'exited', { onDate: '2020-11-05', caseId: c.id }));
    expect(await status()).toBe('exited');
  });

  it('the capacity ledger counts a line once and never mixes units', async () => {
    const id = (await office.post('/api/v1/enterprises', ent(32, { industryCode: 'cement', territoryCode: '340202' }))).json().id;
    const a = (
      await office.post(`/api/v1/enterprises/${id}/lines`, line({ kind: 'clinker_line', name: 'A', capacity: '60.25', capacityUnit: '万吨/年' }))
    ).json().id;
    const b = (await office.post(`/api/v1/enterprises/${id}/lines`, line({ kind: 'clinker_line', name: 'B', capacity: '2500', capacityUnit: 't/d' }))).json()
      .id;
    const c = (
      await office.post(`/api/v1/enterprises/${id}/lines`, line({ kind: 'cement_mill', name: 'C', capacity: '39.75', capacityUnit: '万吨/年' }))
    ).json().id;
    await t.db.transaction().execute(async (trx) => {
      await changeLineState(trx, a, 'sealed', { onDate: '2020-09-20' });
      // dismantled is shut, awaiting acceptance: counted only when accepted (exited), once (issue 12)
      const shut = await changeLineState(trx, a, 'dismantled', { onDate: '2020-10-01' });
      expect(shut.counted).toBe(false);
      const first = await changeLineState(trx, a, 'exited', { onDate: '2021-02-01' });
      expect(first.counted).toBe(true); // counted in the year of its acceptance
      const again = await changeLineState(trx, a, 'exited', { onDate: '2021-03-01' });
      expect(again.counted).toBe(false);
      await changeLineState(trx, b, 'exited', { onDate: '2020-12-01' });
      await changeLineState(trx, c, 'exited', { onDate: '2020-12-15' });
    });
    const rows = (await office.get('/api/v1/capacity-ledger?industryCode=cement')).json().items;
    expect(rows).toEqual([
      { year: 2020, territoryCode: '340202', industryCode: 'cement', capacityUnit: 't/d', lines: 1, capacity: '2500' },
      { year: 2020, territoryCode: '340202', industryCode: 'cement', capacityUnit: '万吨/年', lines: 1, capacity: '39.75' },
      { year: 2021, territoryCode: '340202', industryCode: 'cement', capacityUnit: '万吨/年', lines: 1, capacity: '60.25' },
    ]);
    expect((await jiujiang.get('/api/v1/capacity-ledger?industryCode=cement')).json().items).toEqual([]);
    const history = await t.db.selectFrom('line_state_history').select(['from_state', 'to_state']).where('line_id', '=', a).orderBy('id').execute();
    expect(history.map((h) => h.to_state)).toEqual(['sealed', 'dismantled', 'exited']);
    const roll = await t.db
      .selectFrom('rollup_line')
      .select(['state', 'n', 'capacity'])
      .where('industry_code', '=', 'cement')
      .where('territory_code', '=', '340202')
      .where('capacity_unit', '=', '万吨/年')
      .execute();
    expect(roll.filter((x) => Number(x.n) !== 0).map((x) => [x.state, Number(x.n), Number(x.capacity)])).toEqual([['exited', 2, 100]]);
  });

  it('no relocation, no restart: a line matching an exited line raises an audited alert', async () => {
    const a = (await office.post('/api/v1/enterprises', ent(40))).json().id;
    const gone = (await office.post(`/api/v1/enterprises/${a}/lines`, line({ marks: 'NP-7788', model: 'GL-450', capacity: '45' }))).json().id;
    await t.db.transaction().execute((trx) => changeLineState(trx, gone, 'dismantled', { onDate: '2020-10-10' }));
    const b = (await office.post('/api/v1/enterprises', ent(41, { creditCode: code(41, '340207'), territoryCode: '340207' }))).json().id;
    const moved = (await office.post(`/api/v1/enterprises/${b}/lines`, line({ name: '新高炉', marks: ' np-7788 ' }))).json().id;
    const restarted = (await office.post(`/api/v1/enterprises/${a}/lines`, line({ name: '复产高炉', model: 'GL-450', capacity: '45.00' }))).json().id;
    const alerts = (await office.get('/api/v1/alerts')).json();
    const mine = alerts.items.filter((x: { exitedLine: { id: number } }) => x.exitedLine.id === gone);
    expect(mine).toHaveLength(2);
    expect(mine.find((x: { line: { id: number } }) => x.line.id === moved)).toMatchObject({ kind: 'relocation', matchOn: 'marks', territoryCode: '340207' });
    expect(mine.find((x: { line: { id: number } }) => x.line.id === restarted)).toMatchObject({
      kind: 'restart',
      matchOn: 'model+capacity',
      territoryCode: '340202',
    });
    const ji = (await jiujiang.get('/api/v1/alerts')).json();
    expect(ji.items.every((x: { territoryCode: string }) => x.territoryCode === '340207')).toBe(true);
    expect(ji.items.some((x: { line: { id: number } }) => x.line.id === moved)).toBe(true);
    // issue #19, item 5: the county sees that an alert was raised, not the other territory's enterprise and line
    const seen = ji.items.find((x: { line: { id: number } }) => x.line.id === moved);
    expect(seen.exitedLine).toBeNull();
    expect(seen.exitedElsewhere).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(String((await t.db.selectFrom('enterprise').select('name').where('id', '=', a).executeTakeFirstOrThrow()).name));
    const audited = await t.db.selectFrom('audit_log').select('act').where('act', 'like', 'registry.alert.%').execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect((await (await t.as('gov')).get('/api/v1/alerts')).statusCode).toBe(403);
  });
});

// ── Excel import / export ──────────────────────────────────────────────────────────────────────────

const multipart = (buf: Buffer, filename = 'registry.xlsx') => filePart(buf, filename, XLSX_TYPE);

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const out: string[][] = [];
    wb.getWorksheet(name)!.eachRow((r, n) => {
      if (n > 1) out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    return out;
  };
  return { enterprises: rows('企业'), lines: rows('生产线') };
}

describe('registry import (all or nothing) and export', () => {
  const good = (): [Cells[], Cells[]] => [
    [
      [code(100), '导入甲钢铁有限公司', '340202', 'steel', '镜湖区中山路1号', '张伟', '李娜', '13800000001'],
      [code(101), '导入乙水泥有限公司', '340202', 'cement', null, null, null, null],
    ],
    [
      [code(100), '1号转炉', 'converter', 25, 't', 'ZL-25', 1, 'IMP-100-1', '27.5', '万吨/年', '2019', '30吨及以下转炉（不含铁合金转炉）', '淘汰类'],
      [code(100), '2号转炉', 'converter', 60, 't', 'ZL-60', 1, 'IMP-100-2', 66, '万吨/年', null, null, null],
      [code(101), '熟料线', 'clinker_line', 2500, 't/d', null, null, null, '2500', 't/d', null, null, 'none'],
    ],
  ];

  it('serves the template with the three sheets and the Chinese headers', async () => {
    const r = await office.get('/api/v1/registry/import-template.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业', '生产线', '说明', '名录']);
    expect((wb.getWorksheet('企业')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '属地',
      '行业',
      '地址',
      '法定代表人',
      '联系人',
      '联系电话',
    ]);
    expect(JSON.stringify(wb.getWorksheet('说明')!.getSheetValues())).toContain('340209');
  });

  it('a file with two bad rows writes nothing and reports both, with row numbers and reasons', async () => {
    const [es, ls] = good();
    es.push([code(102), '导入丙公司', '340208', 'steel', null, null, null, null]); // row 4: superseded territory
    ls.push([code(101), '粉磨机', 'cement_mill', 3, 'm', null, null, null, '40', '万重量箱/年', null, null, null]); // row 5: bad unit
    const before = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await importRegistry(office, await registryWorkbook(es, ls));
    expect(r.statusCode).toBe(422);
    const p = r.json();
    expect(p.code).toBe('IMPORT_REJECTED');
    expect(p.details.errors).toHaveLength(2);
    expect(p.details.errors[0]).toMatchObject({ sheet: '企业', row: 4, column: '属地', code: 'TERRITORY_NOT_CURRENT' });
    expect(p.details.errors[1]).toMatchObject({ sheet: '生产线', row: 5, column: '产能单位', code: 'BAD_UNIT' });
    expect(p.details.errors[1].messageZh).toBeTruthy();
    const after = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('imports, and re-importing the same file changes nothing', async () => {
    const buf = await registryWorkbook(...good());
    const dry = await importRegistry(office, buf, '?dryRun=1');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, created: { enterprises: 2, lines: 3 } });
    expect(await t.db.selectFrom('enterprise').select('id').where('credit_code', '=', code(100)).executeTakeFirst()).toBeUndefined();
    const r = await importRegistry(office, buf);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, dryRun: false, created: { enterprises: 2, lines: 3 }, updated: { enterprises: 0, lines: 0 } });
    const again = await importRegistry(office, buf);
    expect(again.json()).toMatchObject({
      created: { enterprises: 0, lines: 0 },
      updated: { enterprises: 0, lines: 0 },
      unchanged: { enterprises: 2, lines: 3 },
    });
    const e = (await office.get(`/api/v1/enterprises?creditCode=${code(100)}`)).json().items[0];
    const lines = (await office.get(`/api/v1/enterprises/${e.id}/lines`)).json().items;
    expect(lines.map((l: { capacity: string; catalogueClass: string }) => [l.capacity, l.catalogueClass])).toEqual([
      ['27.5', 'eliminated'],
      ['66', 'none'],
    ]);
    const audits = await t.db.selectFrom('audit_log').select('after').where('act', '=', 'registry.import').execute();
    expect(audits).toHaveLength(2);
  });

  it('a row with a known credit code updates that enterprise; a territory account cannot touch another territory’s', async () => {
    const [es, ls] = good();
    es[0]![6] = '赵强';
    ls[1]![8] = '70';
    const r = await importRegistry(office, await registryWorkbook(es, ls));
    expect(r.json()).toMatchObject({ updated: { enterprises: 1, lines: 1 }, unchanged: { enterprises: 1, lines: 2 } });
    const e = (await office.get(`/api/v1/enterprises?creditCode=${code(100)}`)).json().items[0];
    expect(e.contactName).toBe('赵强');
    const foreign = await importRegistry(
      jiujiang,
      await registryWorkbook([[code(100), '导入甲钢铁有限公司', '340202', 'steel', null, null, '钱七', null]], []),
    );
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().details.errors[0]).toMatchObject({ sheet: '企业', row: 2, code: 'FORBIDDEN' });
  });

  it('accepts files above the JSON body limit (multipart limit 20 MB)', async () => {
    const wb = new ExcelJS.Workbook();
    const e = wb.addWorksheet('企业');
    e.addRow(['统一社会信用代码', '企业名称', '属地代码', '行业代码']);
    e.addRow([code(100), '导入甲钢铁有限公司', '340202', 'steel']);
    const pad = wb.addWorksheet('附件');
    for (let i = 0; i < 400; i++) pad.addRow([randomBytes(3000).toString('base64')]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(buf.length).toBeGreaterThan(1024 * 1024);
    const r = await importRegistry(office, buf, '?dryRun=1');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, unchanged: { enterprises: 1 } });
  });

  it('refuses a file that is not .xlsx (415)', async () => {
    const r = await importRegistry(office, Buffer.from('a,b,c\n'), '', 'registry.csv');
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const r2 = await importRegistry(office, Buffer.from('not a zip at all'));
    expect(r2.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('exports a valid xlsx whose rows match the filter and the scope', async () => {
    const r = await office.get('/api/v1/enterprises/export.xlsx?industryCode=cement');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const x = await readXlsx(r.rawPayload);
    const list = (await office.get('/api/v1/enterprises?industryCode=cement&limit=500')).json();
    expect(x.enterprises.map((row) => row[0]).sort()).toEqual(list.items.map((e: { creditCode: string }) => e.creditCode).sort());
    expect(x.enterprises.every((row) => row[3] === '水泥')).toBe(true); // names, not codes (issue 17 item 3)
    expect(x.lines.some((row) => row[0] === code(101) && row[1] === '熟料线' && row[8] === '2500')).toBe(true);
    const scoped = await readXlsx((await jiujiang.get('/api/v1/enterprises/export.xlsx')).rawPayload);
    expect(scoped.enterprises.length).toBeGreaterThan(0);
    expect(scoped.enterprises.every((row) => row[2] === '鸠江区')).toBe(true);
    // an export imports back unchanged
    const back = await importRegistry(office, r.rawPayload, '?dryRun=1');
    expect(back.json()).toMatchObject({ ok: true, created: { enterprises: 0, lines: 0 }, updated: { enterprises: 0, lines: 0 } });
  });
});

describe('Excel that speaks names (issue 17 item 3)', () => {
  it('the template offers drop-down lists of names for territory, industry, line kind, unit and catalogue class', async () => {
    const r = await office.get('/api/v1/registry/import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const lists = wb.getWorksheet('名录')!;
    expect(lists.state).toBe('hidden');
    const values = JSON.stringify(lists.getSheetValues());
    for (const name of ['繁昌区', '水泥', '水泥熟料生产线', '万吨/年', '淘汰类']) expect(values).toContain(name);
    expect(values).not.toContain('繁昌县'); // a former unit is not offered
    const ent = wb.getWorksheet('企业')!;
    expect(ent.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining("'名录'!$A$2")] });
    expect(ent.getCell('D500').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining("'名录'!$B$2")] });
    const lin = wb.getWorksheet('生产线')!;
    expect(lin.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining("'名录'!$C$2")] });
    expect(lin.getCell('J2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining("'名录'!$D$2")] });
    expect(JSON.stringify(wb.getWorksheet('说明')!.getSheetValues())).toContain('繁昌区');
  });

  it('an import accepts names or codes in the same file, and writes the codes', async () => {
    const buf = await registryWorkbook(
      [
        [code(300), '名称导入甲水泥有限公司', '繁昌区', '水泥', null, null, null, null],
        [code(301), '名称导入乙钢铁有限公司', '340212', 'steel', null, null, null, null],
      ],
      [
        [code(300), '1号熟料线', '水泥熟料生产线', 2500, 't/d', null, null, null, '77.5', '万吨/年', null, null, '无'],
        [code(301), '1号转炉', '转炉', 20, 't', null, null, null, '22', '万吨/年', null, null, '淘汰类'],
      ],
    );
    const r = await importRegistry(office, buf);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, created: { enterprises: 2, lines: 2 } });
    const rows = await t.db
      .selectFrom('enterprise')
      .select(['credit_code', 'territory_code', 'industry_code'])
      .where('credit_code', 'in', [code(300), code(301)])
      .orderBy('credit_code')
      .execute();
    expect(rows.map((x) => [x.territory_code, x.industry_code]).sort()).toEqual([
      ['340212', 'cement'],
      ['340212', 'steel'],
    ]);
    const kinds = await t.db
      .selectFrom('production_line as l')
      .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
      .select('l.kind')
      .where('e.credit_code', '=', code(300))
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['clinker_line']);
    // a former unit by its name is still refused as not current, with the text the user wrote
    const old = await importRegistry(office, await registryWorkbook([[code(302), '名称导入丙公司', '繁昌县', '水泥', null, null, null, null]], []));
    expect(old.statusCode).toBe(422);
    expect(old.json().details.errors[0]).toMatchObject({ column: '属地', code: 'TERRITORY_NOT_CURRENT' });
    expect(old.json().details.errors[0].messageZh).toContain('繁昌县');
  });

  it('the row-level error report downloads as .xlsx with the bad cells highlighted and noted, in Chinese or English; it writes nothing', async () => {
    const bad = await registryWorkbook(
      [
        [code(310), '报告甲公司', '不存在区', '水泥', null, null, null, null],
        [code(311), '报告乙公司', '镜湖区', '水泥', null, null, null, null],
      ],
      [[code(311), '粉磨机', '水泥粉磨机', 3, 'm', null, null, null, '40', '万重量箱/年', null, null, null]],
    );
    const before = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const m = multipart(bad, '企业登记.xlsx');
    const r = await office.request('POST', '/api/v1/registry/import/error-report.xlsx', m.body, m.headers);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('企业登记-错误报告.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const list = wb.getWorksheet('错误清单')!;
    const listed = JSON.stringify(list.getSheetValues());
    expect(listed).toContain('属地');
    expect(listed).toContain('产能单位');
    const terr = wb.getWorksheet('企业')!.getCell('C2');
    expect(terr.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(terr.note)).toMatch(/[\u4e00-\u9fff]/);
    expect(wb.getWorksheet('企业')!.getCell('C3').fill?.type).not.toBe('pattern'); // a good cell stays as it was
    expect(wb.getWorksheet('生产线')!.getCell('J2').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const after = await t.db
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const en = await office.request('POST', '/api/v1/registry/import/error-report.xlsx?lang=en', m.body, m.headers);
    const wbe = new ExcelJS.Workbook();
    await wbe.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    const enList = wbe.getWorksheet('Errors')!;
    const reasons = (enList.getColumn(4).values as unknown[]).slice(2).map(String);
    expect(reasons.length).toBe(2);
    for (const reason of reasons) expect(reason).toMatch(/^[A-Za-z]/);
  });

  it('attacks on the error report: bad lang, not multipart, not .xlsx get coded 4xx naming the problem, never 5xx', async () => {
    const m = multipart(await registryWorkbook([], []));
    const lang = await office.request('POST', '/api/v1/registry/import/error-report.xlsx?lang=fr', m.body, m.headers);
    expect(lang.statusCode).toBe(400);
    expect(lang.body).toContain('lang');
    const plain = await office.request('POST', '/api/v1/registry/import/error-report.xlsx', Buffer.from('{}'), { 'content-type': 'application/json' });
    expect([400, 415]).toContain(plain.statusCode);
    const csv = multipart(Buffer.from('a,b\n'), 'x.csv');
    const r = await office.request('POST', '/api/v1/registry/import/error-report.xlsx', csv.body, csv.headers);
    expect(r.statusCode).toBe(415);
    const junk = multipart(Buffer.from('not a zip at all'));
    const j = await office.request('POST', '/api/v1/registry/import/error-report.xlsx', junk.body, junk.headers);
    expect(j.statusCode).toBe(415);
    expect(j.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
