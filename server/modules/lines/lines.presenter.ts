/** Line rows → API shape with `allowedActs` ('update' for writers of the territory, 'openCase' for case openers). */
import type { Actor } from '../../platform/auth/actor.ts';
import { enterpriseAllowedActs, mayWriteRegistry } from '../enterprises/index.ts';
import { normDecimal } from '../enterprises/index.ts';
import type { LineRow } from './lines.repository.ts';

export function lineAllowedActs(actor: Actor, l: { territoryCode: string }): string[] {
  const acts: string[] = [];
  if (mayWriteRegistry(actor, l.territoryCode)) acts.push('update');
  if (enterpriseAllowedActs(actor, l).includes('openCase')) acts.push('openCase');
  return acts;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentLine(r: LineRow, actor: Actor) {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    territoryCode: r.territory_code,
    industryCode: r.industry_code,
    kind: r.kind,
    name: r.name,
    sizeValue: r.size_value === null ? null : normDecimal(r.size_value),
    sizeUnit: r.size_unit,
    model: r.model,
    unitCount: r.unit_count,
    marks: r.marks,
    capacity: normDecimal(r.capacity),
    capacityUnit: r.capacity_unit,
    catalogueEdition: r.catalogue_edition,
    catalogueItem: r.catalogue_item,
    catalogueClass: r.catalogue_class,
    state: r.state,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    allowedActs: lineAllowedActs(actor, { territoryCode: r.territory_code }),
  };
}
