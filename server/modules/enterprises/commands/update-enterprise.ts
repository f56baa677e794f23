/**
 * Changes an enterprise's descriptive fields (never its status: that is derived). Optimistic concurrency through
 * `version` (API); the import matches by credit code and sends no version. Each change writes enterprise_history
 * ({field: [before, after]}) and one audit record; moving territory or industry moves its lines in rollup_line.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { territoryScope } from '../../../platform/auth/scope-sql.ts';
import { scopeOf } from '../../../platform/auth/actor.ts';
import { bumpLineRollup, refreshCreditListing, showsOnCreditList } from '../../../projections/index.ts';
import { mayOverrideCreditCode, mayWriteRegistry } from '../enterprises.presenter.ts';
import {
  assertRules,
  creditCodeFailsCheckDigit,
  creditCodeRule,
  industryRule,
  loadRegistryReference,
  territoryRule,
  type RegistryReference,
} from '../registry-rules.ts';
import { isUniqueViolation, normCreditCode, registersThroughOffice, type EnterpriseInput } from './create-enterprise.ts';
import { isElsewhere, registrationFields, submitPendingRegistration } from '../pending-registrations.ts';

/** Any of the registration's fields (those sent are changed). */
export type EnterprisePatch = { [K in keyof EnterpriseInput]?: EnterpriseInput[K] | undefined };

const COLUMNS = {
  creditCode: 'credit_code',
  name: 'name',
  territoryCode: 'territory_code',
  industryCode: 'industry_code',
  address: 'address',
  legalRepresentative: 'legal_representative',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  longitude: 'longitude',
  latitude: 'latitude',
} as const;
type Field = keyof typeof COLUMNS;

function normalise(field: Field, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (field === 'longitude' || field === 'latitude') return String(Number(v));
  if (field === 'creditCode') return normCreditCode(String(v));
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Applies `patch` to enterprise `id` inside `trx`; returns whether anything changed. Out of scope = NOT_FOUND. */
export async function updateEnterpriseTx(
  trx: Transaction<DB>,
  id: number,
  patch: EnterprisePatch,
  meta: AuditMeta,
  ref: RegistryReference,
  opts: { expectedVersion?: number } = {},
): Promise<{ changed: boolean; version: number }> {
  // FOR NO KEY UPDATE (not FOR UPDATE): other edits of the row wait, but the foreign-key checks of rows that reference
  // it do not — a credit-list derivation holding the credit lock inserts such rows while this transaction (an import)
  // may next ask for that lock: with FOR UPDATE the two would deadlock
  const cur = await trx
    .selectFrom('enterprise')
    .selectAll()
    .where('id', '=', id)
    .where(territoryScope(scopeOf(meta.actor), 'territory_code'))
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!cur) throw new AppError('NOT_FOUND');
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== cur.version) throw new AppError('CONFLICT', { currentVersion: cur.version });
  if (!mayWriteRegistry(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
  const today = meta.now.toISOString().slice(0, 10);
  const changes: Record<string, [unknown, unknown]> = {};
  const set: Record<string, string | null> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const col = COLUMNS[field];
    const next = normalise(field, patch[field]);
    const before = cur[col] === null ? null : field === 'longitude' || field === 'latitude' ? String(Number(cur[col])) : String(cur[col]);
    if (next === before) continue;
    if ((field === 'creditCode' || field === 'name' || field === 'territoryCode' || field === 'industryCode') && next === null) {
      throw new AppError('VALIDATION_FAILED', { errors: [{ field: `/${field}`, message: 'required' }] });
    }
    changes[field] = [before, next];
    set[col] = next;
  }
  if (changes.creditCode) {
    const code = set.credit_code!;
    assertRules(creditCodeRule(code, { overrideReason: patch.creditCodeOverrideReason, mayOverride: mayOverrideCreditCode(meta.actor) }));
    const dup = await trx.selectFrom('enterprise').select('id').where('credit_code', '=', code).where('id', '<>', id).executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE_CREDIT_CODE', { creditCode: code });
    const override = creditCodeFailsCheckDigit(code) ? patch.creditCodeOverrideReason!.trim() : null;
    if (override !== cur.credit_code_override) {
      changes.creditCodeOverride = [cur.credit_code_override, override];
      set.credit_code_override = override;
    }
  }
  if (changes.territoryCode) {
    assertRules(territoryRule(ref, set.territory_code!, today));
    if (!mayWriteRegistry(meta.actor, set.territory_code!))
      throw new AppError('FORBIDDEN', { reason: 'a territory account cannot move an enterprise to another territory' });
  }
  if (changes.industryCode) assertRules(industryRule(ref, set.industry_code!));
  if (Object.keys(changes).length === 0) return { changed: false, version: cur.version };

  try {
    await trx
      .updateTable('enterprise')
      .set({ ...set, updated_at: meta.now, version: cur.version + 1 })
      .where('id', '=', id)
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE_CREDIT_CODE', { creditCode: set.credit_code });
    throw e;
  }
  if (changes.territoryCode || changes.industryCode) {
    const lines = await trx.selectFrom('production_line').select(['state', 'capacity', 'capacity_unit']).where('enterprise_id', '=', id).execute();
    const oldKey = { territoryCode: cur.territory_code, industryCode: cur.industry_code };
    const newKey = { territoryCode: set.territory_code ?? cur.territory_code, industryCode: set.industry_code ?? cur.industry_code };
    for (const l of lines) {
      await bumpLineRollup(trx, { ...oldKey, state: l.state, capacityUnit: l.capacity_unit }, -1, l.capacity);
      await bumpLineRollup(trx, { ...newKey, state: l.state, capacityUnit: l.capacity_unit }, 1, l.capacity);
    }
  }
  await trx
    .insertInto('enterprise_history')
    .values({ enterprise_id: id, at: meta.now, actor_id: meta.actor.kind === 'user' ? meta.actor.userId : null, changes: JSON.stringify(changes) })
    .execute();
  const before = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]]));
  const after = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]]));
  await writeAudit(trx, meta, { act: 'enterprise.update', entityType: 'enterprise', entityId: id, before, after });
  if (changes.creditCodeOverride && set.credit_code_override) {
    await writeAudit(trx, meta, {
      act: 'enterprise.creditCodeOverride',
      entityType: 'enterprise',
      entityId: id,
      after: { creditCode: set.credit_code, reason: set.credit_code_override },
    });
  }
  return { changed: true, version: cur.version + 1 };
}

export type UpdateOutcome = { changed: boolean; version: number; codeChange?: number };

/**
 * The route's command. A territory account's change of the credit code goes through a registration record of kind
 * 'codeChange' (issue 19, gap B), free code or not, so the answer does not tell them apart: a free code is changed at
 * once (record 'registered'), a code registered outside the account's scope waits for the office (record 'pending';
 * the enterprise keeps its code), never 409 naming it. The patch's other fields are changed at once either way. A code
 * registered inside the account's own scope is still 409 DUPLICATE_CREDIT_CODE: that enterprise is its to see.
 */
export async function updateEnterprise(db: Kysely<DB>, id: number, patch: EnterprisePatch & { version: number }, meta: AuditMeta): Promise<UpdateOutcome> {
  const ref = await loadRegistryReference(db);
  const { version, ...rest } = patch;
  return db.transaction().execute(async (trx) => {
    if (rest.creditCode !== undefined && registersThroughOffice(meta.actor)) return changeCodeThroughOffice(trx, id, rest, version, meta, ref);
    const r = await updateEnterpriseTx(trx, id, rest, meta, ref, { expectedVersion: version });
    // a listed enterprise's new name or credit code reaches the banks' incremental pulls (the import does the same)
    if (r.changed && showsOnCreditList(rest)) await refreshCreditListing(trx, meta.now, [], [id]);
    return r;
  });
}

async function changeCodeThroughOffice(
  trx: Transaction<DB>,
  id: number,
  patch: EnterprisePatch,
  version: number,
  meta: AuditMeta,
  ref: RegistryReference,
): Promise<UpdateOutcome> {
  const { creditCode, creditCodeOverrideReason, ...others } = patch;
  // the other fields first (with the version check; out of scope = NOT_FOUND before anything about the code)
  const r = await updateEnterpriseTx(trx, id, others, meta, ref, { expectedVersion: version });
  if (r.changed && showsOnCreditList(others)) await refreshCreditListing(trx, meta.now, [], [id]);
  const cur = await trx.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const code = normCreditCode(creditCode ?? '');
  if (code === cur.credit_code) return r;
  if (code === '') throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/creditCode', message: 'required' }] });
  assertRules(creditCodeRule(code, { overrideReason: creditCodeOverrideReason, mayOverride: mayOverrideCreditCode(meta.actor) }));
  // the same lookup whether or not the code is free (its timing tells nothing)
  const holder = await trx.selectFrom('enterprise').select(['id', 'territory_code']).where('credit_code', '=', code).where('id', '<>', id).executeTakeFirst();
  if (holder && !isElsewhere(meta.actor, holder.territory_code)) throw new AppError('DUPLICATE_CREDIT_CODE', { creditCode: code });
  let version_ = r.version;
  if (!holder) {
    version_ = (await updateEnterpriseTx(trx, id, { creditCode: code }, meta, ref)).version;
    await refreshCreditListing(trx, meta.now, [], [id]);
  }
  const codeChange = await submitPendingRegistration(trx, { ...registrationFields(cur), creditCode: code }, holder ? holder.id : null, meta, {
    kind: 'codeChange',
    state: holder ? 'pending' : 'registered',
    enterpriseId: id,
    previousCreditCode: cur.credit_code,
  });
  return { changed: true, version: version_, codeChange };
}
