/**
 * §2.4 "需要吊销相关证照的由该证照的发证机关" (issue 10 item 5, round 3 gap B): the licence's issuing department (市场监管
 * msa, outside the safety dimension) reads the safety case naming it — and so that case's numbered documents (the
 * decisions and the 提请吊销证照函 it acts on) and its evidence — and nothing of any other case. Attack matrix: the
 * neighbour case's documents and evidence answer 404 exactly like unknown ones; the documents it reads it cannot
 * change (403, nothing written); a department named nowhere reads none.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { bumpLineRollup } from '../../server/modules/overview/rollups.ts';
import { TINY_PNG, uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
/** A refusal without what differs per request (its id and path). */
const answer = (r: { statusCode: number; json: () => Record<string, unknown> }) => {
  const { requestId: _r, instance: _i, ...rest } = r.json();
  return { status: r.statusCode, ...rest };
};

/** A safety case through suspension, failed re-check and closure, then the referral naming `licence` of `department`, with evidence. */
async function safetyCase(licence: string, department: string): Promise<{ id: number; evidence: string }> {
  seq++;
  const e = await t.db
    .insertInto('enterprise')
    .values({ credit_code: `91340200LICD${String(seq).padStart(6, '0')}`, name: `证照文书企业${seq}`, territory_code: '340207', industry_code: 'steel' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const l = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: e.id, kind: 'blast_furnace', name: `高炉${seq}`, capacity: '30', capacity_unit: '万吨/年' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpLineRollup(t.db, { territoryCode: '340207', industryCode: 'steel', state: 'operating', capacityUnit: '万吨/年' }, 1, '30');
  at('2020-06-01');
  const ema = await t.as('d-ema');
  const id = (
    await ema.post('/api/v1/cases', { enterpriseId: e.id, dimension: 'safety', lineIds: [l.id], finding: { hazard: '煤气柜泄漏' }, openedOn: '2020-06-01' })
  ).json().id as number;
  const act = async (kind: string, date: string, payload: Record<string, unknown> = {}, user = 'd-ema', evidence?: string[]) => {
    at(date);
    const r = await (await t.as(user)).post(`/api/v1/cases/${id}/acts`, { kind, date, payload, ...(evidence ? { evidence } : {}) });
    expect(r.statusCode, r.body).toBe(201);
  };
  await act('orderSuspension', '2020-06-01', { reason: '重大事故隐患', days: 30 });
  await act('recheck', '2020-07-10', { result: 'fail' });
  await act('orderClosure', '2020-07-15', {}, 'gov');
  at('2020-07-16');
  const evidence = await uploadEvidence(await t.as('d-ema'), `referral-${seq}.png`, Buffer.concat([TINY_PNG, Buffer.from([seq])]));
  await act('requestLicenceRevocation', '2020-07-16', { licence, issuingAuthority: '发证机关', issuingDepartmentCode: department }, 'd-ema', [evidence]);
  return { id, evidence };
}

let named: { id: number; evidence: string };
let neighbour: { id: number; evidence: string };
let namedDocs: number[];
let neighbourDocs: number[];

const docsOf = async (caseId: number) =>
  (await t.db.selectFrom('document').select('id').where('case_id', '=', caseId).orderBy('id').execute()).map((d) => Number(d.id));

beforeAll(async () => {
  t = await createTestApp({ now: '2020-06-01T02:00:00Z' });
  await standardUsers(t);
  named = await safetyCase('工业产品生产许可证', 'msa');
  neighbour = await safetyCase('排污许可证', 'eco');
  namedDocs = await docsOf(named.id);
  neighbourDocs = await docsOf(neighbour.id);
  at('2020-07-20');
});
afterAll(async () => t?.close());

describe("a licence's issuing department reads the documents and evidence of the case naming it (§2.4)", () => {
  it('lists, opens and downloads exactly that case’s documents (the decisions and the referral), none of another case', async () => {
    expect(namedDocs.length).toBeGreaterThanOrEqual(4); // 停产停业整顿决定, 复查意见, 关闭决定, 提请吊销证照函
    const msa = await t.as('d-msa');
    const all = (await msa.get('/api/v1/documents?limit=100')).json();
    expect(all.items.map((d: { id: number }) => d.id).sort((a: number, b: number) => a - b)).toEqual(namedDocs);
    expect(all.total).toBe(namedDocs.length);
    const byCase = (await msa.get(`/api/v1/documents?caseId=${neighbour.id}`)).json();
    expect(byCase.total).toBe(0);
    for (const id of namedDocs) {
      const d = await msa.get(`/api/v1/documents/${id}`);
      expect(d.statusCode, d.body).toBe(200);
      const docx = await msa.get(`/api/v1/documents/${id}/docx`);
      expect(docx.statusCode).toBe(200);
      expect(createHash('sha256').update(docx.rawPayload).digest('hex')).toBe(d.json().versions[0].sha256);
    }
    const referral = (await msa.get(`/api/v1/documents?caseId=${named.id}&kind=referral`)).json();
    expect(referral.items).toEqual([expect.objectContaining({ caseId: named.id })]);
    expect((await msa.get('/api/v1/documents/export.xlsx')).statusCode).toBe(200);
  });

  it('downloads the evidence of that case’s acts', async () => {
    const msa = await t.as('d-msa');
    const r = await msa.get(`/api/v1/evidence/${named.evidence}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(createHash('sha256').update(r.rawPayload).digest('hex')).toBe(named.evidence);
  });

  it('attack: another case’s documents and evidence answer 404, exactly like unknown ones', async () => {
    const msa = await t.as('d-msa');
    const unknownDoc = await msa.get('/api/v1/documents/987654321');
    for (const id of neighbourDocs) {
      for (const url of [`/api/v1/documents/${id}`, `/api/v1/documents/${id}/docx`, `/api/v1/documents/${id}/pdf`]) {
        const r = await msa.get(url);
        expect(r.statusCode, url).toBe(404);
        expect(answer(r)).toEqual(answer(unknownDoc));
      }
    }
    const unknownSha = await msa.get(`/api/v1/evidence/${'ab'.repeat(32)}`);
    expect(unknownSha.statusCode).toBe(404);
    const other = await msa.get(`/api/v1/evidence/${neighbour.evidence}`);
    expect(other.statusCode).toBe(404);
    expect(answer(other)).toEqual(answer(unknownSha));
    // a department named on no case (eit) reads no safety document nor evidence; eco only its own case's
    const eit = await t.as('d-eit');
    expect((await eit.get('/api/v1/documents?limit=100')).json().total).toBe(0);
    expect((await eit.get(`/api/v1/documents/${namedDocs[0]}`)).statusCode).toBe(404);
    expect((await eit.get(`/api/v1/evidence/${named.evidence}`)).statusCode).toBe(404);
    const eco = await t.as('d-eco');
    expect((await eco.get(`/api/v1/documents/${neighbourDocs[0]}`)).statusCode).toBe(200);
    expect((await eco.get(`/api/v1/documents/${namedDocs[0]}`)).statusCode).toBe(404);
    expect((await eco.get(`/api/v1/evidence/${neighbour.evidence}`)).statusCode).toBe(200);
    expect((await eco.get(`/api/v1/evidence/${named.evidence}`)).statusCode).toBe(404);
  });

  it('attack: it reads but does not change them — regenerate, void and serve answer 403 and write nothing; the neighbour’s 404', async () => {
    const msa = await t.as('d-msa');
    const id = namedDocs[0]!;
    const before = await t.db.selectFrom('document').select(['status', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    const versions = await t.db.selectFrom('document_version').select('version').where('document_id', '=', id).execute();
    const audit = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const probes: Array<[string, unknown]> = [
      ['regenerate', { reason: '越权' }],
      ['void', { reason: '越权' }],
      ['services', { method: 'direct', servedOn: '2020-07-20', recipient: '企业' }],
    ];
    for (const [verb, body] of probes) {
      const r = await msa.post(`/api/v1/documents/${id}/${verb}`, body);
      expect(r.statusCode, `${verb}: ${r.body}`).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
      const n = await msa.post(`/api/v1/documents/${neighbourDocs[0]}/${verb}`, body);
      expect(n.statusCode, `${verb} (neighbour): ${n.body}`).toBe(404);
    }
    expect(await t.db.selectFrom('document').select(['status', 'title']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await t.db.selectFrom('document_version').select('version').where('document_id', '=', id).execute()).toEqual(versions);
    expect(await t.db.selectFrom('document_service').select('id').where('document_id', '=', id).execute()).toEqual([]);
    expect(
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(audit);
  });

  it('hostile ids and hashes: coded 4xx naming the field, never 5xx', async () => {
    const msa = await t.as('d-msa');
    for (const url of ['/api/v1/documents/abc', '/api/v1/documents/-1/docx', `/api/v1/evidence/${'zz'.repeat(32)}`, "/api/v1/evidence/'%20or%201=1--"]) {
      const r = await msa.get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
    }
  });
});
