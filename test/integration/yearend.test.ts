/**
 * Year-end through the HTTP API on a real PostgreSQL (plan §3.4): an exit counts only once its acceptance certificate
 * is complete; the certificate's checks, sign-off order, return and numbering; summaries submitted, returned,
 * corrected and accepted; reconciliation of typed figures against the ledger; the city report consolidated, approved
 * (locked), reported and amended with a reason and a diff; the province-shaped workbook and the Word documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { loadExcel } from '../../server/modules/registry-io/sheets.ts';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';
import { certificateChecks, makeDismantledCase, makeEnterprise, makeLine, TINY_PNG, uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
const enterprise = (territoryCode: string, industryCode: string) => makeEnterprise(t.db, { territoryCode, industryCode, name: `年终测试企业${++seq}` });

/** A technology case on a cement shaft kiln of a new enterprise of `territory`, dismantled (shut, awaiting acceptance). */
async function dismantledCase(capacity = '12', territory = '340202', dismantleOn = '2020-11-20'): Promise<{ caseId: number; lineId: number }> {
  return makeDismantledCase(t, await enterprise(territory, 'cement'), { capacity, dismantleOn });
}

let ev: string;
let scan: string;
let first: { caseId: number; lineId: number };

beforeAll(async () => {
  t = await createTestApp({ now: '2020-11-01T02:00:00Z' });
  await standardUsers(t);
  await t.user('t-340223', 'territory', { territoryCode: '340223' });
  const c = await t.as('t-340202');
  ev = await uploadEvidence(c, 'site.png', TINY_PNG);
  scan = await uploadEvidence(c, 'signed-scan.png', Buffer.concat([TINY_PNG, Buffer.from('scan')]));
  first = await dismantledCase();
});
afterAll(async () => t?.close());

const fullChecks = () => certificateChecks(ev);

describe('acceptance certificate (§3.4): nothing counts as exited without a complete certificate', () => {
  it('a shut (dismantled) line is not counted anywhere and is shown apart as awaiting acceptance', async () => {
    at('2020-12-01');
    const office = await t.as('office');
    expect(await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', first.lineId).execute()).toEqual([]);
    expect((await office.get('/api/v1/capacity-ledger?industryCode=cement')).json().items).toEqual([]);
    const ov = (await office.get('/api/v1/overview')).json();
    expect(ov.linesByStateIndustry.filter((x: { state: string }) => x.state === 'exited')).toEqual([]);
    expect(ov.linesByStateIndustry.find((x: { state: string; industryCode: string }) => x.state === 'dismantled' && x.industryCode === 'cement')).toMatchObject(
      { n: 1 },
    );
    const r = await office.post('/api/v1/yearend/2020/reports', {});
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().figures).toEqual([]);
    expect(r.json().awaiting).toEqual([expect.objectContaining({ industryCode: 'cement', capacityUnit: 't/d', lines: 1, capacity: '12' })]);
  });

  it('the accept act is refused without a complete certificate (CERTIFICATE_REQUIRED), and nothing changes', async () => {
    const office = await t.as('office');
    const r = await office.post(`/api/v1/cases/${first.caseId}/acts`, { kind: 'accept', date: '2020-12-01', payload: { certificateId: 'YS-FAKE-1' } });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('CERTIFICATE_REQUIRED');
    expect((await office.get(`/api/v1/cases/${first.caseId}`)).json().state).toBe('dismantled');
  });

  it('checks, evidence, sign-off order, the office return; the last sign-off completes it, numbers it and accepts the case', async () => {
    at('2020-12-01');
    let t202 = await t.as('t-340202');
    const blank = (await t202.get(`/api/v1/cases/${first.caseId}/certificate`)).json();
    expect(blank).toMatchObject({ status: 'none', awaitingAcceptance: true, allowedActs: ['edit'] });
    expect(blank.checks.map((c: { key: string }) => c.key)).toEqual([
      'productionCeased',
      'equipmentDismantled',
      'powerWaterCut',
      'noRestart',
      'workersResettled',
      'sitePhotos',
    ]);
    // another county: absent; a department: not the filling unit
    expect((await (await t.as('t-340207')).put(`/api/v1/cases/${first.caseId}/certificate`, { checks: {} })).statusCode).toBe(404);
    expect((await (await t.as('d-eit')).put(`/api/v1/cases/${first.caseId}/certificate`, { checks: {} })).statusCode).toBe(403);

    let r = await t202.put(`/api/v1/cases/${first.caseId}/certificate`, { checks: { productionCeased: { answer: 'yes', evidenceIds: [ev] } } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().missing.length).toBeGreaterThan(0);
    expect(r.json().nextActor.en).toContain('county');
    r = await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'enterprise', signerName: '张三', date: '2020-12-01', evidenceIds: [scan] });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('CERTIFICATE_INCOMPLETE');

    // workers not all resettled: still missing
    r = await t202.put(`/api/v1/cases/${first.caseId}/certificate`, {
      checks: fullChecks(),
      workers: { employees: 12, resettled: 10, evidenceIds: [ev] },
      opinion: '同意验收',
    });
    expect(r.json().missing).toEqual([expect.objectContaining({ check: 'workersResettled' })]);
    r = await t202.put(`/api/v1/cases/${first.caseId}/certificate`, { workers: { employees: 12, resettled: 12, evidenceIds: [ev] } });
    expect(r.json()).toMatchObject({ status: 'draft', missing: [], nextSignUnit: 'enterprise', allowedActs: ['edit', 'sign'] });

    // order: the county cannot sign before the enterprise; a department is not the enterprise's recorder
    r = await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'territory', signerName: '李四', date: '2020-12-01' });
    expect(r.json().code).toBe('SIGN_OUT_OF_ORDER');
    r = await (
      await t.as('d-eit')
    ).post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'enterprise', signerName: '王五', date: '2020-12-01', evidenceIds: [scan] });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('NOT_SIGNING_UNIT');
    // the enterprise's signature needs its signed scan
    r = await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'enterprise', signerName: '张三', date: '2020-12-01' });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe('/evidenceIds');

    expect(
      (await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'enterprise', signerName: '张三', date: '2020-12-01', evidenceIds: [scan] }))
        .statusCode,
    ).toBe(201);
    expect((await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'territory', signerName: '李四', date: '2020-12-01' })).statusCode).toBe(
      201,
    );
    // signed in part: the county can no longer change it; the office returns it
    expect((await t202.put(`/api/v1/cases/${first.caseId}/certificate`, { opinion: 'x' })).json().code).toBe('CERTIFICATE_LOCKED');
    let office = await t.as('office');
    r = await office.post(`/api/v1/cases/${first.caseId}/certificate/return`, { reason: '现场照片不清晰，请补充' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'returned', returnReason: '现场照片不清晰，请补充', signoffs: [] });
    r = await t202.put(`/api/v1/cases/${first.caseId}/certificate`, { checks: { sitePhotos: { answer: 'yes', evidenceIds: [ev, scan] } } });
    expect(r.statusCode).toBe(200);
    at('2020-12-02');
    t202 = await t.as('t-340202');
    expect(
      (await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'enterprise', signerName: '张三', date: '2020-12-02', evidenceIds: [scan] }))
        .statusCode,
    ).toBe(201);
    expect((await t202.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'territory', signerName: '李四', date: '2020-12-02' })).statusCode).toBe(
      201,
    );
    // still not counted before the last sign-off
    expect(await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', first.lineId).execute()).toEqual([]);

    at('2020-12-10');
    const eit = await t.as('d-eit');
    office = await t.as('office');
    t202 = await t.as('t-340202');
    r = await eit.post(`/api/v1/cases/${first.caseId}/certificate/sign`, { unit: 'department', signerName: '赵六', date: '2020-12-10' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ complete: true, number: '芜淘汰验〔2020〕1号' });

    const cs = (await office.get(`/api/v1/cases/${first.caseId}`)).json();
    expect(cs).toMatchObject({ state: 'closed', outcome: 'exited' });
    expect(cs.timeline.at(-1)).toMatchObject({ kind: 'accept' });
    const exits = await t.db.selectFrom('capacity_exit').selectAll().where('line_id', '=', first.lineId).execute();
    expect(exits).toEqual([expect.objectContaining({ year: 2020, exited_on: '2020-12-10', case_id: first.caseId })]);
    expect((await office.get('/api/v1/capacity-ledger?industryCode=cement')).json().items).toEqual([
      expect.objectContaining({ year: 2020, lines: 1, capacity: '12' }),
    ]);

    const cert = (await office.get(`/api/v1/cases/${first.caseId}/certificate`)).json();
    expect(cert).toMatchObject({ status: 'complete', number: '芜淘汰验〔2020〕1号', acceptedOn: '2020-12-10', allowedActs: [], nextActor: null });
    expect(cert.signoffs.map((s: { unit: string }) => s.unit)).toEqual(['enterprise', 'territory', 'department']);
    expect((await t202.put(`/api/v1/cases/${first.caseId}/certificate`, { opinion: 'x' })).json().code).toBe('CERTIFICATE_LOCKED');
    expect((await office.post(`/api/v1/cases/${first.caseId}/certificate/return`, { reason: '再看看' })).json().code).toBe('CERTIFICATE_LOCKED');

    const doc = await office.get(`/api/v1/cases/${first.caseId}/certificate.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // printed through the document service's GB/T 9704 layout: title, number, the office as the issuing unit
    const text = docxParagraphs(doc.rawPayload).join('\n');
    expect(text).toContain('淘汰落后产能验收单');
    expect(text).toContain('芜淘汰验〔2020〕1号');
    expect(text).toContain('芜湖市淘汰落后产能工作领导小组办公室');

    const list = (await office.get('/api/v1/certificates?q=' + encodeURIComponent('芜淘汰验'))).json();
    expect(list.items).toEqual([expect.objectContaining({ caseId: first.caseId, status: 'complete', territoryName: expect.any(String), nextActor: null })]);
    expect((await (await t.as('t-340207')).get('/api/v1/certificates')).json().total).toBe(0);
    const x = await office.get('/api/v1/certificates/export.xlsx');
    expect(x.statusCode).toBe(200);
  });

  it('hostile input gets a coded 4xx naming the field and changes nothing', async () => {
    const second = await dismantledCase('30');
    at('2020-12-11');
    const t202 = await t.as('t-340202');
    const bad = [
      { checks: { productionCeased: { answer: 'maybe', evidenceIds: [] } } },
      { checks: { productionCeased: { answer: 'yes', evidenceIds: ['not-a-hash'] } } },
      { workers: { employees: 1e12, resettled: 0, evidenceIds: [] } },
      { checks: { madeUp: { answer: 'yes', evidenceIds: [] } } },
      { opinion: 'x'.repeat(5000) },
    ];
    for (const body of bad) {
      const r = await t202.put(`/api/v1/cases/${second.caseId}/certificate`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json().details)).toMatch(/\/(checks|workers|opinion)/);
    }
    const unknown = await t202.put(`/api/v1/cases/${second.caseId}/certificate`, {
      checks: { productionCeased: { answer: 'yes', evidenceIds: ['a'.repeat(64)] } },
    });
    expect(unknown.json().code).toBe('UNKNOWN_EVIDENCE');
    expect(await t.db.selectFrom('acceptance_certificate').selectAll().where('case_id', '=', second.caseId).execute()).toEqual([]);
    const sign = await t202.post(`/api/v1/cases/${second.caseId}/certificate/sign`, { unit: 'enterprise', signerName: ' ', date: '2020-13-01' });
    expect(sign.statusCode).toBe(400);
    expect((await t202.get('/api/v1/cases/999999999/certificate')).statusCode).toBe(404);
    // a case not awaiting acceptance has no certificate
    const e = await enterprise('340202', 'steel');
    const l = await makeLine(t.db, e, { kind: 'converter', capacity: '100' });
    const open = await t202.post('/api/v1/cases', {
      enterpriseId: e.id,
      dimension: 'technology',
      lineIds: [l],
      finding: { catalogueEdition: 'catalogue-2019', catalogueItem: 'x' },
      openedOn: '2020-12-01',
    });
    expect((await t202.put(`/api/v1/cases/${open.json().id}/certificate`, { checks: fullChecks() })).json().code).toBe('NOT_AWAITING_ACCEPTANCE');
  });
});

describe('summaries, reconciliation, the city report (§3.4)', () => {
  let summaryId: number;
  let reportId: number;

  it('a county summarises: generated figures from the ledger; a returned summary is corrected and resubmitted; the office accepts it', async () => {
    at('2020-12-15');
    const t202 = await t.as('t-340202');
    let r = await t202.post('/api/v1/yearend/2020/summaries', {});
    expect(r.statusCode, r.body).toBe(200);
    summaryId = r.json().id;
    expect(r.json()).toMatchObject({ unitKind: 'territory', unitCode: '340202', status: 'draft', allowedActs: ['edit', 'submit'] });
    expect(r.json().generated.exits).toEqual([
      expect.objectContaining({ industryCode: 'cement', industryName: '水泥', capacityUnit: 't/d', enterprises: 1, lines: 1, capacity: '12' }),
    ]);
    expect(r.json().generated.awaiting).toEqual([expect.objectContaining({ industryCode: 'cement', lines: 1, capacity: '30' })]);
    // the same call again answers the same summary
    expect((await t202.post('/api/v1/yearend/2020/summaries', {})).json().id).toBe(summaryId);
    // other units do not see it
    expect((await (await t.as('t-340207')).get(`/api/v1/yearend/summaries/${summaryId}`)).statusCode).toBe(404);
    expect((await (await t.as('d-eco')).get(`/api/v1/yearend/summaries/${summaryId}`)).statusCode).toBe(404);

    expect((await t202.post(`/api/v1/yearend/summaries/${summaryId}/submit`, {})).json()).toMatchObject({
      code: 'INVALID_FIELD',
      details: { field: '/narrative' },
    });
    r = await t202.put(`/api/v1/yearend/summaries/${summaryId}`, {
      narrative: '镜湖区2020年淘汰落后产能工作总结',
      typed: [{ industryCode: 'cement', capacityUnit: 't/d', enterprises: 1, lines: 2, capacity: '20' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().differences.map((d: { field: string; typed: string; ledger: string }) => [d.field, d.typed, d.ledger])).toEqual([
      ['lines', '2', '1'],
      ['capacity', '20', '12'],
    ]);
    expect((await t202.post(`/api/v1/yearend/summaries/${summaryId}/submit`, {})).json()).toMatchObject({ status: 'submitted', generated: { frozen: true } });
    expect((await t202.put(`/api/v1/yearend/summaries/${summaryId}`, { narrative: 'x' })).json().code).toBe('SUMMARY_STATE');

    const office = await t.as('office');
    expect((await office.post(`/api/v1/yearend/summaries/${summaryId}/return`, { comment: '生产线条数与验收单不符' })).json()).toMatchObject({
      status: 'returned',
      comment: '生产线条数与验收单不符',
    });
    r = await t202.put(`/api/v1/yearend/summaries/${summaryId}`, {
      typed: [{ industryCode: 'cement', capacityUnit: 't/d', enterprises: 1, lines: 1, capacity: '20' }],
    });
    expect(r.json().status).toBe('returned');
    expect((await t202.post(`/api/v1/yearend/summaries/${summaryId}/submit`, {})).json().status).toBe('submitted');
    r = await office.post(`/api/v1/yearend/summaries/${summaryId}/accept`, {});
    expect(r.json()).toMatchObject({ status: 'accepted' });
    expect(r.json().differences).toEqual([expect.objectContaining({ key: 'cement|t/d|capacity', typed: '20', ledger: '12', resolved: false })]);
  });

  it('reconciliation lists each hand-typed difference with both values; approval waits until it is explained', async () => {
    at('2020-12-20');
    const office = await t.as('office');
    let r = await office.post('/api/v1/yearend/2020/reports', {});
    expect(r.statusCode, r.body).toBe(201);
    reportId = r.json().id;
    expect(r.json()).toMatchObject({ version: 1, status: 'draft', locked: false });
    expect(r.json().figures).toEqual([expect.objectContaining({ industryCode: 'cement', lines: 1, capacity: '12' })]);
    expect(r.json().differences).toEqual([
      expect.objectContaining({ unitName: '镜湖区', key: 'cement|t/d|capacity', typed: '20', ledger: '12', resolved: false }),
    ]);
    expect(r.json().summaries.find((s: { unitCode: string }) => s.unitCode === '340202')).toMatchObject({ status: 'accepted', included: true });
    const gov = await t.as('gov');
    r = await gov.post(`/api/v1/yearend/reports/${reportId}/approve`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('RECONCILIATION_OPEN');

    const t202 = await t.as('t-340202');
    expect((await t202.post(`/api/v1/yearend/summaries/${summaryId}/explain`, { key: 'nope|x|lines', text: '说明' })).statusCode).toBe(422);
    r = await t202.post(`/api/v1/yearend/summaries/${summaryId}/explain`, { key: 'cement|t/d|capacity', text: '另有一条8 t/d生产线已关停待验收，误计入' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().differences[0]).toMatchObject({ resolved: true });
    r = await office.post('/api/v1/yearend/2020/reports', {});
    expect(r.json()).toMatchObject({ id: reportId, version: 1 });
    expect(r.json().differences[0]).toMatchObject({ resolved: true, explanation: expect.stringContaining('误计入') });
  });

  it('the city government approves; the report is locked; the office records it reported; an amendment is a new version with reason and diff', async () => {
    at('2021-01-08');
    const gov = await t.as('gov');
    const office = await t.as('office');
    expect((await office.post(`/api/v1/yearend/reports/${reportId}/approve`, {})).statusCode).toBe(403);
    let r = await gov.post(`/api/v1/yearend/reports/${reportId}/approve`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'approved', locked: true, approvedBy: 'gov' });
    // locked: consolidating again without a reason is refused and changes nothing
    r = await office.post('/api/v1/yearend/2020/reports', {});
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('REPORT_LOCKED');
    expect((await office.get('/api/v1/yearend/2020/reports')).json().total).toBe(1);
    expect((await gov.post(`/api/v1/yearend/reports/${reportId}/approve`, {})).json().code).toBe('REPORT_STATE');

    expect(
      (await office.post(`/api/v1/yearend/reports/${reportId}/reported`, { reportedOn: '2021-01-09', receivingAuthority: '安徽省经济和信息化厅' })).json()
        .details.field,
    ).toBe('/reportedOn');
    r = await office.post(`/api/v1/yearend/reports/${reportId}/reported`, { reportedOn: '2021-01-08', receivingAuthority: '安徽省经济和信息化厅' });
    expect(r.json()).toMatchObject({ status: 'reported', reportedOn: '2021-01-08', receivingAuthority: '安徽省经济和信息化厅' });

    const status = (await office.get('/api/v1/yearend/2020')).json();
    expect(status).toMatchObject({ reportDue: '2021-01-15', reportBasisId: 'plan-2020-§3.4', remindFrom: '2020-12-01' });
    expect(status.mine).toEqual([expect.objectContaining({ part: 'report', flag: 'done' })]);

    // a late acceptance of 2020 (dated in December): the amendment carries it with its reason and diff
    const late = await dismantledCase('8', '340207', '2020-12-01');
    at('2021-01-08');
    await acceptThroughCertificateAsSystem(t.db, late.caseId, '2020-12-28', ev, { actor: SYSTEM_ACTOR, now: t.clock.now });
    r = await office.post('/api/v1/yearend/2020/reports', { reason: '补录鸠江区12月28日完成验收的一条水泥机立窑' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ version: 2, status: 'draft', reason: expect.stringContaining('补录') });
    expect(r.json().diff).toEqual({
      againstVersion: 1,
      figures: [
        { key: 'cement|t/d', field: 'enterprises', before: '1', after: '2' },
        { key: 'cement|t/d', field: 'lines', before: '1', after: '2' },
        { key: 'cement|t/d', field: 'capacity', before: '12', after: '20' },
      ],
    });
    const v1 = (await office.get(`/api/v1/yearend/reports/${reportId}`)).json();
    expect(v1).toMatchObject({ status: 'reported', figures: [expect.objectContaining({ capacity: '12' })] });
    r = await gov.post(`/api/v1/yearend/reports/${r.json().id}/approve`, {});
    expect(r.json().status).toBe('approved');
    expect((await office.get(`/api/v1/yearend/reports/${reportId}`)).json().status).toBe('superseded');
  });

  it('exports: the workbook per industry in the province shape and the report as Word', async () => {
    const office = await t.as('office');
    const x = await office.get('/api/v1/yearend/2020/exits.xlsx');
    expect(x.statusCode).toBe(200);
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['钢铁', '水泥', '平板玻璃']);
    const ws = wb.getWorksheet('水泥')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号',
      '企业名称',
      '统一社会信用代码',
      '县区',
      '生产线（设备）类型',
      '规格',
      '产能',
      '单位',
      '退出方式',
      '验收日期',
      '验收单编号',
    ]);
    expect(ws.rowCount).toBe(3);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row).toEqual([
      1,
      expect.stringContaining('年终测试企业'),
      expect.any(String),
      '镜湖区',
      expect.any(String),
      undefined,
      12,
      't/d',
      expect.stringContaining('拆除'),
      '2020-12-10',
      '芜淘汰验〔2020〕1号',
    ]);
    // a county's workbook holds its own exits only
    const own = await (await t.as('t-340207')).get('/api/v1/yearend/2020/exits.xlsx');
    const wb2 = new Excel.Workbook();
    await wb2.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('水泥')!.rowCount).toBe(2);

    const reports = (await office.get('/api/v1/yearend/2020/reports')).json();
    const doc = await office.get(`/api/v1/yearend/reports/${reports.items[0].id}/report.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(docxParagraphs(doc.rawPayload).join('\n')).toContain('淘汰落后产能工作总结报告');
    expect((await (await t.as('t-340202')).get(`/api/v1/yearend/reports/${reports.items[0].id}/report.docx`)).statusCode).toBe(403);
  });

  it('deadlines: reminders from 1 December, overdue on 15 January for whoever still owes a part', async () => {
    const t223 = await t.as('t-340223');
    at('2020-11-20');
    let s = (await t223.get('/api/v1/yearend/2020')).json();
    expect(s.mine).toEqual([expect.objectContaining({ part: 'summary', unitCode: '340223', flag: 'notDue', status: 'missing' })]);
    expect(s.parts.filter((p: { part: string }) => p.part === 'summary')).toHaveLength(1);
    at('2020-12-02');
    expect((await t223.get('/api/v1/yearend/2020')).json().mine[0].flag).toBe('reminding');
    const office = await t.as('office');
    expect((await office.put('/api/v1/yearend/2020/settings', { summariesDue: '2020-12-31' })).statusCode).toBe(204);
    at('2021-01-02');
    s = (await t223.get('/api/v1/yearend/2020')).json();
    expect(s.mine[0]).toMatchObject({ flag: 'overdue', due: '2020-12-31' });
    expect((await (await t.as('office')).put('/api/v1/yearend/2020/settings', { summariesDue: '2020-02-30x' })).statusCode).toBe(400);
  });

  it('every act left its audit record and the chains verify', async () => {
    const acts = (await t.db.selectFrom('audit_log').select('act').where('act', 'like', 'certificate.%').execute()).map((a) => a.act);
    expect(acts).toEqual(
      expect.arrayContaining(['certificate.create', 'certificate.update', 'certificate.sign', 'certificate.return', 'certificate.complete']),
    );
    const rep = (await t.db.selectFrom('audit_log').select('act').where('act', 'like', 'report.%').execute()).map((a) => a.act);
    expect(rep).toEqual(expect.arrayContaining(['report.consolidate', 'report.approve', 'report.reported', 'report.amend']));
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
