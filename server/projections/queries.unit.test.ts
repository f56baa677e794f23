/**
 * The generated SQL of the long hot-path statements, snapshotted (as Immich keeps queries/*.sql): a change to a
 * projection's builder shows in review as a change to these files. Compiled with Kysely's PostgreSQL compiler and no
 * connection. Update them with `npx vitest run --project domain -u server/projections`.
 */
import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { writeAct, type Decision } from '../modules/cases/commands/apply-case-act.ts';
import { moveLinesSql } from '../modules/lines/change-line-state.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { refreshAllEnterpriseStatuses, refreshEnterpriseStatusWithCaseSql } from './index.ts';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** The statement text and its parameters, as a reviewer reads them. */
function show(q: RawBuilder<unknown>): string {
  const c = q.compile(db);
  const params = c.parameters.map((p, i) => `-- $${i + 1} = ${JSON.stringify(p)}`).join('\n');
  return `${c.sql.replace(/[ \t]+$/gm, '')}\n\n${params}\n`;
}

const meta = { actor: SYSTEM_ACTOR, now: new Date('2021-06-15T04:00:00Z'), requestId: 'req-1' };

/** An energy act that moves the case from rectifying to overdue, off its due date, with evidence. */
function decision(lineChanges: Array<{ lineId: string; to: 'dismantled' }> = []): Decision {
  const snapshot = { state: 'overdue', actCount: 3, due: null, outcome: null };
  return {
    row: {
      id: 7,
      enterprise_id: 3,
      dimension: 'energy',
      territory_code: '340202',
      state: 'rectifying',
      snapshot: {},
      version: 2,
      due_on: '2021-06-01',
      act_id: '41',
    },
    role: 'system',
    payload: {},
    linked: ['a'.repeat(64)],
    before: { state: 'rectifying' },
    result: { snapshot, basisId: 'plan-2020-§2.1', paramsUsed: [], deadline: null, lineChanges },
    actId: 41,
    audit: {
      act: 'case.act.markOverdue',
      entityType: 'case',
      entityId: 7,
      basisId: 'plan-2020-§2.1',
      before: { state: 'rectifying' },
      after: { state: 'overdue' },
    },
  } as unknown as Decision;
}

describe('hot-path SQL (server/projections/queries/*.sql)', () => {
  it('a case act: one optimistic statement with the case and due-date roll-ups, audit and the enterprise status', async () => {
    await expect(show(writeAct(decision(), 7, { kind: 'markOverdue', date: '2021-06-15' }, meta, 'optimistic'))).toMatchFileSnapshot(
      'queries/case-act.optimistic.sql',
    );
  });
  it('a case act that moves lines (locked variant): the line moves and the status from the case and lines in their new states, in the same statement', async () => {
    await expect(
      show(writeAct(decision([{ lineId: '5', to: 'dismantled' }]), 7, { kind: 'markOverdue', date: '2021-06-15' }, meta, 'locked')),
    ).toMatchFileSnapshot('queries/case-act.locked-with-lines.sql');
  });
  it('the line move: history, line roll-up, capacity-exit ledger and the enterprise status in one statement', async () => {
    await expect(
      show(
        moveLinesSql(
          sql`select ${5}::bigint as line_id, ${'dismantled'}::text as to_state, ${'2021-06-15'}::date as on_date, ${7}::bigint as case_id, ${41}::bigint as act_id`,
        ),
      ),
    ).toMatchFileSnapshot('queries/line-move.sql');
  });
  it('the enterprise status refreshed with one case in its new state', async () => {
    await expect(show(refreshEnterpriseStatusWithCaseSql(3, 7, { state: 'overdue', closed: false, outcome: null }))).toMatchFileSnapshot(
      'queries/enterprise-status.with-case.sql',
    );
  });
  it('every enterprise status, set-based (bulk loads)', async () => {
    let captured = '';
    const capture = new Kysely<DB>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => ({
          init: async () => undefined,
          acquireConnection: async () => ({
            executeQuery: async (c) => {
              captured = `${c.sql.replace(/[ \t]+$/gm, '')}\n\n${c.parameters.map((p, i) => `-- $${i + 1} = ${JSON.stringify(p)}`).join('\n')}\n`;
              return { rows: [] };
            },
            streamQuery: () => {
              throw new Error('no streaming');
            },
          }),
          beginTransaction: async () => undefined,
          commitTransaction: async () => undefined,
          rollbackTransaction: async () => undefined,
          releaseConnection: async () => undefined,
          destroy: async () => undefined,
        }),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    await refreshAllEnterpriseStatuses(capture, { fromId: 1, toId: 10_000 });
    await expect(captured).toMatchFileSnapshot('queries/enterprise-status.bulk.sql');
  });
});
