/**
 * The problem roll-up (rollup_problem, server/projections/problem-rollup.ts) that the supervision indicators (§3.3)
 * read: after a sequence of acts on problem lists (§3.1: create, edit, import, close-out asked, rejected, signed off,
 * reopened) the roll-up equals its rebuild from the items, and the indicators from the roll-up equal the indicators
 * computed from every item, on several days (ages, overdue and the last sign-off move with the day). The same for
 * the filed plans' roll-up (rollup_plan, server/projections/plan-rollup.ts): after filings, exits accepted before and
 * after them, a new version and a new line of an enterprise planned as a whole, it equals its rebuild, and the plan
 * figures of the indicators equal those computed from every plan item joined with the capacity ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { computeIndicators } from '../../server/modules/supervision/indicators.ts';
import { DEFAULT_THRESHOLDS } from '../../server/modules/supervision/criteria.ts';
import { problemMoves, rebuildPlanRollup, rebuildProblemRollup } from '../../server/projections/index.ts';
import { changeLineState, changeLineStatesBulk } from '../../server/modules/lines/index.ts';
import { makeEnterprise, makeLine, multipart, problemListWorkbook, TINY_PNG, uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let office: Client;
let county: Client;
let other: Client;

const item = (territoryCode: string, foundOn: string, dueOn: string, description: string) => ({
  territoryCode,
  source: 'inspection',
  foundOn,
  description,
  level: 'general',
  responsibleUnit: '经信局',
  dueOn,
});
async function create(c: Client, body: ReturnType<typeof item>): Promise<{ id: number; version: number }> {
  const r = await c.post('/api/v1/problems', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function act(c: Client, id: number, body: Record<string, unknown>) {
  const r = await c.post(`/api/v1/problems/${id}/acts`, body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function moveTo(date: string) {
  t.clock.now = new Date(`${date}T02:00:00Z`);
  office = await t.as('office');
  county = await t.as('t-340202');
  other = await t.as('t-340207');
}
const ALL = { territories: null, dimensions: null, registry: true } as const;
async function rollupRows(): Promise<string[]> {
  const r = await sql<{
    k: string;
  }>`select territory_code || '|' || kind || '|' || on_date::text || '|' || n as k from rollup_problem where n <> 0 order by 1`.execute(t.db);
  return r.rows.map((x) => x.k);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-01T02:00:00Z' });
  await standardUsers(t);
  await moveTo('2020-03-01');
});
afterAll(async () => t?.close());

describe('the pure moves of one item (server/projections/problem-rollup.ts)', () => {
  const f = { territoryCode: '340202', state: 'open' as const, foundOn: '2020-01-01', dueOn: '2020-06-30', closedOn: null };
  it('§3.1 a new item counts in the open total, at its date found and at its due date; a sign-off moves it to its date closed', () => {
    expect(problemMoves(null, f)).toEqual([
      { territoryCode: '340202', kind: 'open', onDate: '-infinity', n: 1 },
      { territoryCode: '340202', kind: 'found', onDate: '2020-01-01', n: 1 },
      { territoryCode: '340202', kind: 'due', onDate: '2020-06-30', n: 1 },
    ]);
    expect(problemMoves({ ...f, state: 'closing' }, { ...f, state: 'closed', closedOn: '2020-05-01' })).toEqual([
      { territoryCode: '340202', kind: 'open', onDate: '-infinity', n: -1 },
      { territoryCode: '340202', kind: 'found', onDate: '2020-01-01', n: -1 },
      { territoryCode: '340202', kind: 'due', onDate: '2020-06-30', n: -1 },
      { territoryCode: '340202', kind: 'closed', onDate: '2020-05-01', n: 1 },
    ]);
  });
  it('§3.1 asking close-out moves nothing; an edit of the due date moves only the due date', () => {
    expect(problemMoves(f, { ...f, state: 'closing' })).toEqual([]);
    expect(problemMoves(f, { ...f, dueOn: '2020-07-31' })).toEqual([
      { territoryCode: '340202', kind: 'due', onDate: '2020-06-30', n: -1 },
      { territoryCode: '340202', kind: 'due', onDate: '2020-07-31', n: 1 },
    ]);
  });
});

describe('§3.3 the supervision indicators from the problem roll-up equal those computed from every item', () => {
  it('after create, edit, import, close-out asked / rejected / signed off and reopen, on several days', async () => {
    const ids: number[] = [];
    // 镜湖区: items found over the months, some overdue, of every age
    for (const [found, due, what] of [
      ['2019-06-01', '2019-12-31', '老问题一'],
      ['2019-11-15', '2020-02-15', '老问题二'],
      ['2020-01-10', '2020-04-30', '问题三'],
      ['2020-02-20', '2020-03-20', '问题四'],
      ['2020-02-29', '2020-06-30', '问题五'],
    ] as const)
      ids.push((await create(county, item('340202', found, due, what))).id);
    // 鸠江区: two items on the same days (the roll-up counts 2 on those keys)
    for (const what of ['鸠江一', '鸠江二']) ids.push((await create(other, item('340207', '2020-01-05', '2020-02-28', what))).id);
    // an edit of an open item moves its dates
    const cur = (await county.get(`/api/v1/problems/${ids[2]}`)).json();
    const edited = await county.patch(`/api/v1/problems/${ids[2]}`, { version: cur.version, foundOn: '2020-01-12', dueOn: '2020-05-31' });
    expect(edited.statusCode, edited.body).toBe(200);
    // an import adds rows through the same writer
    const list = await problemListWorkbook([['镜湖区', '审计', '审计-1', '2020-02-01', '导入的问题', '一般', '', '', '镜湖区经信局', '', '', '2020-02-25']]);
    const m = multipart(list, 'list.xlsx');
    const imp = await office.request('POST', '/api/v1/problems/import', m.body, m.headers);
    expect(imp.statusCode, imp.body).toBe(200);

    const sha = await uploadEvidence(county, 'e.png', TINY_PNG);
    // close-out of 问题四 asked and signed off; 老问题一 asked and rejected; 鸠江一 signed off, then reopened later
    await act(county, ids[3]!, { kind: 'requestClose', evidence: [sha] });
    await act(office, ids[3]!, { kind: 'signOff' });
    await act(county, ids[0]!, { kind: 'requestClose', evidence: [sha] });
    await act(office, ids[0]!, { kind: 'rejectClose', note: '证据不足' });
    await act(other, ids[5]!, { kind: 'requestClose', evidence: [sha] });
    await act(office, ids[5]!, { kind: 'signOff' });
    await moveTo('2020-04-10');
    await act(county, ids[1]!, { kind: 'requestClose', evidence: [sha] });
    await act(office, ids[1]!, { kind: 'signOff' });
    await act(office, ids[5]!, { kind: 'reopen', note: '回头看未整改到位' });
    await act(county, ids[4]!, { kind: 'requestClose', evidence: [sha] }); // left in closing: still open for the figures

    // the roll-up equals its rebuild from the items
    const kept = await rollupRows();
    expect(kept.length).toBeGreaterThan(0);
    await t.db.transaction().execute((trx) => rebuildProblemRollup(trx));
    expect(await rollupRows()).toEqual(kept);

    for (const day of ['2020-03-01', '2020-03-15', '2020-04-10', '2020-06-01', '2020-12-31']) {
      const fromItems = await computeIndicators(t.db, ALL, day, DEFAULT_THRESHOLDS, undefined, 'items');
      const fromRollup = await computeIndicators(t.db, ALL, day, DEFAULT_THRESHOLDS, undefined, 'rollup');
      expect(fromRollup, day).toEqual(fromItems);
    }
    // and the figures are the ones the acts imply (镜湖区 on 2020-04-10: 老问题一, 问题三, 问题五, 导入的问题 open)
    const jh = (await computeIndicators(t.db, ALL, '2020-04-10', DEFAULT_THRESHOLDS, '340202'))[0]!;
    expect(jh).toMatchObject({ openProblems: 4, overdueProblems: 2, openByAge: [0, 3, 0, 1], lastProgressOn: '2020-04-10' });
    const jj = (await computeIndicators(t.db, ALL, '2020-04-10', DEFAULT_THRESHOLDS, '340207'))[0]!;
    expect(jj).toMatchObject({ openProblems: 2, overdueProblems: 2 });
    // the route answers from the roll-up
    const r = (await office.get('/api/v1/supervision/indicators')).json().items as Array<{ territoryCode: string; openProblems: number; openByAge: number[] }>;
    expect(r.find((x) => x.territoryCode === '340202')).toMatchObject({ openProblems: 4, openByAge: [0, 3, 0, 1] });
  });
});

describe('§3.3 the plan figures of the supervision indicators from the plan roll-up equal those computed from every plan item', () => {
  async function planRows(): Promise<string[]> {
    const r = await sql<{
      k: string;
    }>`select territory_code || '|' || year || '|' || target_on::text || '|' || pending || '|' || exited as k from rollup_plan where pending <> 0 or exited <> 0 order by 1`.execute(
      t.db,
    );
    return r.rows.map((x) => x.k);
  }
  async function fileThrough(c: Client, id: number, version: number, filingNo: string): Promise<void> {
    const s = await c.post(`/api/v1/exit-plans/${id}/acts`, { kind: 'submit', version });
    expect(s.statusCode, s.body).toBe(200);
    const f = await office.post(`/api/v1/exit-plans/${id}/acts`, { kind: 'file', version: s.json().version, filingNo });
    expect(f.statusCode, f.body).toBe(200);
  }
  async function same(days: readonly string[]): Promise<void> {
    const kept = await planRows();
    await t.db.transaction().execute((trx) => rebuildPlanRollup(trx));
    expect(await planRows()).toEqual(kept);
    for (const day of days) {
      const fromItems = await computeIndicators(t.db, ALL, day, DEFAULT_THRESHOLDS, undefined, 'items');
      const fromRollup = await computeIndicators(t.db, ALL, day, DEFAULT_THRESHOLDS, undefined, 'rollup');
      expect(fromRollup, day).toEqual(fromItems);
    }
  }
  const DAYS = ['2020-05-01', '2020-06-30', '2020-07-01', '2020-08-20', '2020-09-30', '2020-12-31'] as const;

  it('after filing, exits (one line, one statement of several lines, an enterprise line by line), a new version and a new line', async () => {
    await moveTo('2020-05-01');
    const a = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖钢铁甲' });
    const a1 = await makeLine(t.db, a, { capacity: '100' });
    const a2 = await makeLine(t.db, a, { capacity: '50' });
    const b = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖钢铁乙' }); // planned as a whole
    const b1 = await makeLine(t.db, b);
    const b2 = await makeLine(t.db, b);
    const d = await makeEnterprise(t.db, { territoryCode: '340202', name: '镜湖钢铁丁' }); // planned as a whole, exits in one statement
    const d1 = await makeLine(t.db, d);
    const d2 = await makeLine(t.db, d);
    const c = await makeEnterprise(t.db, { territoryCode: '340207', name: '鸠江钢铁丙' });
    const c1 = await makeLine(t.db, c);
    const c2 = await makeLine(t.db, c);

    // 鸠江区: c1's exit is accepted before the plan is filed (the filing counts it)
    await changeLineState(t.db, c1, 'exited', { onDate: '2020-05-01' });
    const pc = await other.post('/api/v1/exit-plans', {
      territoryCode: '340207',
      year: 2020,
      items: [
        { enterpriseId: c.id, lineId: c1, method: 'technology', targetOn: '2020-06-30' },
        { enterpriseId: c.id, lineId: c2, method: 'technology', targetOn: '2020-07-15' },
      ],
    });
    expect(pc.statusCode, pc.body).toBe(201);
    await fileThrough(other, pc.json().id, pc.json().version, '芜淘汰办备〔2020〕11号');

    const items = [
      { enterpriseId: a.id, lineId: a1, method: 'technology', targetOn: '2020-06-30' },
      { enterpriseId: a.id, lineId: a2, method: 'energy', targetOn: '2020-09-30' },
      { enterpriseId: b.id, method: 'environment', capacity: '100', capacityUnit: '万吨/年', targetOn: '2020-08-31' },
      { enterpriseId: d.id, method: 'quality', capacity: '100', capacityUnit: '万吨/年', targetOn: '2020-08-31' },
    ];
    const pa = await county.post('/api/v1/exit-plans', { territoryCode: '340202', year: 2020, items });
    expect(pa.statusCode, pa.body).toBe(201);
    // a plan in work counts nowhere
    expect(await planRows()).toEqual(['340207|2020|2020-06-30|0|1', '340207|2020|2020-07-15|1|0']);
    await fileThrough(county, pa.json().id, pa.json().version, '芜淘汰办备〔2020〕12号');
    await same(DAYS);

    // the line move counts a1; b1 alone leaves 镜湖钢铁乙 pending; d1 and d2 in one statement exit 镜湖钢铁丁
    await moveTo('2020-06-20');
    await changeLineState(t.db, a1, 'exited', { onDate: '2020-06-20' });
    await changeLineState(t.db, b1, 'exited', { onDate: '2020-06-20' });
    await changeLineStatesBulk(
      t.db,
      sql`select id as line_id, 'exited'::text as to_state, '2020-06-20'::date as on_date, null::bigint as case_id, null::bigint as act_id
          from production_line where id in (${d1}, ${d2})`,
    );
    expect(await planRows()).toEqual([
      '340202|2020|2020-06-30|0|1',
      '340202|2020|2020-08-31|1|1',
      '340202|2020|2020-09-30|1|0',
      '340207|2020|2020-06-30|0|1',
      '340207|2020|2020-07-15|1|0',
    ]);
    await same(DAYS);
    await changeLineState(t.db, b2, 'exited', { onDate: '2020-06-25' });
    expect(await planRows()).toContain('340202|2020|2020-08-31|0|2');
    await same(DAYS);

    // a new version moves a2's target date; filing it supersedes the first version in the roll-up
    await moveTo('2020-07-01');
    const cur = (await county.get(`/api/v1/exit-plans/${pa.json().id}`)).json();
    const v2 = await county.post(`/api/v1/exit-plans/${pa.json().id}/acts`, { kind: 'newVersion', version: cur.version, reason: '调整目标日期' });
    expect(v2.statusCode, v2.body).toBe(200);
    const id2 = v2.json().id as number;
    const draft = (await county.get(`/api/v1/exit-plans/${id2}`)).json();
    const moved = await county.patch(`/api/v1/exit-plans/${id2}`, {
      version: draft.version,
      items: items.map((i) => (i.lineId === a2 ? { ...i, targetOn: '2020-10-31' } : i)),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // while the new version is in work the filed one still counts
    expect(await planRows()).toContain('340202|2020|2020-09-30|1|0');
    await fileThrough(county, id2, moved.json().version, '芜淘汰办备〔2020〕13号');
    expect(await planRows()).not.toContain('340202|2020|2020-09-30|1|0');
    expect(await planRows()).toContain('340202|2020|2020-10-31|1|0');
    await same(DAYS);

    // a new line of 镜湖钢铁乙 (planned as a whole): the enterprise has not wholly exited any more
    const nl = await county.post(`/api/v1/enterprises/${b.id}/lines`, { kind: 'converter', name: '3号转炉', capacity: '30', capacityUnit: '万吨/年' });
    expect(nl.statusCode, nl.body).toBe(201);
    expect(await planRows()).toContain('340202|2020|2020-08-31|1|1');
    await same(DAYS);

    // the figures the acts imply, on 2020-09-01 (at-risk window of the default thresholds)
    const jh = (await computeIndicators(t.db, ALL, '2020-09-01', DEFAULT_THRESHOLDS, '340202'))[0]!;
    expect(jh).toMatchObject({ planItems: 4, latePlanItems: 1 });
    expect(jh.planCompletion).toBe(0.6667); // done: a1, 镜湖钢铁丁; due: those and 镜湖钢铁乙 (late)
    const jj = (await computeIndicators(t.db, ALL, '2020-09-01', DEFAULT_THRESHOLDS, '340207'))[0]!;
    expect(jj).toMatchObject({ planItems: 2, latePlanItems: 1, planCompletion: 0.5 });
    // and the route answers from the roll-up
    const r = (await office.get('/api/v1/supervision/indicators')).json().items as Array<{ territoryCode: string; planItems: number }>;
    expect(r.find((x) => x.territoryCode === '340202')).toMatchObject({ planItems: 4 });
  });
});
