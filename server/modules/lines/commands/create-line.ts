/**
 * Adds a production line to an enterprise (descriptive fields; the state starts `operating` and is changed only by
 * case acts through changeLineState). Checks kind, capacity (exact decimal) and unit (one of the industry's units,
 * facts-cn §10), counts the line in rollup_line, and runs the no-relocation/no-restart check (relocation.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { scopeOf } from '../../../platform/auth/actor.ts';
import { territoryScope } from '../../../platform/auth/scope-sql.ts';
import { bumpLineRollup, planRollupLinesAdded, refreshCreditListing, refreshEnterpriseStatus } from '../../../projections/index.ts';
import { mayWriteRegistry } from '../../enterprises/index.ts';
import {
  assertRules,
  capacityRule,
  lineKindRule,
  loadRegistryReference,
  normDecimal,
  unitRule,
  type CatalogueClass,
  type RegistryReference,
} from '../../enterprises/index.ts';
import { detectReappearance, type AlertRecord } from '../relocation.ts';

export interface LineInput {
  kind: string;
  name: string;
  sizeValue?: string | null | undefined;
  sizeUnit?: string | null | undefined;
  model?: string | null | undefined;
  unitCount?: number | undefined;
  marks?: string | null | undefined;
  capacity: string;
  capacityUnit: string;
  catalogueEdition?: string | null | undefined;
  catalogueItem?: string | null | undefined;
  catalogueClass?: CatalogueClass | undefined;
}

export const optText = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/** The enterprise a line is written under: in the actor's scope (else NOT_FOUND) and writable (else FORBIDDEN). */
export async function writableEnterprise(trx: Transaction<DB>, enterpriseId: number, meta: AuditMeta) {
  const ent = await trx
    .selectFrom('enterprise')
    .select(['id', 'territory_code', 'industry_code'])
    .where('id', '=', enterpriseId)
    .where(territoryScope(scopeOf(meta.actor), 'territory_code'))
    .executeTakeFirst();
  if (!ent) throw new AppError('NOT_FOUND');
  if (!mayWriteRegistry(meta.actor, ent.territory_code)) throw new AppError('FORBIDDEN');
  return ent;
}

/** Inserts the line inside `trx` without the reappearance check (the import checks all new lines at once). */
export async function insertLineRow(
  trx: Transaction<DB>,
  ent: { id: number; territory_code: string; industry_code: string },
  input: LineInput,
  meta: AuditMeta,
  ref: RegistryReference,
): Promise<number> {
  assertRules(lineKindRule(ref, input.kind), capacityRule(input.capacity), unitRule(ref, ent.industry_code, input.capacityUnit));
  const capacity = normDecimal(input.capacity);
  const values = {
    enterprise_id: ent.id,
    kind: input.kind,
    name: input.name.trim(),
    size_value: optText(input.sizeValue),
    size_unit: optText(input.sizeUnit),
    model: optText(input.model),
    unit_count: input.unitCount ?? 1,
    marks: optText(input.marks),
    capacity,
    capacity_unit: input.capacityUnit,
    catalogue_edition: optText(input.catalogueEdition),
    catalogue_item: optText(input.catalogueItem),
    catalogue_class: input.catalogueClass ?? 'none',
  };
  const { id } = await trx
    .insertInto('production_line')
    .values({ ...values, created_at: meta.now, updated_at: meta.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpLineRollup(
    trx,
    { territoryCode: ent.territory_code, industryCode: ent.industry_code, state: 'operating', capacityUnit: input.capacityUnit },
    1,
    capacity,
  );
  const { enterprise_id: _e, ...after } = values;
  await writeAudit(trx, meta, { act: 'line.create', entityType: 'productionLine', entityId: id, after: { enterpriseId: ent.id, ...after } });
  return id;
}

export async function createLine(db: Kysely<DB>, enterpriseId: number, input: LineInput, meta: AuditMeta): Promise<{ id: number; alerts: AlertRecord[] }> {
  const ref = await loadRegistryReference(db);
  return db.transaction().execute(async (trx) => {
    const ent = await writableEnterprise(trx, enterpriseId, meta);
    const id = await insertLineRow(trx, ent, input, meta, ref);
    const alerts = await detectReappearance(trx, [id], meta);
    await planRollupLinesAdded(trx, [ent.id]); // a whole-enterprise item of a filed plan is no longer exited
    if ((await refreshEnterpriseStatus(trx, ent.id)).changed) await refreshCreditListing(trx, meta.now, [ent.id]);
    return { id, alerts };
  });
}
