/**
 * The overview dashboard (office and government; departments see their dimensions): read from the roll-ups kept in
 * each act's transaction (rollup_case, rollup_line, and rollup_due for the overdue counts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { errorResponses } from '../../platform/http/schemas.ts';
import { localToday } from '../cases/case-context.ts';

const roles = ['office', 'government', 'department'] as const;

const Overview = Type.Object({
  asOf: Type.String({ description: 'today (local date) for the overdue counts' }),
  casesByTerritoryDimensionState: Type.Array(Type.Object({ territoryCode: Type.String(), dimension: Type.String(), state: Type.String(), n: Type.Integer() })),
  overdueByTerritory: Type.Array(Type.Object({ territoryCode: Type.String(), n: Type.Integer() })),
  linesByStateIndustry: Type.Array(Type.Object({ industryCode: Type.String(), state: Type.String(), capacityUnit: Type.String(), n: Type.Integer(), capacity: Type.String() })),
});

export const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/overview',
    { config: { access: { roles } }, schema: { tags: ['overview'], summary: 'Dashboard figures from the roll-ups', response: { 200: Overview, ...errorResponses(401, 403) } } },
    async (req) => {
      const dims = req.scope.dimensions;
      const asOf = localToday(app.ctx.now());
      const dimFilter = dims === null ? sql`true` : sql`dimension = any(${[...dims]}::text[])`;
      const [cases, overdue, lines] = await Promise.all([
        sql<{ territory_code: string; dimension: string; state: string; n: number }>`
          select territory_code, dimension, state, sum(n)::int as n from rollup_case where ${dimFilter}
          group by 1, 2, 3 having sum(n) <> 0 order by territory_code, dimension, state`.execute(db),
        sql<{ territory_code: string; n: number }>`
          select territory_code, sum(n)::int as n from rollup_due
          where due_on < ${asOf}::date and ${dimFilter}
          group by territory_code having sum(n) <> 0 order by territory_code`.execute(db),
        sql<{ industry_code: string; state: string; capacity_unit: string; n: number; capacity: string }>`
          select industry_code, state, capacity_unit, sum(n)::bigint as n, sum(capacity)::text as capacity from rollup_line
          where n <> 0 group by 1, 2, 3 order by 1, 2, 3`.execute(db),
      ]);
      return {
        asOf,
        casesByTerritoryDimensionState: cases.rows.map((r) => ({ territoryCode: r.territory_code, dimension: r.dimension, state: r.state, n: Number(r.n) })),
        overdueByTerritory: overdue.rows.map((r) => ({ territoryCode: r.territory_code, n: Number(r.n) })),
        linesByStateIndustry: lines.rows.map((r) => ({ industryCode: r.industry_code, state: r.state, capacityUnit: r.capacity_unit, n: Number(r.n), capacity: r.capacity })),
      };
    },
  );
};
