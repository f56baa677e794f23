/**
 * Cases through the HTTP API (plan §2.1–§2.5): a full energy case with its extension, a full technology case on the
 * sealing path, the induction-furnace rule, §2.2's government approval, scope, evidence, the explanation, the
 * roll-ups against the raw aggregates, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { createTestApp, standardUsers, type Client, type TestApp } from '../support/test-app.ts';
import { bumpLineRollup } from '../../server/modules/overview/rollups.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { parameters, type ParameterVersion } from '../../server/domain/law/parameters.ts';

let t: TestApp;
let seq = 0;

async function enterprise(territoryCode: string, industryCode = 'steel'): Promise<number> {
  seq++;
  const r = await t.db
    .insertInto('enterprise')
    .values({ credit_code: `91340200TEST${String(seq).padStart(6, '0')}`, name: `测试企业${seq}`, territory_code: territoryCode, industry_code: industryCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function line(enterpriseId: number, kind: string, capacity = '50', unit = '万吨/年'): Promise<number> {
  const r = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: enterpriseId, kind, name: `${kind}-${enterpriseId}`, capacity, capacity_unit: unit })
    .returning('id')
    .executeTakeFirstOrThrow();
  const e = await t.db.selectFrom('enterprise').select(['territory_code', 'industry_code']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  await bumpLineRollup(t.db, { territoryCode: e.territory_code, industryCode: e.industry_code, state: 'operating', capacityUnit: unit }, 1, capacity);
  return r.id;
}

const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));

/** A tiny valid PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082',
  'hex',
);

function multipart(name: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----phaseoutTestBoundary7MA4YWxkTrZu0gW';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: Client, name: string, content: Buffer) {
  const m = multipart(name, content);
  return c.request('POST', '/api/v1/evidence', m.body, m.headers);
}

const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };

/** Takes an act as `user` on `date` (the clock moves there; the session is opened then, so it has not expired). */
async function act(user: string, caseId: number, kind: string, date: string, payload: Record<string, unknown> = {}, evidence?: string[]) {
  at(date);
  const c = await t.as(user);
  return c.post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload, ...(evidence ? { evidence } : {}) });
}

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-10T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => {
  await t?.close();
});

describe('energy case §2.1 through the API', () => {
  let caseId: number;
  let entId: number;
  let lineId: number;

  it('a department leading energy opens the case; the owner is the first lead department (drc)', async () => {
    entId = await enterprise('340207');
    lineId = await line(entId, 'converter');
    const drc = await t.as('d-drc');
    at('2020-03-10');
    const r = await drc.post('/api/v1/cases', {
      enterpriseId: entId,
      dimension: 'energy',
      lineIds: [lineId],
      finding: { ...energyFinding, date: '2020-03-01' },
      openedOn: '2020-03-02',
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    caseId = c.id;
    expect(c).toMatchObject({
      state: 'found',
      dimension: 'energy',
      territoryCode: '340207',
      departmentCode: 'drc',
      closed: false,
      dueOn: null,
      deadlineStatus: 'none',
    });
    expect(c.lines).toHaveLength(1);
    expect(c.allowedActs.map((a: { kind: string }) => a.kind)).toEqual(['serveRectificationOrder']);
    expect(c.allowedActs[0].citation).toMatch(/§2\.1/);
    expect(c.allowedActs[0].payloadSchema).toBeTypeOf('object');
    const ent = await t.db.selectFrom('enterprise').select('status').where('id', '=', entId).executeTakeFirstOrThrow();
    expect(ent.status).toBe('rectifying');
  });

  it('rejects a finding that does not fit the dimension schema, an opening date after today, and a department of another dimension', async () => {
    const drc = await t.as('d-drc');
    const bad = await drc.post('/api/v1/cases', { enterpriseId: entId, dimension: 'energy', finding: { standard: 'GB 21256' }, openedOn: '2020-03-02' });
    expect(bad.statusCode).toBe(422);
    const future = await drc.post('/api/v1/cases', { enterpriseId: entId, dimension: 'energy', finding: energyFinding, openedOn: '2020-03-11' });
    expect(future.statusCode).toBe(422);
    const eco = await t.as('d-eco');
    const other = await eco.post('/api/v1/cases', { enterpriseId: entId, dimension: 'energy', finding: energyFinding, openedOn: '2020-03-02' });
    expect(other.statusCode).toBe(403);
    const t202 = await t.as('t-340202');
    const notMine = await t202.post('/api/v1/cases', { enterpriseId: entId, dimension: 'energy', finding: energyFinding, openedOn: '2020-03-02' });
    expect(notMine.statusCode).toBe(404);
  });

  it('serving the order sets the due date 6 months on, with its citation and steps', async () => {
    const drc = await t.as('d-drc');
    // the notice's number comes from the numbering service in the act's transaction: a typed one is refused, nothing changes
    const typed = await act('d-drc', caseId, 'serveRectificationOrder', '2020-03-10', { documentNo: '芜发改能〔2020〕1号' });
    expect(typed.statusCode).toBe(422);
    expect(typed.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: '/payload/documentNo' } });
    const unchanged = (await drc.get(`/api/v1/cases/${caseId}`)).json();
    expect(unchanged.state).toBe('found');
    expect(unchanged.timeline.some((a: { kind: string }) => a.kind === 'serveRectificationOrder')).toBe(false);
    const offered = (await drc.get(`/api/v1/cases/${caseId}`)).json().allowedActs.find((a: { kind: string }) => a.kind === 'serveRectificationOrder');
    expect(Object.keys(offered.payloadSchema.properties ?? {})).not.toContain('documentNo');
    const r = await act('d-drc', caseId, 'serveRectificationOrder', '2020-03-10');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ fromState: 'found', toState: 'rectifying', dueOn: '2020-09-10', seq: 1 });
    const c = (await drc.get(`/api/v1/cases/${caseId}`)).json();
    expect(c.deadline).toMatchObject({ due: '2020-09-10', basisId: 'plan-2020-§2.1', status: 'ok' });
    expect(c.deadline.citation).toMatch(/§2\.1/);
    expect(c.deadline.citationZh).toContain('芜湖市');
    expect(c.deadline.steps.length).toBeGreaterThan(0);
    expect(c.deadline.steps[0].basisId).toBe('gpcl-art-202'); // 民法总则 art. 202 before 2021-01-01
    const actRow = await t.db.selectFrom('case_act').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(actRow.basis_id).toBe('plan-2020-§2.1');
    expect(actRow.params).toEqual([{ name: 'energy.rectificationPeriod', value: 6, basisId: 'plan-2020-§2.1' }]);
    expect(actRow.due_on).toBe('2020-09-10');
    expect((actRow.due_detail as { steps: unknown[] }).steps.length).toBeGreaterThan(0);
  });

  it('a later change of the law never moves the deadline already decided', async () => {
    const versions = parameters['energy.rectificationPeriod'] as ParameterVersion<number>[];
    const saved = [...versions];
    versions.splice(0, versions.length, { ...saved[0]!, to: '2020-07-31' }, { from: '2020-08-01', value: 12, unit: 'months', basisId: 'plan-2020-§2.1' });
    try {
      const r = await act('t-340207', caseId, 'applyExtension', '2020-08-01', { requestedMonths: 3, reason: '设备改造周期长' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().dueOn).toBe('2020-09-10');
      const c = (await (await t.as('t-340207')).get(`/api/v1/cases/${caseId}`)).json();
      expect(c.deadline.due).toBe('2020-09-10');
      const row = await t.db.selectFrom('case_file').select('due_on').where('id', '=', caseId).executeTakeFirstOrThrow();
      expect(row.due_on).toBe('2020-09-10');
    } finally {
      versions.splice(0, versions.length, ...saved);
    }
  });

  it('the lead department approves 3 months: the new due date counts from the original one', async () => {
    const r = await act('d-drc', caseId, 'approveExtension', '2020-08-05', { grantedMonths: 3 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ toState: 'rectifying', dueOn: '2020-12-10' });
  });

  it('a second extension is refused and the refusal names what may be done', async () => {
    const r = await act('t-340207', caseId, 'applyExtension', '2020-08-10', { requestedMonths: 1, reason: '再次申请' });
    expect(r.statusCode).toBe(409);
    const p = r.json();
    expect(['ILLEGAL_TRANSITION', 'GUARD_FAILED']).toContain(p.code);
    expect(p.details.allowedForYou).toContain('reinspect');
    expect(p.details.allowedForYou).not.toContain('applyExtension');
  });

  it('scope: another territory gets 404; a department of another dimension cannot act', async () => {
    const t202 = await t.as('t-340202');
    expect((await t202.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await act('t-340202', caseId, 'reinspect', '2020-08-10', { result: 'pass' })).statusCode).toBe(404);
    expect((await t202.get(`/api/v1/cases/${caseId}/explain`)).statusCode).toBe(404);
    expect((await act('d-eco', caseId, 'reinspect', '2020-08-10', { result: 'pass' })).statusCode).toBe(404);
    const list = (await t202.get('/api/v1/cases')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(caseId);
    const bank = await t.as('bank');
    expect((await bank.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
  });

  it('a stale version is refused with CONFLICT', async () => {
    at('2020-12-01');
    const drc = await t.as('d-drc');
    const count = async () => ({
      acts: (await t.db.selectFrom('case_act').select('id').where('case_id', '=', caseId).execute()).length,
      audit: (await t.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'case').where('entity_id', '=', String(caseId)).execute()).length,
    });
    const before = await count();
    const r = await drc.post(`/api/v1/cases/${caseId}/acts`, { kind: 'reinspect', date: '2020-12-01', payload: { result: 'fail' }, version: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('CONFLICT');
    expect(await count()).toEqual(before); // nothing of the refused act was written
  });

  it('§2.1: a failed re-inspection inside the period leaves the clock running; closure is refused until the period ran out', async () => {
    const r = await act('d-drc', caseId, 'reinspect', '2020-12-01', { result: 'fail', measured: '11.8' });
    expect(r.json()).toMatchObject({ toState: 'rectifying', dueOn: '2020-12-10' });
    const early = await act('d-drc', caseId, 'orderClosure', '2020-12-02');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'GUARD_FAILED', details: { due: '2020-12-10', rule: 'plan-2020-§2.1' } });
    expect(early.json().details.reason.zh).toContain('2020-12-10');
  });

  it('failed re-inspection after the period → closure ordered (lines shut) → closure recorded → accepted: only then the lines exit, counted once, the enterprise exits', async () => {
    expect((await act('d-drc', caseId, 'reinspect', '2020-12-11', { result: 'fail' })).json()).toMatchObject({ toState: 'reinspectionFailed' });
    // no line moved: the act's own statement re-derives the status from the case's new state (enterprise-status.ts)
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', entId).executeTakeFirstOrThrow()).status).toBe('enforcement');
    expect((await act('d-drc', caseId, 'orderClosure', '2020-12-14')).json()).toMatchObject({ toState: 'closureOrdered' });
    const l1 = await t.db.selectFrom('production_line').select('state').where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(l1.state).toBe('shut');
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', entId).executeTakeFirstOrThrow()).status).toBe('enforcement');
    const r = await act('t-340207', caseId, 'recordClosure', '2020-12-20');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ toState: 'shut' });
    // shut is not exited (§3.4): nothing counted yet
    expect(await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', lineId).execute()).toHaveLength(0);
    expect((await t.db.selectFrom('production_line').select('state').where('id', '=', lineId).executeTakeFirstOrThrow()).state).toBe('shut');
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', entId).executeTakeFirstOrThrow()).status).toBe('enforcement');
    expect((await act('t-340207', caseId, 'accept', '2020-12-28', { certificateId: 'YS-2020-010' })).statusCode).toBe(403);
    // §3.4 + issue 12: acceptance only through a complete acceptance certificate (its last sign-off takes the act)
    const bare = await act('office', caseId, 'accept', '2020-12-28', { certificateId: 'YS-2020-010', certificateNo: '芜淘汰验〔2020〕10号' });
    expect(bare.json().code).toBe('CERTIFICATE_REQUIRED');
    await acceptThroughCertificateAsSystem(t.db, caseId, '2020-12-28', 'c'.repeat(64), { actor: SYSTEM_ACTOR, now: t.clock.now });
    const c = (await (await t.as('t-340207')).get(`/api/v1/cases/${caseId}`)).json();
    expect(c).toMatchObject({ state: 'closed', closed: true, outcome: 'exited', deadlineStatus: 'none', allowedActs: [] });
    expect(c.timeline.map((a: { kind: string }) => a.kind)).toEqual([
      'serveRectificationOrder',
      'applyExtension',
      'approveExtension',
      'reinspect',
      'reinspect',
      'orderClosure',
      'recordClosure',
      'accept',
    ]);
    expect(c.timeline[2].actor.displayName).toBe('d-drc');
    expect(c.timeline[0].citationZh).toContain('二、（一）');
    const l2 = await t.db.selectFrom('production_line').select('state').where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(l2.state).toBe('exited');
    const exits = await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', lineId).execute();
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ case_id: caseId, year: 2020, exited_on: '2020-12-28' });
    const ent = await t.db.selectFrom('enterprise').select('status').where('id', '=', entId).executeTakeFirstOrThrow();
    expect(ent.status).toBe('exited'); // its only line exited (enterprise-status.ts rule 1)
  });

  it('explains the chain: rules, roles, parameters with their basis, deadlines with steps', async () => {
    const drc = await t.as('d-drc');
    const r = await drc.get(`/api/v1/cases/${caseId}/explain`);
    expect(r.statusCode, r.body).toBe(200);
    const x = r.json();
    expect(x.chain).toHaveLength(8);
    expect(x.chain[0].rule).toMatchObject({ from: 'found', act: 'serveRectificationOrder', to: ['rectifying'], basisId: 'plan-2020-§2.1' });
    expect(x.chain[0].rule.roles).toEqual(['department', 'territory']);
    expect(x.chain[0].params[0]).toMatchObject({ name: 'energy.rectificationPeriod', value: 6, basisId: 'plan-2020-§2.1' });
    expect(x.chain[0].deadline.due).toBe('2020-09-10');
    expect(x.chain[2].deadline).toMatchObject({ due: '2020-12-10', value: { from: '2020-09-10', months: 3 } });
    expect(x.chain[2].params.map((p: { name: string }) => p.name)).toContain('energy.extensionCountedFrom');
    // a local choice is shown as such, never as the plan
    expect(x.chain[2].params.find((p: { name: string }) => p.name === 'energy.extensionCountedFrom')).toMatchObject({
      basisId: 'local-wuhu-执行口径-2020',
      kind: 'local',
    });
    expect(x.chain[0].params[0].kind).toBe('plan');
  });

  it('one audit record per act, and the chain verifies', async () => {
    const acts = await t.db.selectFrom('case_act').select(['kind']).where('case_id', '=', caseId).execute();
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['act', 'basis_id'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(caseId))
      .where('act', 'like', 'case.act.%')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.act)).toEqual(acts.map((a) => `case.act.${a.kind}`));
    expect(audits.every((a) => a.basis_id === 'plan-2020-§2.1')).toBe(true);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});

describe('technology case §2.5 through the API', () => {
  let png: string;

  it('uploads evidence: content-addressed, type by magic bytes, visible to the uploader', async () => {
    const t202 = await t.as('t-340202');
    const r = await upload(t202, '断水照片.png', PNG);
    expect(r.statusCode, r.body).toBe(201);
    png = r.json().sha256;
    expect(r.json()).toMatchObject({ mimeType: 'image/png', sizeBytes: PNG.length, originalName: '断水照片.png' });
    expect(png).toMatch(/^[0-9a-f]{64}$/);
    const again = await upload(t202, 'same.png', PNG);
    expect(again.json().sha256).toBe(png);
    const fake = await upload(t202, 'report.pdf', Buffer.from('this is not a pdf at all'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const lying = await upload(t202, 'photo.pdf', PNG);
    expect(lying.statusCode).toBe(415);
    const get = await t202.get(`/api/v1/evidence/${png}`);
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect(get.rawPayload.equals(PNG)).toBe(true);
    const t207 = await t.as('t-340207');
    expect((await t207.get(`/api/v1/evidence/${png}`)).statusCode).toBe(404);
  });

  it('cut water, cut power, remove power units, seal, commit, publish city + county, set the deadline → dismantle → accept', async () => {
    const entId = await enterprise('340202', 'cement');
    const lineId = await line(entId, 'shaft_kiln', '12', 't/d');
    const eit = await t.as('d-eit');
    const t202 = await t.as('t-340202');
    const office = await t.as('office');
    at('2020-03-10');
    const open = await t202.post('/api/v1/cases', {
      enterpriseId: entId,
      dimension: 'technology',
      lineIds: [lineId],
      finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '水泥机立窑' },
      openedOn: '2020-03-10',
    });
    expect(open.statusCode, open.body).toBe(201);
    const id = open.json().id;
    expect(open.json().departmentCode).toBe('eit');
    const steps: Array<[string, string, string, Record<string, unknown>, string[]?]> = [
      ['t-340202', 'cutWater', '2020-03-11', {}, [png]],
      ['t-340202', 'cutPower', '2020-03-11', {}, [png]],
      ['t-340202', 'removePowerUnits', '2020-03-12', {}, [png]],
      ['t-340202', 'sealMainEquipment', '2020-03-12', {}, [png]],
      ['t-340202', 'publicCommitment', '2020-03-13', { evidenceIds: [png] }],
      ['d-eit', 'publishNotice', '2020-03-14', { level: 'city', url: 'https://jxw.wuhu.gov.cn/notice/1' }],
      ['d-eit', 'publishNotice', '2020-03-15', { level: 'county', url: 'https://www.jinghu.gov.cn/notice/1' }],
      ['d-eit', 'setDismantleDeadline', '2020-03-16', { months: 3 }],
    ];
    for (const [c, kind, date, payload, ev] of steps) {
      const r = await act(c, id, kind, date, payload, ev);
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
    }
    let c = (await eit.get(`/api/v1/cases/${id}`)).json();
    expect(c.state).toBe('sealed');
    expect(c.lines[0].state).toBe('sealed');
    expect(c.deadline.due).toBe('2020-06-16');
    expect(c.timeline[0].evidence[0]).toMatchObject({ sha256: png, mimeType: 'image/png' });
    // the evidence is now visible to whoever may see the case
    expect((await eit.get(`/api/v1/evidence/${png}`)).statusCode).toBe(200);
    expect((await act('t-340202', id, 'dismantle', '2020-05-20', {}, [png])).statusCode).toBe(201);
    const line1 = await t.db.selectFrom('production_line').select('state').where('id', '=', lineId).executeTakeFirstOrThrow();
    expect(line1.state).toBe('dismantled');
    // dismantled is shut, awaiting acceptance: not yet counted as exited (issue 12)
    expect(await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', lineId).execute()).toEqual([]);
    // acceptance only through a complete certificate (its last sign-off takes the act; test/integration/yearend.test.ts)
    const r = await act('office', id, 'accept', '2020-06-01', { certificateId: 'YS-2020-001' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('CERTIFICATE_REQUIRED');
    const number = await acceptThroughCertificateAsSystem(t.db, id, '2020-06-01', png, { actor: SYSTEM_ACTOR, now: t.clock.now });
    c = (await office.get(`/api/v1/cases/${id}`)).json();
    expect(c).toMatchObject({ state: 'closed', outcome: 'exited' });
    expect(c.timeline.at(-1).payload).toMatchObject({ certificateId: number });
    const exits = await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', lineId).execute();
    expect(exits).toHaveLength(1);
    expect(exits[0]!.exited_on).toBe('2020-06-01');
  });

  it('an act naming an unknown evidence file is refused', async () => {
    const entId = await enterprise('340202', 'cement');
    const lineId = await line(entId, 'shaft_kiln', '8', 't/d');
    at('2020-06-02');
    const t202 = await t.as('t-340202');
    const id = (
      await t202.post('/api/v1/cases', {
        enterpriseId: entId,
        dimension: 'technology',
        lineIds: [lineId],
        finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '水泥机立窑' },
        openedOn: '2020-06-02',
      })
    ).json().id;
    const r = await act('t-340202', id, 'cutWater', '2020-06-02', {}, ['0'.repeat(64)]);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().code).toBe('UNKNOWN_EVIDENCE');
  });

  it('sealing an induction furnace is refused; it must be dismantled (§2.5 地条钢)', async () => {
    const entId = await enterprise('340202');
    const lineId = await line(entId, 'induction_furnace_medium_frequency', '3');
    at('2020-06-03');
    const eit = await t.as('d-eit');
    const open = await eit.post('/api/v1/cases', {
      enterpriseId: entId,
      dimension: 'technology',
      lineIds: [lineId],
      finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '中频感应炉' },
      openedOn: '2020-06-03',
    });
    expect(open.statusCode, open.body).toBe(201);
    const id = open.json().id;
    expect(open.json().allowedActs.map((a: { kind: string }) => a.kind)).toEqual(['dismantle']);
    // an act cites evidence its own unit uploaded (issue #19, item 6): d-eit uploads the photo itself
    expect((await upload(eit, 'photo.png', PNG)).statusCode).toBe(201);
    const r = await act('d-eit', id, 'sealMainEquipment', '2020-06-03', {}, [png]);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('GUARD_FAILED');
    expect(r.json().details.reason.zh).toContain('中频炉');
    expect((await act('d-eit', id, 'dismantle', '2020-06-04', {}, [png])).statusCode).toBe(201);
  });
});

describe('environment §2.2: ceasing or closing needs the city government', () => {
  it('closure cannot be ordered before the government approves; after approval it can', async () => {
    const entId = await enterprise('340207');
    const lineId = await line(entId, 'electric_arc_furnace', '20');
    at('2020-06-05');
    const eco = await t.as('d-eco');
    const id = (
      await eco.post('/api/v1/cases', {
        enterpriseId: entId,
        dimension: 'environment',
        lineIds: [lineId],
        finding: { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' },
        openedOn: '2020-06-05',
      })
    ).json().id;
    for (const [kind, payload] of [
      ['orderSuspension', {}],
      ['recheck', { result: 'fail' }],
      ['declareSerious', { reason: '多次超标排放' }],
    ] as const) {
      const r = await act('d-eco', id, kind, '2020-06-06', payload);
      expect(r.statusCode, r.body).toBe(201);
    }
    const early = await act('d-eco', id, 'orderCeaseOrClose', '2020-06-06', { measure: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ILLEGAL_TRANSITION');
    expect(early.json().details.allowed).toEqual(['requestGovernmentApproval']);
    expect((await act('d-eco', id, 'requestGovernmentApproval', '2020-06-07')).statusCode).toBe(201);
    expect((await act('d-eco', id, 'orderCeaseOrClose', '2020-06-07', { measure: 'close' })).statusCode).toBe(409);
    expect((await act('d-eco', id, 'recordGovernmentApproval', '2020-06-08', { decision: 'approved' })).statusCode).toBe(403);
    expect(
      (await act('gov', id, 'recordGovernmentApproval', '2020-06-08', { decision: 'approved', measure: 'close', documentNo: '芜政秘〔2020〕8号' })).statusCode,
    ).toBe(201);
    expect((await act('d-eco', id, 'orderCeaseOrClose', '2020-06-09', { measure: 'cease' })).statusCode).toBe(409); // not the approved measure
    expect((await act('d-eco', id, 'orderCeaseOrClose', '2020-06-09', { measure: 'close' })).json()).toMatchObject({ toState: 'closureOrdered' });
    expect((await t.db.selectFrom('production_line').select('state').where('id', '=', lineId).executeTakeFirstOrThrow()).state).toBe('shut');
  });
});

describe('lists, overview and roll-ups', () => {
  it('lists cases with derived deadline words and filters', async () => {
    const entId = await enterprise('340207');
    at('2020-06-10');
    let drc = await t.as('d-drc');
    const id = (await drc.post('/api/v1/cases', { enterpriseId: entId, dimension: 'energy', finding: energyFinding, openedOn: '2020-06-10' })).json().id;
    await act('d-drc', id, 'serveRectificationOrder', '2020-06-10');
    at('2020-11-20');
    drc = await t.as('d-drc');
    const list = (await drc.get('/api/v1/cases?dimension=energy&closed=false')).json();
    const item = list.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ dueOn: '2020-12-10', deadlineStatus: 'dueSoon30', enterprise: { id: entId } });
    expect(item.allowedActs).toContain('reinspect');
    const soon = (await drc.get('/api/v1/cases?deadlineStatus=dueSoon30')).json();
    expect(soon.items.map((i: { id: number }) => i.id)).toContain(id);
    at('2020-12-11');
    drc = await t.as('d-drc');
    const over = (await drc.get('/api/v1/cases?overdue=true')).json();
    expect(over.items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(over.items[0].deadlineStatus).toBe('overdue');
    const wb = (await drc.get('/api/v1/workbench')).json();
    expect(wb.overdue.map((i: { id: number }) => i.id)).toContain(id);
    expect(wb.counts.overdue).toBe(1);
    const t207 = await t.as('t-340207');
    const wb207 = (await t207.get('/api/v1/workbench')).json();
    expect(wb207.waitingForMe.map((i: { id: number }) => i.id)).toContain(id);
  });

  it('the roll-ups equal the raw aggregates after all these acts; the overview reads them', async () => {
    const raw = await sql<{ territory_code: string; dimension: string; state: string; n: number }>`
      select territory_code, dimension, state, count(*)::int as n from case_file group by 1, 2, 3 order by 1, 2, 3`.execute(t.db);
    const rolled = await sql<{ territory_code: string; dimension: string; state: string; n: number }>`
      select territory_code, dimension, state, sum(n)::int as n from rollup_case group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(t.db);
    expect(rolled.rows).toEqual(raw.rows);
    const rawLines =
      await sql`select e.territory_code, e.industry_code, l.state, l.capacity_unit, count(*)::int as n, sum(l.capacity)::numeric(20,4)::text as capacity
      from production_line l join enterprise e on e.id = l.enterprise_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(t.db);
    const rolledLines =
      await sql`select territory_code, industry_code, state, capacity_unit, n::int as n, capacity::text as capacity from rollup_line where n <> 0 order by 1, 2, 3, 4`.execute(
        t.db,
      );
    expect(rolledLines.rows).toEqual(rawLines.rows);
    const rawDue = await sql`select territory_code, dimension, due_on::text as due_on, count(*)::int as n from case_file
      where not closed and due_on is not null group by 1, 2, 3 order by 1, 2, 3`.execute(t.db);
    const rolledDue =
      await sql`select territory_code, dimension, due_on::text as due_on, sum(n)::int as n from rollup_due group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(
        t.db,
      );
    expect(rawDue.rows.length).toBeGreaterThan(0);
    expect(rolledDue.rows).toEqual(rawDue.rows);
    const office = await t.as('office');
    const answer = await office.get('/api/v1/overview');
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const o = answer.json();
    // the JSON PostgreSQL builds is exactly the roll-ups read row by row, in the schema's keys and order of rows
    const byRows = {
      asOf: o.asOf,
      casesByTerritoryDimensionState: rolled.rows.map((r) => ({ territoryCode: r.territory_code, dimension: r.dimension, state: r.state, n: r.n })),
      overdueByTerritory: (
        await sql<{
          territory_code: string;
          n: number;
        }>`select territory_code, sum(n)::int as n from rollup_due where due_on < ${o.asOf}::date group by 1 having sum(n) <> 0 order by 1`.execute(t.db)
      ).rows.map((r) => ({ territoryCode: r.territory_code, n: r.n })),
      linesByStateIndustry: (
        await sql<{ industry_code: string; state: string; capacity_unit: string; n: number; capacity: string }>`
        select industry_code, state, capacity_unit, sum(n)::int as n, sum(capacity)::text as capacity from rollup_line where n <> 0 group by 1, 2, 3 order by 1, 2, 3`.execute(
          t.db,
        )
      ).rows.map((r) => ({ industryCode: r.industry_code, state: r.state, capacityUnit: r.capacity_unit, n: r.n, capacity: r.capacity })),
    };
    expect(o).toEqual(byRows);
    expect(o.casesByTerritoryDimensionState.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(raw.rows.reduce((s, r) => s + r.n, 0));
    expect(o.overdueByTerritory).toEqual([{ territoryCode: '340207', n: 1 }]);
    expect(o.linesByStateIndustry.length).toBeGreaterThan(0);
    const eco = await t.as('d-eco');
    const oe = (await eco.get('/api/v1/overview')).json();
    expect(oe.casesByTerritoryDimensionState.every((r: { dimension: string }) => r.dimension === 'environment')).toBe(true);
    const t207 = await t.as('t-340207');
    expect((await t207.get('/api/v1/overview')).statusCode).toBe(403);
  });

  it('the audit trail still verifies', async () => {
    const acts = await t.db
      .selectFrom('case_act')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const audits = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('act', 'like', 'case.act.%')
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(Number(acts.n));
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
