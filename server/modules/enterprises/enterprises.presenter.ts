/**
 * Enterprise rows → API shape, with `allowedActs` computed from the actor so the console never re-implements the
 * rules: office (and the system) — everything; a territory account — its own territory's records; departments —
 * open cases in their dimensions, read the history; government — read.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { EnterpriseRow } from './enterprises.repository.ts';

/** Whether the actor may create or change registry records (enterprises, lines) in `territoryCode`. */
export function mayWriteRegistry(actor: Actor, territoryCode: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role === 'office') return true;
  return actor.role === 'territory' && actor.territoryCode === territoryCode;
}

/** Whether the actor may accept a credit code that fails its check digit (with a written reason). */
export function mayOverrideCreditCode(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'office';
}

export function enterpriseAllowedActs(actor: Actor, e: { territoryCode: string }): string[] {
  const acts: string[] = [];
  const write = mayWriteRegistry(actor, e.territoryCode);
  if (write) acts.push('update', 'addLine');
  if (write || (actor.kind === 'user' && actor.role === 'department')) acts.push('openCase');
  if (actor.kind === 'system' || actor.role !== 'bank') acts.push('viewHistory');
  return acts;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentEnterprise(r: EnterpriseRow, actor: Actor) {
  return {
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    territoryCode: r.territory_code,
    territoryName: r.territory_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    address: r.address,
    legalRepresentative: r.legal_representative,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    longitude: r.longitude === null ? null : Number(r.longitude),
    latitude: r.latitude === null ? null : Number(r.latitude),
    creditCodeOverride: r.credit_code_override,
    status: r.status,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    allowedActs: enterpriseAllowedActs(actor, { territoryCode: r.territory_code }),
  };
}
