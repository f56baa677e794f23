/**
 * Where content-addressed files (evidence, generated documents) live: the data dir (default) or an S3-compatible object
 * store (the scale-out option: several instances, or a province, share one bucket). One interface, two backends:
 * `put` a finished local file under its SHA-256, `get` a stream of it — checked against its hash as it is read, so a
 * file altered in the store fails the download instead of reaching a user — `has`, and `list`.
 *
 * Configuration (server/config.ts): PHASEOUT_EVIDENCE_STORE=local|s3; for s3: PHASEOUT_S3_BUCKET, PHASEOUT_S3_ENDPOINT
 * (optional: AWS when unset), PHASEOUT_S3_REGION, PHASEOUT_S3_PREFIX, and the credentials from the environment
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as the AWS SDK reads them).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Stores the finished file `file` under `sha256` (moved for the local store, uploaded for S3); no-op when present. */
  put(sha256: string, file: string): Promise<void>;
  /** A stream of the file, failing with BLOB_CORRUPT when its content does not hash to its name. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  list(): AsyncIterable<string>;
}

export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} does not match its hash`);
    this.name = 'BlobCorruptError';
  }
}

const SHA = /^[0-9a-f]{64}$/;

/** A pass-through that fails at the end when what went through does not hash to `sha256`. */
export function verifying(sha256: string): Transform {
  const h = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      h.update(chunk);
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      cb(h.digest('hex') === sha256 ? null : new BlobCorruptError(sha256));
    },
  });
}

export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}
  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
  async put(sha256: string, file: string): Promise<void> {
    const dest = this.pathOf(sha256);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) await fsp.rm(file, { force: true });
    else await fsp.rename(file, dest);
  }
  async get(sha256: string): Promise<Readable> {
    if (!SHA.test(sha256)) throw new Error('not a SHA-256');
    const file = this.pathOf(sha256);
    await fsp.access(file);
    return fs.createReadStream(file).pipe(verifying(sha256));
  }
  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }
  async *list(): AsyncIterable<string> {
    let prefixes: string[] = [];
    try {
      prefixes = await fsp.readdir(this.root);
    } catch {
      return;
    }
    for (const p of prefixes.sort()) {
      if (!/^[0-9a-f]{2}$/.test(p)) continue;
      for (const f of (await fsp.readdir(path.join(this.root, p))).sort()) if (SHA.test(f) && f.startsWith(p)) yield f;
    }
  }
}

export interface S3Settings {
  bucket: string;
  endpoint?: string | undefined;
  region: string;
  prefix: string;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  // the SDK is loaded on first use: a local-store installation never pays for it
  private client: Promise<S3Client> | undefined;
  constructor(readonly settings: S3Settings) {}
  private async s3() {
    this.client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          region: this.settings.region,
          // plain bodies: S3-compatible stores (MinIO, Ceph, s3rver) do not all understand the SDK's aws-chunked
          // uploads with trailing checksums; integrity is ours anyway (every read is checked against the SHA-256)
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          ...(this.settings.endpoint ? { endpoint: this.settings.endpoint, forcePathStyle: true } : {}),
        }),
    );
    return this.client;
  }
  private key(sha256: string): string {
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }
  async put(sha256: string, file: string): Promise<void> {
    if (await this.has(sha256)) {
      await fsp.rm(file, { force: true });
      return;
    }
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const size = (await fsp.stat(file)).size;
    await (
      await this.s3()
    ).send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256), Body: fs.createReadStream(file), ContentLength: size }));
    await fsp.rm(file, { force: true });
  }
  async get(sha256: string): Promise<Readable> {
    if (!SHA.test(sha256)) throw new Error('not a SHA-256');
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const r = await (await this.s3()).send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
    return (r.Body as Readable).pipe(verifying(sha256));
  }
  async has(sha256: string): Promise<boolean> {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      await (await this.s3()).send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return true;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (e as Error).name === 'NotFound' || (e as Error).name === 'NoSuchKey') return false;
      throw e;
    }
  }
  async *list(): AsyncIterable<string> {
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    let token: string | undefined;
    do {
      const r = await (
        await this.s3()
      ).send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.settings.prefix, ContinuationToken: token }));
      for (const o of r.Contents ?? []) {
        const name = (o.Key ?? '').split('/').pop() ?? '';
        if (SHA.test(name)) yield name;
      }
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }
}

/**
 * Copies every file of `from` that `to` lacks, and checks every file of `from` in `to` by reading it back through its
 * hash. Returns the counts; throws on the first file that does not verify.
 */
export async function migrateBlobs(
  from: BlobStore,
  to: BlobStore,
  tmpDir: string,
  log: (m: string) => void = () => undefined,
): Promise<{ copied: number; verified: number }> {
  await fsp.mkdir(tmpDir, { recursive: true });
  let copied = 0;
  let verified = 0;
  for await (const sha of from.list()) {
    if (!(await to.has(sha))) {
      const tmp = path.join(tmpDir, `${sha}.migrate-${process.pid}`);
      await new Promise<void>((resolve, reject) => {
        void from.get(sha).then(
          (s) =>
            s
              .on('error', reject)
              .pipe(fs.createWriteStream(tmp))
              .on('error', reject)
              .on('finish', () => resolve()),
          reject,
        );
      });
      await to.put(sha, tmp);
      copied++;
    }
    const back = await to.get(sha);
    for await (const _ of back) void _; // drains through the hash check
    verified++;
    if (verified % 500 === 0) log(`${verified} files verified`);
  }
  return { copied, verified };
}

/** A stream that yields `buf` (for tests and small in-memory documents). */
export function bufferStream(buf: Buffer): Readable {
  return Readable.from([buf]);
}
