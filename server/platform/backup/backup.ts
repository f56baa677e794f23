/**
 * Backup and restore that work on both engines (the embedded PostgreSQL 18 and an external 15–18 server).
 *
 * A backup is a directory: one gzipped COPY text file per table of the migrated schema, all read inside ONE
 * repeatable-read, read-only transaction (so every table is seen at the same instant), the sequences' positions, the
 * evidence files, and `manifest.json` naming every file with its SHA-256 and every table with its row count and the
 * migrations it was taken at. Why COPY and not pg_dump: the embedded packages ship no pg_dump, and Debian's pg_dump
 * 15 refuses a PostgreSQL 18 server (docs/decisions/0011-backup-by-snapshot-copy.md).
 *
 * A restore goes into an empty database: it checks every file against the manifest before writing anything, runs the
 * migrations (which must be the backup's), then loads every table in foreign-key order in one transaction, sets the
 * sequences, copies the evidence files (each checked against its name, which is its hash), and compares row counts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { FatalError } from '../errors.ts';
import { BlobCorruptError, type BlobStore } from '../storage/blob-store.ts';

export const BACKUP_FORMAT = 'phaseout-backup/1';

function invalid(reason: string): FatalError {
  return new FatalError(`The backup is not usable: ${reason}. Nothing was written.`);
}
function mismatch(reason: string): FatalError {
  return new FatalError(`The backup does not fit this version of Phaseout: ${reason}. Nothing was written.`, 'Restore with the version that took the backup.');
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  serverVersion: string;
  /** schema_migrations at the snapshot: version → name */
  migrations: Array<{ version: number; name: string; checksum: string }>;
  tables: Array<{ name: string; columns: string[]; rows: number; file: string; sha256: string; bytes: number }>;
  sequences: Array<{ name: string; lastValue: string | null }>;
  evidence: Array<{ sha256: string; bytes: number }>;
}

export interface BackupResult {
  dir: string;
  tables: number;
  rows: number;
  evidenceFiles: number;
  bytes: number;
}

/** Tables of the public schema in an order where every table comes after the tables it references. */
async function tablesInForeignKeyOrder(client: pg.ClientBase): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    )
  ).rows.map((r) => r.name);
  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  const fks = await client.query<{ child: string; parent: string }>(
    `select cc.relname as child, pc.relname as parent from pg_constraint k
       join pg_class cc on cc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid
       join pg_namespace n on n.oid = cc.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`,
  );
  for (const { child, parent } of fks.rows) if (child !== parent) deps.get(child)?.add(parent);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, trail: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...trail, t].join(' → ')}`);
    state.set(t, 'visiting');
    for (const p of [...(deps.get(t) ?? [])].sort()) visit(p, [...trail, t]);
    state.set(t, 'done');
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<string[]> {
  const r = await client.query<{ attname: string }>(
    `select a.attname from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
        and a.attgenerated = '' order by a.attnum`,
    [`public.${quoteIdent(table)}`],
  );
  return r.rows.map((x) => x.attname);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A pass-through stream that hashes and counts what flows through it. */
class Hasher extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/** Counts the lines of COPY text (one row per line: COPY escapes newlines inside values). */
class LineCounter extends Transform {
  lines = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    cb(null, chunk);
  }
}

async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = new Hasher();
  await pipeline(fs.createReadStream(file), h, new Transform({ transform: (_c, _e, cb) => cb() }));
  return { sha256: h.hash.digest('hex'), bytes: h.bytes };
}

/**
 * Writes a consistent backup of the database behind `pool` and the files of the evidence store into `dir`
 * (created; must be empty or absent).
 */
export async function backup(pool: pg.Pool, evidence: BlobStore, dir: string, now: Date = new Date()): Promise<BackupResult> {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new FatalError(`The backup directory ${dir} is not empty.`, 'Name a new or empty directory.');
  await fsp.mkdir(path.join(dir, 'tables'), { recursive: true });
  const client = await pool.connect();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: now.toISOString(),
    serverVersion: '',
    migrations: [],
    tables: [],
    sequences: [],
    evidence: [],
  };
  let rows = 0;
  let bytes = 0;
  try {
    await client.query('begin isolation level repeatable read read only');
    manifest.serverVersion = (await client.query<{ v: string }>('show server_version')).rows[0]?.v ?? '';
    manifest.migrations = (
      await client.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from schema_migrations order by version')
    ).rows;
    for (const table of await tablesInForeignKeyOrder(client)) {
      const columns = await columnsOf(client, table);
      const file = `tables/${table}.copy.gz`;
      const target = path.join(dir, file);
      const counter = new LineCounter();
      const hasher = new Hasher();
      const cols = columns.map(quoteIdent).join(', ');
      await pipeline(client.query(copyTo(`copy public.${quoteIdent(table)} (${cols}) to stdout`)), counter, createGzip(), hasher, fs.createWriteStream(target));
      manifest.tables.push({ name: table, columns, rows: counter.lines, file, sha256: hasher.hash.digest('hex'), bytes: hasher.bytes });
      rows += counter.lines;
      bytes += hasher.bytes;
    }
    manifest.sequences = (
      await client.query<{ name: string; last_value: string | null }>(
        `select sequencename as name, last_value::text as last_value from pg_sequences where schemaname = 'public' order by sequencename`,
      )
    ).rows.map((r) => ({ name: r.name, lastValue: r.last_value }));
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  // Evidence files are content-addressed and never change: copying them after the snapshot is consistent with it
  // (a file uploaded meanwhile is simply extra). Each is checked against its name as it is read from the store.
  for await (const sha of evidence.list()) {
    const rel = path.join('evidence', sha.slice(0, 2), sha);
    await fsp.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    try {
      await pipeline(await evidence.get(sha), fs.createWriteStream(path.join(dir, rel)));
    } catch (e) {
      if (e instanceof BlobCorruptError) throw new FatalError(`Evidence file ${sha} does not match its hash: the evidence store is damaged.`);
      throw e;
    }
    const got = await sha256File(path.join(dir, rel));
    manifest.evidence.push({ sha256: sha, bytes: got.bytes });
    bytes += got.bytes;
  }
  const text = JSON.stringify(manifest, null, 2);
  await fsp.writeFile(path.join(dir, 'manifest.json'), text);
  await fsp.writeFile(path.join(dir, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}  manifest.json\n`);
  return { dir, tables: manifest.tables.length, rows, evidenceFiles: manifest.evidence.length, bytes };
}

/** Reads the manifest and checks every file it names, before anything is written. */
export async function readVerifiedManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw invalid('manifest.json is missing');
  }
  const declared = (await fsp.readFile(path.join(dir, 'manifest.sha256'), 'utf8').catch(() => '')).split(/\s+/)[0];
  if (declared !== createHash('sha256').update(text).digest('hex')) throw invalid('manifest.json does not match manifest.sha256');
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw invalid(`unknown format ${String(manifest.format)}`);
  for (const t of manifest.tables) {
    if (!/^tables\/[a-z0-9_]+\.copy\.gz$/.test(t.file)) throw invalid(`bad file name ${t.file}`);
    const got = await sha256File(path.join(dir, t.file)).catch(() => null);
    if (!got || got.sha256 !== t.sha256) throw invalid(`${t.file} does not match its hash in the manifest`);
  }
  for (const ev of manifest.evidence) {
    if (!/^[0-9a-f]{64}$/.test(ev.sha256)) throw invalid(`bad evidence name ${ev.sha256}`);
    const got = await sha256File(path.join(dir, 'evidence', ev.sha256.slice(0, 2), ev.sha256)).catch(() => null);
    if (!got || got.sha256 !== ev.sha256) throw invalid(`evidence ${ev.sha256} is missing or altered`);
  }
  return manifest;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  evidenceFiles: number;
}

/**
 * Restores a backup into the database behind `pool`, which must hold no data (a new database, or one with only the
 * migrated schema), and puts the evidence into the evidence store. All or nothing for the database.
 */
export async function restore(pool: pg.Pool, evidence: BlobStore, dir: string): Promise<RestoreResult> {
  const manifest = await readVerifiedManifest(dir);
  const ours = listMigrations().map((m) => `${m.version}:${m.checksum}`);
  const theirs = manifest.migrations.map((m) => `${m.version}:${m.checksum}`);
  if (ours.join(',') !== theirs.join(',')) {
    throw mismatch(
      `the backup was taken at migrations ${manifest.migrations.map((m) => m.version).join(',')}; this version has ${listMigrations()
        .map((m) => m.version)
        .join(',')}`,
    );
  }
  await migrate(pool);
  const client = await pool.connect();
  let rows = 0;
  try {
    const used = await client.query<{ n: number }>(
      `select (select count(*) from app_user)::int + (select count(*) from enterprise)::int + (select count(*) from audit_log)::int as n`,
    );
    if ((used.rows[0]?.n ?? 0) > 0)
      throw new FatalError(
        'The target database already holds data (accounts, enterprises or audit records).',
        'Restore into a new, empty database (a fresh PHASEOUT_DATA_DIR or an empty DATABASE_URL database).',
      );
    await client.query('begin');
    const order = await tablesInForeignKeyOrder(client);
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    for (const t of manifest.tables) if (!order.includes(t.name)) throw mismatch(`table ${t.name} does not exist here`);
    // Rows the migrations themselves insert (e.g. the audit stream heads) are replaced by the backup's.
    for (const table of [...order].reverse()) {
      if (table === 'schema_migrations' || !byName.has(table)) continue;
      const any = await client.query(`select 1 from public.${quoteIdent(table)} limit 1`);
      if (any.rowCount) await client.query(`delete from public.${quoteIdent(table)}`);
    }
    for (const table of order) {
      const t = byName.get(table);
      if (!t) continue;
      if (table === 'schema_migrations') {
        rows += t.rows; // checked equal to this version's migrations above
        continue;
      }
      const cols = t.columns.map(quoteIdent).join(', ');
      await pipeline(
        fs.createReadStream(path.join(dir, t.file)),
        createGunzip(),
        client.query(copyFrom(`copy public.${quoteIdent(table)} (${cols}) from stdin`)),
      );
      const n = (await client.query<{ n: number }>(`select count(*)::int as n from public.${quoteIdent(table)}`)).rows[0]?.n ?? -1;
      if (n !== t.rows) throw invalid(`table ${table}: ${n} rows restored, ${t.rows} in the manifest`);
      rows += n;
    }
    for (const s of manifest.sequences) {
      if (s.lastValue === null) continue;
      await client.query(`select setval($1::regclass, $2::bigint, true)`, [`public.${quoteIdent(s.name)}`, s.lastValue]);
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  const staging = path.join(dir, '.restore-staging');
  await fsp.mkdir(staging, { recursive: true });
  for (const ev of manifest.evidence) {
    if (await evidence.has(ev.sha256)) continue;
    const tmp = path.join(staging, ev.sha256);
    await fsp.copyFile(path.join(dir, 'evidence', ev.sha256.slice(0, 2), ev.sha256), tmp);
    if ((await sha256File(tmp)).sha256 !== ev.sha256) throw invalid(`evidence ${ev.sha256} changed while restoring`);
    await evidence.put(ev.sha256, tmp);
  }
  await fsp.rm(staging, { recursive: true, force: true });
  return { tables: manifest.tables.length, rows, evidenceFiles: manifest.evidence.length };
}
