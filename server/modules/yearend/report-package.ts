/**
 * The signed package a city sends its province (issue 12): a JSON document with a manifest (city, year, version,
 * each file's SHA-256 and size) signed with the city's Ed25519 key (node:crypto), and the files as text. The
 * province verifies it against the key it registered for that city and refuses — with the reason, writing
 * nothing — a package whose signature fails, whose city is not registered, whose year is not the one expected, or
 * whose files do not match the manifest.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { canonical, writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { ReportBody, ReportRow } from './yearend.repository.ts';

export const PACKAGE_FORMAT = 'phaseout-city-report/1';

export interface Manifest {
  format: string;
  cityCode: string;
  cityName: string;
  year: number;
  version: number;
  reportStatus: string;
  approvedAt: string | null;
  createdAt: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
}

export interface ReportPackage {
  manifest: Manifest;
  files: Record<string, string>;
  signature: { algorithm: 'Ed25519'; value: string };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The city's signing key pair (PEM), generated on first use and kept in the database. */
export async function signingKey(db: Kysely<DB>): Promise<{ publicKey: string; privateKey: string }> {
  const have = await db.selectFrom('report_signing_key').select(['public_key', 'private_key']).executeTakeFirst();
  if (have) return { publicKey: have.public_key, privateKey: have.private_key };
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await sql`insert into report_signing_key (id, public_key, private_key) values (true, ${publicKey}, ${privateKey}) on conflict (id) do nothing`.execute(db);
  const row = await db.selectFrom('report_signing_key').select(['public_key', 'private_key']).executeTakeFirstOrThrow();
  return { publicKey: row.public_key, privateKey: row.private_key };
}

/** SHA-256 of the public key's DER: what the office reads out to the province when it registers the key. */
export function keyFingerprint(publicKeyPem: string): string {
  return createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Builds and signs the package of an approved (or reported) report version. */
export function buildPackage(
  r: Pick<ReportRow, 'year' | 'version' | 'status' | 'approved_at'> & { body: ReportBody },
  privateKeyPem: string,
  now: Date,
): ReportPackage {
  if (r.status !== 'approved' && r.status !== 'reported')
    throw new AppError('REPORT_STATE', { status: r.status, reason: 'only an approved report is sent up' });
  const report = JSON.stringify(r.body);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    cityCode: r.body.cityCode,
    cityName: r.body.cityName,
    year: r.year,
    version: r.version,
    reportStatus: r.status,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    createdAt: now.toISOString(),
    files: [{ name: 'report.json', sha256: sha256(report), bytes: Buffer.byteLength(report, 'utf8') }],
  };
  const value = sign(null, Buffer.from(canonical(manifest), 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
  return { manifest, files: { 'report.json': report }, signature: { algorithm: 'Ed25519', value } };
}

const refuse = (reason: string, zh: string, extra: Record<string, unknown> = {}) => new AppError('PACKAGE_REFUSED', { reason, reasonZh: zh, ...extra });

/** Verifies a package against the key registered for its city and the year expected; answers the parsed report. */
export function verifyPackage(p: ReportPackage, registered: { publicKey: string } | undefined, expectedYear: number): ReportBody {
  if (p.manifest.format !== PACKAGE_FORMAT) throw refuse('unknown package format', '数据包格式不识别', { format: p.manifest.format });
  if (!registered) throw refuse('no key is registered for this city', '该市未登记签名公钥', { cityCode: p.manifest.cityCode });
  let ok = false;
  try {
    ok = verify(null, Buffer.from(canonical(p.manifest), 'utf8'), createPublicKey(registered.publicKey), Buffer.from(p.signature.value, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('the signature does not verify with the key registered for this city', '签名与该市登记的公钥不符', { cityCode: p.manifest.cityCode });
  if (p.manifest.year !== expectedYear) throw refuse('the package is for another year', '数据包年度不符', { expected: expectedYear, got: p.manifest.year });
  const names = new Set(p.manifest.files.map((f) => f.name));
  const extra = Object.keys(p.files).filter((n) => !names.has(n));
  if (extra.length) throw refuse('files not named in the manifest', '数据包含有清单以外的文件', { files: extra });
  for (const f of p.manifest.files) {
    const text = p.files[f.name];
    if (text === undefined || sha256(text) !== f.sha256 || Buffer.byteLength(text, 'utf8') !== f.bytes)
      throw refuse('a file does not match its SHA-256 in the manifest (tampered)', '文件与清单中的SHA-256不符（已被篡改）', { file: f.name });
  }
  const report = JSON.parse(p.files['report.json'] ?? 'null') as ReportBody | null;
  if (!report || report.year !== p.manifest.year || report.cityCode !== p.manifest.cityCode)
    throw refuse('the report does not match its manifest', '报告内容与清单不符');
  return report;
}

/** Imports a verified package at the province: one row and its audit record, or nothing. */
export async function importPackage(db: Kysely<DB>, p: ReportPackage, expectedYear: number, meta: AuditMeta): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const key = await trx.selectFrom('province_city_key').select(['public_key']).where('city_code', '=', p.manifest.cityCode).executeTakeFirst();
    const report = verifyPackage(p, key ? { publicKey: key.public_key } : undefined, expectedYear);
    const dup = await trx
      .selectFrom('province_city_report')
      .select('id')
      .where('city_code', '=', p.manifest.cityCode)
      .where('year', '=', p.manifest.year)
      .where('version', '=', p.manifest.version)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', { reason: 'this version of the city report is already imported', id: Number(dup.id) });
    const row = await trx
      .insertInto('province_city_report')
      .values({
        city_code: p.manifest.cityCode,
        year: p.manifest.year,
        version: p.manifest.version,
        package_sha256: sha256(canonical(p)),
        manifest: JSON.stringify(p.manifest),
        body: JSON.stringify(report),
        imported_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: 'province.import',
      entityType: 'cityReport',
      entityId: Number(row.id),
      basisId: 'plan-2020-§3.4',
      before: null,
      after: { manifest: p.manifest },
    });
    return Number(row.id);
  });
}

export async function registerCityKey(db: Kysely<DB>, cityCode: string, cityName: string, publicKeyPem: string, meta: AuditMeta): Promise<string> {
  let fingerprint: string;
  try {
    const k = createPublicKey(publicKeyPem);
    if (k.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    fingerprint = keyFingerprint(publicKeyPem);
  } catch {
    throw new AppError('INVALID_FIELD', { field: '/publicKeyPem', reason: 'an Ed25519 public key in PEM (SPKI)' });
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('province_city_key').select(['public_key']).where('city_code', '=', cityCode).executeTakeFirst();
    await trx
      .insertInto('province_city_key')
      .values({ city_code: cityCode, city_name: cityName, public_key: publicKeyPem, registered_at: meta.now })
      .onConflict((oc) => oc.column('city_code').doUpdateSet({ city_name: cityName, public_key: publicKeyPem, registered_at: meta.now }))
      .execute();
    await writeAudit(trx, meta, {
      act: 'province.registerKey',
      entityType: 'cityKey',
      entityId: cityCode,
      basisId: 'plan-2020-§3.4',
      before: before ? { fingerprint: keyFingerprint(before.public_key) } : null,
      after: { cityName, fingerprint },
    });
  });
  return fingerprint;
}
