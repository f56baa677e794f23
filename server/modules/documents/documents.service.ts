/**
 * The document service: every notice, decision, certificate and report the platform issues, as a numbered Word
 * document in the GB/T 9704-2012 layout, kept as evidence. Other modules print through it.
 *
 * API (all inside the caller's transaction — the one that records the act — so the number and the act commit or
 * roll back together):
 *
 *   registerTemplate(template)                      // once, at import: ./templates/<kind>.ts holds only content
 *   issueDocument(trx, {                            // → { id, kind, number, title, contentSha256 }
 *     kind,            // a registered template, e.g. 'rectification-notice'
 *     issuingUnit,     // 'office' | 'government' | 'department:<code>' | 'territory:<code>' (unitOfActor helps)
 *     date,            // 成文日期 YYYY-MM-DD; its year is the 〔year〕 of the number
 *     subject: { caseId?, actId?, entityType?, entityId?, territoryCode?, dimension? },  // what it is about (scope)
 *     content,         // the template's content (checked against its TypeBox schema)
 *     basisId?,        // the legal basis cited (server/domain/law/basis.ts)
 *   }, meta)
 *   renderIssuedDocument(db, id, meta)             // after the commit: version 1 (.docx, SHA-256) — done on first read otherwise
 *   reviseDocument(trx, id, { content?, reason }, meta)   // a new version (same number), the old ones kept
 *   voidDocument(trx, id, reason, meta)                    // keeps its number; a last version says 此件已作废
 *
 * The number: reference data gives the prefix (numbering.ts); the sequence row per unit × kind × year is bumped in
 * the transaction, so a failure anywhere rolls it back (no gap) and no two documents share a number (unique index).
 * Issuing records the number and the content (and its SHA-256) only: nothing is rendered while the sequence row is
 * locked, so concurrent acts of one unit wait for a few statements, not for a zip writer. Version 1 — the .docx
 * rendered deterministically from that content — is stored right after the commit (renderIssuedDocument) or on
 * the first read. Each version keeps the .docx bytes, their SHA-256, the content it was filled from, who and when;
 * each issue, rendering, revision and voiding writes its audit record (entity 'document') in its transaction.
 */
import { createHash } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { canonical, writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { renderDocx, type DocumentBody, type LaidOutDocument } from './layout.ts';
import { documentReference, nextSeqSql, numberPrefix, resolveUnit } from './numbering.ts';

/** A document kind: what it is called and what it says. No layout here (layout.ts owns it). */
export interface DocumentTemplate<C = never> {
  kind: string;
  name: { zh: string; en: string };
  /** 'authority': issued by a 发文机关 (red 版头); 'enterprise': an enterprise's own paper registered by the unit */
  author: 'authority' | 'enterprise';
  /** the content's shape (checked on issue and revision) */
  content: TSchema;
  /** what the document says, from its content */
  compose(content: C): DocumentBody;
  /** enterprise documents: who signs, from the content */
  signatory?(content: C): string;
  /** a period in this document runs from its service (送达): its service date must be the date of the act */
  deadlineFromService?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds templates of every content type
type AnyTemplate = DocumentTemplate<any>;
const templates = new Map<string, AnyTemplate>();

export function registerTemplate<C>(t: DocumentTemplate<C>): DocumentTemplate<C> {
  const prev = templates.get(t.kind);
  if (prev && prev !== t) throw new Error(`document template ${t.kind} registered twice`);
  templates.set(t.kind, t);
  return t;
}

export function templateOf(kind: string): AnyTemplate {
  const t = templates.get(kind);
  if (!t) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind });
  return t;
}

export function registeredKinds(): string[] {
  return [...templates.keys()];
}

export interface DocumentSubject {
  caseId?: number | null;
  actId?: number | null;
  entityType?: string | null;
  entityId?: string | number | null;
  territoryCode?: string | null;
  dimension?: string | null;
}

export interface IssueInput {
  kind: string;
  issuingUnit: string;
  date: string;
  subject: DocumentSubject;
  content: unknown;
  basisId?: string | null;
}

export interface IssueOptions {
  /** reference set (default 'wuhu'; the app passes config.referenceSet) */
  referenceSet?: string;
}

export interface IssuedDocument {
  id: number;
  kind: string;
  number: string;
  title: string;
  /** SHA-256 of the canonical JSON of the content the document was issued with */
  contentSha256: string;
}

export interface RenderedVersion {
  id: number;
  kind: string;
  number: string;
  title: string;
  version: number;
  sha256: string;
  sizeBytes: number;
}

const userId = (meta: AuditMeta) => (meta.actor.kind === 'user' ? meta.actor.userId : null);

// each template's content schema is compiled to a checking function once, not interpreted on every issue
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkContent(t: AnyTemplate, content: unknown): void {
  let c = checkers.get(t.content);
  if (!c) checkers.set(t.content, (c = TypeCompiler.Compile(t.content)));
  if (c.Check(content)) return;
  const first = [...Value.Errors(t.content, content)][0];
  throw new AppError('INVALID_FIELD', { field: `content${first?.path.replaceAll('/', '.') ?? ''}`, reason: first?.message ?? 'invalid', kind: t.kind });
}

/** Template + numbering + unit → what the layout prints. Pure. */
export function laidOut(t: AnyTemplate, content: unknown, d: { unitName: string; number: string; date: string; voidReason?: string | null }): LaidOutDocument {
  const body = t.compose(content as never);
  return {
    ...body,
    author: t.author,
    unitName: d.unitName,
    number: d.number,
    date: d.date,
    ...(t.signatory ? { signatory: t.signatory(content as never) } : {}),
    ...(d.voidReason ? { voided: { reason: d.voidReason } } : {}),
  };
}

/** Renders a document's .docx (pure but for the zip writer); tests and the bench call it directly. */
export async function renderDocument(
  kind: string,
  content: unknown,
  d: { unitName: string; number: string; date: string; voidReason?: string | null },
): Promise<{ docx: Buffer; sha256: string; title: string }> {
  const t = templateOf(kind);
  checkContent(t, content);
  const doc = laidOut(t, content, d);
  const docx = await renderDocx(doc);
  return { docx, sha256: createHash('sha256').update(docx).digest('hex'), title: doc.title };
}

/** A document ready to be numbered and recorded: everything that can refuse has refused (prepareDocument). */
export interface PreparedDocument {
  input: IssueInput;
  unitName: string;
  prefix: string;
  year: number;
  title: string;
  contentJson: string;
  contentSha256: string;
}

/** Checks and fills what an issue records, before any lock is taken (pure: no I/O). */
export function prepareDocument(input: IssueInput, opts: IssueOptions = {}): PreparedDocument {
  const t = templateOf(input.kind);
  checkContent(t, input.content);
  const ref = documentReference(opts.referenceSet);
  const unit = resolveUnit(ref, input.issuingUnit);
  const prefix = numberPrefix(ref, input.issuingUnit, input.kind);
  const year = Number(input.date.slice(0, 4));
  const title = t.compose(input.content as never).title;
  const contentJson = canonical(input.content);
  const contentSha256 = createHash('sha256').update(contentJson).digest('hex');
  return { input, unitName: unit.name, prefix, year, title, contentJson, contentSha256 };
}

/**
 * Two CTEs for a caller's statement: `dn` takes the next number of unit × kind × year (locking its counter row until
 * commit: concurrent issuers wait, never share a number; a rollback gives it back) and `doc` records the document
 * (`returning id, seq, number`). `id`: a document id the caller took from document_id_seq, or null for the default.
 * `onlyIf`: the name of a caller's CTE that must have returned a row.
 */
export function documentInsertCtes(p: PreparedDocument, meta: AuditMeta, id: number | null = null, onlyIf?: string): RawBuilder<unknown> {
  const { input, year } = p;
  const s = input.subject;
  const guard = onlyIf ? sql` where exists (select 1 from ${sql.table(onlyIf)})` : sql``;
  return sql`dn as (${nextSeqSql(input.issuingUnit, input.kind, year)}), doc as (
    insert into document (id, kind, unit_code, unit_name, year, seq, number, title, doc_date, basis_id, case_id, act_id, entity_type, entity_id, territory_code, dimension, issued_by, created_at, content, content_sha256)
    select coalesce(${id}::bigint, nextval('document_id_seq')), ${input.kind}::text, ${input.issuingUnit}::text, ${p.unitName}::text, ${year}::int, dn.last_seq, ${p.prefix}::text || '〔' || ${year}::int || '〕' || dn.last_seq || '号', ${p.title}::text, ${input.date}::date, ${input.basisId ?? null}::text,
      ${s.caseId ?? null}::bigint, ${s.actId ?? null}::bigint, ${s.entityType ?? (s.caseId ? 'case' : null)}::text, ${s.entityId !== undefined && s.entityId !== null ? String(s.entityId) : s.caseId ? String(s.caseId) : null}::text,
      ${s.territoryCode ?? null}::text, ${s.dimension ?? null}::text, ${userId(meta)}::bigint, ${meta.now}::timestamptz, ${p.contentJson}::jsonb, ${p.contentSha256}::text
    from dn${guard}
    returning id, seq, number
  )`;
}

/** The number a prepared document will have once its sequence number is known (the same text documentInsertCtes builds). */
export function numberWith(p: PreparedDocument, seq: string | number): string {
  return `${p.prefix}〔${p.year}〕${seq}号`;
}

/** Issues a numbered document inside `trx` (see the header): the number and the content, no rendering. */
export async function issueDocument(trx: Transaction<DB>, input: IssueInput, meta: AuditMeta, opts: IssueOptions = {}): Promise<IssuedDocument> {
  const p = prepareDocument(input, opts);
  const { title, contentSha256 } = p;
  // everything that can refuse has refused: now take the number (locks the sequence row until commit) and record the
  // document, in one statement
  const s = input.subject;
  const row = (await sql<{ id: number; seq: number; number: string }>`with ${documentInsertCtes(p, meta)} select id, seq, number from doc`.execute(trx))
    .rows[0]!;
  const number = row.number;
  const id = Number(row.id);
  // The issue is recorded in the subject's audit stream (the case's, like the act's own record): issuing inside an
  // act's transaction then takes no second stream lock, so concurrent acts cannot deadlock on two streams.
  const subject = s.caseId
    ? { entityType: 'case', entityId: s.caseId }
    : s.entityType && s.entityId !== undefined && s.entityId !== null
      ? { entityType: s.entityType, entityId: s.entityId }
      : { entityType: 'document', entityId: id };
  await writeAudit(trx, meta, {
    act: 'document.issue',
    ...subject,
    basisId: input.basisId ?? null,
    after: { documentId: id, number, kind: input.kind, title, contentSha256, caseId: s.caseId ?? null, actId: s.actId ?? null, unit: input.issuingUnit },
  });
  return { id, kind: input.kind, number, title, contentSha256 };
}

/**
 * Stores version 1 of an issued document (its .docx rendered from the content it was issued with) unless it exists;
 * call after the issuing transaction commits. Idempotent and safe to race: the first writer wins, the others read it.
 */
export async function renderIssuedDocument(db: Kysely<DB>, id: number, meta: AuditMeta): Promise<RenderedVersion | null> {
  const doc = await db
    .selectFrom('document')
    .select(['id', 'kind', 'number', 'title', 'unit_name', 'doc_date', 'content', 'basis_id', 'issued_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!doc || doc.content === null) return null;
  const have = await db
    .selectFrom('document_version')
    .select(['version', 'sha256', 'size_bytes'])
    .where('document_id', '=', id)
    .where('version', '=', 1)
    .executeTakeFirst();
  if (have) return { id, kind: doc.kind, number: doc.number, title: doc.title, version: 1, sha256: have.sha256, sizeBytes: have.size_bytes };
  const r = await renderDocument(doc.kind, doc.content, { unitName: doc.unit_name, number: doc.number, date: doc.doc_date });
  return db.transaction().execute(async (trx) => {
    const ins = await trx
      .insertInto('document_version')
      .values({
        document_id: id,
        version: 1,
        sha256: r.sha256,
        size_bytes: r.docx.length,
        content: JSON.stringify(doc.content),
        docx: r.docx,
        reason: null,
        created_by: doc.issued_by,
        created_at: meta.now,
      })
      .onConflict((oc) => oc.columns(['document_id', 'version']).doNothing())
      .returning('version')
      .executeTakeFirst();
    if (ins) {
      await writeAudit(trx, meta, {
        act: 'document.render',
        entityType: 'document',
        entityId: id,
        basisId: doc.basis_id,
        after: { number: doc.number, version: 1, sha256: r.sha256, sizeBytes: r.docx.length },
      });
    }
    return { id, kind: doc.kind, number: doc.number, title: doc.title, version: 1, sha256: r.sha256, sizeBytes: r.docx.length };
  });
}

/** Renders version 1 of every issued document of an act (or a case) that has none yet. */
export async function renderPendingDocuments(db: Kysely<DB>, where: { actId?: number; caseId?: number; documentId?: number }, meta: AuditMeta): Promise<void> {
  let q = db
    .selectFrom('document as d')
    .select('d.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('document_version as v').select('v.version').whereRef('v.document_id', '=', 'd.id'))));
  if (where.actId !== undefined) q = q.where('d.act_id', '=', where.actId);
  if (where.caseId !== undefined) q = q.where('d.case_id', '=', where.caseId);
  if (where.documentId !== undefined) q = q.where('d.id', '=', where.documentId);
  for (const { id } of await q.orderBy('d.id').limit(200).execute()) await renderIssuedDocument(db, Number(id), meta);
}

async function insertVersion(
  trx: Transaction<DB>,
  id: number,
  version: number,
  r: { docx: Buffer; sha256: string },
  content: unknown,
  reason: string | null,
  meta: AuditMeta,
): Promise<void> {
  await trx
    .insertInto('document_version')
    .values({
      document_id: id,
      version,
      sha256: r.sha256,
      size_bytes: r.docx.length,
      content: JSON.stringify(content),
      docx: r.docx,
      reason,
      created_by: userId(meta),
      created_at: meta.now,
    })
    .execute();
}

async function lockDocument(trx: Transaction<DB>, id: number) {
  const doc = await trx.selectFrom('document').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!doc) throw new AppError('NOT_FOUND', { documentId: id });
  const v = await trx
    .selectFrom('document_version')
    .select(['version', 'content'])
    .where('document_id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  // not rendered yet: the content as issued is version 0's
  const last = v ?? { version: 0, content: doc.content };
  return { doc, last };
}

/** A new version of a document (after a correction of the data it was filled from); the number stays, old versions are kept. */
export async function reviseDocument(
  trx: Transaction<DB>,
  id: number,
  change: { content?: unknown; reason: string },
  meta: AuditMeta,
): Promise<RenderedVersion> {
  const { doc, last } = await lockDocument(trx, id);
  if (doc.status === 'voided') throw new AppError('DOCUMENT_VOIDED', { documentId: id, number: doc.number });
  const content = change.content ?? last.content;
  const r = await renderDocument(doc.kind, content, { unitName: doc.unit_name, number: doc.number, date: doc.doc_date });
  const version = last.version + 1;
  await insertVersion(trx, id, version, r, content, change.reason, meta);
  if (r.title !== doc.title) await trx.updateTable('document').set({ title: r.title }).where('id', '=', id).execute();
  await writeAudit(trx, meta, {
    act: 'document.revise',
    entityType: 'document',
    entityId: id,
    basisId: doc.basis_id,
    before: { version: last.version },
    after: { number: doc.number, version, sha256: r.sha256, reason: change.reason },
  });
  return { id, kind: doc.kind, number: doc.number, title: r.title, version, sha256: r.sha256, sizeBytes: r.docx.length };
}

/** Voids a document: it keeps its number (never reissued) and a last version says 此件已作废 and why. */
export async function voidDocument(trx: Transaction<DB>, id: number, reason: string, meta: AuditMeta): Promise<RenderedVersion> {
  const { doc, last } = await lockDocument(trx, id);
  if (doc.status === 'voided') throw new AppError('DOCUMENT_VOIDED', { documentId: id, number: doc.number });
  const r = await renderDocument(doc.kind, last.content, { unitName: doc.unit_name, number: doc.number, date: doc.doc_date, voidReason: reason });
  const version = last.version + 1;
  await insertVersion(trx, id, version, r, last.content, `作废：${reason}`, meta);
  await trx
    .updateTable('document')
    .set({ status: 'voided', void_reason: reason, voided_at: meta.now, voided_by: userId(meta) })
    .where('id', '=', id)
    .execute();
  await writeAudit(trx, meta, {
    act: 'document.void',
    entityType: 'document',
    entityId: id,
    basisId: doc.basis_id,
    before: { status: 'issued', version: last.version },
    after: { status: 'voided', number: doc.number, version, sha256: r.sha256, reason },
  });
  return { id, kind: doc.kind, number: doc.number, title: r.title, version, sha256: r.sha256, sizeBytes: r.docx.length };
}
