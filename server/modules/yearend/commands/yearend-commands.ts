/**
 * The year's summaries and the city's report (plan §3.4): each county and lead department prepares its summary
 * (figures generated from the ledger and the cases, figures it types, a narrative, attachments), submits it; the
 * office returns it with comments or accepts it. The office consolidates the accepted summaries into the city
 * report; the city government approves it (then it is locked); the office marks it reported with the date and the
 * receiving authority. An amendment is a new version with its reason and a diff. Every act writes its audit record
 * in its own transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { diffFigures, reconcile, type ExitFigure } from '../../../domain/yearend/figures.ts';
import { localToday } from '../../../platform/clock.ts';
import {
  caseCounts,
  generateFigures,
  resettlementFigures,
  ledgerByTerritory,
  ledgerFigures,
  awaitingFigures,
  names,
  ownUnit,
  reportById,
  summaryById,
  unitOf,
  unitsOfYear,
  type ReportBody,
  type SummaryRow,
} from '../yearend.repository.ts';

const BASIS = 'plan-2020-§3.4';

async function requireEvidence(q: Transaction<DB>, ids: readonly string[]): Promise<void> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return;
  const have = new Set((await q.selectFrom('evidence_file').select('sha256').where('sha256', 'in', uniq).execute()).map((r) => r.sha256));
  const missing = uniq.filter((h) => !have.has(h));
  if (missing.length) throw new AppError('UNKNOWN_EVIDENCE', { missing });
}

/** The actor's own summary for the year, created (draft) on first use. Only counties and lead departments have one. */
export async function openSummary(db: Kysely<DB>, year: number, meta: AuditMeta): Promise<number> {
  const own = ownUnit(meta.actor);
  if (!own) throw new AppError('FORBIDDEN', { reason: 'only a county or a lead city department prepares a summary' });
  return db.transaction().execute(async (trx) => {
    const unit = await unitOf(trx, own.kind, own.code, year);
    if (!unit) throw new AppError('FORBIDDEN', { reason: 'this unit owes no summary for the year', unit: own });
    const existing = await trx
      .selectFrom('yearend_summary')
      .select('id')
      .where('year', '=', year)
      .where('unit_kind', '=', own.kind)
      .where('unit_code', '=', own.code)
      .executeTakeFirst();
    if (existing) return Number(existing.id);
    const row = await trx
      .insertInto('yearend_summary')
      .values({ year, unit_kind: own.kind, unit_code: own.code, created_at: meta.now, updated_at: meta.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: 'summary.create',
      entityType: 'summary',
      entityId: Number(row.id),
      basisId: BASIS,
      before: null,
      after: { year, unit: own },
    });
    return Number(row.id);
  });
}

function requireOwn(meta: AuditMeta, s: SummaryRow): void {
  const own = ownUnit(meta.actor);
  if (!own || own.kind !== s.unit_kind || own.code !== s.unit_code)
    throw new AppError('FORBIDDEN', { reason: 'only the unit itself changes or submits its summary' });
}

async function lockSummary(trx: Transaction<DB>, meta: AuditMeta, id: number, version?: number): Promise<SummaryRow> {
  const s = await summaryById(trx, meta.actor, id, true);
  if (!s) throw new AppError('NOT_FOUND', { id });
  if (version !== undefined && version !== s.version)
    throw new AppError('CONFLICT', { reason: 'the summary changed since it was read', expected: version, actual: s.version });
  return s;
}

export interface SummaryEdit {
  narrative?: string | undefined;
  typed?: ExitFigure[] | undefined;
  attachments?: string[] | undefined;
  version?: number | undefined;
}

export async function editSummary(db: Kysely<DB>, id: number, edit: SummaryEdit, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await lockSummary(trx, meta, id, edit.version);
    requireOwn(meta, s);
    if (s.status !== 'draft' && s.status !== 'returned')
      throw new AppError('SUMMARY_STATE', { status: s.status, reason: 'a submitted or accepted summary is not edited' });
    if (edit.typed) {
      const keys = edit.typed.map((f) => `${f.industryCode}|${f.capacityUnit}`);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup) throw new AppError('DUPLICATE_IN_FILE', { field: '/typed', key: dup });
      const known = new Set((await trx.selectFrom('industry').select('code').execute()).map((r) => r.code));
      const bad = edit.typed.findIndex((f) => !known.has(f.industryCode));
      if (bad >= 0) throw new AppError('UNKNOWN_INDUSTRY', { field: `/typed/${bad}/industryCode` });
    }
    if (edit.attachments) await requireEvidence(trx, edit.attachments);
    const next = {
      narrative: edit.narrative ?? s.narrative,
      typed: edit.typed ?? s.typed,
      attachments: edit.attachments ?? s.attachments,
    };
    await trx
      .updateTable('yearend_summary')
      .set({ narrative: next.narrative, typed: JSON.stringify(next.typed), attachments: next.attachments, updated_at: meta.now, version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: 'summary.update',
      entityType: 'summary',
      entityId: id,
      basisId: BASIS,
      before: { narrative: s.narrative, typed: s.typed, attachments: s.attachments, version: s.version },
      after: { ...next, version: s.version + 1 },
    });
  });
}

/** Submits the summary: its generated figures are frozen as they stand now. */
export async function submitSummary(db: Kysely<DB>, id: number, meta: AuditMeta, version?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await lockSummary(trx, meta, id, version);
    requireOwn(meta, s);
    if (s.status !== 'draft' && s.status !== 'returned') throw new AppError('SUMMARY_STATE', { status: s.status });
    if (!s.narrative.trim()) throw new AppError('INVALID_FIELD', { field: '/narrative', reason: 'the summary needs its narrative before it is submitted' });
    const unit = await unitOf(trx, s.unit_kind, s.unit_code, s.year);
    if (!unit) throw new AppError('NOT_FOUND', { id });
    const generated = await generateFigures(trx, s.year, unit, localToday(meta.now));
    await trx
      .updateTable('yearend_summary')
      .set({ status: 'submitted', generated: JSON.stringify(generated), submitted_at: meta.now, updated_at: meta.now, version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: 'summary.submit',
      entityType: 'summary',
      entityId: id,
      basisId: BASIS,
      before: { status: s.status, version: s.version },
      after: { status: 'submitted', generated, version: s.version + 1 },
    });
  });
}

/** The office's review: return with comments, or accept. */
export async function reviewSummary(db: Kysely<DB>, id: number, decision: 'return' | 'accept', comment: string | null, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await lockSummary(trx, meta, id);
    if (meta.actor.kind !== 'user' || meta.actor.role !== 'office') throw new AppError('FORBIDDEN', { reason: 'the office reviews summaries' });
    if (s.status !== 'submitted') throw new AppError('SUMMARY_STATE', { status: s.status, reason: 'only a submitted summary is reviewed' });
    const status = decision === 'return' ? 'returned' : 'accepted';
    await trx
      .updateTable('yearend_summary')
      .set({ status, comment: decision === 'return' ? comment : (comment ?? s.comment), reviewed_at: meta.now, updated_at: meta.now, version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: `summary.${decision}`,
      entityType: 'summary',
      entityId: id,
      basisId: BASIS,
      before: { status: s.status, version: s.version },
      after: { status, comment, version: s.version + 1 },
    });
  });
}

/** Explains one difference between a typed figure and the ledger (the unit itself or the office). */
export async function explainDifference(db: Kysely<DB>, id: number, key: string, text: string, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await lockSummary(trx, meta, id);
    const isOffice = meta.actor.kind === 'user' && meta.actor.role === 'office';
    if (!isOffice) requireOwn(meta, s);
    const unit = await unitOf(trx, s.unit_kind, s.unit_code, s.year);
    if (!unit) throw new AppError('NOT_FOUND', { id });
    const ledger = s.generated?.exits ?? (await generateFigures(trx, s.year, unit, localToday(meta.now))).exits;
    const keys = reconcile(s.typed, ledger).map((d) => d.key);
    if (!keys.includes(key)) throw new AppError('INVALID_FIELD', { field: '/key', reason: 'no such difference', differences: keys });
    const by = meta.actor.kind === 'user' ? meta.actor.displayName : 'system';
    const explanations = { ...s.explanations, [key]: { text, by, at: meta.now.toISOString() } };
    await trx
      .updateTable('yearend_summary')
      .set({ explanations: JSON.stringify(explanations), updated_at: meta.now, version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: 'summary.explain',
      entityType: 'summary',
      entityId: id,
      basisId: BASIS,
      before: { explanation: s.explanations[key] ?? null },
      after: { key, text },
    });
  });
}

export async function setSummariesDue(db: Kysely<DB>, year: number, due: string | null, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('yearend_year').select('summaries_due').where('year', '=', year).executeTakeFirst();
    await trx
      .insertInto('yearend_year')
      .values({ year, summaries_due: due, updated_at: meta.now })
      .onConflict((oc) => oc.column('year').doUpdateSet({ summaries_due: due, updated_at: meta.now }))
      .execute();
    await writeAudit(trx, meta, {
      act: 'yearend.settings',
      entityType: 'yearend',
      entityId: year,
      basisId: BASIS,
      before: { summariesDue: before?.summaries_due ?? null },
      after: { summariesDue: due },
    });
  });
}

/**
 * The city report's body, built from the ledger (each exit counted once, whatever summaries name it) and the
 * accepted summaries (their narratives and their reconciliation against the ledger). Pure reads.
 */
export async function buildReportBody(q: Kysely<DB> | Transaction<DB>, year: number, asOf: string): Promise<ReportBody> {
  const [n, units, figures, byTerritory, awaiting, cases, rows, resettlement] = await Promise.all([
    names(q),
    unitsOfYear(q, year),
    ledgerFigures(q, year),
    ledgerByTerritory(q, year),
    awaitingFigures(q),
    caseCounts(q, year),
    sql<SummaryRow>`select * from yearend_summary where year = ${year}`.execute(q).then((r) => r.rows),
    resettlementFigures(q, year),
  ]);
  const byUnit = new Map(rows.map((s) => [`${s.unit_kind}|${s.unit_code}`, s]));
  const summaries: ReportBody['summaries'] = [];
  const narratives: ReportBody['narratives'] = [];
  const differences: ReportBody['differences'] = [];
  for (const u of units) {
    const s = byUnit.get(`${u.kind}|${u.code}`);
    const included = s?.status === 'accepted';
    summaries.push({ unitKind: u.kind, unitCode: u.code, unitName: u.name, status: s?.status ?? 'missing', included });
    if (!s || !included) continue;
    if (s.narrative.trim()) narratives.push({ unitName: u.name, text: s.narrative });
    // checked against the ledger as it stands now (a figure typed by hand never enters the report's totals)
    const ledger = await ledgerFigures(q, year, u.kind === 'territory' ? { territoryCode: u.code } : { dimensions: u.dimensions });
    for (const d of reconcile(s.typed, ledger, s.explanations)) differences.push({ unitKind: u.kind, unitCode: u.code, unitName: u.name, ...d });
  }
  return {
    year,
    cityCode: n.city.code,
    cityName: n.city.name,
    asOf,
    figures,
    byTerritory: byTerritory.map((t) => ({ ...t, territoryName: n.territory.get(t.territoryCode) ?? t.territoryCode })),
    awaiting,
    cases,
    summaries,
    narratives,
    differences,
    resettlement,
  };
}

/**
 * Consolidates the year's report. While the latest version is a draft it is rebuilt in place; once a version is
 * approved (locked) a new one needs a reason and carries the diff of its figures against that version.
 */
export async function consolidateReport(db: Kysely<DB>, year: number, reason: string | null, meta: AuditMeta): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('yearend_report'), ${year})`.execute(trx);
    const latest = await trx
      .selectFrom('yearend_report')
      .select(['id', 'version', 'status', 'body'])
      .where('year', '=', year)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const body = await buildReportBody(trx, year, localToday(meta.now));
    if (latest && latest.status === 'draft') {
      await trx
        .updateTable('yearend_report')
        .set({
          body: JSON.stringify(body),
          ...(reason ? { reason } : {}),
          created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
          created_at: meta.now,
        })
        .where('id', '=', Number(latest.id))
        .execute();
      await writeAudit(trx, meta, {
        act: 'report.consolidate',
        entityType: 'report',
        entityId: Number(latest.id),
        basisId: BASIS,
        before: { version: latest.version, figures: (latest.body as ReportBody).figures },
        after: { version: latest.version, figures: body.figures, differences: body.differences.length },
      });
      return Number(latest.id);
    }
    if (latest && !reason) throw new AppError('REPORT_LOCKED', { version: latest.version, status: latest.status });
    // the diff is against the version in force (the latest approved or reported one)
    const prior = await trx
      .selectFrom('yearend_report')
      .select(['version', 'body'])
      .where('year', '=', year)
      .where('status', 'in', ['approved', 'reported'])
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const diff = prior ? { againstVersion: prior.version, figures: diffFigures((prior.body as ReportBody).figures, body.figures) } : null;
    const version = (latest?.version ?? 0) + 1;
    const row = await trx
      .insertInto('yearend_report')
      .values({
        year,
        version,
        body: JSON.stringify(body),
        reason,
        diff: diff ? JSON.stringify(diff) : null,
        created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
        created_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, meta, {
      act: latest ? 'report.amend' : 'report.consolidate',
      entityType: 'report',
      entityId: Number(row.id),
      basisId: BASIS,
      before: latest ? { version: latest.version, status: latest.status } : null,
      after: { version, reason, diff, figures: body.figures },
    });
    return Number(row.id);
  });
}

/** The city government approves a draft version: it is locked; an earlier approved or reported version is superseded. */
export async function approveReport(db: Kysely<DB>, id: number, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await reportById(trx, id, true);
    if (!r) throw new AppError('NOT_FOUND', { id });
    if (r.status !== 'draft') throw new AppError('REPORT_STATE', { status: r.status, reason: 'only a draft version is approved' });
    const open = r.body.differences.filter((d) => !d.resolved);
    if (open.length)
      throw new AppError('RECONCILIATION_OPEN', { differences: open.map((d) => ({ unit: d.unitName, key: d.key, typed: d.typed, ledger: d.ledger })) });
    await trx
      .updateTable('yearend_report')
      .set({ status: 'superseded' })
      .where('year', '=', r.year)
      .where('id', '<>', id)
      .where('status', 'in', ['approved', 'reported'])
      .execute();
    await trx
      .updateTable('yearend_report')
      .set({ status: 'approved', approved_by: meta.actor.kind === 'user' ? meta.actor.userId : null, approved_at: meta.now })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: 'report.approve',
      entityType: 'report',
      entityId: id,
      basisId: BASIS,
      before: { status: r.status },
      after: { status: 'approved', version: r.version },
    });
  });
}

/** The office marks an approved version reported up, with the date and the receiving authority. */
export async function markReported(db: Kysely<DB>, id: number, reportedOn: string, authority: string, meta: AuditMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await reportById(trx, id, true);
    if (!r) throw new AppError('NOT_FOUND', { id });
    if (r.status !== 'approved') throw new AppError('REPORT_STATE', { status: r.status, reason: 'only an approved version is reported' });
    if (reportedOn > localToday(meta.now)) throw new AppError('INVALID_FIELD', { field: '/reportedOn', reason: 'not in the future' });
    if (r.approved_at && reportedOn < localToday(new Date(r.approved_at)))
      throw new AppError('INVALID_FIELD', { field: '/reportedOn', reason: 'not before the approval' });
    await trx.updateTable('yearend_report').set({ status: 'reported', reported_on: reportedOn, receiving_authority: authority }).where('id', '=', id).execute();
    await writeAudit(trx, meta, {
      act: 'report.reported',
      entityType: 'report',
      entityId: id,
      basisId: BASIS,
      before: { status: r.status },
      after: { status: 'reported', reportedOn, receivingAuthority: authority },
    });
  });
}
