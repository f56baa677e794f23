/** Exit-plan rows → API shape: progress computed from the ledger (pure: domain/programme/plans.ts), who acts next. */
import type { Actor } from '../../platform/auth/actor.ts';
import { allowedPlanActs, itemProgress, planProgress, type ExitMethod } from '../../domain/programme/plans.ts';
import { mayWriteTerritory, roleOf } from '../problems/index.ts';
import type { PlanItemRow, PlanRow } from './exit-plans.repository.ts';

export function presentItems(items: readonly PlanItemRow[], today: string, atRiskDays: number) {
  return items.map((i) => ({
    id: i.id,
    enterpriseId: i.enterprise_id,
    enterpriseName: i.enterprise_name,
    creditCode: i.credit_code,
    lineId: i.line_id,
    lineName: i.line_name,
    capacity: String(Number(i.capacity)),
    capacityUnit: i.capacity_unit,
    method: i.method as ExitMethod,
    targetOn: i.target_on,
    workers: i.workers,
    note: i.note,
    exitedOn: i.exited_on,
    exitedCapacity: String(Number(i.exited_capacity)),
    progress: itemProgress(i.target_on, i.exited_on, today, atRiskDays),
  }));
}

export function presentPlan(p: PlanRow, items: readonly PlanItemRow[], actor: Actor, today: string, atRiskDays: number) {
  const shown = presentItems(items, today, atRiskDays);
  const progress = planProgress(
    shown.map((i) => ({
      capacity: Number(i.capacity),
      capacityUnit: i.capacityUnit,
      targetOn: i.targetOn,
      exitedCapacity: Number(i.exitedCapacity),
      progress: i.progress,
    })),
    today,
  );
  const plan = {
    id: p.id,
    territoryCode: p.territory_code,
    territoryName: p.territory_name,
    year: p.year,
    planVersion: p.plan_version,
    previousId: p.previous_id,
    changeReason: p.change_reason,
    state: p.state,
    submittedOn: p.submitted_on,
    filingNo: p.filing_no,
    filedOn: p.filed_on,
    returnComments: p.return_comments,
    returnedOn: p.returned_on,
    version: p.version,
    updatedAt: new Date(p.updated_at).toISOString(),
    nextActor: p.state === 'submitted' ? ('office' as const) : p.state === 'draft' || p.state === 'returned' ? ('territory' as const) : null,
    allowedActs: mayWriteTerritory(actor, p.territory_code) ? allowedPlanActs(p.state, roleOf(actor)) : [],
    progress: { ...progress, workers: shown.reduce((s, i) => s + i.workers, 0) },
  };
  return { plan, items: shown };
}

export const presentPlanSummary = (p: PlanRow, items: readonly PlanItemRow[], actor: Actor, today: string, atRiskDays: number) =>
  presentPlan(p, items, actor, today, atRiskDays).plan;

export function presentPlanWithItems(p: PlanRow, items: readonly PlanItemRow[], actor: Actor, today: string, atRiskDays: number) {
  const r = presentPlan(p, items, actor, today, atRiskDays);
  return { ...r.plan, items: r.items };
}
