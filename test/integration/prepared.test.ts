/**
 * The pool runs data statements as named prepared statements (server/platform/db/prepared.ts): the server keeps them
 * per connection, transaction control stays unnamed, and a statement whose result columns changed under it fails once
 * and then runs unnamed on that connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('prepared statements', () => {
  it('a repeated read is prepared once on its connection and answers the same', async () => {
    await t.db.connection().execute(async (c) => {
      const query = c.selectFrom('territory').select(['code', 'name']).where('code', '=', '340202');
      const q = () => query.execute();
      const first = await q();
      const second = await q();
      expect(second).toEqual(first);
      expect(first[0]?.code).toBe('340202');
      const ps = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where from_sql = false`.execute(c);
      const mine = ps.rows.filter((r) => r.statement === query.compile().sql);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.name).toMatch(/^po_/);
    });
  });

  it('transactions run their statements prepared, their control statements unnamed', async () => {
    await t.db.transaction().execute(async (trx) => {
      await trx.selectFrom('industry').select('code').where('code', '=', 'steel').execute();
      const ps = await sql<{ statement: string }>`select statement from pg_prepared_statements where from_sql = false`.execute(trx);
      expect(ps.rows.some((r) => r.statement.includes('from "industry"'))).toBe(true);
      expect(ps.rows.some((r) => /^\s*(begin|commit|rollback)/i.test(r.statement))).toBe(false);
    });
  });

  it('after a column is added under `select *`, the statement fails once (0A000) and then runs unnamed', async () => {
    await sql`create table prepared_probe (a int)`.execute(t.db);
    await sql`insert into prepared_probe values (1)`.execute(t.db);
    await t.db.connection().execute(async (c) => {
      const q = () => sql<Record<string, number>>`select * from prepared_probe where a = ${1}`.execute(c);
      expect((await q()).rows).toEqual([{ a: 1 }]);
      await sql`alter table prepared_probe add column b int default 2`.execute(c);
      await expect(q()).rejects.toMatchObject({ code: '0A000' });
      expect((await q()).rows).toEqual([{ a: 1, b: 2 }]);
      expect((await q()).rows).toEqual([{ a: 1, b: 2 }]);
    });
  });

  it('the API answers the same through prepared statements (enterprise page twice on the same pool)', async () => {
    const office = await t.as('office');
    const first17 = '91340200MA2N0XY81';
    const created = await office.post('/api/v1/enterprises', {
      creditCode: first17 + creditCodeCheckChar(first17),
      name: '芜湖预备测试钢铁有限公司',
      territoryCode: '340202',
      industryCode: 'steel',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const a = await office.get(`/api/v1/enterprises/${id}`);
    const b = await office.get(`/api/v1/enterprises/${id}`);
    expect(a.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
  });
});
