/**
 * The audit trail: every state-changing act writes one record in the same transaction as the change.
 *
 * Tamper evidence: records are hash-chained per *stream*. A record's stream is a hash of its entity
 * (entity type + id) modulo AUDIT_STREAMS, so one record's whole history is one chain, in order, while writes to
 * different entities rarely contend: appending moves only the head row of its stream, never a global counter.
 * The append is part of the caller's statement (auditCtes): the head row is updated in place — its sequence + 1 and
 * the new hash computed by PostgreSQL's sha256() from the old head and the record's canonical text, which Node
 * sends split around the sequence number — so the record always chains from the head as it is when the row lock is
 * granted, and two writers on one stream wait for each other's commit instead of failing. verifyAudit recomputes
 * every hash in Node (recordHash): both sides hash the same bytes. Checkpoints (`checkpointAudit`) chain the heads
 * of all streams periodically, so deleting the newest records of a stream is detected too.
 * The table itself refuses UPDATE, DELETE and TRUNCATE (trigger in 0001_foundation.sql).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { canonical } from '../../domain/canonical.ts';

export { canonical };

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

export function streamOf(entityType: string | undefined, entityId: string | undefined): number {
  const h = createHash('sha256')
    .update(`${entityType ?? ''}:${entityId ?? ''}`)
    .digest();
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

/** canonical(obj) around one top-level key: canonical(obj) === prefix + canonical(obj[key]) + suffix. */
export function canonicalAround(obj: Record<string, unknown>, key: string): [string, string] {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  const i = keys.indexOf(key);
  if (i < 0) throw new Error(`canonicalAround: no key ${key}`);
  const part = (k: string) => `${JSON.stringify(k)}:${canonical(obj[k])}`;
  const before = keys.slice(0, i).map(part);
  const after = keys.slice(i + 1).map(part);
  return [`{${before.map((p) => `${p},`).join('')}${JSON.stringify(key)}:`, `${after.map((p) => `,${p}`).join('')}}`];
}

/** The fields of an entry's next record, without its sequence number (the head decides it when the record is written). */
export function auditFields(meta: AuditMeta, entry: AuditEntry): Omit<HashedFields, 'seq'> {
  const entityId = entry.entityId === undefined ? undefined : String(entry.entityId);
  const a = meta.actor;
  return {
    stream: streamOf(entry.entityType, entityId),
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
}

/**
 * Appending one record, as two CTEs (`audit_head`, `audit_rec`) for the caller's statement: the stream's head moves
 * to seq + 1 with hash = sha256(old hash + "\n" + canonical(record)) computed under its row lock (created at seq 1
 * from GENESIS if the stream has no head yet), and the record is inserted with the seq, prev_hash and hash the head
 * returned — the same hash recordHash computes. With `onlyIf` (the name of one of the caller's CTEs) nothing is
 * written unless that CTE returned a row. With `fill`, a value only the statement knows (a document's number, taken
 * in the same statement) takes the place of `fill.marker` in the record — in the hashed text and in the stored
 * before/after alike — so the record says what was written; the marker must appear only where the value goes and
 * need no JSON escaping (ASCII letters, digits, '@', '-').
 */
export function auditCtes(
  meta: AuditMeta,
  entry: AuditEntry,
  opts: { onlyIf?: string; fill?: { marker: string; value: RawBuilder<unknown> } } = {},
): RawBuilder<unknown> {
  const f = auditFields(meta, entry);
  const [prefix, suffix] = canonicalAround({ ...f, seq: 0 }, 'seq');
  const fill = opts.fill;
  if (fill && !/^[A-Za-z0-9@-]+$/.test(fill.marker)) throw new Error(`auditCtes: marker ${fill.marker} needs escaping`);
  const text = (t: string) => (fill && t.includes(fill.marker) ? sql`replace(${t}::text, ${fill.marker}::text, ${fill.value})` : sql`${t}::text`);
  const json = (v: unknown) => {
    if (v === null) return sql`${null}::jsonb`;
    const t = JSON.stringify(v);
    return fill && t.includes(fill.marker) ? sql`${text(t)}::jsonb` : sql`${t}::jsonb`;
  };
  const next = (prev: RawBuilder<unknown>, seq: RawBuilder<unknown>) =>
    sql`encode(sha256(convert_to(${prev} || E'\n' || ${text(prefix)} || ${seq} || ${text(suffix)}, 'UTF8')), 'hex')`;
  const guard = opts.onlyIf ? sql` where exists (select 1 from ${sql.table(opts.onlyIf)})` : sql``;
  return sql`audit_head as (
      insert into audit_stream (stream, head_seq, head_hash, prev_hash)
      select ${f.stream}::int, 1, ${next(sql`${GENESIS}::text`, sql`'1'`)}, ${GENESIS}::text${guard}
      on conflict (stream) do update set head_seq = audit_stream.head_seq + 1, prev_hash = audit_stream.head_hash,
        head_hash = ${next(sql`audit_stream.head_hash`, sql`(audit_stream.head_seq + 1)::text`)}
      returning stream, head_seq, head_hash, prev_hash
    ), audit_rec as (
      insert into audit_log (stream, seq, at, actor_id, actor_name, role, territory_code, department_code, act, entity_type, entity_id,
        basis_id, before, after, request_id, ip, prev_hash, hash)
      select h.stream, h.head_seq, ${f.at}::timestamptz, ${f.actor_id}::bigint, ${f.actor_name}::text, ${f.role}::text, ${f.territory_code}::text,
        ${f.department_code}::text, ${f.act}::text, ${f.entity_type}::text, ${f.entity_id}::text, ${f.basis_id}::text,
        ${json(f.before)}, ${json(f.after)},
        ${f.request_id}::text, ${f.ip}::text, h.prev_hash, h.head_hash
      from audit_head h
    )`;
}

/**
 * Appends one audit record inside `trx` (a required transaction: the record commits or rolls back with the act), in
 * one statement. `opts.with` adds a data-modifying CTE to the same statement (a caller folding its last write into
 * the audit round trip).
 */
export async function writeAudit(trx: Transaction<DB>, meta: AuditMeta, entry: AuditEntry, opts: { with?: RawBuilder<unknown> } = {}): Promise<void> {
  await sql`with ${auditCtes(meta, entry)}${opts.with ? sql`, extra as (${opts.with})` : sql``} select 1`.execute(trx);
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
    await trx
      .insertInto('audit_checkpoint')
      .values({ heads: JSON.stringify(heads), prev_hash: prev, hash })
      .execute();
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
  const streams = new Set<number>([
    ...heads.map((h) => h.stream),
    ...(await db.selectFrom('audit_log').select('stream').distinct().execute()).map((r) => r.stream),
  ]);
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
      problems.push({
        id: lastId,
        stream,
        seq: expectSeq - 1,
        reason: `the stream head says seq ${head.head_seq} but the records end at ${expectSeq - 1} (newest records deleted?)`,
      });
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
        problems.push({
          id: cp.id,
          stream: h.stream,
          seq: h.seq,
          reason: `checkpoint ${cp.id} vouches for stream ${h.stream} seq ${h.seq}, which is missing or differs`,
        });
      }
    }
    prev = cp.hash;
  }
  problems.sort((x, y) => x.id - y.id);
  const result: VerifyResult = { ok: problems.length === 0, records, streams: streams.size, checkpoints: cps.length };
  if (problems[0]) result.firstBroken = problems[0];
  return result;
}
