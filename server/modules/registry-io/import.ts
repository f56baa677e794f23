/**
 * Applies a registry workbook: parse → plan (plan.ts, pure) → write, ALL OR NOTHING in one transaction. Any row
 * error rejects the whole file (IMPORT_REJECTED with every error); `dryRun` plans and reports without writing.
 * Re-importing the same file changes nothing. One audit record for the import (counts, file sha256); updates of
 * registered enterprises and lines write their own records through the update commands; new lines get the
 * no-relocation/no-restart check. Used by POST /registry/import and `phaseout import`.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { MAX_REPORTED_ERRORS } from './import-guard.ts';
import { bumpLineRollup, planRollupLinesAdded, refreshCreditListing, refreshEnterpriseStatus, showsOnCreditList } from '../../projections/index.ts';
import { mayWriteRegistry } from '../enterprises/index.ts';
import { loadRegistryReference } from '../enterprises/index.ts';
import { updateEnterpriseTx } from '../enterprises/index.ts';
import { registrationFields, submitPendingRegistration } from '../enterprises/index.ts';
import { updateLineTx } from '../lines/index.ts';
import { detectReappearance } from '../lines/index.ts';
import { looksLikeXlsx, parseWorkbook, type ImportIssue } from './parse.ts';
import { planImport, type ExistingEnterprise, type ExistingLine, type ImportPlan } from './plan.ts';

export interface Counts {
  enterprises: number;
  lines: number;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  sha256: string;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  /** relocation/restart alerts the new lines raised */
  alerts: number;
  /** rows kept for the city office to confirm (issue #19, item 5): enterprises, and their lines (not written) */
  pending?: Counts;
  errors: ImportIssue[];
  errorCount: number;
}

export type Progress = (phase: 'parse' | 'check' | 'write', done: number, total: number) => void;

const CHUNK = 2000;

/**
 * The import's answer. To a territory account a row whose code is held in another territory reads as a new
 * enterprise (`created` counts it and its lines; no `pending`), as the create form answers alike (ADR 0013, issue
 * #19 item 5): the county cannot tell another territory's enterprise from a free code by the import either. The
 * office's audit record keeps the true split.
 */
function report(plan: ImportPlan, sha256: string, dryRun: boolean, alerts = 0, alike = false): ImportReport {
  const waiting = { enterprises: plan.pendingEnterprises.length, lines: plan.pendingLines };
  return {
    ok: plan.errors.length === 0,
    dryRun,
    sha256,
    created: {
      enterprises: plan.createEnterprises.length + (alike ? waiting.enterprises : 0),
      lines: plan.createLines.length + (alike ? waiting.lines : 0),
    },
    updated: { enterprises: plan.updateEnterprises.length, lines: plan.updateLines.length },
    unchanged: plan.unchanged,
    alerts,
    ...(alike ? {} : { pending: waiting }),
    // capped (issue #19, item 4): a million bad rows answer the first MAX_REPORTED_ERRORS and the count
    errors: plan.errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: plan.errors.length,
  };
}

async function loadExisting(trx: Transaction<DB>, codes: string[]) {
  const existing = new Map<string, ExistingEnterprise>();
  const existingLines = new Map<number, ExistingLine[]>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await trx
      .selectFrom('enterprise')
      .select(['id', 'credit_code', 'name', 'territory_code', 'industry_code', 'address', 'legal_representative', 'contact_name', 'contact_phone'])
      .where('credit_code', '=', sql<string>`any(${codes.slice(i, i + 5000)}::text[])`)
      .execute();
    for (const r of rows) {
      existing.set(r.credit_code, { id: r.id, ...registrationFields(r) });
    }
  }
  const ids = [...existing.values()].map((e) => e.id);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom('production_line')
      .selectAll()
      .where('enterprise_id', '=', sql<number>`any(${ids.slice(i, i + 5000)}::int8[])`)
      .execute();
    for (const l of rows) {
      const list = existingLines.get(l.enterprise_id) ?? [];
      list.push({
        id: l.id,
        enterpriseId: l.enterprise_id,
        name: l.name,
        kind: l.kind,
        sizeValue: l.size_value,
        sizeUnit: l.size_unit,
        model: l.model,
        unitCount: l.unit_count,
        marks: l.marks,
        capacity: l.capacity,
        capacityUnit: l.capacity_unit,
        catalogueEdition: l.catalogue_edition,
        catalogueItem: l.catalogue_item,
        catalogueClass: l.catalogue_class,
      });
      existingLines.set(l.enterprise_id, list);
    }
  }
  return { existing, existingLines };
}

/** Runs an import. Throws AppError IMPORT_REJECTED (details: the report with every error) when any row is bad. */
export async function runImport(
  db: Kysely<DB>,
  buf: Buffer,
  meta: AuditMeta,
  opts: { dryRun?: boolean; fileName?: string; onProgress?: Progress; maxRows?: number; parseTimeoutMs?: number; reviewAll?: boolean } = {},
): Promise<ImportReport> {
  const dryRun = opts.dryRun ?? false;
  const progress = opts.onProgress ?? (() => undefined);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (!looksLikeXlsx(buf)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: '.xlsx (Office Open XML workbook)' });
  progress('parse', 0, 1);
  // read in a worker thread, streamed, bounded (server/platform/spreadsheet/reader.ts; issue #19, item 4)
  const parsed = await parseWorkbook(buf, { maxRows: opts.maxRows, timeoutMs: opts.parseTimeoutMs });
  progress('parse', 1, 1);
  const total = parsed.enterprises.length + parsed.lines.length;
  const today = meta.now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    progress('check', 0, total);
    const ref = await loadRegistryReference(trx);
    const codes = [...new Set([...parsed.enterprises, ...parsed.lines].map((r) => r.values.creditCode.toUpperCase()).filter((c) => c !== ''))];
    const { existing, existingLines } = await loadExisting(trx, codes);
    const reviewAll = opts.reviewAll === true && meta.actor.kind === 'user' && meta.actor.role === 'territory';
    const plan = planImport(parsed, { ref, today, mayWrite: (t) => mayWriteRegistry(meta.actor, t), existing, existingLines, reviewAll });
    progress('check', total, total);
    const alike = meta.actor.kind === 'user' && meta.actor.role === 'territory';
    if (plan.errors.length > 0) throw new AppError('IMPORT_REJECTED', { ...report(plan, sha256, dryRun, 0, alike) });
    if (dryRun) return report(plan, sha256, true, 0, alike);

    const writes =
      plan.createEnterprises.length + plan.updateEnterprises.length + plan.createLines.length + plan.updateLines.length + plan.pendingEnterprises.length;
    let done = 0;
    const step = (n: number) => {
      done += n;
      progress('write', done, writes);
    };
    const actorId = meta.actor.kind === 'user' ? meta.actor.userId : null;

    // new enterprises, in bulk
    const idOf = new Map<string, { id: number; territoryCode: string; industryCode: string }>();
    for (const e of existing.values()) idOf.set(e.creditCode, { id: e.id, territoryCode: e.territoryCode, industryCode: e.industryCode });
    for (let i = 0; i < plan.createEnterprises.length; i += CHUNK) {
      const chunk = plan.createEnterprises.slice(i, i + CHUNK).map((c) => c.fields);
      const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((f) => f[k]);
      const r = await sql<{ id: number; credit_code: string; territory_code: string; industry_code: string }>`
        insert into enterprise (credit_code, name, territory_code, industry_code, address, legal_representative, contact_name, contact_phone, created_at, updated_at)
        select u.*, ${meta.now}::timestamptz, ${meta.now}::timestamptz from unnest(${col('creditCode')}::text[], ${col('name')}::text[], ${col('territoryCode')}::text[], ${col('industryCode')}::text[],
          ${col('address')}::text[], ${col('legalRepresentative')}::text[], ${col('contactName')}::text[], ${col('contactPhone')}::text[]) as u
        returning id, credit_code, territory_code, industry_code`.execute(trx);
      for (const row of r.rows) idOf.set(row.credit_code, { id: Number(row.id), territoryCode: row.territory_code, industryCode: row.industry_code });
      const histories = chunk.map((f) => ({
        enterprise_id: idOf.get(f.creditCode)!.id,
        at: meta.now,
        actor_id: actorId,
        changes: JSON.stringify(
          Object.fromEntries(
            Object.entries(f)
              .filter(([, v]) => v !== null)
              .map(([k, v]) => [k, [null, v]]),
          ),
        ),
      }));
      await trx.insertInto('enterprise_history').values(histories).execute();
      step(chunk.length);
    }

    // changed enterprises, one by one (each writes its history and audit record; moving territory moves its lines)
    for (const u of plan.updateEnterprises) {
      await updateEnterpriseTx(trx, u.id, u.patch, meta, ref);
      const cur = idOf.get(u.creditCode)!;
      idOf.set(u.creditCode, { id: u.id, territoryCode: u.patch.territoryCode ?? cur.territoryCode, industryCode: u.patch.industryCode ?? cur.industryCode });
      step(1);
    }

    // new lines, in bulk; roll-ups bumped per (territory, industry, unit)
    const newLineIds: number[] = [];
    const touchedExisting = new Set<number>();
    const rollup = new Map<string, { territoryCode: string; industryCode: string; capacityUnit: string; n: number; sum: string[] }>();
    for (let i = 0; i < plan.createLines.length; i += CHUNK) {
      const chunk = plan.createLines.slice(i, i + CHUNK);
      const ents = chunk.map((c) => idOf.get(c.creditCode)!);
      const f = chunk.map((c) => c.fields);
      const col = <K extends keyof (typeof f)[number]>(k: K) => f.map((x) => x[k]);
      const r = await sql<{ id: number }>`
        insert into production_line (enterprise_id, kind, name, size_value, size_unit, model, unit_count, marks, capacity, capacity_unit, catalogue_edition, catalogue_item, catalogue_class, created_at, updated_at)
        select u.*, ${meta.now}::timestamptz, ${meta.now}::timestamptz from unnest(${ents.map((e) => e.id)}::int8[], ${col('kind')}::text[], ${col('name')}::text[], ${col('sizeValue')}::numeric[], ${col('sizeUnit')}::text[],
          ${col('model')}::text[], ${col('unitCount')}::int[], ${col('marks')}::text[], ${col('capacity')}::numeric[], ${col('capacityUnit')}::text[],
          ${col('catalogueEdition')}::text[], ${col('catalogueItem')}::text[], ${col('catalogueClass')}::text[]) as u
        returning id`.execute(trx);
      newLineIds.push(...r.rows.map((x) => Number(x.id)));
      chunk.forEach((c, k) => {
        const e = ents[k]!;
        if (existing.has(c.creditCode)) touchedExisting.add(e.id);
        const key = `${e.territoryCode}|${e.industryCode}|${c.fields.capacityUnit}`;
        const g = rollup.get(key) ?? { territoryCode: e.territoryCode, industryCode: e.industryCode, capacityUnit: c.fields.capacityUnit, n: 0, sum: [] };
        g.n++;
        g.sum.push(c.fields.capacity);
        rollup.set(key, g);
      });
      step(chunk.length);
    }
    for (const g of rollup.values()) {
      // bumpLineRollup adds delta × capacity: add the group's exact sum as one line, then the remaining count at 0
      const sum = (await sql<{ s: string }>`select coalesce(sum(x), 0)::text as s from unnest(${g.sum}::numeric[]) as x`.execute(trx)).rows[0]!.s;
      const key = { territoryCode: g.territoryCode, industryCode: g.industryCode, state: 'operating', capacityUnit: g.capacityUnit };
      await bumpLineRollup(trx, key, 1, sum);
      if (g.n > 1) await bumpLineRollup(trx, key, g.n - 1, '0');
    }

    for (const u of plan.updateLines) {
      await updateLineTx(trx, u.id, u.patch, meta, ref);
      step(1);
    }

    // codes registered outside the importer's scope: pending registrations for the office, as on the create form
    for (const p of plan.pendingEnterprises) await submitPendingRegistration(trx, p.fields, p.existingId, meta);

    const alerts = await detectReappearance(trx, newLineIds, meta);
    await planRollupLinesAdded(trx, [...touchedExisting]); // whole-enterprise items of filed plans with a new line
    const statusMoved: number[] = [];
    for (const id of touchedExisting) if ((await refreshEnterpriseStatus(trx, id)).changed) statusMoved.push(id);
    // the credit list moves with the import (a new operating line ends an enterprise's `exited`; a new name or credit
    // code is pulled again by the banks), or not at all
    await refreshCreditListing(
      trx,
      meta.now,
      statusMoved,
      plan.updateEnterprises.filter((u) => showsOnCreditList(u.patch)).map((u) => u.id),
    );
    const out = report(plan, sha256, false, alerts.length, alike);
    const truth = report(plan, sha256, false, alerts.length);
    await writeAudit(trx, meta, {
      act: 'registry.import',
      entityType: 'registryImport',
      entityId: sha256,
      after: {
        fileName: opts.fileName ?? null,
        sha256,
        created: truth.created,
        updated: truth.updated,
        unchanged: truth.unchanged,
        pending: truth.pending,
        alerts: alerts.length,
      },
    });
    return out;
  });
}
