/**
 * Changes a line's descriptive fields (never its state: see changeLineState). A changed capacity or unit moves the
 * line between rollup_line buckets; a line already in capacity_exit keeps the figures it was counted with.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { bumpLineRollup } from '../../../projections/index.ts';
import { assertRules, capacityRule, lineKindRule, loadRegistryReference, normDecimal, unitRule, type RegistryReference } from '../../enterprises/index.ts';
import { optText, writableEnterprise, type LineInput } from './create-line.ts';

const COLUMNS = {
  kind: 'kind',
  name: 'name',
  sizeValue: 'size_value',
  sizeUnit: 'size_unit',
  model: 'model',
  unitCount: 'unit_count',
  marks: 'marks',
  capacity: 'capacity',
  capacityUnit: 'capacity_unit',
  catalogueEdition: 'catalogue_edition',
  catalogueItem: 'catalogue_item',
  catalogueClass: 'catalogue_class',
} as const;
type Field = keyof typeof COLUMNS;

function norm(field: Field, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (field === 'unitCount') return Number(v);
  if (field === 'capacity' || field === 'sizeValue') return normDecimal(String(v));
  return optText(String(v));
}

/** Applies `patch` to line `lineId` inside `trx` (scope and write checks through its enterprise). */
export async function updateLineTx(
  trx: Transaction<DB>,
  lineId: number,
  patch: Partial<LineInput>,
  meta: AuditMeta,
  ref: RegistryReference,
): Promise<{ changed: boolean }> {
  const cur = await trx.selectFrom('production_line').selectAll().where('id', '=', lineId).forUpdate().executeTakeFirst();
  if (!cur) throw new AppError('NOT_FOUND');
  const ent = await writableEnterprise(trx, cur.enterprise_id, meta);
  const changes: Record<string, [unknown, unknown]> = {};
  const set: Record<string, string | number | null> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const col = COLUMNS[field];
    const next = norm(field, patch[field]);
    const raw = cur[col];
    const before =
      raw === null ? null : field === 'unitCount' ? Number(raw) : field === 'capacity' || field === 'sizeValue' ? normDecimal(String(raw)) : String(raw);
    if (next === before) continue;
    if (
      (field === 'kind' || field === 'name' || field === 'capacity' || field === 'capacityUnit' || field === 'catalogueClass' || field === 'unitCount') &&
      next === null
    ) {
      throw new AppError('VALIDATION_FAILED', { errors: [{ field: `/${field}`, message: 'required' }] });
    }
    changes[field] = [before, next];
    set[col] = next;
  }
  if (Object.keys(changes).length === 0) return { changed: false };
  assertRules(
    changes.kind ? lineKindRule(ref, String(set.kind)) : null,
    changes.capacity ? capacityRule(String(set.capacity)) : null,
    changes.capacityUnit || changes.capacity ? unitRule(ref, ent.industry_code, String(set.capacity_unit ?? cur.capacity_unit)) : null,
  );
  await trx
    .updateTable('production_line')
    .set({ ...(set as Record<string, never>), updated_at: meta.now })
    .where('id', '=', lineId)
    .execute();
  if (changes.capacity || changes.capacityUnit) {
    const key = { territoryCode: ent.territory_code, industryCode: ent.industry_code, state: cur.state };
    await bumpLineRollup(trx, { ...key, capacityUnit: cur.capacity_unit }, -1, cur.capacity);
    await bumpLineRollup(trx, { ...key, capacityUnit: String(set.capacity_unit ?? cur.capacity_unit) }, 1, String(set.capacity ?? cur.capacity));
  }
  await writeAudit(trx, meta, {
    act: 'line.update',
    entityType: 'productionLine',
    entityId: lineId,
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
  });
  return { changed: true };
}

export async function updateLine(db: Kysely<DB>, lineId: number, patch: Partial<LineInput>, meta: AuditMeta): Promise<{ changed: boolean }> {
  const ref = await loadRegistryReference(db);
  return db.transaction().execute((trx) => updateLineTx(trx, lineId, patch, meta, ref));
}
