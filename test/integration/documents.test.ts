/**
 * The documents of the case lifecycles through the HTTP API (issue 11, plan §2.1–§2.5): each act issues its numbered
 * document in its own transaction; the .docx is opened (unzip + word/document.xml) and checked for the 发文字号, the
 * title, the enterprise, the due date and the citation; service (送达) records; regeneration keeps old versions;
 * voiding keeps the number; scope and hostile input; one PDF through LibreOffice (pdftotext + page size).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';
import { sofficeBinary } from '../../server/modules/documents/pdf.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let t: TestApp;
let seq = 0;

async function enterprise(territoryCode: string, industryCode = 'steel', name?: string): Promise<number> {
  seq++;
  const r = await t.db
    .insertInto('enterprise')
    .values({
      credit_code: `91340200DOCS${String(seq).padStart(6, '0')}`,
      name: name ?? `文书测试企业${seq}`,
      territory_code: territoryCode,
      industry_code: industryCode,
      legal_representative: '李四',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function line(enterpriseId: number, kind: string, capacity = '50', unit = '万吨/年', name = `${kind}-${enterpriseId}`): Promise<number> {
  const r = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: enterpriseId, kind, name, capacity, capacity_unit: unit })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));

async function act(user: string, caseId: number, kind: string, date: string, payload: Record<string, unknown> = {}, evidence?: string[]) {
  at(date);
  const c = await t.as(user);
  return c.post(`/api/v1/cases/${caseId}/acts`, { kind, date, payload, ...(evidence ? { evidence } : {}) });
}

interface Doc {
  id: number;
  number: string;
  kind: string;
  title: string;
  unitName: string;
  status: string;
  version: number;
  nextStep: { code: string; who: string };
  servedOn: string | null;
}

async function docsOf(user: string, caseId: number): Promise<Doc[]> {
  const c = await t.as(user);
  const r = await c.get(`/api/v1/documents?caseId=${caseId}&limit=100`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as Doc[]).reverse();
}

async function docxText(user: string, id: number, version?: number): Promise<string> {
  const c = await t.as(user);
  const r = await c.get(`/api/v1/documents/${id}/docx${version ? `?version=${version}` : ''}`);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toContain('wordprocessingml');
  return docxParagraphs(r.rawPayload).join('\n');
}

const zh = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const PLAN_21 = '《芜湖市2020年落后产能退出工作方案》二、（一）（能耗方面）';
const energyFinding = {
  standard: 'GB 21256',
  edition: 'GB 21256-2013',
  process: '烧结工序',
  measured: '58.2',
  limit: '55',
  unit: 'kgce/t',
  date: '2026-03-02',
};

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-05T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('energy case §2.1: the 限期整改通知书 and what follows', () => {
  let caseId: number;
  let notice: Doc;
  let dueOn: string;
  const entName = '芜湖示例钢铁有限公司';

  it('a county officer serves the order: the act issues 镜政淘汰〔2026〕1号, naming the enterprise, lines, due date and its computation, and the basis', async () => {
    const entId = await enterprise('340202', 'steel', entName);
    const lineId = await line(entId, 'sinter_machine', '120', '万吨/年', '1号烧结机');
    const t202 = await t.as('t-340202');
    at('2026-03-05');
    const open = await t202.post('/api/v1/cases', {
      enterpriseId: entId,
      dimension: 'energy',
      lineIds: [lineId],
      finding: energyFinding,
      openedOn: '2026-03-05',
    });
    expect(open.statusCode, open.body).toBe(201);
    caseId = open.json().id;
    const r = await act('t-340202', caseId, 'serveRectificationOrder', '2026-03-05');
    expect(r.statusCode, r.body).toBe(201);
    dueOn = r.json().dueOn;
    const docs = await docsOf('t-340202', caseId);
    expect(docs).toHaveLength(1);
    notice = docs[0]!;
    expect(notice).toMatchObject({
      number: '镜政淘汰〔2026〕1号',
      kind: 'rectification-notice',
      title: '限期整改通知书',
      unitName: '芜湖市镜湖区人民政府',
      status: 'issued',
      version: 1,
    });
    expect(notice.nextStep).toMatchObject({ code: 'serve', who: '芜湖市镜湖区人民政府' });
    const text = await docxText('t-340202', notice.id);
    expect(text).toContain('镜政淘汰〔2026〕1号');
    expect(text).toContain('限期整改通知书');
    expect(text).toContain(`${entName}：`);
    expect(text).toContain('1号烧结机');
    expect(text).toContain('120万吨/年');
    expect(text).toContain(`你单位应于${zh(dueOn)}前完成整改`);
    expect(text).toContain('期限的计算');
    expect(text).toContain('《中华人民共和国民法典》');
    expect(text).toContain(PLAN_21);
    expect(text).toContain('不超过3个月的延期申请（以1次为限）');
    expect(text).toContain(zh('2026-03-05'));
    // kept as evidence: the version's hash is the hash of the bytes served
    const d = (await t202.get(`/api/v1/documents/${notice.id}`)).json();
    expect(d.versions).toHaveLength(1);
    expect(d.basis).toMatchObject({ id: 'plan-2020-§2.1' });
    const bytes = (await t202.get(`/api/v1/documents/${notice.id}/docx`)).rawPayload;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.versions[0].sha256);
    // the issue is in the act's own audit record (docs/decisions/0012: one record per act, naming its document and
    // the number the act's statement took), the rendering in the document's trail; the chain verifies
    const issued = await t.db
      .selectFrom('audit_log')
      .select(['act', 'entity_type', 'entity_id', 'after'])
      .where(sql<boolean>`after->'document'->>'documentId' = ${String(notice.id)}`)
      .execute();
    expect(issued).toEqual([
      expect.objectContaining({
        act: 'case.act.serveRectificationOrder',
        entity_type: 'case',
        entity_id: String(caseId),
        after: expect.objectContaining({
          document: expect.objectContaining({
            documentId: notice.id,
            number: notice.number,
            kind: 'rectification-notice',
            contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          }),
        }),
      }),
    ]);
    expect(await t.db.selectFrom('audit_log').select('id').where('act', '=', 'document.issue').execute()).toEqual([]);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('act')
      .where('entity_type', '=', 'document')
      .where('entity_id', '=', String(notice.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.act)).toEqual(['document.render']);
  });

  it('another territory gets 404, the bank 403, anonymous 401', async () => {
    const other = await t.as('t-340207');
    expect((await other.get(`/api/v1/documents/${notice.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/documents/${notice.id}/docx`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '2026-03-05', recipient: 'x' })).statusCode).toBe(404);
    expect(await docsOf('t-340207', caseId)).toHaveLength(0);
    expect((await (await t.as('bank')).get(`/api/v1/documents/${notice.id}`)).statusCode).toBe(403);
    expect((await t.anon.get(`/api/v1/documents/${notice.id}`)).statusCode).toBe(401);
  });

  it('送达: post needs its tracking number; an unknown receipt is refused; then it is recorded and audited', async () => {
    let t202 = await t.as('t-340202');
    const noTracking = await t202.post(`/api/v1/documents/${notice.id}/services`, { method: 'post', servedOn: '2026-03-05', recipient: entName });
    expect(noTracking.statusCode).toBe(422);
    expect(noTracking.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'trackingNo' } });
    at('2026-03-09');
    t202 = await t.as('t-340202');
    // a later service date moves the period instead (test/integration/documents-service-date.test.ts)
    const unknownReceipt = await t202.post(`/api/v1/documents/${notice.id}/services`, {
      method: 'direct',
      servedOn: '2026-03-05',
      recipient: entName,
      receiptSha256: 'a'.repeat(64),
    });
    expect(unknownReceipt.statusCode).toBe(422);
    expect(unknownReceipt.json().code).toBe('UNKNOWN_EVIDENCE');
    expect(await t.db.selectFrom('document_service').select('id').execute()).toHaveLength(0);
    const ok = await t202.post(`/api/v1/documents/${notice.id}/services`, {
      method: 'post',
      servedOn: '2026-03-05',
      recipient: entName,
      trackingNo: 'EMS1234567890CN',
      note: '法定代表人签收',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().services).toEqual([
      expect.objectContaining({ method: 'post', methodName: '邮寄送达', servedOn: '2026-03-05', trackingNo: 'EMS1234567890CN', servedBy: 't-340202' }),
    ]);
    expect(ok.json().nextStep.code).toBe('comply');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['act', 'after'])
      .where('entity_type', '=', 'document')
      .where('entity_id', '=', String(notice.id))
      .where('act', '=', 'document.serve')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a corrected enterprise name regenerates a new version with the same number; the old version stays downloadable', async () => {
    const t202 = await t.as('t-340202');
    await t.db.updateTable('enterprise').set({ name: '芜湖示例钢铁股份有限公司' }).where('name', '=', entName).execute();
    const r = await t202.post(`/api/v1/documents/${notice.id}/regenerate`, { reason: '企业名称更正' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ number: notice.number, version: 2 });
    expect(r.json().versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [2, '企业名称更正'],
      [1, null],
    ]);
    expect(await docxText('t-340202', notice.id)).toContain('芜湖示例钢铁股份有限公司');
    expect(await docxText('t-340202', notice.id, 1)).toContain(`${entName}：`);
    expect((await t202.get(`/api/v1/documents/${notice.id}/docx?version=9`)).statusCode).toBe(404);
  });

  it('extension: the enterprise’s application is registered; the department’s 批复 cites the notice and the new due date', async () => {
    const app = await act('t-340202', caseId, 'applyExtension', '2026-08-20', { requestedMonths: 3, reason: '环保设备改造工期较长' });
    expect(app.statusCode, app.body).toBe(201);
    const ok = await act('d-drc', caseId, 'approveExtension', '2026-08-25', { grantedMonths: 2 });
    expect(ok.statusCode, ok.body).toBe(201);
    const newDue = ok.json().dueOn as string;
    const docs = await docsOf('d-drc', caseId);
    expect(docs.map((d) => [d.kind, d.number])).toEqual([
      ['rectification-notice', '镜政淘汰〔2026〕1号'],
      ['extension-application', '镜政淘汰申〔2026〕1号'],
      ['extension-decision', '芜发改淘汰延〔2026〕1号'],
    ]);
    const application = await docxText('d-drc', docs[1]!.id);
    expect(application).toContain('延期整改申请书');
    expect(application).toContain('芜湖市镜湖区人民政府：');
    expect(application).toContain('申请延期3个月');
    expect(application).toContain('《限期整改通知书》（镜政淘汰〔2026〕1号）');
    expect(docs[1]!.nextStep.code).toBe('none');
    const decision = await docxText('d-drc', docs[2]!.id);
    expect(decision).toContain('关于同意延期整改的批复');
    expect(decision).toContain('芜湖示例钢铁股份有限公司：');
    expect(decision).toContain('同意你单位延期整改2个月');
    expect(decision).toContain(`整改期限延至${zh(newDue)}`);
    expect(decision).toContain('镜政淘汰〔2026〕1号');
    expect(decision).toContain(PLAN_21);
    expect(decision).toContain('芜湖市发展和改革委员会');
  });

  it('a refused act takes no number: the next document of the kind gets the next number', async () => {
    const before = await t.db.selectFrom('document_counter').selectAll().orderBy('unit_code').orderBy('kind').execute();
    const refused = await act('t-340202', caseId, 'orderClosure', '2026-09-01');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(await t.db.selectFrom('document_counter').selectAll().orderBy('unit_code').orderBy('kind').execute()).toEqual(before);
  });

  it('failed re-inspection → 复查意见书; closure → 责令关闭决定书 with the lines and capacity', async () => {
    // §2.1 (issue 10): closure only after the period as extended (to 2026-11-09) and a re-inspection after it that still fails
    const re = await act('d-drc', caseId, 'reinspect', '2026-11-10', { result: 'fail', measured: '57.9' });
    expect(re.statusCode, re.body).toBe(201);
    const closed = await act('d-drc', caseId, 'orderClosure', '2026-11-12');
    expect(closed.statusCode, closed.body).toBe(201);
    const docs = await docsOf('d-drc', caseId);
    const opinion = docs.find((d) => d.kind === 'reinspection-opinion')!;
    const closure = docs.find((d) => d.kind === 'enforcement-decision')!;
    expect(opinion.number).toBe('芜发改淘汰复〔2026〕1号');
    const o = await docxText('d-drc', opinion.id);
    expect(o).toContain('复查意见书');
    expect(o).toContain('整改后仍未达到规定要求（复查实测值57.9）');
    expect(closure).toMatchObject({ number: '芜发改淘汰决〔2026〕1号', title: '责令关闭决定书' });
    const c = await docxText('d-drc', closure.id);
    expect(c).toContain('责令你单位下列生产线（设备）关闭（产能合计120万吨/年）');
    expect(c).toContain('1号烧结机');
    expect(c).toContain('法定代表人：李四');
    expect(c).toContain(PLAN_21);
    expect(c).toContain('申请行政复议');
  });

  it('voiding keeps the number and says so; a voided document is not served or regenerated; numbers are not reused', async () => {
    const drc = await t.as('d-drc');
    const closure = (await docsOf('d-drc', caseId)).find((d) => d.kind === 'enforcement-decision')!;
    const v = await drc.post(`/api/v1/documents/${closure.id}/void`, { reason: '文书送达对象有误' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ status: 'voided', number: closure.number, voidReason: '文书送达对象有误', version: 2 });
    expect(await docxText('d-drc', closure.id)).toContain('此件已作废：文书送达对象有误');
    expect((await drc.post(`/api/v1/documents/${closure.id}/void`, { reason: 'again' })).json().code).toBe('DOCUMENT_VOIDED');
    expect((await drc.post(`/api/v1/documents/${closure.id}/regenerate`, { reason: 'x' })).statusCode).toBe(409);
    expect((await drc.post(`/api/v1/documents/${closure.id}/services`, { method: 'direct', servedOn: '2026-11-12', recipient: 'x' })).statusCode).toBe(409);
    const list = (await drc.get('/api/v1/documents?status=voided')).json();
    expect(list.items.map((d: Doc) => d.number)).toEqual([closure.number]);
  });

  it('search, filters and the .xlsx export (names, not codes)', async () => {
    const office = await t.as('office');
    const byNumber = (await office.get(`/api/v1/documents?q=${encodeURIComponent('镜政淘汰〔2026〕1')}`)).json();
    expect(byNumber.items.map((d: Doc) => d.number)).toEqual(['镜政淘汰〔2026〕1号']);
    const byEnterprise = (await office.get(`/api/v1/documents?q=${encodeURIComponent('示例钢铁')}`)).json();
    expect(byEnterprise.total).toBe(5);
    const percent = (await office.get(`/api/v1/documents?q=${encodeURIComponent('%')}`)).json();
    expect(percent.total).toBe(0);
    const x = await office.get('/api/v1/documents/export.xlsx?kind=rectification-notice');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('hostile input: coded 4xx naming the field, never 5xx, nothing written', async () => {
    const c = await t.as('t-340202');
    const before = (await t.db.selectFrom('document_service').select('id').execute()).length;
    const cases: Array<[string, string, unknown, number, string?]> = [
      ['GET', '/api/v1/documents/abc', undefined, 400],
      ['GET', '/api/v1/documents/99999999999999999999', undefined, 400],
      ['GET', '/api/v1/documents/0', undefined, 400],
      ['GET', '/api/v1/documents/999999', undefined, 404],
      ['GET', `/api/v1/documents?q=${'x'.repeat(500)}`, undefined, 400, 'q'],
      ['GET', '/api/v1/documents?kind=../../etc', undefined, 400, 'kind'],
      ['GET', `/api/v1/documents/${notice.id}/docx?version=-1`, undefined, 400, 'version'],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'fax', servedOn: '2026-03-05', recipient: 'x' }, 400, 'method'],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '26-3-5', recipient: 'x' }, 400, 'servedOn'],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '2099-01-01', recipient: 'x' }, 422, 'servedOn'],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '2026-03-05', recipient: '   ' }, 400, 'recipient'],
      [
        'POST',
        `/api/v1/documents/${notice.id}/services`,
        { method: 'direct', servedOn: '2026-03-05', recipient: 'x', receiptSha256: '../../etc/passwd' },
        400,
        'receiptSha256',
      ],
      [
        'POST',
        `/api/v1/documents/${notice.id}/services`,
        { method: 'post', servedOn: '2026-03-05', recipient: 'x', trackingNo: "1'; drop table document;--" },
        400,
        'trackingNo',
      ],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '2026-03-05', recipient: 'x', extra: 1 }, 400],
      ['POST', `/api/v1/documents/${notice.id}/services`, { method: 'direct', servedOn: '2026-03-01', recipient: 'x' }, 422, 'servedOn'],
      ['POST', `/api/v1/documents/${notice.id}/regenerate`, { reason: '' }, 400, 'reason'],
      ['POST', `/api/v1/documents/${notice.id}/void`, { reason: 'x'.repeat(501) }, 400, 'reason'],
      ['POST', `/api/v1/documents/${notice.id}/void`, {}, 400, 'reason'],
    ];
    for (const [method, url, body, status, field] of cases) {
      const r = await c.request(method as 'GET' | 'POST', url, body);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
      const p = r.json();
      expect(p.code).toBeTypeOf('string');
      expect(p.messageZh).toBeTypeOf('string');
      expect(r.body).not.toMatch(/at .*\.ts:\d+/);
      if (field) expect(r.body).toContain(field);
    }
    expect((await t.db.selectFrom('document_service').select('id').execute()).length).toBe(before);
    expect((await t.db.selectFrom('document').select(['status']).where('id', '=', notice.id).executeTakeFirstOrThrow()).status).toBe('issued');
  });
});

describe('§2.2, §2.4, §2.5: decisions citing the government approval, referral, sealing notices at two levels', () => {
  it('§2.2: the 责令关闭决定书 cites the city government’s approval with its number', async () => {
    const entId = await enterprise('340207');
    const lineId = await line(entId, 'electric_arc_furnace', '20', '万吨/年', '2号电炉');
    at('2026-04-01');
    const eco = await t.as('d-eco');
    const id = (
      await eco.post('/api/v1/cases', {
        enterpriseId: entId,
        dimension: 'environment',
        lineIds: [lineId],
        finding: { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3' },
        openedOn: '2026-04-01',
      })
    ).json().id;
    for (const [who, kind, payload] of [
      ['d-eco', 'orderSuspension', {}],
      ['d-eco', 'recheck', { result: 'fail' }],
      ['d-eco', 'declareSerious', { reason: '多次超标排放' }],
      ['d-eco', 'requestGovernmentApproval', {}],
      ['gov', 'recordGovernmentApproval', { decision: 'approved', measure: 'close', documentNo: '芜政秘〔2026〕8号' }],
      ['d-eco', 'orderCeaseOrClose', { measure: 'close' }],
    ] as const) {
      const r = await act(who, id, kind, '2026-04-02', payload);
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
    }
    const docs = await docsOf('d-eco', id);
    expect(docs.map((d) => [d.kind, d.title])).toEqual([
      ['enforcement-decision', '责令停产整治决定书'],
      ['reinspection-opinion', '复查意见书'],
      ['enforcement-decision', '责令关闭决定书'],
    ]);
    expect(docs.map((d) => d.number)).toEqual(['芜环淘汰决〔2026〕1号', '芜环淘汰复〔2026〕1号', '芜环淘汰决〔2026〕2号']);
    const text = await docxText('d-eco', docs[2]!.id);
    expect(text).toContain('并经市人民政府批准（2026年4月2日作出的《市人民政府批准》（芜政秘〔2026〕8号））');
    expect(text).toContain('《芜湖市2020年落后产能退出工作方案》二、（二）（环保方面）');
    expect(text).toContain('《中华人民共和国环境保护法》');
  });

  it('§2.4: closure by the government, then the department asks the issuing authority to revoke the licence', async () => {
    const entId = await enterprise('340202', 'cement');
    const lineId = await line(entId, 'clinker_line', '2500', 't/d', '熟料线');
    at('2026-05-04');
    const ema = await t.as('d-ema');
    const id = (
      await ema.post('/api/v1/cases', {
        enterpriseId: entId,
        dimension: 'safety',
        lineIds: [lineId],
        finding: { hazard: '窑头平台护栏缺失', date: '2026-05-04' },
        openedOn: '2026-05-04',
      })
    ).json().id;
    for (const [who, kind, payload] of [
      ['d-ema', 'orderRectification', { days: 30 }],
      ['d-ema', 'recheck', { result: 'fail' }],
      ['d-ema', 'orderSuspension', { days: 60 }],
      ['d-ema', 'recheck', { result: 'fail' }],
      ['gov', 'orderClosure', {}],
      ['d-ema', 'requestLicenceRevocation', { licence: '安全生产许可证', issuingAuthority: '安徽省应急管理厅' }],
    ] as const) {
      const r = await act(who, id, kind, '2026-05-06', payload);
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
    }
    const docs = await docsOf('d-ema', id);
    expect(docs.map((d) => d.number)).toEqual([
      '芜应急淘汰〔2026〕1号',
      '芜应急淘汰复〔2026〕1号',
      '芜应急淘汰决〔2026〕1号',
      '芜应急淘汰复〔2026〕2号',
      '芜政淘汰决〔2026〕1号',
      '芜应急淘汰移〔2026〕1号',
    ]);
    const referral = await docxText('d-ema', docs[5]!.id);
    expect(referral).toContain('安徽省应急管理厅：');
    expect(referral).toContain('提请你单位依法吊销该企业的安全生产许可证');
    expect(referral).toContain('芜政淘汰决〔2026〕1号');
    expect(referral).toContain('二、（四）');
  });

  it('§2.5: the public commitment, the city and county 封存公告 (two units), the 限期拆除通知书 with its due date', async () => {
    const entId = await enterprise('340202', 'cement');
    const lineId = await line(entId, 'shaft_kiln', '12', 't/d', '1号机立窑');
    at('2026-06-01');
    const t202 = await t.as('t-340202');
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082',
      'hex',
    );
    const boundary = '----phaseoutDocsBoundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="seal.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t202.request('POST', '/api/v1/evidence', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
    const sha = up.json().sha256 as string;
    const id = (
      await t202.post('/api/v1/cases', {
        enterpriseId: entId,
        dimension: 'technology',
        lineIds: [lineId],
        finding: { catalogueEdition: 'catalogue-2024', catalogueItem: '水泥机立窑' },
        openedOn: '2026-06-01',
      })
    ).json().id;
    let due = '';
    for (const [who, kind, payload, ev] of [
      ['t-340202', 'sealMainEquipment', {}, [sha]],
      ['t-340202', 'publicCommitment', { evidenceIds: [sha] }, undefined],
      ['d-eit', 'publishNotice', { level: 'city', url: 'https://jxw.wuhu.gov.cn/notice/1' }, undefined],
      ['d-eit', 'publishNotice', { level: 'county', url: 'https://www.jinghu.gov.cn/notice/1' }, undefined],
      ['d-eit', 'setDismantleDeadline', { months: 3 }, undefined],
    ] as const) {
      const r = await act(who, id, kind, '2026-06-02', payload, ev as string[] | undefined);
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(201);
      due = r.json().dueOn ?? due;
    }
    const docs = await docsOf('t-340202', id);
    expect(docs.map((d) => [d.kind, d.number, d.unitName])).toEqual([
      ['public-commitment', '镜政淘汰诺〔2026〕1号', '芜湖市镜湖区人民政府'],
      ['sealing-notice', '芜经信淘汰告〔2026〕1号', '芜湖市经济和信息化局'],
      ['sealing-notice', '镜政淘汰告〔2026〕1号', '芜湖市镜湖区人民政府'],
      ['dismantle-notice', '芜经信淘汰拆〔2026〕1号', '芜湖市经济和信息化局'],
    ]);
    const commitment = await docxText('t-340202', docs[0]!.id);
    expect(commitment).toContain('不再恢复生产公开承诺书');
    expect(commitment).toContain('1号机立窑');
    const county = await docxText('t-340202', docs[2]!.id);
    expect(county).toContain('关于淘汰落后生产设备（生产线）封存情况的公告');
    expect(county).toContain('https://www.jinghu.gov.cn/notice/1');
    expect(county).toContain('二、（五）');
    const dismantle = await docxText('t-340202', docs[3]!.id);
    expect(due).toBe('2026-09-02');
    expect(dismantle).toContain(`请你单位于${zh(due)}前依法拆除上述主体设备（产能合计12t/d）`);
    expect(dismantle).toContain('芜经信淘汰告〔2026〕1号');
  });

  it('the audit chain verifies after all of it', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});

describe('PDF through LibreOffice (pdftotext, page size)', () => {
  const soffice = sofficeBinary();
  const pdftotext = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdfinfo'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!soffice || !pdftotext)(
    `renders the 限期整改通知书 on A4 with its number, title and enterprise${soffice && pdftotext ? '' : ' — SKIPPED: LibreOffice (soffice) or poppler-utils is not installed (CI installs libreoffice-writer-nogui poppler-utils)'}`,
    async () => {
      const t202 = await t.as('t-340202');
      const list = (await t202.get('/api/v1/documents?kind=rectification-notice')).json();
      const id = list.items.find((d: Doc) => d.number === '镜政淘汰〔2026〕1号').id;
      const detail = (await t202.get(`/api/v1/documents/${id}`)).json();
      expect(detail.pdf.available).toBe(true);
      const r = await t202.get(`/api/v1/documents/${id}/pdf`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-pdf-test-'));
      try {
        const file = path.join(dir, 'notice.pdf');
        fs.writeFileSync(file, r.rawPayload);
        const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
        const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
        expect(Math.round(Number(size![1]))).toBe(595); // A4: 210 × 297 mm
        expect(Math.round(Number(size![2]))).toBe(842);
        const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
        expect(text).toContain('镜政淘汰〔2026〕1号');
        expect(text).toContain('限期整改通知书');
        expect(text).toContain('芜湖示例钢铁股份有限公司');
        // cached by the .docx hash: the second answer is the same bytes
        expect((await t202.get(`/api/v1/documents/${id}/pdf`)).rawPayload.equals(r.rawPayload)).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
