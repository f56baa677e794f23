/** Problem rows → API shape, with who acts next and the acts the caller may take (from the pure table). */
import type { Actor } from '../../platform/auth/actor.ts';
import { allowedProblemActs, isProblemOverdue, type ProblemLevel, type ProblemSource } from '../../domain/programme/problems.ts';
import type { ProblemRow } from './problems.repository.ts';
import { mayWriteTerritory, roleOf } from './programme-common.ts';

export function problemAllowedActs(actor: Actor, r: { state: ProblemRow['state']; territory_code: string }): string[] {
  if (!mayWriteTerritory(actor, r.territory_code)) return [];
  const acts: string[] = allowedProblemActs(r.state, roleOf(actor));
  return r.state === 'open' ? ['edit', ...acts] : acts;
}

export function presentProblem(r: ProblemRow, actor: Actor, today: string) {
  return {
    id: r.id,
    territoryCode: r.territory_code,
    territoryName: r.territory_name,
    source: r.source as ProblemSource,
    sourceRef: r.source_ref,
    foundOn: r.found_on,
    description: r.description,
    level: r.level as ProblemLevel,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    lineIds: (r.line_ids ?? []).map(Number),
    caseId: r.case_id,
    responsibleUnit: r.responsible_unit,
    responsiblePerson: r.responsible_person,
    measure: r.measure,
    dueOn: r.due_on,
    state: r.state,
    overdue: isProblemOverdue({ state: r.state, dueOn: r.due_on }, today),
    closedOn: r.closed_on,
    nextActor: r.state === 'open' ? ('territory' as const) : r.state === 'closing' ? ('office' as const) : null,
    version: r.version,
    allowedActs: problemAllowedActs(actor, r),
  };
}
