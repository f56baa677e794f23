/** The demo cases: opened and driven through the real commands to varied states; roll-ups and audit stay consistent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loadDemo } from '../../server/seeds/demo.ts';
import { seedDemoCases } from '../../server/modules/cases/demo-cases.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { refreshAllEnterpriseStatuses } from '../../server/modules/enterprises/enterprise-status.ts';
import { ENERGY_STANDARD_BY_INDUSTRY, FURNACE_WORD } from '../../server/modules/cases/demo-findings.ts';

let t: TestApp;
const now = new Date('2021-06-15T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: now.toISOString() });
  expect(await loadDemo(t.db, now)).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

describe('demo cases', () => {
  it('loadDemo opens about 60 cases across all five dimensions in varied states, once', async () => {
    const n = (await sql<{ n: number }>`select count(*)::int as n from case_file`.execute(t.db)).rows[0]!.n;
    expect(n).toBeGreaterThanOrEqual(55);
    expect(await seedDemoCases(t.db, now)).toBe(0);
    const dims = await sql<{ dimension: string; n: number }>`select dimension, count(*)::int as n from case_file group by 1`.execute(t.db);
    expect(dims.rows).toHaveLength(5);
    const territories = await sql<{ n: number }>`select count(distinct territory_code)::int as n from case_file`.execute(t.db);
    expect(territories.rows[0]!.n).toBeGreaterThan(3);
    const states = await sql<{ closed: number; overdue: number; soon: number; ext: number; furnace: number }>`
      select count(*) filter (where closed)::int as closed,
             count(*) filter (where not closed and due_on < '2021-06-15')::int as overdue,
             count(*) filter (where not closed and due_on between '2021-06-15' and '2021-07-15')::int as soon,
             (select count(*)::int from case_act where kind = 'approveExtension') as ext,
             (select count(*)::int from case_act a join case_line cl on cl.case_id = a.case_id join production_line l on l.id = cl.line_id
                join line_kind k on k.code = l.kind where a.kind = 'dismantle' and k.induction_furnace) as furnace
      from case_file`.execute(t.db);
    const s = states.rows[0]!;
    expect(s.closed).toBeGreaterThan(5);
    expect(s.overdue).toBeGreaterThan(2);
    expect(s.soon).toBeGreaterThan(2);
    expect(s.ext).toBeGreaterThan(0);
    expect(s.furnace).toBeGreaterThan(0);
    const over = await sql<{ n: number }>`select count(*)::int as n from case_file where state = 'overdue'`.execute(t.db);
    expect(over.rows[0]!.n).toBeGreaterThan(0);
  });

  it('roll-ups equal the raw aggregates, and the audit verifies', async () => {
    const raw = await sql`select territory_code, dimension, state, count(*)::int as n from case_file group by 1, 2, 3 order by 1, 2, 3`.execute(t.db);
    const rolled =
      await sql`select territory_code, dimension, state, sum(n)::int as n from rollup_case group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(t.db);
    expect(rolled.rows).toEqual(raw.rows);
    const rawLines = await sql`select e.territory_code, e.industry_code, l.state, l.capacity_unit, count(*)::int as n
      from production_line l join enterprise e on e.id = l.enterprise_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(t.db);
    const rolledLines =
      await sql`select territory_code, industry_code, state, capacity_unit, n::int as n from rollup_line where n <> 0 order by 1, 2, 3, 4`.execute(t.db);
    expect(rolledLines.rows).toEqual(rawLines.rows);
    const rawDue =
      await sql`select territory_code, dimension, due_on::text as d, count(*)::int as n from case_file where not closed and due_on is not null group by 1, 2, 3 order by 1, 2, 3`.execute(
        t.db,
      );
    const rolledDue =
      await sql`select territory_code, dimension, due_on::text as d, sum(n)::int as n from rollup_due group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(
        t.db,
      );
    expect(rolledDue.rows).toEqual(rawDue.rows);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('every enterprise status kept by the acts (folded into their statements) equals a full re-derivation', async () => {
    const read = () => t.db.selectFrom('enterprise').select(['id', 'status']).orderBy('id').execute();
    const kept = await read();
    expect(new Set(kept.map((e) => e.status)).size).toBeGreaterThanOrEqual(4); // the demo reaches most statuses
    await refreshAllEnterpriseStatuses(t.db);
    expect(await read()).toEqual(kept);
  });

  it('demo findings read true (issue 17 item 10): the standard fits the sector, the catalogue item fits the equipment', async () => {
    const rows = await sql<{ dimension: string; finding: Record<string, unknown>; industry: string; kind: string; item: string | null; cls: string }>`
      select c.dimension, c.finding, e.industry_code as industry, l.kind, l.catalogue_item as item, l.catalogue_class as cls
      from case_file c join enterprise e on e.id = c.enterprise_id join case_line cl on cl.case_id = c.id join production_line l on l.id = cl.line_id`.execute(
      t.db,
    );
    expect(rows.rows.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    const steelOnly = new Set(['GB 28664-2012', 'GB 28663-2012']);
    for (const r of rows.rows) {
      const f = r.finding;
      const where = `${r.dimension} on ${r.industry}/${r.kind}`;
      if (r.dimension === 'energy') {
        // a cement mill is never measured against the steel standard; no energy finding where no standard applies
        if (f.standard !== ENERGY_STANDARD_BY_INDUSTRY[r.industry]) wrong.push(`${where}: ${String(f.standard)}`);
        if (!String(f.edition).startsWith(`${String(f.standard)}-`)) wrong.push(`${where}: edition ${String(f.edition)}`);
        if (!(Number(f.measured) > Number(f.limit))) wrong.push(`${where}: measured ${String(f.measured)} within the limit`);
        if (r.industry === 'cement' && String(f.standard) === 'GB 21256') wrong.push(`${where}: steel standard`);
      }
      if (r.dimension === 'environment' && steelOnly.has(String(f.standard)) && !['steel', 'ironmaking'].includes(r.industry))
        wrong.push(`${where}: ${String(f.standard)}`);
      if (r.dimension === 'quality' && r.industry !== 'steel' && /钢/.test(String(f.product))) wrong.push(`${where}: ${String(f.product)}`);
      if (r.dimension === 'technology') {
        // the finding quotes the eliminated line's own catalogue item; a furnace's item names its kind (工频 / 中频)
        if (r.cls !== 'eliminated' || f.catalogueItem !== r.item) wrong.push(`${where}: ${String(f.catalogueItem)} vs ${String(r.item)}`);
        const word = FURNACE_WORD[r.kind];
        if (word && !String(f.catalogueItem).includes(word)) wrong.push(`${where}: ${String(f.catalogueItem)} lacks ${word}`);
        const other = Object.values(FURNACE_WORD).find((w) => w !== word);
        if (word && other && String(f.catalogueItem).includes(other) && !String(f.catalogueItem).includes(word)) wrong.push(`${where}: ${other}`);
      }
    }
    expect(wrong).toEqual([]);
    const furnaceCases = rows.rows.filter((r) => r.dimension === 'technology' && FURNACE_WORD[r.kind]);
    expect(furnaceCases.length).toBeGreaterThan(0);
  });
});
