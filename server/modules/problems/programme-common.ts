/**
 * What the programme modules (problems, exit plans, supervision; plan §3.1, §3.3) share: the caller's role in the
 * pure domain, the territory a record may be written for, and notifications to a territory's or the office's unit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { ProgrammeRole } from '../../domain/programme/problems.ts';

export const PROGRAMME_READERS = ['office', 'department', 'territory', 'government'] as const;
export const PROGRAMME_WRITERS = ['office', 'territory'] as const;

export function roleOf(actor: Actor): ProgrammeRole {
  return actor.kind === 'system' ? 'office' : actor.role;
}

/** Whether the actor may write programme records of `territoryCode` (office: all; a territory account: its own). */
export function mayWriteTerritory(actor: Actor, territoryCode: string): boolean {
  if (actor.kind === 'system' || actor.role === 'office') return true;
  return actor.role === 'territory' && actor.territoryCode === territoryCode;
}

/**
 * Checks that `code` is a current territory below the city (a district, county, county-level city or zone) and
 * that the actor may write for it. Unknown → UNKNOWN_TERRITORY; someone else's → FORBIDDEN.
 */
export async function assertWritableTerritory(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  code: string,
  today: string,
  field = 'territoryCode',
): Promise<void> {
  const t = await db.selectFrom('territory').select(['code', 'kind', 'valid_to', 'valid_from']).where('code', '=', code).executeTakeFirst();
  if (!t || t.kind === 'city') throw new AppError('UNKNOWN_TERRITORY', { field, territoryCode: code });
  if ((t.valid_to !== null && t.valid_to < today) || (t.valid_from !== null && t.valid_from > today))
    throw new AppError('TERRITORY_NOT_CURRENT', { field, territoryCode: code });
  if (!mayWriteTerritory(actor, code)) throw new AppError('FORBIDDEN', { reason: 'a territory account writes its own lists and plans only' });
}

/** One notification to a unit (the notifications module's table; read marks stay per unit). */
export async function notifyUnit(
  trx: Transaction<DB>,
  n: { unitKind: 'territory' | 'office'; unitCode: string; kind: string; title: string; titleEn: string },
): Promise<void> {
  await trx
    .insertInto('notification')
    .values({ unit_kind: n.unitKind, unit_code: n.unitCode, case_id: null, kind: n.kind, title: n.title, title_en: n.titleEn })
    .execute();
}

/** Territory names by code (for presenters and sheets: names, not codes). */
export async function territoryNames(db: Kysely<DB>): Promise<Map<string, { name: string; nameEn: string }>> {
  const rows = await db.selectFrom('territory').select(['code', 'name', 'name_en']).execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.name_en }]));
}

let programmeVersion = 0;
/**
 * A counter of programme writes in this process (problem items, plans, supervision records): the supervision
 * indicators' cached answer is reused only while it and the roll-up counter are where they were (like the overview).
 */
export function programmeChanged(): void {
  programmeVersion++;
}
export function programmeVersionNow(): number {
  return programmeVersion;
}

/** Trimmed text or null. */
export const optText = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s.trim());
