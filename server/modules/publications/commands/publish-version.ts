/**
 * Publishes, corrects or withdraws a public list (plan §3.3; issue 14): one new immutable version, numbered,
 * content-hashed and chained to the previous version of its series, with the audit record, in one transaction.
 * publish / correct: the entries are the proposal computed now from the cases (or the capacity ledger) minus the
 * entries the unit excluded with a recorded reason; withdraw: no entries. A correction or withdrawal must say why.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import {
  diffEntries,
  GENESIS_HASH,
  LIST_RULES,
  propose,
  seriesKey,
  versionHash,
  versionNumber,
  type HashedVersion,
  type ListKind,
  type Proposal,
  type PublicEntry,
} from '../../../domain/publication/lists.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { localToday } from '../../../platform/clock.ts';
import { latestVersion, loadCandidates, versionById, type VersionRow } from '../publications.repository.ts';
import { mayPublish, mayRead, publishersOf, publishingUnit, ruleOf, type Publishers } from '../publishers.ts';
import { publicationsChanged } from '../public-store.ts';

export interface SeriesRef {
  list: ListKind;
  territoryCode: string;
  /** the annual exit list's year (defaults to the current year) */
  year?: number | undefined;
}

export interface PublishInput extends SeriesRef {
  action: 'publish' | 'correct' | 'withdraw';
  postedOn: string;
  exclusions?: Array<{ creditCode: string; reason: string }> | undefined;
  reason?: string | undefined;
}

export interface ResolvedSeries {
  series: string;
  kind: ListKind;
  territoryCode: string;
  territoryName: string;
  year: number | null;
}

/** Checks the caller may read (or publish) the series; out of scope answers 404 like a missing list. */
export async function resolveSeries(db: Kysely<DB>, p: Publishers, actor: UserActor, ref: SeriesRef, now: Date, publish: boolean): Promise<ResolvedSeries> {
  const allowed = publish ? mayPublish(p, actor, ref.list, ref.territoryCode) : mayRead(p, actor, ref.list, ref.territoryCode);
  if (!allowed) {
    // a reader who may see the list but not publish it is refused as such; anyone else learns nothing
    if (publish && mayRead(p, actor, ref.list, ref.territoryCode))
      throw new AppError('FORBIDDEN', { reason: 'only the publishing unit publishes this list', list: ref.list });
    throw new AppError('NOT_FOUND', { list: ref.list, territoryCode: ref.territoryCode });
  }
  const t = await db.selectFrom('territory').select(['code', 'name']).where('code', '=', ref.territoryCode).executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND', { territoryCode: ref.territoryCode });
  const year = LIST_RULES[ref.list].ledger ? (ref.year ?? Number(localToday(now).slice(0, 4))) : null;
  return { series: seriesKey(ref.list, ref.territoryCode, year), kind: ref.list, territoryCode: ref.territoryCode, territoryName: t.name, year };
}

/** The proposal of a series against its version in force (a withdrawn list has no entries in force). */
export async function proposalOf(db: Kysely<DB>, p: Publishers, s: ResolvedSeries): Promise<{ proposal: Proposal; latest: VersionRow | undefined }> {
  const latest = await latestVersion(db, s.series);
  const scopeTerritory = ruleOf(p, s.kind).scope === 'city' ? null : s.territoryCode;
  const cand = await loadCandidates(db, s.kind, scopeTerritory, s.year);
  const previous = latest && latest.action !== 'withdraw' ? latest.body.entries : null;
  return { proposal: propose(s.kind, { ...cand, previous }), latest };
}

export async function publishVersion(db: Kysely<DB>, referenceSet: string, input: PublishInput, meta: AuditMeta & { actor: UserActor }): Promise<VersionRow> {
  const p = publishersOf(referenceSet);
  const s = await resolveSeries(db, p, meta.actor, input, meta.now, true);
  if (!isIsoDate(input.postedOn)) throw new AppError('INVALID_FIELD', { field: 'postedOn', reason: 'YYYY-MM-DD' });
  const reason = input.reason?.trim() || null;
  if (input.action !== 'publish' && !reason)
    throw new AppError('INVALID_FIELD', { field: 'reason', reason: 'a correction or withdrawal must say what changed and why' });

  const id = await db.transaction().execute(async (trx) => {
    // one writer per series at a time: the version number and the chain follow the previous version
    await sql`select pg_advisory_xact_lock(hashtext(${`publication:${s.series}`}))`.execute(trx);
    const { proposal, latest } = await proposalOf(trx, p, s);
    const inForce = latest && latest.action !== 'withdraw';
    if (input.action !== 'publish' && !inForce) throw new AppError('PUBLICATION_NOT_IN_FORCE', { series: s.series, action: input.action });
    if (latest && input.postedOn < latest.postedOn) {
      throw new AppError('INVALID_FIELD', {
        field: 'postedOn',
        reason: 'a version cannot be posted before the version it follows',
        previousPostedOn: latest.postedOn,
      });
    }
    let entries: PublicEntry[] = [];
    const excluded: Array<{ creditCode: string; name: string; reason: string }> = [];
    if (input.action !== 'withdraw') {
      const byCode = new Map(proposal.entries.map((e) => [e.creditCode, e]));
      const out = new Set<string>();
      for (const [i, x] of (input.exclusions ?? []).entries()) {
        const e = byCode.get(x.creditCode);
        if (!e) throw new AppError('INVALID_FIELD', { field: `exclusions/${i}/creditCode`, reason: 'not an entry of the proposal', creditCode: x.creditCode });
        if (!x.reason.trim()) throw new AppError('INVALID_FIELD', { field: `exclusions/${i}/reason`, reason: 'an exclusion needs its reason' });
        if (out.has(x.creditCode)) throw new AppError('INVALID_FIELD', { field: `exclusions/${i}/creditCode`, reason: 'excluded twice' });
        out.add(x.creditCode);
        excluded.push({ creditCode: e.creditCode, name: e.name, reason: x.reason.trim() });
      }
      entries = proposal.entries.filter((e) => !out.has(e.creditCode));
    } else if (input.exclusions?.length) {
      throw new AppError('INVALID_FIELD', { field: 'exclusions', reason: 'a withdrawal has no entries to exclude' });
    }
    const diff = diffEntries(inForce ? latest.body.entries : [], entries);
    const versionNo = (latest?.versionNo ?? 0) + 1;
    const unit = publishingUnit(p, s.kind, s.territoryCode);
    const hashed: HashedVersion = {
      series: s.series,
      listKind: s.kind,
      territoryCode: s.territoryCode,
      year: s.year,
      versionNo,
      action: input.action,
      number: versionNumber(s.territoryName, s.kind, s.year ?? Number(input.postedOn.slice(0, 4)), versionNo),
      postedOn: input.postedOn,
      publishedAt: meta.now.toISOString(),
      unitKind: unit.kind,
      unitCode: unit.code,
      publishedBy: meta.actor.userId,
      reason,
      body: { entries, diff },
      excluded,
      prevHash: latest?.contentHash ?? GENESIS_HASH,
    };
    const contentHash = versionHash(hashed);
    const row = await trx
      .insertInto('publication_version')
      .values({
        series: hashed.series,
        list_kind: hashed.listKind,
        territory_code: hashed.territoryCode,
        year: hashed.year,
        version_no: versionNo,
        action: hashed.action,
        number: hashed.number,
        posted_on: hashed.postedOn,
        published_at: meta.now,
        unit_kind: unit.kind,
        unit_code: unit.code,
        published_by: hashed.publishedBy,
        reason,
        body: JSON.stringify(hashed.body),
        excluded: JSON.stringify(excluded),
        prev_hash: hashed.prevHash,
        content_hash: contentHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: `publication.${input.action}`,
      entityType: 'publication',
      entityId: s.series,
      basisId: LIST_RULES[s.kind].basisId,
      after: { id: row.id, number: hashed.number, versionNo, postedOn: hashed.postedOn, entries: entries.length, diff, excluded, reason, contentHash },
    });
    return row.id;
  });
  publicationsChanged();
  return (await versionById(db, id))!;
}
