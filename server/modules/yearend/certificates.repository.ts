/**
 * Acceptance certificates (验收单): reads. Every read takes the actor's Scope and filters by the certificate's case
 * (caseScope on its territory and dimension) inside the SQL, so an out-of-scope certificate is absent (404).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { caseScope } from '../../platform/auth/scope-sql.ts';
import { transitionTable, type Dimension } from '../../domain/lifecycle/index.ts';
import type { CheckKey, CheckRecord, SignUnit, WorkersRecord } from '../../domain/yearend/certificate.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface CaseForCertificate {
  case_id: number;
  enterprise_id: number;
  enterprise_name: string;
  credit_code: string;
  territory_code: string;
  territory_name: string;
  dimension: Dimension;
  dimension_name: string;
  state: string;
  snapshot: { measures?: Record<string, unknown>; acceptance?: { date: string; certificateId: string } } & Record<string, unknown>;
  case_version: number;
}

export interface CertificateRow {
  id: number;
  status: 'draft' | 'returned' | 'complete';
  checks: Partial<Record<CheckKey, CheckRecord>>;
  workers: WorkersRecord | null;
  opinion: string | null;
  return_reason: string | null;
  number: string | null;
  year: number | null;
  accepted_on: string | null;
  act_id: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface SignoffRow {
  unit: SignUnit;
  signer_name: string;
  signed_on: string;
  unit_code: string | null;
  evidence_ids: string[];
  at: Date;
  signed_by_name: string | null;
}

export interface LineOfCase {
  id: number;
  name: string;
  kind: string;
  kind_name: string;
  size_value: string | null;
  size_unit: string | null;
  capacity: string;
  capacity_unit: string;
  state: string;
}

/** The case (scoped), with the names the certificate prints. `lock` takes the case row's lock (sign-offs). */
export async function caseForCertificate(q: Q, scope: Scope, caseId: number, lock = false): Promise<CaseForCertificate | undefined> {
  const r = await sql<CaseForCertificate>`
    select c.id as case_id, c.enterprise_id, e.name as enterprise_name, e.credit_code, c.territory_code, t.name as territory_name,
      c.dimension, d.name as dimension_name, c.state, c.snapshot, c.version as case_version
    from case_file c join enterprise e on e.id = c.enterprise_id join territory t on t.code = c.territory_code join dimension d on d.code = c.dimension
    where c.id = ${caseId} and ${caseScope(scope, 'c.territory_code', 'c.dimension')}
    ${lock ? sql`for update of c` : sql``}`.execute(q);
  return r.rows[0];
}

export async function certificateOfCase(q: Q, caseId: number, lock = false): Promise<CertificateRow | undefined> {
  const r = await sql<CertificateRow>`
    select id, status, checks, workers, opinion, return_reason, number, year, to_char(accepted_on, 'YYYY-MM-DD') as accepted_on, act_id, version, created_at, updated_at
    from acceptance_certificate where case_id = ${caseId} ${lock ? sql`for update` : sql``}`.execute(q);
  const row = r.rows[0];
  return row ? { ...row, id: Number(row.id), act_id: row.act_id === null ? null : Number(row.act_id) } : undefined;
}

export async function signoffsOf(q: Q, certificateId: number): Promise<SignoffRow[]> {
  const r = await sql<SignoffRow>`
    select s.unit, s.signer_name, to_char(s.signed_on, 'YYYY-MM-DD') as signed_on, s.unit_code, s.evidence_ids, s.at, u.display_name as signed_by_name
    from acceptance_signoff s left join app_user u on u.id = s.signed_by
    where s.certificate_id = ${certificateId}
    order by array_position(array['enterprise', 'territory', 'department'], s.unit)`.execute(q);
  return r.rows;
}

export async function linesOfCase(q: Q, caseId: number): Promise<LineOfCase[]> {
  const r = await sql<LineOfCase>`
    select l.id, l.name, l.kind, k.name as kind_name, l.size_value::text as size_value, l.size_unit, l.capacity::text as capacity, l.capacity_unit, l.state
    from case_line cl join production_line l on l.id = cl.line_id join line_kind k on k.code = l.kind
    where cl.case_id = ${caseId} order by l.id`.execute(q);
  return r.rows.map((l) => ({ ...l, id: Number(l.id) }));
}

/** Whether the case stands where its dimension's table allows the `accept` act (shut, awaiting acceptance). */
export function awaitingAcceptance(c: Pick<CaseForCertificate, 'dimension' | 'state'>): boolean {
  return Boolean(transitionTable(c.dimension)[c.state]?.accept);
}

/** Whether the case recorded cutting water or power (then the certificate must confirm it). */
export function powerWaterRequired(c: Pick<CaseForCertificate, 'snapshot'>): boolean {
  const m = c.snapshot.measures ?? {};
  return Boolean(m.cutWater || m.cutPower);
}

export interface CertificateListFilters {
  year?: number | undefined;
  status?: string | undefined;
  territoryCode?: string | undefined;
  q?: string | undefined;
}

export interface CertificateListRow {
  id: number;
  case_id: number;
  enterprise_name: string;
  credit_code: string;
  territory_code: string;
  territory_name: string;
  dimension: Dimension;
  dimension_name: string;
  status: CertificateRow['status'];
  number: string | null;
  accepted_on: string | null;
  signed: SignUnit[];
  updated_at: Date;
}

export async function listCertificates(
  q: Q,
  scope: Scope,
  f: CertificateListFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: CertificateListRow[]; total: number }> {
  const conds = [caseScope(scope, 'a.territory_code', 'a.dimension')];
  if (f.year !== undefined) conds.push(sql`a.year = ${f.year}`);
  if (f.status) conds.push(sql`a.status = ${f.status}`);
  if (f.territoryCode) conds.push(sql`a.territory_code = ${f.territoryCode}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`(e.name ilike ${like} or e.credit_code ilike ${like} or a.number ilike ${like})`);
  }
  const where = sql.join(conds, sql` and `);
  const r = await sql<CertificateListRow & { total: string }>`
    select a.id, a.case_id, e.name as enterprise_name, e.credit_code, a.territory_code, t.name as territory_name, a.dimension, d.name as dimension_name,
      a.status, a.number, to_char(a.accepted_on, 'YYYY-MM-DD') as accepted_on,
      coalesce((select array_agg(s.unit::text) from acceptance_signoff s where s.certificate_id = a.id), '{}') as signed, a.updated_at,
      count(*) over () as total
    from acceptance_certificate a join enterprise e on e.id = a.enterprise_id join territory t on t.code = a.territory_code join dimension d on d.code = a.dimension
    where ${where}
    order by a.updated_at desc, a.id desc
    limit ${page.limit} offset ${page.offset}`.execute(q);
  const total = r.rows[0] ? Number(r.rows[0].total) : 0;
  return { rows: r.rows.map(({ total: _t, ...row }) => ({ ...row, id: Number(row.id), case_id: Number(row.case_id) })), total };
}
