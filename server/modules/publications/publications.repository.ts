/**
 * SQL of the public lists: the candidates a proposal is computed from (cases, capacity ledger, enterprise facts)
 * and the stored versions. Which territory a caller may touch is decided before (publishers.ts): these read one
 * territory's list (or the city-wide list) only.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { LIST_RULES, type CaseCandidate, type EnterpriseFacts, type Equipment, type ListKind, type PublicEntry } from '../../domain/publication/lists.ts';

export interface VersionRow {
  id: number;
  series: string;
  listKind: ListKind;
  territoryCode: string;
  year: number | null;
  versionNo: number;
  action: 'publish' | 'correct' | 'withdraw';
  number: string;
  postedOn: string;
  publishedAt: Date;
  unitKind: 'territory' | 'department';
  unitCode: string;
  publishedBy: number | null;
  reason: string | null;
  body: {
    entries: PublicEntry[];
    diff: {
      added: Array<{ creditCode: string; name: string }>;
      removed: Array<{ creditCode: string; name: string }>;
      changed: Array<{ creditCode: string; name: string; fields: string[] }>;
    };
  };
  excluded: Array<{ creditCode: string; name: string; reason: string }>;
  prevHash: string;
  contentHash: string;
}

export const VERSION_COLUMNS = sql`id, series, list_kind as "listKind", territory_code as "territoryCode", year, version_no as "versionNo", action, number,
  posted_on as "postedOn", published_at as "publishedAt", unit_kind as "unitKind", unit_code as "unitCode", published_by as "publishedBy",
  reason, body, excluded, prev_hash as "prevHash", content_hash as "contentHash"`;

export async function latestVersion(db: Kysely<DB>, series: string): Promise<VersionRow | undefined> {
  const r = await sql<VersionRow>`select ${VERSION_COLUMNS} from publication_version where series = ${series} order by version_no desc limit 1`.execute(db);
  return r.rows[0];
}

export async function versionById(db: Kysely<DB>, id: number): Promise<VersionRow | undefined> {
  const r = await sql<VersionRow>`select ${VERSION_COLUMNS} from publication_version where id = ${id}`.execute(db);
  return r.rows[0];
}

export async function seriesVersions(db: Kysely<DB>, series: string): Promise<VersionRow[]> {
  return (await sql<VersionRow>`select ${VERSION_COLUMNS} from publication_version where series = ${series} order by version_no`.execute(db)).rows;
}

/** The candidates of one list: cases of its dimensions in the territory (or city-wide), or the year's ledger. */
export async function loadCandidates(
  db: Kysely<DB>,
  kind: ListKind,
  territoryCode: string | null,
  year: number | null,
): Promise<{ cases: CaseCandidate[]; enterprises: Map<string, EnterpriseFacts>; equipment: Map<string, Equipment[]> }> {
  const rule = LIST_RULES[kind];
  const where = territoryCode === null ? sql`true` : sql`c.territory_code = ${territoryCode}`;
  const cases: CaseCandidate[] = [];
  const equipment = new Map<string, Equipment[]>();
  const ids = new Set<number>();
  if (rule.ledger) {
    const rows = await sql<{ enterpriseId: number; name: string; kind: string; kindName: string; capacity: string; capacityUnit: string; exitedOn: string }>`
      select l.enterprise_id as "enterpriseId", l.name, l.kind, coalesce(k.name, l.kind) as "kindName", trim_scale(x.capacity)::text as capacity,
             x.capacity_unit as "capacityUnit", x.exited_on as "exitedOn"
      from capacity_exit x
      join production_line l on l.id = x.line_id
      left join line_kind k on k.code = l.kind
      where x.year = ${year} and ${territoryCode === null ? sql`true` : sql`x.territory_code = ${territoryCode}`}
      order by l.enterprise_id, l.id`.execute(db);
    for (const r of rows.rows) {
      const key = String(r.enterpriseId);
      ids.add(r.enterpriseId);
      const list = equipment.get(key) ?? [];
      list.push({ name: r.name, kind: r.kind, kindName: r.kindName, capacity: r.capacity, capacityUnit: r.capacityUnit, exitedOn: r.exitedOn });
      equipment.set(key, list);
    }
  } else {
    const dims = [...new Set([...Object.keys(rule.states ?? {}), ...Object.keys(rule.closedOutcomes ?? {})])];
    const states = [...new Set(Object.values(rule.states ?? {}).flat())] as string[];
    const rows = await sql<{
      caseId: number;
      enterpriseId: number;
      dimension: string;
      state: string;
      closed: boolean;
      outcome: string | null;
      findingKind: string | null;
      since: string;
      dueOn: string | null;
    }>`
      select c.id as "caseId", c.enterprise_id as "enterpriseId", c.dimension, c.state, c.closed, c.outcome, c.finding->>'kind' as "findingKind",
             coalesce(case when c.closed then (select max(a.act_date) from case_act a where a.case_id = c.id)
                           else (select min(a.act_date) from case_act a where a.case_id = c.id and a.to_state = any(${states}::text[])) end,
                      c.opened_on)::text as since,
             c.due_on::text as "dueOn"
      from case_file c
      where ${where} and c.dimension = any(${dims}::text[])
      order by c.id`.execute(db);
    for (const r of rows.rows) {
      ids.add(r.enterpriseId);
      cases.push({
        caseId: r.caseId,
        enterpriseKey: String(r.enterpriseId),
        dimension: r.dimension,
        state: r.state,
        closed: r.closed,
        outcome: r.outcome,
        findingKind: r.findingKind,
        since: r.since,
        dueOn: r.dueOn,
      });
    }
  }
  const enterprises = new Map<string, EnterpriseFacts>();
  if (ids.size) {
    const rows = await sql<EnterpriseFacts & { id: number }>`
      select e.id, e.credit_code as "creditCode", e.name, e.territory_code as "territoryCode", t.name as "territoryName", t.name_en as "territoryNameEn",
             e.industry_code as "industryCode", i.name as "industryName", i.name_en as "industryNameEn", e.address
      from enterprise e join territory t on t.code = e.territory_code join industry i on i.code = e.industry_code
      where e.id = any(${[...ids]}::bigint[])`.execute(db);
    for (const { id, ...facts } of rows.rows) enterprises.set(String(id), facts);
  }
  return { cases, enterprises, equipment };
}
