/**
 * Registers an enterprise keyed by its unified social credit code (facts-cn §9). Office: any territory; a territory
 * account: its own only (FORBIDDEN otherwise). A code failing only its check digit needs the office's written
 * reason, which is stored on the record and audited (act `enterprise.creditCodeOverride`).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayOverrideCreditCode, mayWriteRegistry } from '../enterprises.presenter.ts';
import { isElsewhere, RegisteredElsewhere, submitPendingRegistration } from '../pending-registrations.ts';
import {
  assertRules,
  creditCodeFailsCheckDigit,
  creditCodeRule,
  industryRule,
  loadRegistryReference,
  territoryRule,
  type RegistryReference,
} from '../registry-rules.ts';

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  territoryCode: string;
  industryCode: string;
  address?: string | null | undefined;
  legalRepresentative?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  longitude?: number | null | undefined;
  latitude?: number | null | undefined;
  creditCodeOverrideReason?: string | undefined;
}

export const normCreditCode = (s: string) => s.trim().toUpperCase();
const opt = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string } | undefined;
  return err?.code === '23505' && (constraint === undefined || err.constraint === constraint);
}

/** Creates the enterprise inside `trx` (used by the route command below and by the import). */
export async function insertEnterprise(
  trx: Transaction<DB>,
  input: EnterpriseInput,
  meta: AuditMeta,
  ref: RegistryReference,
  opts: { pendingIfElsewhere?: boolean; pendingAlways?: boolean } = {},
): Promise<number> {
  const creditCode = normCreditCode(input.creditCode);
  const today = meta.now.toISOString().slice(0, 10);
  assertRules(
    creditCodeRule(creditCode, { overrideReason: input.creditCodeOverrideReason, mayOverride: mayOverrideCreditCode(meta.actor) }),
    territoryRule(ref, input.territoryCode, today),
    industryRule(ref, input.industryCode),
  );
  if (!mayWriteRegistry(meta.actor, input.territoryCode))
    throw new AppError('FORBIDDEN', { reason: 'a territory account registers enterprises in its own territory only' });
  const override = creditCodeFailsCheckDigit(creditCode) ? input.creditCodeOverrideReason!.trim() : null;
  // the same lookup whether or not the code is free, so its timing tells nothing (issue #19, item 5)
  const dup = await trx.selectFrom('enterprise').select(['id', 'territory_code']).where('credit_code', '=', creditCode).executeTakeFirst();
  if (dup && opts.pendingIfElsewhere && isElsewhere(meta.actor, dup.territory_code)) throw new RegisteredElsewhere(dup.id);
  if (dup) throw new AppError('DUPLICATE_CREDIT_CODE', { creditCode });
  // review 'all': every registration of a territory account waits for the office, free code or not
  if (opts.pendingAlways && meta.actor.kind === 'user' && meta.actor.role === 'territory') throw new RegisteredElsewhere(null);
  const values = {
    credit_code: creditCode,
    name: input.name.trim(),
    territory_code: input.territoryCode,
    industry_code: input.industryCode,
    address: opt(input.address),
    legal_representative: opt(input.legalRepresentative),
    contact_name: opt(input.contactName),
    contact_phone: opt(input.contactPhone),
    longitude: input.longitude === undefined || input.longitude === null ? null : String(input.longitude),
    latitude: input.latitude === undefined || input.latitude === null ? null : String(input.latitude),
    credit_code_override: override,
  };
  let id: number;
  try {
    id = (
      await trx
        .insertInto('enterprise')
        .values({ ...values, created_at: meta.now, updated_at: meta.now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE_CREDIT_CODE', { creditCode });
    throw e;
  }
  const after = {
    creditCode,
    name: values.name,
    territoryCode: values.territory_code,
    industryCode: values.industry_code,
    address: values.address,
    legalRepresentative: values.legal_representative,
    contactName: values.contact_name,
    contactPhone: values.contact_phone,
    longitude: values.longitude,
    latitude: values.latitude,
    creditCodeOverride: override,
  };
  const changes = Object.fromEntries(
    Object.entries(after)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, [null, v]]),
  );
  await trx
    .insertInto('enterprise_history')
    .values({ enterprise_id: id, at: meta.now, actor_id: meta.actor.kind === 'user' ? meta.actor.userId : null, changes: JSON.stringify(changes) })
    .execute();
  await writeAudit(trx, meta, { act: 'enterprise.create', entityType: 'enterprise', entityId: id, after });
  if (override) {
    await writeAudit(trx, meta, { act: 'enterprise.creditCodeOverride', entityType: 'enterprise', entityId: id, after: { creditCode, reason: override } });
  }
  return id;
}

export type CreateOutcome = { kind: 'enterprise'; id: number } | { kind: 'pending'; id: number };

/** Whether the actor is a territory account: its registrations answer as registrations (202), free code or not. */
export const registersThroughOffice = (actor: AuditMeta['actor']) => actor.kind === 'user' && actor.role === 'territory';

/**
 * The route's command. A territory account registering a code registered outside its scope gets a PENDING
 * registration for the office (pending-registrations.ts), never 409: that answer told it the enterprise existed.
 * And a territory account's registration of a FREE code answers the same way (gap A of issue 19): the enterprise is
 * registered at once and a registration record in state 'registered' is its receipt, so the answer (202, the same
 * body) does not tell a free code from one registered elsewhere. The office's own registrations answer 201.
 */
export async function createEnterprise(db: Kysely<DB>, input: EnterpriseInput, meta: AuditMeta, opts: { reviewAll?: boolean } = {}): Promise<CreateOutcome> {
  const ref = await loadRegistryReference(db);
  return db.transaction().execute(async (trx): Promise<CreateOutcome> => {
    const reg = () => ({
      creditCode: normCreditCode(input.creditCode),
      name: input.name.trim(),
      territoryCode: input.territoryCode,
      industryCode: input.industryCode,
      address: opt(input.address),
      legalRepresentative: opt(input.legalRepresentative),
      contactName: opt(input.contactName),
      contactPhone: opt(input.contactPhone),
    });
    let id: number;
    try {
      id = await insertEnterprise(trx, input, meta, ref, { pendingIfElsewhere: true, pendingAlways: opts.reviewAll === true });
    } catch (e) {
      if (!(e instanceof RegisteredElsewhere)) throw e;
      return { kind: 'pending', id: await submitPendingRegistration(trx, reg(), e.enterpriseId, meta) };
    }
    if (!registersThroughOffice(meta.actor)) return { kind: 'enterprise', id };
    return { kind: 'pending', id: await submitPendingRegistration(trx, reg(), id, meta, { state: 'registered' }) };
  });
}
