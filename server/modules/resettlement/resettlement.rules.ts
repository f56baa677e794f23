/**
 * Worker resettlement (职工安置, plan §2.6) as pure rules: the figures must add up, a risk result needs an
 * assessment date, and each record says what is still to be done and who does it next. No I/O, no clock.
 */

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** The channels of §2.6 "妥善安置职工": transfer within the group, re-employment, retirement, other. */
export const CHANNELS = ['transferred', 'reemployed', 'retired', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ResettlementFigures {
  workersAffected: number;
  transferred: number;
  reemployed: number;
  retired: number;
  other: number;
  fundsPlanned: string;
  fundsPaid: string;
  planFiledOn: string | null;
  riskAssessed: boolean;
  riskLevel: RiskLevel | null;
  riskAssessedOn: string | null;
  riskPlan: boolean;
}

export interface RuleFailure {
  field: string;
  reason: string;
  reasonZh: string;
}

export function resettledTotal(f: Pick<ResettlementFigures, Channel>): number {
  return f.transferred + f.reemployed + f.retired + f.other;
}

/** The first rule the figures break (§2.6), or null. `today` bounds the dates (nothing is filed in the future). */
export function checkResettlement(f: ResettlementFigures, today: string): RuleFailure | null {
  if (resettledTotal(f) > f.workersAffected) {
    return {
      field: 'transferred',
      reason: `resettled workers (${resettledTotal(f)}) exceed the workers affected (${f.workersAffected})`,
      reasonZh: '已安置人数之和超过涉及职工人数',
    };
  }
  if (Number(f.fundsPaid) > Number(f.fundsPlanned) && Number(f.fundsPlanned) > 0) {
    return { field: 'fundsPaid', reason: 'funds paid exceed the funds planned', reasonZh: '已到位资金超过安置资金计划' };
  }
  if (f.riskAssessed && (f.riskLevel === null || f.riskAssessedOn === null)) {
    return {
      field: f.riskLevel === null ? 'riskLevel' : 'riskAssessedOn',
      reason: 'a risk assessment needs its result and its date',
      reasonZh: '已开展社会稳定风险评估的，须填写评估结论和评估日期',
    };
  }
  if (!f.riskAssessed && (f.riskLevel !== null || f.riskAssessedOn !== null)) {
    return { field: 'riskAssessed', reason: 'a risk result without an assessment', reasonZh: '未开展社会稳定风险评估，不能填写评估结论' };
  }
  for (const field of ['planFiledOn', 'riskAssessedOn'] as const) {
    const d = f[field];
    if (d !== null && d > today) return { field, reason: 'a date after today', reasonZh: '日期不能晚于今天' };
  }
  return null;
}

/** What remains, in order (§2.6: plan first, then the risk assessment and its handling plan, then resettlement). */
export type NextStep = 'filePlan' | 'assessRisk' | 'prepareRiskPlan' | 'resettleWorkers' | 'payFunds' | 'done';

export function nextStep(f: ResettlementFigures): NextStep {
  if (f.planFiledOn === null) return 'filePlan';
  if (!f.riskAssessed) return 'assessRisk';
  if (f.riskLevel !== 'low' && !f.riskPlan) return 'prepareRiskPlan';
  if (resettledTotal(f) < f.workersAffected) return 'resettleWorkers';
  if (Number(f.fundsPaid) < Number(f.fundsPlanned)) return 'payFunds';
  return 'done';
}
