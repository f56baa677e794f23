/**
 * Notifications: the Notification shape, the unit an account receives them for, and the reads (the deadline sweep
 * writes them; read marks are per unit). Used by the notifications routes and the workbench.
 */
import { Type } from '@sinclair/typebox';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { IsoInstant } from '../../platform/http/schemas.ts';

export const Notification = Type.Object({
  id: Type.Integer(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  createdAt: IsoInstant,
  readAt: Type.Union([IsoInstant, Type.Null()]),
});

/**
 * The notifications of the unit an account reads: the unit's own and those addressed to this account (a case
 * assigned to it, migration 0044) — never those addressed to a colleague.
 */
export const forAccount = (actor: UserActor) => sql<SqlBool>`(notification.user_id is null or notification.user_id = ${actor.userId})`;

/** The unit an account receives notifications for (null: none, e.g. the government account). */
export function unitOf(actor: UserActor): { kind: 'territory' | 'department' | 'office'; code: string } | null {
  if (actor.role === 'territory' && actor.territoryCode) return { kind: 'territory', code: actor.territoryCode };
  if (actor.role === 'department' && actor.departmentCode) return { kind: 'department', code: actor.departmentCode };
  if (actor.role === 'office') return { kind: 'office', code: 'office' };
  return null;
}

type NotificationRow = { id: number; case_id: number | null; kind: string; title: string; title_en: string; created_at: Date; read_at: Date | null };
export const presentNotification = (n: NotificationRow) => ({
  id: n.id,
  caseId: n.case_id,
  kind: n.kind,
  title: n.title,
  titleEn: n.title_en,
  createdAt: new Date(n.created_at).toISOString(),
  readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
});

export async function listNotifications(db: Kysely<DB>, actor: UserActor, opts: { unread?: boolean | undefined; limit: number; offset: number }) {
  const unit = unitOf(actor);
  if (!unit) return { rows: [] as NotificationRow[], total: 0 };
  const base = db
    .selectFrom('notification')
    .where('unit_kind', '=', unit.kind)
    .where('unit_code', '=', unit.code)
    .where(forAccount(actor))
    .$if(opts.unread === true, (q) => q.where('read_at', 'is', null));
  const [rows, count] = await Promise.all([
    base.select(['id', 'case_id', 'kind', 'title', 'title_en', 'created_at', 'read_at']).orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
