/** Documents as the API reads them (scoped: a document is visible where its case or subject is). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { caseReadScope, caseScope } from '../../platform/auth/scope-sql.ts';

export interface DocumentFilters {
  q?: string | undefined;
  kind?: string | undefined;
  caseId?: number | undefined;
  status?: 'issued' | 'voided' | undefined;
}

export interface DocumentRow {
  id: number;
  number: string;
  kind: string;
  title: string;
  unit_name: string;
  doc_date: string;
  status: 'issued' | 'voided';
  void_reason: string | null;
  case_id: number | null;
  act_id: number | null;
  act_kind: string | null;
  act_date: string | null;
  basis_id: string | null;
  enterprise_name: string | null;
  territory_name: string | null;
  dimension: string | null;
  /** null until version 1 is rendered */
  version: number | null;
  sha256: string | null;
  served_on: string | null;
  created_at: Date;
}

/**
 * `read`: also the documents of the cases the scope reads without acting in their dimension (a licence's issuing
 * department on the safety cases naming it: caseReadScope); `change`: only the scope's own dimensions.
 */
export type DocumentAccess = 'read' | 'change';

function base(db: Kysely<DB>, scope: Scope, access: DocumentAccess = 'read') {
  const q = db
    .selectFrom('document as d')
    .leftJoin('case_file as c', 'c.id', 'd.case_id')
    .leftJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .leftJoin('territory as t', 't.code', 'd.territory_code')
    .leftJoin('case_act as a', 'a.id', 'd.act_id');
  const own = caseScope(scope, 'd.territory_code', 'd.dimension');
  if (access === 'change' || !scope.licenceDepartment) return q.where(own);
  return q.where((eb) => eb.or([own, eb.and([eb('d.case_id', 'is not', null), caseReadScope(scope, 'c.territory_code', 'c.dimension', 'c.snapshot')])]));
}

const columns = [
  'd.id',
  'd.number',
  'd.kind',
  'd.title',
  'd.unit_name',
  'd.doc_date',
  'd.status',
  'd.void_reason',
  'd.case_id',
  'd.act_id',
  'd.basis_id',
  'd.dimension',
  'd.created_at',
  'a.kind as act_kind',
  'a.act_date',
  'e.name as enterprise_name',
  't.name as territory_name',
] as const;

const latest = sql<number | null>`(select max(v.version) from document_version v where v.document_id = d.id)`;
const latestSha = sql<string | null>`(select v.sha256 from document_version v where v.document_id = d.id order by v.version desc limit 1)`;
const servedOn = sql<string | null>`(select min(s.served_on)::text from document_service s where s.document_id = d.id)`;

export async function listDocuments(
  db: Kysely<DB>,
  scope: Scope,
  f: DocumentFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: DocumentRow[]; total: number }> {
  let q = base(db, scope);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.caseId) q = q.where('d.case_id', '=', f.caseId);
  if (f.status) q = q.where('d.status', '=', f.status);
  const text = f.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('d.number', 'ilike', like), eb('d.title', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select([...columns, latest.as('version'), latestSha.as('sha256'), servedOn.as('served_on')])
      .orderBy('d.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DocumentRow[], total: Number(total.n) };
}

export async function findDocument(db: Kysely<DB>, scope: Scope, id: number, access: DocumentAccess = 'read'): Promise<DocumentRow | undefined> {
  const r = await base(db, scope, access)
    .select([...columns, latest.as('version'), latestSha.as('sha256'), servedOn.as('served_on')])
    .where('d.id', '=', id)
    .executeTakeFirst();
  return r as DocumentRow | undefined;
}

export async function documentVersions(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('document_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.sha256', 'v.size_bytes', 'v.reason', 'v.created_at', 'u.display_name as created_by'])
    .where('v.document_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function documentServices(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('document_service as s')
    .leftJoin('app_user as u', 'u.id', 's.served_by')
    .select(['s.id', 's.method', 's.served_on', 's.recipient', 's.tracking_no', 's.receipt_sha256', 's.note', 's.created_at', 'u.display_name as served_by'])
    .where('s.document_id', '=', id)
    .orderBy('s.id')
    .execute();
}

/** The .docx of one version (the latest when `version` is undefined). */
export async function documentDocx(db: Kysely<DB>, id: number, version?: number) {
  let q = db.selectFrom('document_version').select(['version', 'sha256', 'docx']).where('document_id', '=', id);
  q = version ? q.where('version', '=', version) : q.orderBy('version', 'desc').limit(1);
  return q.executeTakeFirst();
}
