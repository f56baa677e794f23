/**
 * The deadline sweep: a dry run writes nothing; a real run records deadline events, notifies the responsible units
 * and marks overdue energy (§2.1) and technology (§2.5) cases through the act command; a second run changes
 * nothing; a concurrent sweep is skipped; notifications and the workbench show the results; the audit verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { openCaseCommand } from '../../server/modules/cases/commands/open-case.ts';
import { applyCaseAct } from '../../server/modules/cases/commands/apply-case-act.ts';
import { sweepDeadlines, type SweepReport } from '../../server/modules/cases/commands/sweep-deadlines.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let t: TestApp;
let n = 0;
const meta = (date: string) => ({ actor: SYSTEM_ACTOR, now: new Date(`${date}T04:00:00Z`) });

async function enterprise(territoryCode: string): Promise<number> {
  n++;
  return (
    await t.db
      .insertInto('enterprise')
      .values({ credit_code: `91340200SWEEP${String(n).padStart(5, '0')}`, name: `清查企业${n}`, territory_code: territoryCode, industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function energyCase(territoryCode: string, orderedOn: string): Promise<number> {
  const id = await openCaseCommand(
    t.db,
    {
      enterpriseId: await enterprise(territoryCode),
      dimension: 'energy',
      finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '电炉', measured: '9', limit: '8', unit: 'kgce/t' },
      openedOn: orderedOn,
    },
    meta(orderedOn),
  );
  await applyCaseAct(t.db, id, { kind: 'serveRectificationOrder', date: orderedOn }, meta(orderedOn), { role: 'department' });
  return id;
}

const counts = async () => ({
  events: Number(
    (
      await t.db
        .selectFrom('deadline_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  notes: Number(
    (
      await t.db
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  acts: Number(
    (
      await t.db
        .selectFrom('case_act')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  audits: Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

let passed: number; // due 2020-09-10, swept on 2020-09-11
let soon: number; // due 2020-09-15 → due7
let later: number; // due 2020-10-09 → due30

beforeAll(async () => {
  t = await createTestApp({ now: '2020-09-11T04:00:00Z' });
  await standardUsers(t);
  passed = await energyCase('340207', '2020-03-10');
  soon = await energyCase('340202', '2020-03-15');
  later = await energyCase('340202', '2020-04-09');
});
afterAll(async () => {
  await t?.close();
});

describe('deadline sweep', () => {
  it('a dry run reports and writes nothing', async () => {
    const before = await counts();
    const r = (await sweepDeadlines(t.db, { asOf: '2020-09-11', dryRun: true })) as SweepReport;
    expect(r.dryRun).toBe(true);
    expect(r.events).toEqual(
      expect.arrayContaining([
        { caseId: passed, kind: 'passed', dueOn: '2020-09-10' },
        { caseId: soon, kind: 'due7', dueOn: '2020-09-15' },
        { caseId: later, kind: 'due30', dueOn: '2020-10-09' },
      ]),
    );
    expect(r.actsApplied).toEqual([{ caseId: passed, kind: 'markOverdue', fromState: 'rectifying', toState: 'overdue' }]);
    expect(r.notifications).toBe(3 + 2 + 2);
    expect(await counts()).toEqual(before);
  });

  it('a concurrent sweep is skipped while another holds the lock', async () => {
    const c = new pg.Client(t.database.connection);
    await c.connect();
    try {
      await c.query('select pg_advisory_lock($1::int, $2::int)', [0x50485345, 1]);
      expect(await sweepDeadlines(t.db, { asOf: '2020-09-11' })).toEqual({ skipped: 'locked', asOf: '2020-09-11' });
    } finally {
      await c.end();
    }
  });

  it('a real run records events, notifies the units and marks the passed energy case overdue; twice changes nothing', async () => {
    const r = (await sweepDeadlines(t.db, { asOf: '2020-09-11' })) as SweepReport;
    expect(r.errors).toEqual([]);
    expect(r.events).toHaveLength(3);
    expect(r.actsApplied).toEqual([{ caseId: passed, kind: 'markOverdue', fromState: 'rectifying', toState: 'overdue' }]);
    expect(r.notifications).toBe(7);
    const c = await t.db.selectFrom('case_file').select(['state', 'due_on']).where('id', '=', passed).executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'overdue', due_on: '2020-09-10' });
    const act = await t.db
      .selectFrom('case_act')
      .select(['kind', 'role', 'act_date', 'actor_id'])
      .where('case_id', '=', passed)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(act).toEqual({ kind: 'markOverdue', role: 'system', act_date: '2020-09-11', actor_id: null });
    const units = await t.db.selectFrom('notification').select(['unit_kind', 'unit_code']).where('case_id', '=', passed).orderBy('unit_kind').execute();
    expect(units).toEqual([
      { unit_kind: 'department', unit_code: 'drc' },
      { unit_kind: 'office', unit_code: 'office' },
      { unit_kind: 'territory', unit_code: '340207' },
    ]);

    const before = await counts();
    const again = (await sweepDeadlines(t.db, { asOf: '2020-09-11' })) as SweepReport;
    expect(again).toMatchObject({ events: [], actsApplied: [], notifications: 0 });
    expect(await counts()).toEqual(before);
  });

  it('a later day records the next threshold only', async () => {
    const r = (await sweepDeadlines(t.db, { asOf: '2020-09-14' })) as SweepReport;
    expect(r.events).toEqual([{ caseId: soon, kind: 'due1', dueOn: '2020-09-15' }]);
    expect(r.actsApplied).toEqual([]);
  });

  it('notifications reach the unit; reading marks them', async () => {
    t.clock.now = new Date('2020-09-14T04:00:00Z');
    const t207 = await t.as('t-340207');
    const list = (await t207.get('/api/v1/notifications?unread=true')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ caseId: passed, kind: 'deadline.passed', readAt: null });
    expect(list.items[0].title).toContain('已届满');
    const read = await t207.post(`/api/v1/notifications/${list.items[0].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await t207.get('/api/v1/notifications?unread=true')).json().total).toBe(0);
    const t202 = await t.as('t-340202');
    expect((await t202.post(`/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    const office = await t.as('office');
    expect((await office.get('/api/v1/notifications')).json().total).toBe(1);
    const drc = await t.as('d-drc');
    const wb = (await drc.get('/api/v1/workbench')).json();
    expect(wb.notifications.length).toBeGreaterThan(0);
    expect(wb.overdue.map((c: { id: number }) => c.id)).toEqual([passed]);
    expect(wb.dueSoon.map((c: { id: number }) => c.id)).toEqual([soon, later]);
    expect(wb.waitingForMe.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([passed, soon, later]));
  });

  it('the audit trail verifies after the sweeps', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const marks = await t.db.selectFrom('audit_log').select('act').where('act', '=', 'case.act.markOverdue').execute();
    expect(marks).toHaveLength(1);
  });

  it("the sweep folds the past days of the due-date roll-up; the overview's overdue counts stay those of case_file, also for a clock set back", async () => {
    const raw = async (asOf: string) =>
      (
        await sql<{
          territory_code: string;
          n: number;
        }>`select territory_code, count(*)::int as n from case_file where not closed and due_on < ${asOf}::date group by 1 order by 1`.execute(t.db)
      ).rows.map((r) => ({ territoryCode: r.territory_code, n: r.n }));
    t.clock.now = new Date('2021-06-02T04:00:00Z');
    const office = await t.as('office');
    const overdue = async () => (await office.get('/api/v1/overview')).json().overdueByTerritory;
    // a far sweep date folds every past day of the roll-up
    await sweepDeadlines(t.db, { asOf: '2021-06-01', dryRun: false, now: new Date('2021-06-01T04:00:00Z') });
    const old = await sql<{ n: number }>`select count(*)::int as n from rollup_due where due_on < date '2021-05-31'`.execute(t.db);
    expect(old.rows[0]!.n).toBe(0);
    expect((await t.db.selectFrom('rollup_due_fold').select('before').executeTakeFirstOrThrow()).before).toBe('2021-06-01');
    expect(await overdue()).toEqual(await raw('2021-06-02'));
    expect((await overdue()).length).toBeGreaterThan(0);
    // an act after the fold moves a case off an old due date: the sums stay right
    const before = await raw('2021-06-02');
    // §2.1: overdue → a re-inspection after the period still fails (closure may be ordered only then)
    const closing = await applyCaseAct(t.db, later, { kind: 'reinspect', date: '2021-06-02', payload: { result: 'fail' } }, meta('2021-06-02'), {
      role: 'department',
    });
    expect(closing).toMatchObject({ fromState: 'overdue', toState: 'reinspectionFailed', dueOn: null });
    expect(await raw('2021-06-02')).not.toEqual(before);
    expect(await overdue()).toEqual(await raw('2021-06-02'));
    // the clock set back before the fold: counted from case_file
    t.clock.now = new Date('2020-09-14T04:00:00Z');
    expect(await overdue()).toEqual(await raw('2020-09-14'));
  });
});
