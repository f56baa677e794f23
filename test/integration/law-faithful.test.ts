/**
 * Issue 10 through HTTP on a real PostgreSQL: what the platform allows is what the plan and the statutes allow.
 * §2.2 停业 vs 关闭; §2.3/§3.4 shut is not exited until accepted; §2.4 licences revoked by their issuing authority and
 * suspension ordered directly; §2.1 separation of duties; findings checked against the law of their date (§2.1
 * limit, the catalogue edition, the programme's period); local choices shown as such; allowedActs as of a day;
 * relocation checks both ways (§2.5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { bumpLineRollup } from '../../server/modules/overview/rollups.ts';
import { uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let seq = 0;

async function enterprise(territoryCode: string, industryCode = 'steel'): Promise<number> {
  seq++;
  const r = await t.db
    .insertInto('enterprise')
    .values({
      credit_code: `91340200LAWF${String(seq).padStart(6, '0')}`,
      name: `法规测试企业${seq}`,
      territory_code: territoryCode,
      industry_code: industryCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function line(enterpriseId: number, kind: string, extra: { marks?: string; capacity?: string } = {}): Promise<number> {
  const capacity = extra.capacity ?? '30';
  const r = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: enterpriseId, kind, name: `${kind}-${enterpriseId}-${seq}`, capacity, capacity_unit: '万吨/年', marks: extra.marks ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const e = await t.db.selectFrom('enterprise').select(['territory_code', 'industry_code']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  await bumpLineRollup(t.db, { territoryCode: e.territory_code, industryCode: e.industry_code, state: 'operating', capacityUnit: '万吨/年' }, 1, capacity);
  return r.id;
}

const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
async function act(user: string, caseId: number, kind: string, date: string, payload: Record<string, unknown> = {}) {
  at(date);
  return (await t.as(user)).post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload });
}
async function open(user: string, body: Record<string, unknown>, date: string) {
  at(date);
  return (await t.as(user)).post('/api/v1/cases', { ...body, openedOn: date });
}
const lineState = async (id: number) => (await t.db.selectFrom('production_line').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
const exits = async (id: number) => t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', id).execute();

const energyFinding = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '转炉工序', measured: '12.5', limit: '10', unit: 'kgce/t' };

beforeAll(async () => {
  t = await createTestApp({ now: '2020-03-01T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('the law, kept faithful (issue 10) through HTTP', () => {
  it('GET /law/parameters: every parameter cites a basis that contains it; local choices are kind local, never the plan', async () => {
    const r = await t.anon.get('/api/v1/law/parameters?asOf=2020-09-15');
    expect(r.statusCode, r.body).toBe(200);
    const by = Object.fromEntries(r.json().items.map((p: { name: string }) => [p.name, p]));
    for (const n of ['energy.extensionCountedFrom', 'energy.extensionMaxCount', 'energy.extensionApprovers', 'technology.dismantleDefaultMonths']) {
      expect(by[n], n).toMatchObject({ basisId: 'local-wuhu-执行口径-2020', basisKind: 'local' });
      expect(by[n].citationZh).not.toContain('方案》§');
    }
    expect(by['energy.rectificationPeriod']).toMatchObject({ basisId: 'plan-2020-§2.1', basisKind: 'plan', note: '在6个月内整改' });
    const bases = (await t.anon.get('/api/v1/law/bases')).json().items;
    expect(bases.find((b: { id: string }) => b.id === 'local-wuhu-执行口径-2020')).toMatchObject({ kind: 'local' });
    expect(bases.every((b: { kind: string }) => typeof b.kind === 'string')).toBe(true);
  });

  it('§2.1 / 产业结构调整指导目录: a finding within the limit, or citing a catalogue edition not in force on its date, is refused naming the field; nothing is written', async () => {
    const ent = await enterprise('340207');
    const before = (await t.db.selectFrom('case_file').select('id').execute()).length;
    const within = await open('d-drc', { enterpriseId: ent, dimension: 'energy', finding: { ...energyFinding, measured: '9.8' } }, '2020-03-02');
    expect(within.statusCode).toBe(422);
    expect(within.json()).toMatchObject({ code: 'INVALID_ACT_INPUT', details: { field: 'finding.measured' } });
    const lid = await line(ent, 'shaft_kiln');
    const wrongEdition = await open(
      'd-eit',
      { enterpriseId: ent, dimension: 'technology', lineIds: [lid], finding: { catalogueEdition: 'catalogue-2024', catalogueItem: '水泥机立窑' } },
      '2020-03-02',
    );
    expect(wrongEdition.statusCode).toBe(422);
    expect(wrongEdition.json().details.field).toBe('finding.catalogueEdition');
    expect((await t.db.selectFrom('case_file').select('id').execute()).length).toBe(before);
  });

  it("a finding after the 2020 programme's period is decided under it with a warning on the case and its explanation", async () => {
    const ent = await enterprise('340207');
    const r = await open('d-drc', { enterpriseId: ent, dimension: 'energy', finding: energyFinding }, '2021-02-01');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().warnings).toEqual([expect.objectContaining({ code: 'PROGRAMME_PERIOD_ENDED' })]);
    const x = (await (await t.as('d-drc')).get(`/api/v1/cases/${r.json().id}/explain`)).json();
    expect(x.warnings[0].code).toBe('PROGRAMME_PERIOD_ENDED');
    const ok = await open('d-drc', { enterpriseId: await enterprise('340207'), dimension: 'energy', finding: energyFinding }, '2020-06-01');
    expect(ok.json().warnings).toEqual([]);
  });

  it('§2.1 separation of duties: the unit that applied for an extension may not approve it; the refusal says who may; another unit may', async () => {
    const ent = await enterprise('340207');
    const id = (await open('d-eit', { enterpriseId: ent, dimension: 'energy', finding: energyFinding }, '2020-03-02')).json().id;
    expect((await act('d-eit', id, 'serveRectificationOrder', '2020-03-02')).statusCode).toBe(201);
    expect((await act('d-eit', id, 'applyExtension', '2020-08-01', { requestedMonths: 2, reason: '设备到货延误' })).statusCode).toBe(201);
    at('2020-08-02');
    const eit = await t.as('d-eit');
    expect((await eit.get(`/api/v1/cases/${id}`)).json().allowedActs).toEqual([]);
    const self = await act('d-eit', id, 'approveExtension', '2020-08-02', { grantedMonths: 2 });
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'GUARD_FAILED', details: { approvers: ['department', 'office'] } });
    expect(self.json().details.reason.zh).toContain('批准');
    const other = await act('d-drc', id, 'approveExtension', '2020-08-03', { grantedMonths: 2 });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().dueOn).toBe('2020-11-02');
  });

  it('GET /cases/{id}?asOf=: the acts allowed on a past day (recorded after the fact); a day after today is refused', async () => {
    const ent = await enterprise('340207');
    const id = (await open('d-drc', { enterpriseId: ent, dimension: 'energy', finding: energyFinding }, '2020-03-02')).json().id;
    expect((await act('d-drc', id, 'serveRectificationOrder', '2020-03-02')).statusCode).toBe(201); // due 2020-09-02
    at('2020-09-10');
    const drc = await t.as('d-drc');
    const now = (await drc.get(`/api/v1/cases/${id}`)).json();
    expect(now.asOf).toBe('2020-09-10');
    expect(now.allowedActs.map((a: { kind: string }) => a.kind)).toEqual(['reinspect']);
    // on 2020-08-01 the period was still running: an extension could still be applied for
    const past = (await drc.get(`/api/v1/cases/${id}?asOf=2020-08-01`)).json();
    expect(past.asOf).toBe('2020-08-01');
    expect(past.allowedActs.map((a: { kind: string }) => a.kind)).toEqual(['applyExtension', 'reinspect']);
    // before the last act: nothing can be dated there
    expect((await drc.get(`/api/v1/cases/${id}?asOf=2020-03-01`)).json().allowedActs).toEqual([]);
    const future = await drc.get(`/api/v1/cases/${id}?asOf=2020-09-11`);
    expect(future.statusCode).toBe(422);
    expect(future.json().details.field).toBe('asOf');
    expect((await drc.get(`/api/v1/cases/${id}?asOf=2020-02-30x`)).statusCode).toBe(400);
    expect((await (await t.as('t-340202')).get(`/api/v1/cases/${id}?asOf=2020-08-01`)).statusCode).toBe(404);
  });

  it('§2.2 / 环境保护法 art. 60: serious from the finding; the government approves 停业; the lines are suspended, never exited; the approved measure is shown', async () => {
    const ent = await enterprise('340207');
    const lid = await line(ent, 'electric_arc_furnace');
    const id = (
      await open(
        'd-eco',
        {
          enterpriseId: ent,
          dimension: 'environment',
          lineIds: [lid],
          finding: { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' },
        },
        '2020-04-01',
      )
    ).json().id;
    expect((await act('d-eco', id, 'declareSerious', '2020-04-02', { reason: '偷排' })).statusCode).toBe(201);
    expect((await act('d-eco', id, 'requestGovernmentApproval', '2020-04-03', { measure: 'cease' })).statusCode).toBe(201);
    expect(
      (await act('gov', id, 'recordGovernmentApproval', '2020-04-10', { decision: 'approved', measure: 'cease', documentNo: '芜政秘〔2020〕20号' })).statusCode,
    ).toBe(201);
    const close = await act('d-eco', id, 'orderCeaseOrClose', '2020-04-11', { measure: 'close' });
    expect(close.statusCode).toBe(409);
    expect(close.json().details).toMatchObject({ field: 'measure', approved: 'cease' });
    expect((await act('d-eco', id, 'orderCeaseOrClose', '2020-04-11', { measure: 'cease' })).json()).toMatchObject({ toState: 'ceased' });
    expect(await lineState(lid)).toBe('suspended');
    expect(await exits(lid)).toEqual([]);
    const c = (await (await t.as('d-eco')).get(`/api/v1/cases/${id}`)).json();
    expect(c.legalFacts).toMatchObject({
      governmentApproval: { measure: 'cease', decision: 'approved', documentNo: '芜政秘〔2020〕20号' },
      ceaseOrClose: { measure: 'cease' },
    });
    expect(c.allowedActs.map((a: { kind: string }) => a.kind)).not.toContain('accept');
  });

  it('§2.3 + §3.4: a revoked business licence shuts the lines; capacity counts as exited only at acceptance, in its year', async () => {
    const ent = await enterprise('340207');
    const lid = await line(ent, 'electric_arc_furnace', { capacity: '15' });
    const id = (
      await open('d-msa', { enterpriseId: ent, dimension: 'quality', lineIds: [lid], finding: { kind: 'eliminatedProduct', product: '地条钢' } }, '2020-05-01')
    ).json().id;
    for (const [kind, date, payload] of [
      ['investigate', '2020-05-02', {}],
      ['declareSerious', '2020-05-10', { reason: '生产国家明令淘汰产品' }],
      ['revokeBusinessLicence', '2020-05-20', {}],
    ] as const) {
      const r = await act('d-msa', id, kind, date, payload);
      expect(r.statusCode, r.body).toBe(201);
    }
    expect(await lineState(lid)).toBe('shut');
    expect(await exits(lid)).toEqual([]);
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', ent).executeTakeFirstOrThrow()).status).toBe('enforcement');
    // §3.4 + issue 12: acceptance only through a complete acceptance certificate; a bare accept act is refused
    const bare = await act('office', id, 'accept', '2021-01-05', { certificateId: 'YS-Q-1', certificateNo: '芜淘汰验〔2021〕1号' });
    expect(bare.json().code).toBe('CERTIFICATE_REQUIRED');
    await acceptThroughCertificateAsSystem(t.db, id, '2021-01-05', 'a'.repeat(64), { actor: SYSTEM_ACTOR, now: t.clock.now });
    expect((await t.db.selectFrom('case_file').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('closed');
    expect(await lineState(lid)).toBe('exited');
    expect(await exits(lid)).toEqual([expect.objectContaining({ year: 2021, exited_on: '2021-01-05', capacity: '15.0000' })]);
    expect((await t.db.selectFrom('enterprise').select('status').where('id', '=', ent).executeTakeFirstOrThrow()).status).toBe('exited');
  });

  it('§2.4: suspension ordered directly with its reason; closure needs each licence revoked by its issuing authority (an outside authority: decision number, date, evidence)', async () => {
    const ent = await enterprise('340207');
    const lid = await line(ent, 'blast_furnace');
    const id = (await open('d-ema', { enterpriseId: ent, dimension: 'safety', lineIds: [lid], finding: { hazard: '煤气柜泄漏' } }, '2020-06-01')).json().id;
    expect((await act('d-ema', id, 'orderSuspension', '2020-06-01', {})).json().details.field).toBe('reason');
    expect((await act('d-ema', id, 'orderSuspension', '2020-06-01', { reason: '重大事故隐患', days: 30 })).json()).toMatchObject({ toState: 'suspended' });
    expect((await act('d-ema', id, 'recheck', '2020-07-10', { result: 'fail' })).statusCode).toBe(201);
    expect((await act('gov', id, 'orderClosure', '2020-07-15')).json()).toMatchObject({ toState: 'closureOrdered' });
    expect(await lineState(lid)).toBe('shut');
    expect((await act('d-ema', id, 'finish', '2020-07-16', {})).json().details.field).toBe('noLicencesHeld');
    expect(
      (
        await act('d-ema', id, 'requestLicenceRevocation', '2020-07-16', {
          licence: '危险化学品经营许可证',
          issuingAuthority: '芜湖市应急管理局',
          issuingDepartmentCode: 'ema',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await act('d-ema', id, 'requestLicenceRevocation', '2020-07-16', { licence: '安全生产许可证', issuingAuthority: '安徽省应急管理厅' })).statusCode,
    ).toBe(201);
    const noProof = await act('d-ema', id, 'recordLicenceRevoked', '2020-07-20', { licence: '安全生产许可证' });
    expect(noProof.statusCode).toBe(409);
    expect(noProof.json().details.field).toBe('decisionNo');
    expect((await act('d-ema', id, 'recordLicenceRevoked', '2020-07-20', { licence: '危险化学品经营许可证' })).statusCode).toBe(201); // by the issuing department's account
    const sha = await uploadEvidence(await t.as('d-ema'), '吊销决定书.pdf', PDF);
    const outside = await act('d-ema', id, 'recordLicenceRevoked', '2020-07-21', {
      licence: '安全生产许可证',
      decisionNo: '皖应急吊〔2020〕7号',
      decisionDate: '2020-07-18',
      evidenceIds: [sha],
    });
    expect(outside.statusCode, outside.body).toBe(201);
    expect((await act('d-ema', id, 'finish', '2020-07-22')).json()).toMatchObject({ toState: 'shut' });
    expect(await exits(lid)).toEqual([]);
    const c = (await (await t.as('d-ema')).get(`/api/v1/cases/${id}`)).json();
    expect(c.legalFacts.licences).toEqual([
      expect.objectContaining({ licence: '危险化学品经营许可证', status: 'revoked', revokedBy: { departmentCode: 'ema' } }),
      expect.objectContaining({ licence: '安全生产许可证', status: 'revoked', revokedBy: expect.objectContaining({ decisionNo: '皖应急吊〔2020〕7号' }) }),
    ]);
    t.clock.now = new Date('2020-08-01T02:00:00Z');
    await acceptThroughCertificateAsSystem(t.db, id, '2020-08-01', 'b'.repeat(64), { actor: SYSTEM_ACTOR, now: t.clock.now }, 'department');
    expect((await t.db.selectFrom('case_file').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('closed');
    expect(await exits(lid)).toHaveLength(1);
  });

  it('§2.5 no relocation, both ways: a line registered before a matching line exits is flagged when that exit happens', async () => {
    const a = await enterprise('340207');
    const b = await enterprise('340202');
    const old = await line(a, 'induction_furnace_medium_frequency', { marks: 'ZP-4411' });
    const twin = await line(b, 'induction_furnace_medium_frequency', { marks: ' zp-4411 ' }); // registered first, still operating
    const id = (
      await open(
        'd-eit',
        { enterpriseId: a, dimension: 'technology', lineIds: [old], finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '中频感应炉' } },
        '2020-09-01',
      )
    ).json().id;
    at('2020-09-02');
    const photo = await uploadEvidence(await t.as('d-eit'), '拆除照片.pdf', PDF);
    const r = await act('d-eit', id, 'dismantle', '2020-09-02', { evidenceIds: [photo] });
    expect(r.statusCode, r.body).toBe(201);
    const alerts = await t.db.selectFrom('registry_alert').selectAll().where('exited_line_id', '=', old).execute();
    expect(alerts).toEqual([expect.objectContaining({ line_id: twin, kind: 'relocation', match_on: 'marks', territory_code: '340202' })]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('act')
      .where('act', '=', 'registry.alert.relocation')
      .where('entity_id', '=', String(twin))
      .execute();
    expect(audit).toHaveLength(1);
  });
});

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
