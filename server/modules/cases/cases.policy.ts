/**
 * Who may do what with a case — the one file to read. Four layers decide, in this order; each is named here and
 * lives where it is enforced:
 *
 * 1. the route's roles (`config.access`, checked before the handler): CASE_READERS, CASE_OPENERS, CASE_ACTORS below;
 * 2. the record's scope (SQL: caseScope in server/platform/auth/scope-sql.ts — out of scope answers 404);
 * 3. the account's part in the case (mayOpenCase, domainRoleOf in case-context.ts: office → office, government →
 *    government, a territory on its own territory's cases, a department on the dimensions it leads, the system);
 * 4. the law (server/domain/lifecycle: the transition table of the dimension, the role column, guards and deadlines)
 *    — allowedActsFor answers what 3 and 4 allow together, which the presenter sends as `allowedActs`.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { allowedActs, type CaseState, type Dimension } from '../../domain/lifecycle/index.ts';
import { domainRoleOf, mayOpenCase } from './case-context.ts';

/** Layer 1: the roles of the case routes. */
export const CASE_READERS = ['office', 'department', 'territory', 'government'] as const;
export const CASE_OPENERS = ['office', 'department', 'territory'] as const;
export const CASE_ACTORS = ['office', 'department', 'territory', 'government'] as const;

/** Layer 3: whether the account may open a case in this dimension for an enterprise of this territory. */
export const mayOpen = (actor: Actor, dimension: Dimension, territoryCode: string, referenceSet?: string): boolean =>
  mayOpenCase(actor, dimension, territoryCode, referenceSet);

/** Layer 3: the lifecycle role the account acts in on this case (null: none). */
export const roleOn = (actor: Actor, c: { dimension: string; territoryCode: string }) => domainRoleOf(actor, c);

/** Layers 3 and 4: the act kinds the account may take on the case today. */
export function allowedActsFor(actor: Actor, c: { dimension: string; territoryCode: string; snapshot: unknown }, today: string): string[] {
  const role = domainRoleOf(actor, c);
  return role ? allowedActs(c.snapshot as CaseState, role, today) : [];
}
