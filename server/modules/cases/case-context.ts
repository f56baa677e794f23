/**
 * What the case module needs to know about who acts and when: the account → lifecycle role mapping, "today" in
 * the city's time zone, and which department owns a dimension's new cases.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { Dimension, Role as DomainRole } from '../../domain/lifecycle/index.ts';
import { dimensionLeads } from '../../seeds/reference.ts';

/** The local date (YYYY-MM-DD, Asia/Shanghai) of an instant: moved to the platform's clock, re-exported here. */
export { localToday } from '../../platform/clock.ts';

/**
 * The lifecycle role an account acts in on one case, or null when it may not act there:
 * office → office; government → government; a territory account → territory for its own territory's cases;
 * a department → department only for the dimensions it leads; banks never. The system actor acts as `system`.
 */
export function domainRoleOf(actor: Actor, c: { dimension: string; territoryCode: string }): DomainRole | null {
  if (actor.kind === 'system') return 'system';
  switch (actor.role) {
    case 'office':
      return 'office';
    case 'government':
      return 'government';
    case 'territory':
      return actor.territoryCode === c.territoryCode ? 'territory' : null;
    case 'department':
      return (actor.dimensions as readonly string[]).includes(c.dimension) ? 'department' : null;
    default:
      return null;
  }
}

/**
 * Who acts, for the law's separation of duties and licence revocation (issue 10 items 5, 8): the account id, its
 * unit (department code, territory code, or the office / government) and its department code.
 */
export function actingContext(actor: Actor): { actorId?: string; unit?: string; departmentCode?: string } {
  if (actor.kind === 'system') return {};
  const unit = actor.role === 'department' ? actor.departmentCode : actor.role === 'territory' ? actor.territoryCode : actor.role;
  return {
    actorId: String(actor.userId),
    ...(unit ? { unit } : {}),
    ...(actor.departmentCode ? { departmentCode: actor.departmentCode } : {}),
  };
}

const leadCache = new Map<string, Record<string, string[]>>();

/** The lead departments of `dimension` (first = owner of new cases), from the reference set's dimensions.json. */
export function leadDepartments(dimension: Dimension, referenceSet = 'wuhu'): string[] {
  let leads = leadCache.get(referenceSet);
  if (!leads) {
    leads = dimensionLeads(referenceSet);
    leadCache.set(referenceSet, leads);
  }
  return leads[dimension] ?? [];
}

/** Whether the actor may open a case of `dimension` against an enterprise of `territoryCode` (scope checked apart). */
export function mayOpenCase(actor: Actor, dimension: Dimension, territoryCode: string, referenceSet = 'wuhu'): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role === 'office') return true;
  if (actor.role === 'territory') return actor.territoryCode === territoryCode;
  if (actor.role === 'department') return actor.departmentCode !== null && leadDepartments(dimension, referenceSet).includes(actor.departmentCode);
  return false;
}

/** The DB's snake_case line-kind code → the domain's camelCase kind (induction_furnace_power_frequency → inductionFurnacePowerFrequency). */
export function domainLineKind(code: string): string {
  return code.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
