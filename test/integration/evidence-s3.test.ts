/**
 * Evidence in an S3-compatible object store (issue 18 item 3), tested against s3rver (an S3-compatible server from the
 * npm registry) on loopback: uploads land in the bucket and not in the data dir, downloads stream from it, a file
 * altered in the store fails its hash check on read, and `migrateBlobs` moves every file between the stores and
 * verifies each by its hash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEvidenceObjectStore } from '../../server/modules/cases/evidence-store.ts';
import { BlobCorruptError, LocalBlobStore, S3BlobStore, migrateBlobs } from '../../server/platform/storage/blob-store.ts';
import { freePort } from '../../server/platform/db/embedded.ts';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/factories.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-s3-'));
let server: S3rver;
let endpoint = '';
let store: S3BlobStore;
let t: TestApp;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const port = await freePort();
  server = new S3rver({ address: '127.0.0.1', port, silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'phaseout', configs: [] }] });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  store = new S3BlobStore({ bucket: 'phaseout', endpoint, region: 'us-east-1', prefix: 'evidence/' });
  t = await createTestApp();
  await standardUsers(t);
  useEvidenceObjectStore(store);
});

afterAll(async () => {
  useEvidenceObjectStore(undefined);
  await t?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('evidence in an S3-compatible object store (issue 18 item 3)', () => {
  it('an upload lands in the bucket, not in the data dir, and downloads from it byte for byte', async () => {
    const office = await t.as('office');
    const mp = multipart(PDF, '现场照片.pdf', 'application/pdf');
    const up = await office.request('POST', '/api/v1/evidence', mp.body, mp.headers);
    expect(up.statusCode, up.body).toBe(201);
    const sha = (up.json() as { sha256: string }).sha256;
    expect(await store.has(sha)).toBe(true);
    const localDir = t.app.ctx.evidenceDir!;
    expect(fs.existsSync(path.join(localDir, sha.slice(0, 2), sha))).toBe(false);
    const down = await office.get(`/api/v1/evidence/${sha}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
  });

  it('a file altered in the store fails its hash check when read', async () => {
    const local = new LocalBlobStore(path.join(tmp, 'stage'));
    fs.mkdirSync(path.join(tmp, 'stage'), { recursive: true });
    const content = Buffer.from('%PDF-1.4\nthe original\n%%EOF\n');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(content).digest('hex');
    const file = path.join(tmp, 'stage', 'x');
    fs.writeFileSync(file, content);
    await store.put(sha, file);
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    await client.send(new PutObjectCommand({ Bucket: 'phaseout', Key: `evidence/${sha.slice(0, 2)}/${sha}`, Body: Buffer.from('%PDF-1.4\nswapped\n%%EOF\n') }));
    const read = async () => {
      const chunks: Buffer[] = [];
      for await (const c of await store.get(sha)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    await expect(read()).rejects.toBeInstanceOf(BlobCorruptError);
    expect(await local.has(sha)).toBe(false);
  });

  it('migrates every file between the data dir and the bucket, verifying each by its hash', async () => {
    const from = new LocalBlobStore(path.join(tmp, 'local-a'));
    const { createHash } = await import('node:crypto');
    const shas: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = Buffer.from(`%PDF-1.4\nfile ${i}\n%%EOF\n`);
      const sha = createHash('sha256').update(c).digest('hex');
      const f = path.join(tmp, `m${i}`);
      fs.writeFileSync(f, c);
      await from.put(sha, f);
      shas.push(sha);
    }
    const target = new S3BlobStore({ bucket: 'phaseout', endpoint, region: 'us-east-1', prefix: 'migrated/' });
    const up = await migrateBlobs(from, target, path.join(tmp, 'mtmp'));
    expect(up).toEqual({ copied: 12, verified: 12 });
    // again: nothing to copy, everything verified
    expect(await migrateBlobs(from, target, path.join(tmp, 'mtmp'))).toEqual({ copied: 0, verified: 12 });
    // and back into an empty data dir
    const back = new LocalBlobStore(path.join(tmp, 'local-b'));
    expect(await migrateBlobs(target, back, path.join(tmp, 'mtmp'))).toEqual({ copied: 12, verified: 12 });
    for (const sha of shas) expect(await back.has(sha)).toBe(true);
  });
});
