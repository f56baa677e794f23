/**
 * The audit trail: every state-changing act writes one record in the same transaction as the change.
 *
 * Tamper evidence: records are hash-chained per *stream*. A record's stream is a hash of its entity
 * (entity type + id) modulo AUDIT_STREAMS, so one record's whole history is one chain, in order, while writes to
 * different entities rarely contend: appending locks only the head row of its stream (SELECT … FOR UPDATE),
 * never a global counter. With 16 streams and 8 writers the chance two concurrent acts share a stream is small,
 * and when they do they wait only for the other's commit. Checkpoints (`checkpointAudit`) chain the heads of all
 * streams periodically, so deleting the newest records of a stream is detected too.
 * The table itself refuses UPDATE, DELETE and TRUNCATE (trigger in 0001_foundation.sql).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';

export const AUDIT_STREAMS = 64;
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  /** what was done, e.g. 'enterprise.create', 'case.act.approveExtension' */
  act: string;
  entityType?: string;
  entityId?: string | number;
  /** the legal basis the act relied on (registry id) */
  basisId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditMeta {
  actor: Actor;
  requestId?: string | undefined;
  ip?: string | undefined;
  now: Date;
}

/** JSON with keys sorted at every level, so that a value read back from jsonb hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function streamOf(entityType: string | undefined, entityId: string | undefined): number {
  const h = createHash('sha256').update(`${entityType ?? ''}:${entityId ?? ''}`).digest();
  return h.readUInt32BE(0) % AUDIT_STREAMS;
}

export interface HashedFields {
  stream: number;
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  role: string | null;
  territory_code: string | null;
  department_code: string | null;
  act: string;
  entity_type: string | null;
  entity_id: string | null;
  basis_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
}

export function recordHash(prevHash: string, f: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(f)).digest('hex');
}

function jsonRoundTrip(v: unknown): unknown {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown);
}

/** A stream head, locked by this transaction until it commits. */
export interface AuditHead {
  stream: number;
  seq: number;
  hash: string;
}

/**
 * SQL that locks the head of an entity's stream (held until commit) and returns (stream, head_seq, head_hash), or
 * no row when the stream has no head yet (migration 0006 creates the first 64). Commands on a hot path embed it in
 * their first statement (a CTE) to save a round trip; see headFromRow.
 */
export function lockHeadSql(entityType: string, entityId: string | number) {
  const stream = streamOf(entityType, String(entityId));
  return sql`select stream, head_seq, head_hash from audit_stream where stream = ${stream} for update`;
}

/** Locks the head of a stream, creating it on first use. */
async function lockHead(trx: Transaction<DB>, stream: number): Promise<AuditHead> {
  const found = await sql<{ stream: number; head_seq: number; head_hash: string }>`
    select stream, head_seq, head_hash from audit_stream where stream = ${stream} for update`.execute(trx);
  if (found.rows[0]) return headFromRow(found.rows[0]);
  // first record of a stream without a head: a no-op upsert creates it or, if a concurrent writer just did, locks it
  const made = await sql<{ stream: number; head_seq: number; head_hash: string }>`
    insert into audit_stream (stream, head_seq, head_hash) values (${stream}, 0, ${GENESIS})
    on conflict (stream) do update set stream = excluded.stream
    returning stream, head_seq, head_hash`.execute(trx);
  return headFromRow(made.rows[0]!);
}

export function headFromRow(r: { stream: number; head_seq: number | string; head_hash: string }): AuditHead {
  return { stream: Number(r.stream), seq: Number(r.head_seq), hash: r.head_hash };
}

/** An audit record ready to be written: its hashed fields, the hash it chains from and its own. */
export interface AuditRecord {
  fields: HashedFields;
  prevHash: string;
  hash: string;
}

/** Builds (and hashes) the next record of the entry's stream after `head`, a head locked by this transaction. */
export function auditRecord(meta: AuditMeta, entry: AuditEntry, head: AuditHead): AuditRecord {
  const entityId = entry.entityId === undefined ? undefined : String(entry.entityId);
  const stream = streamOf(entry.entityType, entityId);
  if (head.stream !== stream) throw new Error(`audit head of stream ${head.stream} given for a record of stream ${stream}`);
  const a = meta.actor;
  const fields: HashedFields = {
    stream,
    seq: head.seq + 1,
    at: meta.now.toISOString(),
    actor_id: a.kind === 'user' ? a.userId : null,
    actor_name: a.kind === 'user' ? a.username : a.name,
    role: a.kind === 'user' ? a.role : 'system',
    territory_code: a.kind === 'user' ? a.territoryCode : null,
    department_code: a.kind === 'user' ? a.departmentCode : null,
    act: entry.act,
    entity_type: entry.entityType ?? null,
    entity_id: entityId ?? null,
    basis_id: entry.basisId ?? null,
    before: jsonRoundTrip(entry.before),
    after: jsonRoundTrip(entry.after),
    request_id: meta.requestId ?? null,
    ip: meta.ip ?? null,
  };
  return { fields, prevHash: head.hash, hash: recordHash(head.hash, fields) };
}

/**
 * The record and the stream's new head as two CTEs (`audit_rec`, `audit_head`) for a caller's statement. With
 * `onlyIf` (the name of one of the caller's CTEs) both writes happen only when that CTE returned a row.
 */
export function auditCtes(rec: AuditRecord, onlyIf?: string): RawBuilder<unknown> {
  const f = rec.fields;
  const guard = onlyIf ? sql` where exists (select 1 from ${sql.table(onlyIf)})` : sql``;
  return sql`audit_rec as (
      insert into audit_log (stream, seq, at, actor_id, actor_name, role, territory_code, department_code, act, entity_type, entity_id,
        basis_id, before, after, request_id, ip, prev_hash, hash)
      select ${f.stream}, ${f.seq}, ${f.at}::timestamptz, ${f.actor_id}::bigint, ${f.actor_name}, ${f.role}, ${f.territory_code},
        ${f.department_code}, ${f.act}, ${f.entity_type}, ${f.entity_id}, ${f.basis_id},
        ${f.before === null ? null : JSON.stringify(f.before)}::jsonb, ${f.after === null ? null : JSON.stringify(f.after)}::jsonb,
        ${f.request_id}, ${f.ip}, ${rec.prevHash}, ${rec.hash}${guard}
    ), audit_head as (
      update audit_stream set head_seq = ${f.seq}, head_hash = ${rec.hash} where stream = ${f.stream}${onlyIf ? sql` and exists (select 1 from ${sql.table(onlyIf)})` : sql``}
    )`;
}

/**
 * Appends one audit record inside `trx` (a required transaction: the record commits or rolls back with the act).
 * `opts.head` is a head already locked by this transaction (lockHeadSql); `opts.with` adds a data-modifying CTE
 * to the same statement (a hot path folding its last write into the audit round trip).
 */
export async function writeAudit(trx: Transaction<DB>, meta: AuditMeta, entry: AuditEntry, opts: { head?: AuditHead; with?: RawBuilder<unknown> } = {}): Promise<void> {
  const stream = streamOf(entry.entityType, entry.entityId === undefined ? undefined : String(entry.entityId));
  const head = opts.head && opts.head.stream === stream ? opts.head : await lockHead(trx, stream);
  // One round trip for the record, the new head (and the caller's extra write, if any).
  await sql`with ${auditCtes(auditRecord(meta, entry, head))}${opts.with ? sql`, extra as (${opts.with})` : sql``} select 1`.execute(trx);
}

/** Records the heads of all streams as a chained checkpoint (run by the sweep and by `audit verify --checkpoint`). */
export async function checkpointAudit(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`lock table audit_checkpoint in exclusive mode`.execute(trx);
    const heads = (await trx.selectFrom('audit_stream').select(['stream', 'head_seq', 'head_hash']).orderBy('stream').execute()).map((h) => ({
      stream: h.stream,
      seq: h.head_seq,
      hash: h.head_hash,
    }));
    const last = await trx.selectFrom('audit_checkpoint').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const prev = last?.hash ?? GENESIS;
    const hash = createHash('sha256').update(prev).update('\n').update(canonical(heads)).digest('hex');
    await trx.insertInto('audit_checkpoint').values({ heads: JSON.stringify(heads), prev_hash: prev, hash }).execute();
  });
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  streams: number;
  checkpoints: number;
  /** the first broken record or checkpoint, with why */
  firstBroken?: { id: number; stream?: number; seq?: number; reason: string };
}

/** Re-computes every chain. Streams are read in seq order in pages, so memory stays flat. */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  let records = 0;
  const problems: NonNullable<VerifyResult['firstBroken']>[] = [];
  const heads = await db.selectFrom('audit_stream').selectAll().orderBy('stream').execute();
  const rowHashAt = new Map<string, string>();
  const streams = new Set<number>([...heads.map((h) => h.stream), ...(await db.selectFrom('audit_log').select('stream').distinct().execute()).map((r) => r.stream)]);
  for (const stream of [...streams].sort((x, y) => x - y)) {
    let prevHash = GENESIS;
    let expectSeq = 1;
    let lastId = 0;
    let after = 0;
    let broken = false;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('stream', '=', stream).where('seq', '>', after).orderBy('seq').limit(2000).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        records++;
        after = r.seq;
        lastId = r.id;
        if (broken) continue;
        const fields: HashedFields = {
          stream: r.stream,
          seq: r.seq,
          at: new Date(r.at).toISOString(),
          actor_id: r.actor_id,
          actor_name: r.actor_name,
          role: r.role,
          territory_code: r.territory_code,
          department_code: r.department_code,
          act: r.act,
          entity_type: r.entity_type,
          entity_id: r.entity_id,
          basis_id: r.basis_id,
          before: r.before,
          after: r.after,
          request_id: r.request_id,
          ip: r.ip,
        };
        let reason: string | undefined;
        if (r.seq !== expectSeq) reason = `sequence gap: expected seq ${expectSeq}, found ${r.seq} (a record was deleted or reordered)`;
        else if (r.prev_hash !== prevHash) reason = 'prev_hash does not match the previous record (a record was deleted, inserted or reordered)';
        else if (recordHash(prevHash, fields) !== r.hash) reason = 'content does not match its hash (the record was edited)';
        if (reason) {
          problems.push({ id: r.id, stream, seq: r.seq, reason });
          broken = true;
        }
        prevHash = r.hash;
        rowHashAt.set(`${stream}:${r.seq}`, r.hash);
        expectSeq = r.seq + 1;
      }
    }
    const head = heads.find((h) => h.stream === stream);
    if (!broken && head && (head.head_seq !== expectSeq - 1 || head.head_hash !== prevHash)) {
      problems.push({ id: lastId, stream, seq: expectSeq - 1, reason: `the stream head says seq ${head.head_seq} but the records end at ${expectSeq - 1} (newest records deleted?)` });
    }
  }
  const cps = await db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  for (const cp of cps) {
    const heads2 = cp.heads;
    const expect = createHash('sha256').update(prev).update('\n').update(canonical(heads2)).digest('hex');
    if (cp.prev_hash !== prev || cp.hash !== expect) {
      problems.push({ id: cp.id, reason: `checkpoint ${cp.id} was altered` });
      break;
    }
    for (const h of heads2) {
      if (h.seq > 0 && rowHashAt.get(`${h.stream}:${h.seq}`) !== h.hash) {
        problems.push({ id: cp.id, stream: h.stream, seq: h.seq, reason: `checkpoint ${cp.id} vouches for stream ${h.stream} seq ${h.seq}, which is missing or differs` });
      }
    }
    prev = cp.hash;
  }
  problems.sort((x, y) => x.id - y.id);
  const result: VerifyResult = { ok: problems.length === 0, records, streams: streams.size, checkpoints: cps.length };
  if (problems[0]) result.firstBroken = problems[0];
  return result;
}
