/**
 * Bulk loading of generated registry data (demo data and the scale generator): multi-row inserts from arrays
 * (unnest), ids reserved from the sequences first so lines can point at their enterprises without a round trip.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { changeLineStatesBulk } from '../modules/lines/index.ts';
import { refreshAllEnterpriseStatuses } from '../projections/index.ts';
import { generateRegistry, rng, SCALE_LINE_WEIGHTS, type GenEnterprise, type GenLine, type IndustryRef, type TerritoryRef } from './generator.ts';

const BATCH = 5000;

async function reserveIds(db: Kysely<DB>, seq: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{ id: number }>`select nextval(${seq}::regclass)::int8 as id from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** Inserts enterprises and their lines; returns the new enterprise ids in input order. */
export async function insertRegistry(db: Kysely<DB>, data: { enterprises: GenEnterprise[]; lines: GenLine[] }): Promise<number[]> {
  const ids = await reserveIds(db, 'enterprise_id_seq', data.enterprises.length);
  for (let i = 0; i < data.enterprises.length; i += BATCH) {
    const chunk = data.enterprises.slice(i, i + BATCH);
    const col = <K extends keyof GenEnterprise>(k: K) => chunk.map((e) => e[k]);
    await sql`insert into enterprise (id, credit_code, name, territory_code, industry_code, address, legal_representative, contact_name, contact_phone)
      select * from unnest(${ids.slice(i, i + BATCH)}::int8[], ${col('creditCode')}::text[], ${col('name')}::text[], ${col('territoryCode')}::text[],
        ${col('industryCode')}::text[], ${col('address')}::text[], ${col('legalRepresentative')}::text[], ${col('contactName')}::text[], ${col('contactPhone')}::text[])`.execute(
      db,
    );
  }
  for (let i = 0; i < data.lines.length; i += BATCH) {
    const chunk = data.lines.slice(i, i + BATCH);
    const col = <K extends keyof GenLine>(k: K) => chunk.map((l) => l[k]);
    await sql`insert into production_line (enterprise_id, kind, name, size_value, size_unit, model, unit_count, marks, capacity, capacity_unit, catalogue_edition, catalogue_item, catalogue_class)
      select * from unnest(${chunk.map((l) => ids[l.enterprise])}::int8[], ${col('kind')}::text[], ${col('name')}::text[], ${col('sizeValue')}::numeric[],
        ${col('sizeUnit')}::text[], ${col('model')}::text[], ${col('unitCount')}::int[], ${col('marks')}::text[], ${col('capacity')}::numeric[],
        ${col('capacityUnit')}::text[], ${col('catalogueEdition')}::text[], ${col('catalogueItem')}::text[], ${col('catalogueClass')}::text[])`.execute(db);
  }
  return ids;
}

// ── Scale sets (`phaseout generate`, the bench) ───────────────────────────────────────────────────────

export type Scale = 'city' | 'province' | 'national';
export const SCALES: Record<Scale, { enterprises: number; casesPerEnterprise: number }> = {
  city: { enterprises: 1_000, casesPerEnterprise: 3 },
  province: { enterprises: 100_000, casesPerEnterprise: 3 },
  national: { enterprises: 1_000_000, casesPerEnterprise: 3 },
};
const ENTERPRISE_BATCH = 10_000;

const DIM_SPECS: Record<string, { dept: string; open: string[]; outcomes: string[]; kinds: string[] }> = {
  energy: {
    dept: 'eit',
    open: ['found', 'rectifying', 'extensionRequested', 'reinspectionFailed', 'overdue', 'closureOrdered'],
    outcomes: ['rectified', 'exited'],
    kinds: ['serveRectificationOrder', 'applyExtension', 'approveExtension', 'reinspect'],
  },
  environment: {
    dept: 'eco',
    open: ['found', 'restricted', 'suspended', 'recheckFailed', 'serious', 'approvalRequested', 'approved', 'closureOrdered'],
    outcomes: ['lifted', 'exited'],
    kinds: ['orderRestriction', 'orderSuspension', 'recheck'],
  },
  quality: {
    dept: 'msa',
    open: ['found', 'investigating', 'penalised', 'serious'],
    outcomes: ['penalised', 'licenceRevoked'],
    kinds: ['investigate', 'imposePenalty'],
  },
  safety: {
    dept: 'ema',
    open: ['found', 'rectifying', 'rectificationFailed', 'suspended', 'suspensionFailed', 'closureOrdered'],
    outcomes: ['rectified', 'exited'],
    kinds: ['orderRectification', 'recheck', 'orderSuspension'],
  },
  technology: {
    dept: 'eit',
    open: ['found', 'sealing', 'sealed', 'overdue', 'dismantled'],
    outcomes: ['exited'],
    kinds: ['cutWater', 'cutPower', 'removePowerUnits', 'sealMainEquipment', 'publicCommitment', 'publishNotice'],
  },
};
const DIMS = Object.keys(DIM_SPECS);

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Synthetic cases for enterprises with ids in [fromId, toId] (plain bulk SQL; the snapshot is a minimal
 * `{"generated": true, …}` — the case module owns real ones), then their acts: 6 or 8 per case (mean 6⅔), the last
 * one leading to the case's state. Deterministic per seed and enterprise id.
 */
export async function insertSyntheticCases(
  db: Kysely<DB>,
  opts: { seed: number; fromId: number; toId: number; perEnterprise: number },
): Promise<{ cases: number; acts: number }> {
  const ents = await db
    .selectFrom('enterprise')
    .select(['id', 'territory_code'])
    .where('id', '>=', opts.fromId)
    .where('id', '<=', opts.toId)
    .orderBy('id')
    .execute();
  const basis = new Map((await db.selectFrom('dimension').select(['code', 'basis_id']).execute()).map((d) => [d.code, d.basis_id]));
  const c = {
    ent: [] as number[],
    dim: [] as string[],
    terr: [] as string[],
    dept: [] as string[],
    state: [] as string[],
    closed: [] as boolean[],
    outcome: [] as (string | null)[],
    opened: [] as string[],
    due: [] as (string | null)[],
    basis: [] as (string | null)[],
  };
  for (const e of ents) {
    const r = rng(opts.seed ^ Math.imul(e.id, 2654435761));
    for (let k = 0; k < opts.perEnterprise; k++) {
      const dim = r.pick(DIMS);
      const spec = DIM_SPECS[dim]!;
      const closed = r.next() < 0.4;
      const state = closed ? 'closed' : r.pick(spec.open);
      const opened = addDays('2020-01-02', r.int(0, 360));
      const due = !closed && state !== 'found' ? addDays(opened, r.int(30, 420)) : null;
      c.ent.push(e.id);
      c.dim.push(dim);
      c.terr.push(e.territory_code);
      c.dept.push(spec.dept);
      c.state.push(state);
      c.closed.push(closed);
      c.outcome.push(closed ? r.pick(spec.outcomes) : null);
      c.opened.push(opened);
      c.due.push(due);
      c.basis.push(due ? (basis.get(dim as 'energy') ?? null) : null);
    }
  }
  if (c.ent.length === 0) return { cases: 0, acts: 0 };
  const ids = await reserveIds(db, 'case_file_id_seq', c.ent.length);
  for (let i = 0; i < ids.length; i += BATCH) {
    const s = (xs: unknown[]) => xs.slice(i, i + BATCH);
    await sql`insert into case_file (id, enterprise_id, dimension, territory_code, department_code, state, closed, outcome, finding, snapshot, opened_on, due_on, due_basis_id)
      select u.id, u.ent, u.dim, u.terr, u.dept, u.state, u.closed, u.outcome,
        jsonb_build_object('generated', true, 'dimension', u.dim, 'date', u.opened),
        jsonb_build_object('generated', true, 'dimension', u.dim, 'state', u.state, 'openedOn', u.opened),
        u.opened, u.due, u.basis
      from unnest(${s(ids)}::int8[], ${s(c.ent)}::int8[], ${s(c.dim)}::text[], ${s(c.terr)}::text[], ${s(c.dept)}::text[], ${s(c.state)}::text[],
        ${s(c.closed)}::bool[], ${s(c.outcome)}::text[], ${s(c.opened)}::date[], ${s(c.due)}::date[], ${s(c.basis)}::text[])
        as u(id, ent, dim, terr, dept, state, closed, outcome, opened, due, basis)`.execute(db);
  }
  const kindsJson = JSON.stringify(Object.fromEntries(Object.entries(DIM_SPECS).map(([d, s]) => [d, s.kinds])));
  const acts = await sql`insert into case_act (case_id, seq, kind, act_date, role, payload, from_state, to_state, due_on, basis_id)
    select c.id, s.n,
      case when s.n = 1 then 'recordFinding'
           when s.n = nn.n and c.closed then 'recordClosure'
           else (${kindsJson}::jsonb -> c.dimension) ->> ((c.id + s.n) % jsonb_array_length(${kindsJson}::jsonb -> c.dimension))::int end,
      c.opened_on + (s.n - 1) * 9, case when s.n = 1 then 'territory' else 'department' end, '{"generated":true}'::jsonb,
      case when s.n = 1 then 'found' else 'found' end,
      case when s.n = nn.n then c.state else 'found' end,
      case when s.n = nn.n then c.due_on else null end,
      case when s.n = nn.n then c.due_basis_id else null end
    from case_file c
    cross join lateral (select case when c.id % 3 = 0 then 8 else 6 end as n) nn
    cross join lateral generate_series(1, nn.n) as s(n)
    where c.id = any(${ids}::int8[])`.execute(db);
  return { cases: ids.length, acts: Number(acts.numAffectedRows ?? 0) };
}

/**
 * Lines of enterprises whose technology case closed with outcome `exited` are exited through a complete acceptance
 * certificate (issue 12: one per case, numbered, accepted on the act's date; capacity_exit counts them once, in the
 * year of acceptance); lines of cases still in `dismantled` are dismantled — shut, awaiting acceptance, not counted.
 * Through the one line move (changeLineStatesBulk: state, history, roll-up, capacity_exit, the enterprise's status),
 * after case_line links them to the case and the certificates exist. Eliminated lines only. Answers the lines moved.
 */
export async function dismantleLinesOfClosedCases(db: Kysely<DB>, range: { fromId: number; toId: number }): Promise<number> {
  const gone = sql`select distinct on (l.id) l.id as line_id, (case when c.outcome = 'exited' then 'exited' else 'dismantled' end)::text as to_state, (c.opened_on + 120) as on_date, c.id as case_id, null::bigint as act_id
      from case_file c
      join production_line l on l.enterprise_id = c.enterprise_id and l.catalogue_class = 'eliminated' and l.state = 'operating'
      where c.dimension = 'technology' and (c.outcome = 'exited' or c.state = 'dismantled') and c.enterprise_id between ${range.fromId} and ${range.toId}
      order by l.id, c.id`;
  await sql`insert into case_line (case_id, line_id) select g.case_id, g.line_id from (${gone}) g on conflict do nothing`.execute(db);
  await sql`insert into acceptance_certificate (case_id, enterprise_id, territory_code, dimension, status, checks, number, year, accepted_on)
    select distinct on (c.id) c.id, c.enterprise_id, c.territory_code, 'technology', 'complete', '{}', '芜淘汰验〔' || extract(year from g.on_date)::int || '〕B' || c.id || '号',
      extract(year from g.on_date)::int, g.on_date
    from (${gone}) g join case_file c on c.id = g.case_id where g.to_state = 'exited' order by c.id
    on conflict (case_id) do nothing`.execute(db);
  return changeLineStatesBulk(db, gone);
}

export interface ScaleProgress {
  (phase: 'registry' | 'cases' | 'finish', done: number, total: number): void;
}

/**
 * Generates a scale set into an empty registry, in batches of ENTERPRISE_BATCH enterprises (memory stays bounded):
 * enterprises and lines (generator.ts), synthetic cases and acts, dismantled lines with their capacity_exit rows,
 * derived statuses; then the caller rebuilds the roll-ups. Returns the counts.
 */
export async function generateScale(
  db: Kysely<DB>,
  opts: { scale: Scale; seed: number; territories: TerritoryRef[]; industries: IndustryRef[]; onProgress?: ScaleProgress },
): Promise<{ enterprises: number; lines: number; cases: number; acts: number; dismantled: number }> {
  const { enterprises: total, casesPerEnterprise } = SCALES[opts.scale];
  const progress = opts.onProgress ?? (() => undefined);
  const out = { enterprises: 0, lines: 0, cases: 0, acts: 0, dismantled: 0 };
  for (let offset = 0; offset < total; offset += ENTERPRISE_BATCH) {
    const n = Math.min(ENTERPRISE_BATCH, total - offset);
    const data = generateRegistry({
      seed: opts.seed,
      enterprises: n,
      territories: opts.territories,
      industries: opts.industries,
      offset,
      uniqueCodes: true,
      lineWeights: SCALE_LINE_WEIGHTS,
    });
    const ids = await insertRegistry(db, data);
    const range = { fromId: Math.min(...ids), toId: Math.max(...ids) };
    const c = await insertSyntheticCases(db, { seed: opts.seed, ...range, perEnterprise: casesPerEnterprise });
    out.dismantled += await dismantleLinesOfClosedCases(db, range);
    await refreshAllEnterpriseStatuses(db, range);
    out.enterprises += n;
    out.lines += data.lines.length;
    out.cases += c.cases;
    out.acts += c.acts;
    progress('registry', out.enterprises, total);
  }
  progress('finish', 0, 1);
  return out;
}
