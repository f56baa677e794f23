/**
 * Concurrent acts (server/modules/cases/commands/apply-case-act.ts): a common act is one optimistic statement that
 * writes nothing when its case moved meanwhile, and is then decided again; audit records chain inside the statement,
 * so acts on different cases sharing an audit stream never conflict. Under many concurrent acts every act is
 * recorded once with its audit record, the chains verify, and the roll-ups equal the raw aggregates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { streamOf, verifyAudit } from '../../server/platform/audit/audit.ts';
import { openCaseCommand } from '../../server/modules/cases/commands/open-case.ts';
import { actPathStats, applyCaseAct } from '../../server/modules/cases/commands/apply-case-act.ts';

let t: TestApp;
const now = new Date('2021-03-01T04:00:00Z');
const meta = { actor: SYSTEM_ACTOR, now };
const FINDING = { standard: 'GB 21256', edition: 'GB 21256-2013', process: '电炉炼钢工序', measured: '205', limit: '171', unit: 'kgce/t' };
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: now.toISOString() });
  for (let i = 0; i < 80; i++) {
    const e = await t.db
      .insertInto('enterprise')
      .values({ credit_code: `RACE${String(i).padStart(14, '0')}`, name: `并发企业${i}`, territory_code: i % 2 ? '340202' : '340207', industry_code: 'steel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await t.db
      .insertInto('production_line')
      .values({ enterprise_id: e.id, kind: 'electric_arc_furnace', name: `电炉${i}`, capacity: '30', capacity_unit: '万吨/年' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(await openCaseCommand(t.db, { enterpriseId: e.id, dimension: 'energy', lineIds: [l.id], finding: FINDING, openedOn: '2020-03-01' }, meta));
  }
});
afterAll(async () => t?.close());

describe('concurrent case acts (plan §2.1 energy lifecycle, optimistic write)', () => {
  it('80 cases on shared audit streams, three acts each, all at once: each recorded once, chains verify', async () => {
    const streams = new Map<number, number>();
    for (const id of ids) streams.set(streamOf('case', String(id)), (streams.get(streamOf('case', String(id))) ?? 0) + 1);
    expect([...streams.values()].some((n) => n > 1)).toBe(true); // cases really share streams
    const acts: Array<[string, 'department' | 'territory', Record<string, unknown>]> = [
      ['serveRectificationOrder', 'department', {}],
      ['applyExtension', 'territory', { requestedMonths: 3, reason: '并发' }],
      ['approveExtension', 'department', { grantedMonths: 3 }],
    ];
    const before = { ...actPathStats };
    await Promise.all(
      ids.map(async (id) => {
        for (const [kind, role, payload] of acts) await applyCaseAct(t.db, id, { kind, date: '2020-03-10', payload }, meta, { role });
      }),
    );
    const n = await sql<{
      acts: number;
      audits: number;
    }>`select (select count(*)::int from case_act where kind in ('serveRectificationOrder', 'applyExtension', 'approveExtension')) as acts,
      (select count(*)::int from audit_log where act in ('case.act.serveRectificationOrder', 'case.act.applyExtension', 'case.act.approveExtension')) as audits`.execute(
      t.db,
    );
    expect(n.rows[0]).toEqual({ acts: 240, audits: 240 });
    // acts on different cases never conflict, even on a shared audit stream (the head is chained under its row lock)
    expect(actPathStats.optimistic - before.optimistic).toBe(240);
    expect(actPathStats.retried - before.retried).toBe(0);
    const states = await t.db.selectFrom('case_file').select(['state', 'version', 'due_on']).where('id', 'in', ids).execute();
    expect(states.every((c) => c.state === 'rectifying' && c.version === 4 && c.due_on === '2020-12-10')).toBe(true);
    // each act issued its one numbered document in its write statement (ADR 0012): per unit × kind the numbers run
    // without a gap or a duplicate, and each act's own audit record names its document with the number it took
    const docs = await sql<{ unit_code: string; kind: string; n: number; distinct_seqs: number; lo: number; hi: number }>`
      select unit_code, kind, count(*)::int as n, count(distinct seq)::int as distinct_seqs, min(seq) as lo, max(seq) as hi
      from document where case_id = any(${ids}::bigint[]) group by unit_code, kind`.execute(t.db);
    expect(docs.rows.reduce((a, r) => a + r.n, 0)).toBe(240);
    for (const r of docs.rows) expect([r.unit_code, r.kind, r.distinct_seqs, r.hi - r.lo + 1]).toEqual([r.unit_code, r.kind, r.n, r.n]);
    const named = await sql<{ n: number }>`select count(*)::int as n from audit_log l join document d
        on d.id = (l.after->'document'->>'documentId')::bigint and d.number = l.after->'document'->>'number' and d.act_id = (l.after->>'actId')::bigint
      where l.act in ('case.act.serveRectificationOrder', 'case.act.applyExtension', 'case.act.approveExtension')`.execute(t.db);
    expect(named.rows[0]!.n).toBe(240);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('two acts on the same case at once: one is taken, the other is decided again on the new state and refused', async () => {
    const id = ids[0]!;
    const both = await Promise.allSettled([
      applyCaseAct(t.db, id, { kind: 'reinspect', date: '2020-12-11', payload: { result: 'fail' } }, meta, { role: 'department' }),
      applyCaseAct(t.db, id, { kind: 'reinspect', date: '2020-12-11', payload: { result: 'fail' } }, meta, { role: 'department' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['ILLEGAL_TRANSITION', 'GUARD_FAILED']).toContain((refused.reason as { code: string }).code);
    const c = await t.db.selectFrom('case_file').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'reinspectionFailed', version: 5 }); // opened at version 1, four acts
    expect((await t.db.selectFrom('case_act').select('id').where('case_id', '=', id).execute()).length).toBe(4);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('a case that moves between the read and the write: the statement writes nothing (phaseout_guard) and the act is decided again', async () => {
    const id = ids[1]!;
    const before = { ...actPathStats };
    const countActs = async () => (await t.db.selectFrom('case_act').select('id').where('case_id', '=', id).execute()).length;
    const acts0 = await countActs();
    // another writer holds the case row and moves its version
    const other = await t.pool.connect();
    try {
      await other.query('begin');
      await other.query('update case_file set version = version + 1 where id = $1', [id]);
      const act = applyCaseAct(t.db, id, { kind: 'reinspect', date: '2020-12-11', payload: { result: 'pass' } }, meta, { role: 'department' });
      // wait until the act's write statement waits for the row lock (it read the old version without waiting)
      for (let i = 0; i < 200; i++) {
        const waiting = await t.db
          .selectFrom(sql`pg_stat_activity`.as('a'))
          .select(sql<number>`count(*)::int`.as('n'))
          .where(sql`wait_event_type`, '=', 'Lock')
          .where(sql`datname`, '=', sql`current_database()`)
          .executeTakeFirstOrThrow();
        if (waiting.n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await other.query('commit');
      const done = await act;
      expect(done).toMatchObject({ kind: 'reinspect', toState: 'closed', version: 6 }); // 1 + 3 acts + the other writer + this act
    } finally {
      other.release();
    }
    expect(actPathStats.retried - before.retried).toBe(1);
    expect(await countActs()).toBe(acts0 + 1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('roll-ups equal the raw aggregates after the races', async () => {
    const raw = await sql`select territory_code, dimension, state, count(*)::int as n from case_file group by 1, 2, 3 order by 1, 2, 3`.execute(t.db);
    const rolled =
      await sql`select territory_code, dimension, state, sum(n)::int as n from rollup_case group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(t.db);
    expect(rolled.rows).toEqual(raw.rows);
    const rawDue =
      await sql`select territory_code, dimension, due_on::text as d, count(*)::int as n from case_file where not closed and due_on is not null group by 1, 2, 3 order by 1, 2, 3`.execute(
        t.db,
      );
    const rolledDue =
      await sql`select territory_code, dimension, due_on::text as d, sum(n)::int as n from rollup_due group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(
        t.db,
      );
    expect(rolledDue.rows).toEqual(rawDue.rows);
  });
});
