/**
 * Content-addressed evidence files: `<root>/<first 2 hex>/<sha256>`. An upload streams to a temp file while it is
 * hashed, its type is decided by magic bytes (PDF, JPEG, PNG; DOCX and XLSX by the entries of the ZIP's central
 * directory), never by the name alone, and it is renamed into place (the same content is stored once).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../platform/http/types.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { BlobCorruptError, LocalBlobStore, S3BlobStore, type BlobStore } from '../../platform/storage/blob-store.ts';
import type { Config } from '../../config.ts';

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
} as const;
export type EvidenceMime = keyof typeof EVIDENCE_TYPES;

export function evidenceRoot(ctx: Pick<AppContext, 'config' | 'evidenceDir'>): string {
  return ctx.evidenceDir ?? path.join(ctx.config.dataDir, 'evidence');
}

export function evidencePath(root: string, sha256: string): string {
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** The object store when one is configured (PHASEOUT_EVIDENCE_STORE=s3); otherwise the files under the data dir. */
let objectStore: BlobStore | undefined;
export function useEvidenceObjectStore(store: BlobStore | undefined): void {
  objectStore = store;
}
/** Sets the object store from the configuration (called at boot by the server and the CLI). */
export function configureEvidenceStore(config: Pick<Config, 'evidenceStore'>): void {
  const c = config.evidenceStore;
  objectStore = c.kind === 's3' ? new S3BlobStore({ bucket: c.bucket, endpoint: c.endpoint, region: c.region, prefix: c.prefix }) : undefined;
}
/** Where evidence of `root` (the local data dir's evidence folder, also the staging area of uploads) is kept. */
export function evidenceStore(root: string): BlobStore {
  return objectStore ?? new LocalBlobStore(root);
}
/** A stream of a stored file, checked against its hash as it is read; NOT_FOUND when the store lacks it. */
export async function openEvidence(root: string, sha256: string): Promise<Readable> {
  try {
    return await evidenceStore(root).get(sha256);
  } catch (e) {
    if (e instanceof BlobCorruptError) throw e;
    throw new AppError('NOT_FOUND', { reason: 'the file is missing from the store' });
  }
}

/** The type by magic bytes: 'zip' still needs its entries looked at. */
export function sniff(head: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | 'zip' | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  return null;
}

/** The entry names of a ZIP file, from its central directory (bounded reads). */
export async function zipEntryNames(file: string): Promise<string[]> {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return [];
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdSize > 8 * 1024 * 1024 || cdOffset + cdSize > size) return [];
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const n = cd.readUInt16LE(p + 28);
      const x = cd.readUInt16LE(p + 30);
      const c = cd.readUInt16LE(p + 32);
      names.push(cd.subarray(p + 46, p + 46 + n).toString('utf8'));
      p += 46 + n + x + c;
    }
    return names;
  } finally {
    await fh.close();
  }
}

async function decideType(file: string, head: Buffer): Promise<EvidenceMime | null> {
  const s = sniff(head);
  if (s !== 'zip') return s;
  const names = await zipEntryNames(file);
  if (names.includes('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  mimeType: EvidenceMime;
  originalName: string;
}

/** Streams `source` into the store. Throws PAYLOAD_TOO_LARGE / UNSUPPORTED_MEDIA_TYPE (nothing is left behind). */
export async function storeEvidence(
  root: string,
  source: Readable & { truncated?: boolean },
  originalName: string,
  maxBytes = EVIDENCE_MAX_BYTES,
): Promise<StoredFile> {
  const tmpDir = path.join(root, 'tmp');
  await fsp.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const heads: Buffer[] = [];
  let headLen = 0;
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        cb(new AppError('PAYLOAD_TOO_LARGE', { maxBytes }));
        return;
      }
      hash.update(chunk);
      if (headLen < 16) {
        heads.push(chunk.subarray(0, 16 - headLen));
        headLen += Math.min(chunk.length, 16 - headLen);
      }
      cb(null, chunk);
    },
  });
  try {
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
    } catch (e) {
      if (tooLarge || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
      throw e;
    }
    if (source.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
    if (size === 0) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'empty file' });
    const mime = await decideType(tmp, Buffer.concat(heads));
    if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: Object.values(EVIDENCE_TYPES).flat() });
    const ext = path.extname(originalName).slice(1).toLowerCase();
    const known = Object.values(EVIDENCE_TYPES).flat() as string[];
    if (ext && known.includes(ext) && !(EVIDENCE_TYPES[mime] as readonly string[]).includes(ext)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: `the content is ${mime} but the name ends in .${ext}` });
    }
    const sha256 = hash.digest('hex');
    await evidenceStore(root).put(sha256, tmp);
    return { sha256, sizeBytes: size, mimeType: mime, originalName };
  } finally {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Records the file (once per content) with its audit record. */
export async function registerEvidence(db: Kysely<DB>, f: StoredFile, meta: AuditMeta): Promise<StoredFile> {
  return db.transaction().execute(async (trx) => {
    const ins = await trx
      .insertInto('evidence_file')
      .values({
        sha256: f.sha256,
        size_bytes: f.sizeBytes,
        mime_type: f.mimeType,
        original_name: f.originalName,
        uploaded_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        created_at: meta.now,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('sha256')
      .executeTakeFirst();
    // every uploading account is recorded: an act may cite only what its own unit uploaded (issue #19, item 6)
    const mine =
      meta.actor.kind === 'user'
        ? await trx
            .insertInto('evidence_upload')
            .values({ sha256: f.sha256, user_id: meta.actor.userId, uploaded_at: meta.now })
            .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing())
            .returning('sha256')
            .executeTakeFirst()
        : undefined;
    if (ins || mine) {
      await writeAudit(trx, meta, {
        act: 'evidence.upload',
        entityType: 'evidence',
        entityId: f.sha256,
        after: { sizeBytes: f.sizeBytes, mimeType: f.mimeType, originalName: f.originalName },
      });
    }
    if (ins) return f;
    const row = await trx
      .selectFrom('evidence_file')
      .select(['sha256', 'size_bytes', 'mime_type', 'original_name'])
      .where('sha256', '=', f.sha256)
      .executeTakeFirstOrThrow();
    return { sha256: row.sha256, sizeBytes: Number(row.size_bytes), mimeType: row.mime_type as EvidenceMime, originalName: row.original_name };
  });
}

/** Stores a buffer (demo data, CLI imports) and records it. */
export async function storeEvidenceBuffer(db: Kysely<DB>, root: string, content: Buffer, originalName: string, meta: AuditMeta): Promise<StoredFile> {
  const { Readable } = await import('node:stream');
  const f = await storeEvidence(root, Readable.from([content]), originalName);
  return registerEvidence(db, f, meta);
}
