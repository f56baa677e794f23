/** Resettlement rows → API shape, with who acts next and what the caller may do. */
import type { Actor } from '../../platform/auth/actor.ts';
import { nextStep, resettledTotal, type ResettlementFigures } from './resettlement.rules.ts';
import type { ResettlementRow } from './resettlement.repository.ts';

/** Office; the enterprise's own county/district or zone; the city HR and social security bureau (§2.6). */
export function mayWriteResettlement(actor: Actor, territoryCode: string): boolean {
  if (actor.kind === 'system' || actor.role === 'office') return true;
  if (actor.role === 'territory') return actor.territoryCode === territoryCode;
  return actor.role === 'department' && actor.departmentCode === 'hrss';
}

const day = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export function figuresOf(r: ResettlementRow): ResettlementFigures {
  return {
    workersAffected: r.workers_affected ?? 0,
    transferred: r.transferred ?? 0,
    reemployed: r.reemployed ?? 0,
    retired: r.retired ?? 0,
    other: r.other ?? 0,
    fundsPlanned: r.funds_planned ?? '0.00',
    fundsPaid: r.funds_paid ?? '0.00',
    planFiledOn: day(r.plan_filed_on),
    riskAssessed: r.risk_assessed ?? false,
    riskLevel: r.risk_level ?? null,
    riskAssessedOn: day(r.risk_assessed_on),
    riskPlan: r.risk_plan ?? false,
  };
}

export function presentResettlement(r: ResettlementRow, actor: Actor) {
  const f = figuresOf(r);
  const step = nextStep(f);
  return {
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    territoryCode: r.territory_code,
    territoryName: r.territory_name,
    enterpriseStatus: r.enterprise_status,
    recorded: r.recorded !== null,
    ...f,
    resettled: resettledTotal(f),
    note: r.note ?? null,
    nextStep: step,
    nextActor: step === 'done' ? null : { kind: 'territory' as const, code: r.territory_code, name: r.territory_name },
    version: r.version ?? 0,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
    allowedActs: mayWriteResettlement(actor, r.territory_code) ? ['update'] : [],
  };
}
