/**
 * The overview dashboard (office and government; departments see their dimensions): read from the roll-ups kept in
 * each act's transaction (rollup_case, rollup_line, and rollup_due for the overdue counts), answered as one JSON
 * text built by PostgreSQL and reused for up to OVERVIEW_CACHE_MS while no roll-up write happened in this process.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import { errorResponses } from '../../platform/http/schemas.ts';
import { localToday } from '../../platform/clock.ts';
import { rollupsVersion } from '../../projections/index.ts';

const roles = ['office', 'government', 'department'] as const;

const Overview = Type.Object({
  asOf: Type.String({ description: 'today (local date) for the overdue counts' }),
  casesByTerritoryDimensionState: Type.Array(Type.Object({ territoryCode: Type.String(), dimension: Type.String(), state: Type.String(), n: Type.Integer() })),
  overdueByTerritory: Type.Array(Type.Object({ territoryCode: Type.String(), n: Type.Integer() })),
  linesByStateIndustry: Type.Array(
    Type.Object({ industryCode: Type.String(), state: Type.String(), capacityUnit: Type.String(), n: Type.Integer(), capacity: Type.String() }),
  ),
});

/** How long an answer may be reused while no roll-up write happened in this process (server/projections/version.ts rollupsChanged). */
export const OVERVIEW_CACHE_MS = 1000;

export const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // answers by (dimensions of the scope, date): a client looping on the dashboard costs the database one query a
  // second, and a write in this process is seen by the next request
  const cache = new Map<string, { body: string; until: number; version: number; fromReplica: boolean }>();

  app.get(
    '/overview',
    {
      config: { access: { roles } },
      schema: { tags: ['overview'], summary: 'Dashboard figures from the roll-ups', response: { 200: Overview, ...errorResponses(401, 403) } },
    },
    async (req, reply) => {
      const dims = req.scope.dimensions;
      const asOf = localToday(app.ctx.now());
      const key = `${dims === null ? '*' : [...dims].sort().join(',')}|${asOf}`;
      const hit = cache.get(key);
      const version = rollupsVersion();
      // the dashboard may read a replica a moment behind, but never for a user whose own write it has not replayed
      const { db, replica } = app.reader(req);
      if (hit && hit.version === version && hit.until > Date.now() && (replica || !hit.fromReplica))
        return reply.type('application/json; charset=utf-8').send(hit.body as unknown as Static<typeof Overview>);
      const dimFilter = dims === null ? sql`true` : sql`dimension = any(${[...dims]}::text[])`;
      // PostgreSQL builds the whole answer as one JSON text and Node passes it through: the dashboard's work stays
      // on the database's core, not on the event loop the other requests share (docs/performance.md, "Overview").
      // The keys are exactly those of the response schema (a test compares it with the roll-ups read row by row).
      const r = await sql<{ body: string }>`
        with fold as (select coalesce((select before from rollup_due_fold), '-infinity'::date) as before),
        c as (
          select territory_code, dimension, state, sum(n)::int as n from rollup_case where ${dimFilter}
          group by 1, 2, 3 having sum(n) <> 0
        ),
        -- open cases due before today, from the due-date roll-up (its past days folded by the sweep: foldPastDue);
        -- for a date before the fold (a clock set back) the same figure from case_file
        o as (
          select territory_code, sum(n)::int as n from rollup_due
          where due_on < ${asOf}::date and ${dimFilter} and ${asOf}::date >= (select before from fold)
          group by territory_code having sum(n) <> 0
          union all
          select territory_code, count(*)::int as n from case_file
          where not closed and due_on < ${asOf}::date and ${dimFilter} and ${asOf}::date < (select before from fold)
          group by territory_code
        ),
        l as (
          select industry_code, state, capacity_unit, sum(n)::bigint as n, sum(capacity)::text as capacity from rollup_line
          where n <> 0 group by 1, 2, 3
        )
        select json_build_object(
          'asOf', ${asOf}::text,
          'casesByTerritoryDimensionState', coalesce((select json_agg(json_build_object('territoryCode', territory_code, 'dimension', dimension, 'state', state, 'n', n)
            order by territory_code, dimension, state) from c), '[]'::json),
          'overdueByTerritory', coalesce((select json_agg(json_build_object('territoryCode', territory_code, 'n', n) order by territory_code) from o), '[]'::json),
          'linesByStateIndustry', coalesce((select json_agg(json_build_object('industryCode', industry_code, 'state', state, 'capacityUnit', capacity_unit, 'n', n, 'capacity', capacity)
            order by industry_code, state, capacity_unit) from l), '[]'::json)
        )::text as body`.execute(db);
      const body = r.rows[0]!.body;
      if (cache.size > 64) cache.clear(); // a handful of keys in practice (scopes × today)
      cache.set(key, { body, until: Date.now() + OVERVIEW_CACHE_MS, version, fromReplica: replica });
      // a JSON text in the schema's shape: Fastify sends a string as it is
      return reply.type('application/json; charset=utf-8').send(body as unknown as Static<typeof Overview>);
    },
  );
};
