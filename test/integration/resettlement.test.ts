/**
 * Worker resettlement (issue 15, plan §2.6 职工安置): recorded per enterprise by its territory, the office or the HR
 * bureau; figures that break the rules change nothing; out of scope is 404; the acceptance certificate's read
 * (resettlementForEnterprise) returns what was recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { resettlementForEnterprise, resettlementTotals } from '../../server/modules/resettlement/resettlement.read.ts';

let t: TestApp;
const code = (first17: string) => first17 + creditCodeCheckChar(first17);
let A: { id: number; creditCode: string };
let B: { id: number; creditCode: string };

const figures = {
  version: 0,
  workersAffected: 120,
  transferred: 50,
  reemployed: 40,
  retired: 20,
  other: 0,
  fundsPlanned: '360.5',
  fundsPaid: '200',
  planFiledOn: '2020-09-01',
  riskAssessed: true,
  riskLevel: 'medium',
  riskAssessedOn: '2020-09-03',
  riskPlan: true,
  note: '安置方案经职代会通过',
};

beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
  await t.user('d-hrss', 'department', { departmentCode: 'hrss' });
  const mk = async (c: string, territory: string, name: string) => {
    const e = await t.db
      .insertInto('enterprise')
      .values({ credit_code: c, name, territory_code: territory, industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(e.id), creditCode: c };
  };
  A = await mk(code('91340202MA2N0RT01'), '340202', '镜湖安置钢铁有限公司');
  B = await mk(code('91340207MA2N0RT02'), '340207', '鸠江安置水泥有限公司');
});
afterAll(async () => t?.close());

const auditCount = async (id: number) =>
  Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('entity_type', '=', 'enterprise')
        .where('entity_id', '=', String(id))
        .where('act', 'like', 'resettlement.%')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('worker resettlement (§2.6)', () => {
  it('§2.6: before anything is recorded the enterprise answers zero figures and says the plan is to be filed by its territory', async () => {
    const r = await (await t.as('t-340202')).get(`/api/v1/enterprises/${A.id}/resettlement`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      recorded: false,
      workersAffected: 0,
      version: 0,
      nextStep: 'filePlan',
      nextActor: { code: '340202' },
      allowedActs: ['update'],
    });
  });

  it('§2.6: the territory records the figures (audited); the certificate read returns them', async () => {
    const c = await t.as('t-340202');
    const r = await c.put(`/api/v1/enterprises/${A.id}/resettlement`, figures);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      recorded: true,
      resettled: 110,
      fundsPlanned: '360.50',
      riskLevel: 'medium',
      nextStep: 'resettleWorkers',
      version: 1,
      enterpriseName: '镜湖安置钢铁有限公司',
    });
    expect(await auditCount(A.id)).toBe(1);
    const read = await resettlementForEnterprise(t.db, A.id);
    expect(read).toMatchObject({
      workersAffected: 120,
      transferred: 50,
      reemployed: 40,
      retired: 20,
      other: 0,
      resettled: 110,
      riskAssessed: true,
      riskLevel: 'medium',
      complete: false,
      nextStep: 'resettleWorkers',
    });
    expect(await resettlementForEnterprise(t.db, B.id)).toBeNull();
    const totals = await resettlementTotals(t.db, [A.id, B.id]);
    expect(totals).toMatchObject({ enterprises: 1, workersAffected: 120, transferred: 50, fundsPlanned: '360.50' });
  });

  it('§2.6: the HR bureau completes it; a stale version is refused with 409 and changes nothing', async () => {
    const h = await t.as('d-hrss');
    const stale = await h.put(`/api/v1/enterprises/${A.id}/resettlement`, { ...figures, version: 0, other: 10 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const ok = await h.put(`/api/v1/enterprises/${A.id}/resettlement`, { ...figures, version: 1, other: 10, fundsPaid: '360.5' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ resettled: 120, nextStep: 'done', nextActor: null, version: 2 });
    expect((await resettlementForEnterprise(t.db, A.id))?.complete).toBe(true);
    expect(await auditCount(A.id)).toBe(2);
  });

  it('figures that break §2.6 rules get a coded 422 naming the field and change nothing', async () => {
    const c = await t.as('t-340207');
    const over = await c.put(`/api/v1/enterprises/${B.id}/resettlement`, { ...figures, other: 11 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'transferred' } });
    const noDate = await c.put(`/api/v1/enterprises/${B.id}/resettlement`, { ...figures, riskAssessedOn: null });
    expect(noDate.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'riskAssessedOn' } });
    const future = await c.put(`/api/v1/enterprises/${B.id}/resettlement`, { ...figures, planFiledOn: '2030-01-01' });
    expect(future.json()).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'planFiledOn' } });
    expect(await resettlementForEnterprise(t.db, B.id)).toBeNull();
    expect(await auditCount(B.id)).toBe(0);
  });

  it('hostile input (negative, huge, NUL, wrong types, extra fields) gets a 400 naming the field, never a 5xx', async () => {
    const c = await t.as('t-340207');
    const bodies: Array<[Record<string, unknown>, string]> = [
      [{ ...figures, workersAffected: -1 }, 'workersAffected'],
      [{ ...figures, workersAffected: 1e12 }, 'workersAffected'],
      [{ ...figures, fundsPlanned: '1e400' }, 'fundsPlanned'],
      [{ ...figures, fundsPaid: '12\u0000' }, 'fundsPaid'],
      [{ ...figures, note: 'x'.repeat(5000) }, 'note'],
      [{ ...figures, riskLevel: 'extreme' }, 'riskLevel'],
      [{ ...figures, planFiledOn: '2020-13-99x' }, 'planFiledOn'],
      [{ ...figures, version: 'x' }, 'version'],
    ];
    for (const [body, field] of bodies) {
      const r = await c.put(`/api/v1/enterprises/${B.id}/resettlement`, body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.body, field).toContain(field);
    }
    expect((await c.put(`/api/v1/enterprises/${B.id}/resettlement`, { ...figures, status: 'exited' })).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const badId = await c.get('/api/v1/enterprises/abc/resettlement');
    expect(badId.statusCode).toBe(400);
    expect(await resettlementForEnterprise(t.db, B.id)).toBeNull();
  });

  it('another territory’s enterprise answers 404; a department other than the HR bureau may read but not write', async () => {
    const other = await t.as('t-340207');
    expect((await other.get(`/api/v1/enterprises/${A.id}/resettlement`)).statusCode).toBe(404);
    expect((await other.put(`/api/v1/enterprises/${A.id}/resettlement`, { ...figures, version: 2 })).statusCode).toBe(404);
    const drc = await t.as('d-drc');
    const read = await drc.get(`/api/v1/enterprises/${A.id}/resettlement`);
    expect(read.statusCode).toBe(200);
    expect(read.json().allowedActs).toEqual([]);
    expect((await drc.put(`/api/v1/enterprises/${A.id}/resettlement`, { ...figures, version: 2 })).statusCode).toBe(403);
    const gov = await t.as('gov');
    expect((await gov.get(`/api/v1/enterprises/${A.id}/resettlement`)).json().resettled).toBe(120);
    const bank = await t.as('bank');
    expect((await bank.get(`/api/v1/enterprises/${A.id}/resettlement`)).statusCode).toBe(403);
  });

  it('the list searches by credit-code prefix or name, is scoped, and exports .xlsx with names', async () => {
    const office = await t.as('office');
    const byCode = await office.get(`/api/v1/resettlements?q=${A.creditCode.slice(0, 12)}`);
    expect(byCode.json()).toMatchObject({ total: 1, items: [{ enterpriseId: A.id }] });
    expect((await office.get(`/api/v1/resettlements?q=${encodeURIComponent('镜湖安置')}`)).json().total).toBe(1);
    expect((await office.get('/api/v1/resettlements?nextStep=done')).json().total).toBe(1);
    expect((await (await t.as('t-340207')).get('/api/v1/resettlements')).json().total).toBe(0);
    const x = await office.get('/api/v1/resettlements/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('职工安置')!;
    expect(ws.getRow(1).getCell(2).value).toBe('企业名称');
    expect(ws.getRow(2).getCell(2).value).toBe('镜湖安置钢铁有限公司');
    expect(ws.getRow(2).getCell(3).value).toBe('镜湖区');
    expect(ws.getRow(2).getCell(13).value).toBe('中风险');
  });
});
