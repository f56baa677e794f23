/**
 * Public tips (举报, issue 14): the services (the five dimensions and the suspected restart or relocation of exited
 * equipment), submitting a tip (anonymous allowed, rate-limited per client address, photos checked and stripped),
 * and the triage acts of the responsible unit. Every write is one transaction with its audit record.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { SystemActor, UserActor } from '../../platform/auth/actor.ts';
import { publishersOf, tipUnit } from '../publications/index.ts';
import { ImageRejected, sanitizeImage } from './images.ts';

export const TIP_SERVICES = [
  { code: 'energy', zh: '能耗超标', en: 'Energy consumption above the limit standards', group: 'dimension', basisId: 'plan-2020-§2.1' },
  { code: 'environment', zh: '超标排放', en: 'Pollutant discharge above standards', group: 'dimension', basisId: 'plan-2020-§2.2' },
  { code: 'quality', zh: '产品质量、无证生产', en: 'Non-conforming products or production without a licence', group: 'dimension', basisId: 'plan-2020-§2.3' },
  { code: 'safety', zh: '安全生产隐患', en: 'Work-safety hazards', group: 'dimension', basisId: 'plan-2020-§2.4' },
  { code: 'technology', zh: '淘汰类工艺设备', en: 'Eliminated process technology or equipment', group: 'dimension', basisId: 'plan-2020-§2.5' },
  {
    code: 'restart',
    zh: '已退出设备疑似复产或异地转移',
    en: 'Suspected restart or relocation of exited equipment',
    group: 'restart',
    basisId: 'plan-2020-§2.5',
  },
] as const;
export type TipServiceCode = (typeof TIP_SERVICES)[number]['code'];
export const TIP_SERVICE_CODES = TIP_SERVICES.map((s) => s.code) as readonly string[];

export const TIP_STATUS_NAMES: Record<string, { zh: string; en: string; open311: 'open' | 'closed' }> = {
  received: { zh: '已受理，待核查', en: 'Received, awaiting triage', open311: 'open' },
  caseOpened: { zh: '已立案处理', en: 'A case has been opened', open311: 'closed' },
  reinspectionOrdered: { zh: '已安排现场复查', en: 'A re-inspection has been ordered', open311: 'open' },
  merged: { zh: '与已有举报合并处理', en: 'Merged with an earlier tip on the same facts', open311: 'closed' },
  rejected: { zh: '不予立案', en: 'Not taken up', open311: 'closed' },
};

const PUBLIC_ACTOR: SystemActor = { kind: 'system', name: 'public' };

export interface TipInput {
  serviceCode: string;
  description: string;
  territoryCode: string;
  address?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  enterpriseName?: string | undefined;
  contact?: string | undefined;
  photos: Buffer[];
}

let saltCache: string | null = null;
async function sourceHash(db: Kysely<DB>, ip: string): Promise<string> {
  saltCache ??= (await db.selectFrom('tip_salt').select('salt').executeTakeFirstOrThrow()).salt;
  return createHash('sha256').update(`${saltCache}|${ip}`).digest('hex');
}

/** A tracking code: 12 characters without look-alikes (0/O, 1/I/L), e.g. JB7K2M9QXR4T. */
export function newTrackingCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(10);
  return `JB${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const field = (name: string, reason: string) => new AppError('VALIDATION_FAILED', { errors: [{ field: `/${name}`, message: reason }] });

/** Submits a tip from the public; answers its tracking code and the responsible unit. */
export async function submitTip(
  db: Kysely<DB>,
  referenceSet: string,
  input: TipInput,
  req: { ip: string; now: Date; requestId?: string },
): Promise<{ id: number; trackingCode: string }> {
  const p = publishersOf(referenceSet);
  const lim = p.tipLimits;
  if (!TIP_SERVICE_CODES.includes(input.serviceCode)) throw field('serviceCode', `one of ${TIP_SERVICE_CODES.join(', ')}`);
  const description = input.description.trim();
  if (description.length < 5 || description.length > 2000) throw field('description', 'between 5 and 2000 characters');
  const territory = await db
    .selectFrom('territory')
    .select(['code', 'kind'])
    .where('code', '=', input.territoryCode)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  if (!territory || territory.kind === 'city') throw field('territoryCode', 'a current county, district or zone code');
  if (input.photos.length > lim.maxPhotos) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'media', reason: `at most ${lim.maxPhotos} photos` });
  const photos = input.photos.map((b, i) => {
    if (b.length > lim.maxPhotoBytes) throw new AppError('PAYLOAD_TOO_LARGE', { field: `media/${i}`, reason: `at most ${lim.maxPhotoBytes} bytes per photo` });
    try {
      return sanitizeImage(b);
    } catch (e) {
      if (e instanceof ImageRejected) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: `media/${i}`, reason: e.reason });
      throw e;
    }
  });
  const source = await sourceHash(db, req.ip);
  const unit = tipUnit(p, input.serviceCode, territory.code);
  const trackingCode = newTrackingCode();
  const id = await db.transaction().execute(async (trx) => {
    // the per-address limit, counted under a lock on the address so parallel submissions cannot pass it together
    await sql`select pg_advisory_xact_lock(hashtext(${`tip:${source}`}))`.execute(trx);
    const since = new Date(req.now.getTime() - 3600_000);
    const n = await trx
      .selectFrom('tip')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('source_hash', '=', source)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (n.n >= lim.perAddressPerHour)
      throw new AppError('RATE_LIMITED', { reason: `at most ${lim.perAddressPerHour} tips per hour from one address`, retryAfterSeconds: 3600 });
    const row = await trx
      .insertInto('tip')
      .values({
        tracking_code: trackingCode,
        service_code: input.serviceCode,
        description,
        territory_code: territory.code,
        address: input.address?.trim() || null,
        latitude: input.latitude === undefined ? null : input.latitude.toFixed(6),
        longitude: input.longitude === undefined ? null : input.longitude.toFixed(6),
        enterprise_name: input.enterpriseName?.trim() || null,
        contact: input.contact?.trim() || null,
        unit_kind: unit.kind,
        unit_code: unit.code,
        source_hash: source,
        created_at: req.now,
        updated_at: req.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, ph] of photos.entries()) {
      await trx
        .insertInto('tip_attachment')
        .values({
          tip_id: row.id,
          n: i + 1,
          sha256: createHash('sha256').update(ph.data).digest('hex'),
          mime_type: ph.type,
          size_bytes: ph.data.length,
          data: ph.data,
        })
        .execute();
    }
    const meta: AuditMeta = { actor: PUBLIC_ACTOR, now: req.now, requestId: req.requestId };
    await writeAudit(trx, meta, {
      act: 'tip.submit',
      entityType: 'tip',
      entityId: row.id,
      after: { trackingCode, serviceCode: input.serviceCode, territoryCode: territory.code, unit, photos: photos.length },
    });
    return row.id;
  });
  return { id, trackingCode };
}

export type TriageInput =
  | { action: 'openCase'; caseId: number; note?: string | undefined }
  | { action: 'orderReinspection'; note: string }
  | { action: 'merge'; intoTrackingCode: string }
  | { action: 'reject'; reason: string };

/** Whether this account triages tips of this unit (the responsible unit only). */
export function mayTriage(actor: UserActor, unitKind: string, unitCode: string): boolean {
  return unitKind === 'territory'
    ? actor.role === 'territory' && actor.territoryCode === unitCode
    : actor.role === 'department' && actor.departmentCode === unitCode;
}

/** Who may read a tip: its responsible unit, and the office. */
export function mayReadTip(actor: UserActor, unitKind: string, unitCode: string): boolean {
  return actor.role === 'office' || mayTriage(actor, unitKind, unitCode);
}

export async function triageTip(db: Kysely<DB>, id: number, input: TriageInput, meta: AuditMeta & { actor: UserActor }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const tip = await trx.selectFrom('tip').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!tip || !mayReadTip(meta.actor, tip.unit_kind, tip.unit_code)) throw new AppError('NOT_FOUND');
    if (!mayTriage(meta.actor, tip.unit_kind, tip.unit_code)) throw new AppError('FORBIDDEN', { reason: 'only the responsible unit triages this tip' });
    if (['caseOpened', 'merged', 'rejected'].includes(tip.status)) throw new AppError('TIP_CLOSED', { status: tip.status });
    const set: Record<string, unknown> = { updated_at: meta.now, version: sql`version + 1` };
    switch (input.action) {
      case 'openCase': {
        const c = await trx.selectFrom('case_file').select(['id', 'territory_code']).where('id', '=', input.caseId).executeTakeFirst();
        // the case must lie where the tip points (the unit's own territory, or any territory for a city department)
        if (!c || (tip.unit_kind === 'territory' && c.territory_code !== tip.unit_code) || c.territory_code !== tip.territory_code) {
          throw new AppError('INVALID_FIELD', { field: 'caseId', reason: 'a case in the territory of the tip' });
        }
        Object.assign(set, { status: 'caseOpened', case_id: c.id, public_note: input.note?.trim() || null });
        break;
      }
      case 'orderReinspection':
        Object.assign(set, { status: 'reinspectionOrdered', public_note: input.note.trim() });
        break;
      case 'merge': {
        const into = await trx
          .selectFrom('tip')
          .select(['id', 'unit_kind', 'unit_code', 'merged_into'])
          .where('tracking_code', '=', input.intoTrackingCode)
          .executeTakeFirst();
        if (!into || into.id === tip.id || into.unit_kind !== tip.unit_kind || into.unit_code !== tip.unit_code || into.merged_into !== null) {
          throw new AppError('INVALID_FIELD', { field: 'intoTrackingCode', reason: 'another open tip of the same unit' });
        }
        Object.assign(set, { status: 'merged', merged_into: into.id, public_note: null });
        break;
      }
      case 'reject':
        Object.assign(set, { status: 'rejected', public_note: input.reason.trim() });
        break;
    }
    await trx
      .updateTable('tip')
      .set(set as never)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: `tip.${input.action}`,
      entityType: 'tip',
      entityId: id,
      before: { status: tip.status },
      after: { ...input, status: set.status },
    });
  });
}
