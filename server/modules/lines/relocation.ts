/**
 * No relocation, no restart (plan §2.5: dismantled equipment must not come back): when a line is created or imported
 * whose identifying marks (non-empty, trimmed, case-insensitive) or model + capacity + unit equal those of an exited
 * or dismantled line anywhere, a registry_alert is recorded in the same transaction and audited — `relocation` when
 * the exited line belonged to another enterprise, `restart` when to the same one. Looked up through partial
 * indexes on exited/dismantled lines only (0002_registry.sql). And both ways: detectReappearanceOnExit flags lines
 * registered before the matching line exits.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';

/** At most this many exited lines are reported per new line (a generic model may match many). */
export const MAX_MATCHES_PER_LINE = 20;

export interface AlertRecord {
  id: number;
  kind: 'relocation' | 'restart';
  lineId: number;
  exitedLineId: number;
  matchOn: string;
  territoryCode: string;
}

/** Checks the given (new) lines; inserts and audits one alert per match. Returns the alerts recorded. */
export async function detectReappearance(trx: Transaction<DB>, lineIds: number[], meta: AuditMeta): Promise<AlertRecord[]> {
  if (lineIds.length === 0) return [];
  const r = await sql<{ id: number; kind: 'relocation' | 'restart'; line_id: number; exited_line_id: number; match_on: string; territory_code: string }>`
    with n as (
      select l.id, l.enterprise_id, lower(btrim(l.marks)) as mk, lower(btrim(l.model)) as md, l.capacity, l.capacity_unit, e.territory_code
      from production_line l join enterprise e on e.id = l.enterprise_id
      where l.id = any(${lineIds}::int8[])
    ), m as (
      select n.id as line_id, x.id as exited_line_id, x.enterprise_id as x_ent, n.enterprise_id, n.territory_code, x.match_on
      from n cross join lateral (
        select id, enterprise_id, match_on from (
          (select x.id, x.enterprise_id, 'marks' as match_on from production_line x
            where n.mk is not null and n.mk <> '' and x.state in ('exited', 'dismantled') and x.marks is not null
              and lower(btrim(x.marks)) = n.mk and x.id <> n.id
            order by x.id limit ${MAX_MATCHES_PER_LINE})
          union all
          (select x.id, x.enterprise_id, 'model+capacity' from production_line x
            where n.md is not null and n.md <> '' and x.state in ('exited', 'dismantled') and x.model is not null
              and lower(btrim(x.model)) = n.md and x.capacity = n.capacity and x.capacity_unit = n.capacity_unit and x.id <> n.id
            order by x.id limit ${MAX_MATCHES_PER_LINE})
        ) u
      ) x
    ), best as (
      -- one alert per (line, exited line): a marks match wins over a model match
      select distinct on (line_id, exited_line_id) * from m order by line_id, exited_line_id, (match_on = 'marks') desc
    )
    insert into registry_alert (kind, line_id, exited_line_id, match_on, territory_code, created_at)
    select case when x_ent = enterprise_id then 'restart' else 'relocation' end, line_id, exited_line_id, match_on, territory_code, ${meta.now}
    from best
    on conflict (line_id, exited_line_id) do nothing
    returning id, kind, line_id, exited_line_id, match_on, territory_code`.execute(trx);
  const alerts = r.rows.map((a) => ({
    id: Number(a.id),
    kind: a.kind,
    lineId: Number(a.line_id),
    exitedLineId: Number(a.exited_line_id),
    matchOn: a.match_on,
    territoryCode: a.territory_code,
  }));
  for (const a of alerts) {
    await writeAudit(trx, meta, { act: `registry.alert.${a.kind}`, entityType: 'productionLine', entityId: a.lineId, basisId: 'plan-2020-§2.5', after: a });
  }
  return alerts;
}

/**
 * The other direction (issue 10 item 11): when lines exit (or are dismantled), lines registered EARLIER with the same
 * identifying marks (or model + capacity + unit) that are still not exited are flagged too — `relocation` when they
 * belong to another enterprise, `restart` when to the same one. Called in the transaction of the act that moved the
 * lines; one alert per (line, exited line), audited.
 */
export async function detectReappearanceOnExit(trx: Transaction<DB>, exitedLineIds: number[], meta: AuditMeta): Promise<AlertRecord[]> {
  if (exitedLineIds.length === 0) return [];
  const r = await sql<{ id: number; kind: 'relocation' | 'restart'; line_id: number; exited_line_id: number; match_on: string; territory_code: string }>`
    with x as (
      select l.id, l.enterprise_id, lower(btrim(l.marks)) as mk, lower(btrim(l.model)) as md, l.capacity, l.capacity_unit
      from production_line l
      where l.id = any(${exitedLineIds}::int8[]) and l.state in ('exited', 'dismantled')
    ), m as (
      select n.id as line_id, x.id as exited_line_id, x.enterprise_id as x_ent, n.enterprise_id, e.territory_code, n.match_on
      from x cross join lateral (
        (select n.id, n.enterprise_id, 'marks' as match_on from production_line n
          where x.mk is not null and x.mk <> '' and n.state not in ('exited', 'dismantled') and n.marks is not null
            and lower(btrim(n.marks)) = x.mk and n.id <> x.id
          order by n.id limit ${MAX_MATCHES_PER_LINE})
        union all
        (select n.id, n.enterprise_id, 'model+capacity' from production_line n
          where x.md is not null and x.md <> '' and n.state not in ('exited', 'dismantled') and n.model is not null
            and lower(btrim(n.model)) = x.md and n.capacity = x.capacity and n.capacity_unit = x.capacity_unit and n.id <> x.id
          order by n.id limit ${MAX_MATCHES_PER_LINE})
      ) n
      join enterprise e on e.id = n.enterprise_id
    ), best as (
      select distinct on (line_id, exited_line_id) * from m order by line_id, exited_line_id, (match_on = 'marks') desc
    )
    insert into registry_alert (kind, line_id, exited_line_id, match_on, territory_code, created_at)
    select case when x_ent = enterprise_id then 'restart' else 'relocation' end, line_id, exited_line_id, match_on, territory_code, ${meta.now}
    from best
    on conflict (line_id, exited_line_id) do nothing
    returning id, kind, line_id, exited_line_id, match_on, territory_code`.execute(trx);
  const alerts = r.rows.map((a) => ({
    id: Number(a.id),
    kind: a.kind,
    lineId: Number(a.line_id),
    exitedLineId: Number(a.exited_line_id),
    matchOn: a.match_on,
    territoryCode: a.territory_code,
  }));
  for (const a of alerts) {
    await writeAudit(trx, meta, {
      act: `registry.alert.${a.kind}`,
      entityType: 'productionLine',
      entityId: a.lineId,
      basisId: 'plan-2020-§2.5',
      after: { ...a, detectedOn: 'exit' },
    });
  }
  return alerts;
}
