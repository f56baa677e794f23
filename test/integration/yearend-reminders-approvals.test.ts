/**
 * Year-end, second round (issue 12) on a real PostgreSQL: the reminders job from 1 December (one lock, a job_run
 * record, no duplicates when run twice or concurrently; `now` is a parameter); the resettlement figures (issue 15)
 * reach the acceptance certificate, its document, the summaries and the report; the draft report waits in the city
 * government's approval queue (待审批事项) and is approved from there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';
import { runJob } from '../../server/jobs/index.ts';
import { yearendReminderJob } from '../../server/modules/yearend/reminders.job.ts';
import { sendYearendReminders } from '../../server/modules/yearend/commands/send-reminders.ts';
import { certificateChecks, makeDismantledCase, makeEnterprise, TINY_PNG, uploadEvidence } from '../support/factories.ts';

let t: TestApp;
let seq = 0;
const at = (date: string) => (t.clock.now = new Date(`${date}T02:00:00Z`));
const instant = (date: string) => new Date(`${date}T02:00:00Z`);
const enterprise = (territoryCode: string, industryCode: string) => makeEnterprise(t.db, { territoryCode, industryCode, name: `年终二期企业${++seq}` });

let ev: string;
let scan: string;
let withRecord: { caseId: number; lineId: number };
let entId: number;

beforeAll(async () => {
  t = await createTestApp({ now: '2020-11-01T02:00:00Z' });
  await standardUsers(t);
  const c = await t.as('t-340202');
  ev = await uploadEvidence(c, 'site.png', TINY_PNG);
  scan = await uploadEvidence(c, 'signed-scan.png', Buffer.concat([TINY_PNG, Buffer.from('scan')]));
  const ent = await enterprise('340202', 'cement');
  entId = ent.id;
  withRecord = await makeDismantledCase(t, ent);
});
afterAll(async () => t?.close());

const fullChecks = () => certificateChecks(ev);

const notificationsOf = async (unitKind: 'territory' | 'department' | 'office', unitCode: string) =>
  t.db
    .selectFrom('notification')
    .select(['kind', 'title', 'title_en'])
    .where('unit_kind', '=', unitKind)
    .where('unit_code', '=', unitCode)
    .where('kind', 'like', 'yearend.reminder.%')
    .execute();

describe('year-end reminders from 1 December (plan §3.4; dates a local choice)', () => {
  it('before 1 December the job runs and notifies nobody (its run is recorded)', async () => {
    const r = await runJob(t.db, yearendReminderJob, { clock: () => instant('2020-11-30'), trigger: 'test' });
    expect(r).toMatchObject({ outcome: 'ok', summary: { today: '2020-11-30', rounds: [], notifications: 0 } });
    expect(await t.db.selectFrom('job_run').select(['job', 'outcome']).where('id', '=', Number(r.runId)).executeTakeFirstOrThrow()).toEqual({
      job: 'yearend-reminders',
      outcome: 'ok',
    });
  });

  it('on 1 December every unit that owes its summary, and the office its report, is notified once; a second run and concurrent runs add nothing', async () => {
    const r = await runJob(t.db, yearendReminderJob, { clock: () => instant('2020-12-01'), trigger: 'test' });
    expect(r.outcome).toBe('ok');
    const sent = (r as unknown as { summary: { notifications: number; rounds: Array<{ year: number; remindOn: string; owing: number; notified: number }> } })
      .summary;
    expect(sent.rounds).toEqual([expect.objectContaining({ year: 2020, remindOn: '2020-12-01' })]);
    expect(sent.notifications).toBeGreaterThan(2);
    expect(sent.rounds[0]!.notified).toBe(sent.rounds[0]!.owing);
    const county = await notificationsOf('territory', '340202');
    expect(county).toEqual([expect.objectContaining({ kind: 'yearend.reminder.summary', title: expect.stringContaining('2021年1月15日前') })]);
    expect(await notificationsOf('department', 'eit')).toHaveLength(1);
    expect(await notificationsOf('office', 'office')).toEqual([expect.objectContaining({ kind: 'yearend.reminder.report' })]);
    // the county sees it among its notifications
    const mine = (await (await t.as('t-340202')).get('/api/v1/notifications')).json();
    expect(mine.items.some((n: { title: string }) => n.title.includes('年度落后产能退出工作总结尚未报送'))).toBe(true);

    const total = async () =>
      Number(
        (
          await t.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('kind', 'like', 'yearend.reminder.%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await total();
    expect(before).toBe(sent.notifications);
    // run again later the same day, and twice at once beside the job's lock (two instances): nothing twice
    expect((await runJob(t.db, yearendReminderJob, { clock: () => new Date('2020-12-01T08:00:00Z'), trigger: 'test' })).outcome).toBe('ok');
    const both = await Promise.all([sendYearendReminders(t.db, instant('2020-12-03')), sendYearendReminders(t.db, instant('2020-12-03'))]);
    expect(both.map((b) => b.notifications)).toEqual([0, 0]);
    expect(await total()).toBe(before);
    // each round left its audit record
    const audits = await t.db.selectFrom('audit_log').select(['act', 'basis_id']).where('act', '=', 'yearend.remind').execute();
    expect(audits).toEqual([{ act: 'yearend.remind', basis_id: 'local-wuhu-执行口径-2020' }]);
  });

  it('on the next reminder date (15 December) only those who still owe are notified; after the 15 January deadline nobody', async () => {
    at('2020-12-10');
    const t202 = await t.as('t-340202');
    const s = await t202.post('/api/v1/yearend/2020/summaries', {});
    expect(s.statusCode, s.body).toBe(200);
    expect((await t202.put(`/api/v1/yearend/summaries/${s.json().id}`, { narrative: '镜湖区2020年总结' })).statusCode).toBe(200);
    expect((await t202.post(`/api/v1/yearend/summaries/${s.json().id}/submit`, {})).json().status).toBe('submitted');

    const r = await sendYearendReminders(t.db, instant('2020-12-15'));
    expect(r.rounds).toEqual([expect.objectContaining({ remindOn: '2020-12-15' })]);
    expect(await notificationsOf('territory', '340202')).toHaveLength(1); // submitted: not reminded again
    expect(await notificationsOf('territory', '340207')).toHaveLength(2);
    expect(await notificationsOf('office', 'office')).toHaveLength(2);
    expect((await sendYearendReminders(t.db, instant('2021-01-15'))).rounds).toEqual([]);
  });
});

describe('resettlement figures reach the certificate (issue 15 done-when; plan §2.6, §3.4)', () => {
  it('the certificate stands on the resettlement record: its page, its document, and the numbers it is signed on', async () => {
    at('2020-12-01');
    const t202 = await t.as('t-340202');
    const figures = {
      version: 0,
      workersAffected: 20,
      transferred: 8,
      reemployed: 6,
      retired: 4,
      other: 1,
      fundsPlanned: '45.5',
      fundsPaid: '45.5',
      planFiledOn: '2020-11-15',
      riskAssessed: true,
      riskLevel: 'low',
      riskAssessedOn: '2020-11-16',
      riskPlan: true,
    };
    const put = await t202.put(`/api/v1/enterprises/${entId}/resettlement`, figures);
    expect(put.statusCode, put.body).toBe(200);
    // typed numbers give way to the record's
    let r = await t202.put(`/api/v1/cases/${withRecord.caseId}/certificate`, {
      checks: fullChecks(),
      workers: { employees: 99, resettled: 99, evidenceIds: [ev] },
      opinion: '同意验收',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      workers: { employees: 20, resettled: 19, source: 'resettlement' },
      resettlement: {
        workersAffected: 20,
        resettled: 19,
        transferred: 8,
        reemployed: 6,
        retired: 4,
        other: 1,
        fundsPlanned: '45.50',
        fundsPaid: '45.50',
        planFiledOn: '2020-11-15',
      },
      missing: [expect.objectContaining({ check: 'workersResettled' })],
    });
    // the record is corrected in the resettlement module: the certificate follows, without retyping
    expect((await t202.put(`/api/v1/enterprises/${entId}/resettlement`, { ...figures, version: 1, other: 2 })).statusCode).toBe(200);
    r = await t202.get(`/api/v1/cases/${withRecord.caseId}/certificate`);
    expect(r.json()).toMatchObject({ workers: { employees: 20, resettled: 20, source: 'resettlement' }, missing: [] });
    const draft = docxParagraphs((await t202.get(`/api/v1/cases/${withRecord.caseId}/certificate.docx`)).rawPayload).join('\n');
    expect(draft).toContain('职工20人，已安置20人');
    expect(draft).toContain('转岗8人、再就业6人、退休4人、其他方式2人');
    expect(draft).toContain('安置资金计划45.50万元，已到位45.50万元');

    expect(
      (
        await t202.post(`/api/v1/cases/${withRecord.caseId}/certificate/sign`, {
          unit: 'enterprise',
          signerName: '张三',
          date: '2020-12-01',
          evidenceIds: [scan],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await t202.post(`/api/v1/cases/${withRecord.caseId}/certificate/sign`, { unit: 'territory', signerName: '李四', date: '2020-12-01' })).statusCode,
    ).toBe(201);
    const last = await (
      await t.as('d-eit')
    ).post(`/api/v1/cases/${withRecord.caseId}/certificate/sign`, { unit: 'department', signerName: '赵六', date: '2020-12-01' });
    expect(last.statusCode, last.body).toBe(201);
    const cert = (await (await t.as('office')).get(`/api/v1/cases/${withRecord.caseId}/certificate`)).json();
    expect(cert).toMatchObject({
      status: 'complete',
      workers: { employees: 20, resettled: 20, source: 'resettlement' },
      resettlement: { workersAffected: 20 },
    });
    const stored = await t.db.selectFrom('acceptance_certificate').select('workers').where('case_id', '=', withRecord.caseId).executeTakeFirstOrThrow();
    expect(stored.workers).toMatchObject({ employees: 20, resettled: 20, source: 'resettlement' });
  });

  it('a certificate without a record keeps typed numbers with evidence and shows no record', async () => {
    const other = await enterprise('340202', 'cement');
    const c = await makeDismantledCase(t, other, { capacity: '5', dismantleOn: '2020-11-25' });
    at('2020-12-02');
    const r = await (
      await t.as('t-340202')
    ).put(`/api/v1/cases/${c.caseId}/certificate`, { checks: fullChecks(), workers: { employees: 3, resettled: 3, evidenceIds: [ev] } });
    expect(r.json()).toMatchObject({ workers: { employees: 3, resettled: 3, source: 'typed' }, resettlement: null, missing: [] });
  });

  it('the summaries and the city report include the resettlement totals of the year', async () => {
    at('2020-12-20');
    // the lead department of technology (the county's own summary was submitted, its figures frozen, before the acceptance)
    const s = await (await t.as('d-eit')).post('/api/v1/yearend/2020/summaries', {});
    expect(s.json().generated.resettlement).toEqual({
      enterprises: 1,
      workersAffected: 20,
      transferred: 8,
      reemployed: 6,
      retired: 4,
      other: 2,
      fundsPlanned: '45.50',
      fundsPaid: '45.50',
    });
    const d = await (await t.as('d-eco')).post('/api/v1/yearend/2020/summaries', {});
    expect(d.json().generated.resettlement).toMatchObject({ enterprises: 0, workersAffected: 0 });
  });
});

describe('the year-end report in the city government queue (待审批事项, plan §3.4)', () => {
  it('a draft with its reconciliation settled waits for `gov`, who approves it from the queue; then it leaves the queue', async () => {
    at('2021-01-05');
    const office = await t.as('office');
    const made = await office.post('/api/v1/yearend/2020/reports', {});
    expect(made.statusCode, made.body).toBe(201);
    const reportId = made.json().id as number;
    expect(made.json()).toMatchObject({ differences: [], resettlement: { enterprises: 1, workersAffected: 20 } });
    const doc = docxParagraphs((await office.get(`/api/v1/yearend/reports/${reportId}/report.docx`)).rawPayload).join('\n');
    expect(doc).toContain('涉及职工20人');

    const gov = await t.as('gov');
    let q = (await gov.get('/api/v1/approvals')).json();
    const item = q.items.find((i: { key: string }) => i.key === `report:${reportId}`);
    expect(item).toMatchObject({
      source: 'yearend-report',
      kind: 'yearend.approveReport',
      title: expect.stringContaining('2020年度'),
      link: '/yearend?year=2020',
      caseId: null,
      acts: ['approveReport'],
      basis: { id: 'plan-2020-§3.4' },
      requestedOn: '2021-01-05',
    });
    expect((await gov.get('/api/v1/approvals?source=yearend-report')).json().total).toBe(1);
    expect((await office.get('/api/v1/approvals?source=yearend-report')).json().total).toBe(1);
    expect((await (await t.as('t-340202')).get('/api/v1/approvals')).statusCode).toBe(403);

    // approve from the queue: the item's act through the report's own approval route
    const ok = await gov.post(`/api/v1/yearend/reports/${reportId}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    q = (await gov.get('/api/v1/approvals?source=yearend-report')).json();
    expect(q.total).toBe(0);
  });

  it('every act left its audit record and the chains verify', async () => {
    const acts = (await t.db.selectFrom('audit_log').select('act').execute()).map((a) => a.act);
    expect(acts).toEqual(expect.arrayContaining(['yearend.remind', 'certificate.complete', 'report.approve']));
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
