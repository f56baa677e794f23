/**
 * Backup and restore (issue 18 item 4): a consistent COPY of every table plus the evidence files and a manifest of
 * hashes; a restore into an empty database answers the same (counts, records, the audit chains verify) and a backup
 * whose files were altered is refused before anything is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DB } from '../../server/db/schema.ts';
import { backup, restore, readVerifiedManifest } from '../../server/platform/backup/backup.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import { LocalBlobStore } from '../../server/platform/storage/blob-store.ts';
import { loadDemo } from '../../server/seeds/demo.ts';
import { withDatabaseName } from '../support/global-setup.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-backup-test-'));
const evidenceA = path.join(tmp, 'evidence-a');
const created: string[] = [];

async function emptyDatabase(): Promise<{ pool: pg.Pool; db: Kysely<DB>; name: string }> {
  const base = JSON.parse(inject('pgConnection')) as pg.PoolConfig;
  const name = `r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(withDatabaseName(base, 'postgres'));
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const pool = new pg.Pool({ ...withDatabaseName(base, name), max: 4 });
  pool.on('error', () => undefined); // the database is dropped with force after the file
  return { pool, db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), name };
}

async function tableCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const tables = await pool.query<{ relname: string }>(
    `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by relname`,
  );
  const out: Record<string, number> = {};
  for (const { relname } of tables.rows) out[relname] = Number((await pool.query(`select count(*) as n from "${relname}"`)).rows[0].n);
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2021-03-01T02:00:00Z' });
  await loadDemo(t.db, t.clock.now, () => undefined, { evidenceDir: evidenceA });
});

afterAll(async () => {
  await t.close();
  const base = JSON.parse(inject('pgConnection')) as pg.PoolConfig;
  const admin = new pg.Client(withDatabaseName(base, 'postgres'));
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore (issue 18: a round trip answers the same)', () => {
  it('restores every table, the sequences and the evidence into an empty database; the audit chains verify', async () => {
    const dir = path.join(tmp, 'b1');
    const r = await backup(t.pool, new LocalBlobStore(evidenceA), dir);
    expect(r.rows).toBeGreaterThan(1000);
    expect(r.evidenceFiles).toBeGreaterThan(0);
    const manifest = await readVerifiedManifest(dir);
    expect(manifest.tables.find((x) => x.name === 'enterprise')?.rows).toBeGreaterThan(100);

    const target = await emptyDatabase();
    const evidenceB = path.join(tmp, 'evidence-b');
    const restored = await restore(target.pool, new LocalBlobStore(evidenceB), dir);
    expect(restored.rows).toBe(r.rows);

    const before = await tableCounts(t.pool);
    const after = await tableCounts(target.pool);
    expect(after).toEqual(before);

    // a sample of records, field for field
    const sample = 'select * from enterprise order by id limit 50';
    expect((await target.pool.query(sample)).rows).toEqual((await t.pool.query(sample)).rows);
    const acts = 'select * from case_act order by id desc limit 50';
    expect((await target.pool.query(acts)).rows).toEqual((await t.pool.query(acts)).rows);

    const va = await verifyAudit(t.db);
    const vb = await verifyAudit(target.db);
    expect(vb.ok).toBe(true);
    expect(vb.records).toBe(va.records);

    // sequences continue after the restored rows: a new enterprise id does not collide
    const maxId = Number((await target.pool.query('select max(id) as m from enterprise')).rows[0].m);
    const next = Number((await target.pool.query(`select nextval(pg_get_serial_sequence('enterprise', 'id')) as n`)).rows[0].n);
    expect(next).toBeGreaterThan(maxId);

    // the evidence arrived byte for byte
    for (const ev of manifest.evidence) expect(fs.existsSync(path.join(evidenceB, ev.sha256.slice(0, 2), ev.sha256))).toBe(true);
    await target.db.destroy();
  });

  it('refuses a backup with an altered table file, and writes nothing', async () => {
    const dir = path.join(tmp, 'b2');
    await backup(t.pool, new LocalBlobStore(evidenceA), dir);
    const manifest = await readVerifiedManifest(dir);
    const file = path.join(dir, manifest.tables.find((x) => x.name === 'enterprise')!.file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const target = await emptyDatabase();
    await expect(restore(target.pool, new LocalBlobStore(path.join(tmp, 'evidence-c')), dir)).rejects.toThrow(/does not match its hash/);
    const tables = await target.pool.query(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    expect(tables.rows[0].n).toBe(0);
    await target.db.destroy();
  });

  it('refuses an altered manifest and a database that already holds data', async () => {
    const dir = path.join(tmp, 'b3');
    await backup(t.pool, new LocalBlobStore(evidenceA), dir);
    await expect(restore(t.pool, new LocalBlobStore(evidenceA), dir)).rejects.toThrow(/already holds data/);
    const m = path.join(dir, 'manifest.json');
    fs.writeFileSync(m, fs.readFileSync(m, 'utf8').replace('"rows": ', '"rows": 1'));
    await expect(readVerifiedManifest(dir)).rejects.toThrow(/manifest/);
  });

  it('refuses to write into a directory that is not empty', async () => {
    const dir = path.join(tmp, 'b4');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'x'), 'x');
    await expect(backup(t.pool, new LocalBlobStore(evidenceA), dir)).rejects.toThrow(/not empty/);
  });
});
