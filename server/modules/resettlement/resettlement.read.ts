/**
 * The read other modules use: the acceptance certificate (issue 12) and the year-end summary read an enterprise's
 * resettlement figures here, without scope (the caller has already checked the reader's scope).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nextStep, resettledTotal, type NextStep, type ResettlementFigures } from './resettlement.rules.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface ResettlementSummary extends ResettlementFigures {
  enterpriseId: number;
  resettled: number;
  /** every affected worker resettled, plan filed, risk assessed */
  complete: boolean;
  nextStep: NextStep;
}

const day = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** The enterprise's resettlement figures (plan §2.6), or null when none were recorded. */
export async function resettlementForEnterprise(db: Q, enterpriseId: number): Promise<ResettlementSummary | null> {
  const r = await db.selectFrom('resettlement').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  if (!r) return null;
  const f: ResettlementFigures = {
    workersAffected: r.workers_affected,
    transferred: r.transferred,
    reemployed: r.reemployed,
    retired: r.retired,
    other: r.other,
    fundsPlanned: r.funds_planned,
    fundsPaid: r.funds_paid,
    planFiledOn: day(r.plan_filed_on),
    riskAssessed: r.risk_assessed,
    riskLevel: r.risk_level,
    riskAssessedOn: day(r.risk_assessed_on),
    riskPlan: r.risk_plan,
  };
  const step = nextStep(f);
  return { enterpriseId: Number(r.enterprise_id), ...f, resettled: resettledTotal(f), nextStep: step, complete: step === 'done' || step === 'payFunds' };
}

/** Totals for a year-end summary: over the enterprises given (e.g. those exited in the year). */
export async function resettlementTotals(db: Q, enterpriseIds: readonly number[]) {
  if (enterpriseIds.length === 0)
    return { enterprises: 0, workersAffected: 0, transferred: 0, reemployed: 0, retired: 0, other: 0, fundsPlanned: '0.00', fundsPaid: '0.00' };
  const r = await db
    .selectFrom('resettlement')
    .select((eb) => [
      eb.fn.countAll<string>().as('enterprises'),
      eb.fn.coalesce(eb.fn.sum<string>('workers_affected'), eb.val('0')).as('workers_affected'),
      eb.fn.coalesce(eb.fn.sum<string>('transferred'), eb.val('0')).as('transferred'),
      eb.fn.coalesce(eb.fn.sum<string>('reemployed'), eb.val('0')).as('reemployed'),
      eb.fn.coalesce(eb.fn.sum<string>('retired'), eb.val('0')).as('retired'),
      eb.fn.coalesce(eb.fn.sum<string>('other'), eb.val('0')).as('other'),
      eb.fn.coalesce(eb.fn.sum<string>('funds_planned'), eb.val('0')).as('funds_planned'),
      eb.fn.coalesce(eb.fn.sum<string>('funds_paid'), eb.val('0')).as('funds_paid'),
    ])
    .where('enterprise_id', 'in', [...enterpriseIds])
    .executeTakeFirstOrThrow();
  return {
    enterprises: Number(r.enterprises),
    workersAffected: Number(r.workers_affected),
    transferred: Number(r.transferred),
    reemployed: Number(r.reemployed),
    retired: Number(r.retired),
    other: Number(r.other),
    fundsPlanned: Number(r.funds_planned).toFixed(2),
    fundsPaid: Number(r.funds_paid).toFixed(2),
  };
}
