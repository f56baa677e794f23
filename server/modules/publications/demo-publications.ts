/**
 * Demo mode: the demo city's units publish their lists as of today (plan §3.3), so the public site shows what the
 * demo cases put on them. Each territory account publishes its yellow, red and annual exit lists, the ecology
 * bureau the city-wide over-emission list; a list with nothing on it is not published.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadActor } from '../../platform/auth/auth-plugin.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { localToday } from '../../platform/clock.ts';
import { proposalOf, publishVersion, resolveSeries } from './commands/publish-version.ts';
import { mayPublish, publishersOf } from './publishers.ts';

export async function seedDemoPublications(db: Kysely<DB>, now: Date, referenceSet = 'wuhu'): Promise<number> {
  const p = publishersOf(referenceSet);
  const users = await db.selectFrom('app_user').select('id').where('demo', '=', true).where('role', 'in', ['territory', 'department']).orderBy('id').execute();
  const territories = await db.selectFrom('territory').select('code').where('valid_to', 'is', null).orderBy('sort').execute();
  const postedOn = localToday(now);
  let n = 0;
  for (const u of users) {
    const actor: UserActor | null = await loadActor(db, u.id, 'session');
    if (!actor) continue;
    for (const rule of p.lists) {
      for (const t of territories) {
        if (!mayPublish(p, actor, rule.list, t.code)) continue;
        const s = await resolveSeries(db, p, actor, { list: rule.list, territoryCode: t.code }, now, true);
        const { proposal, latest } = await proposalOf(db, p, s);
        if (latest || proposal.entries.length === 0) continue;
        await publishVersion(db, referenceSet, { list: rule.list, territoryCode: t.code, action: 'publish', postedOn }, { actor, now });
        n++;
      }
    }
  }
  return n;
}
