/**
 * Energy consumption (plan §2.1): rectify within 6 months; an extension of at most 3 months may be applied for (how
 * many, from when it counts and who approves are LOCAL choices, law/parameters.ts); "逾期未整改或经整改仍未达标的，依法关停退出":
 * closure may be ordered only once the period (as extended) has run out AND a re-inspection after it still fails.
 * A re-inspection inside the period either passes (rectified) or records a non-conformity; the clock keeps running.
 * Closure shuts the lines (关停); they exit when the exit is accepted (验收, §3.4).
 */
import { Type } from '@sinclair/typebox';
import {
  acceptAct,
  AcceptPayload,
  actorRef,
  close,
  DecimalSchema,
  defineAct,
  docFields,
  EmptyPayload,
  findingBase,
  periodDeadline,
  ResultPayload,
  setLines,
  Text,
  useParam,
  type ActContext,
  type CaseState,
  type DimensionDef,
  type Refusal,
  type TableEntry,
} from './types.ts';
import { paramAsOf } from '../law/parameters.ts';
import { recordServiceAct, ServicePayload } from './service.ts';

export const energyStates = ['found', 'rectifying', 'extensionRequested', 'reinspectionFailed', 'overdue', 'closureOrdered', 'shut', 'closed'] as const;
export type EnergyState = (typeof energyStates)[number];
export type EnergyAct =
  | 'serveRectificationOrder'
  | 'applyExtension'
  | 'approveExtension'
  | 'refuseExtension'
  | 'reinspect'
  | 'markOverdue'
  | 'orderClosure'
  | 'recordClosure'
  | 'accept'
  | 'recordService';

export const energyFindingSchema = Type.Object(
  {
    dimension: Type.Literal('energy'),
    ...findingBase,
    /** e.g. `GB 21256`. */
    standard: Type.String({ minLength: 1, pattern: '\\S' }),
    /** e.g. `GB 21256-2013`: the edition in force on the inspection date. */
    edition: Type.String({ minLength: 1, pattern: '\\S' }),
    process: Type.String({ minLength: 1, pattern: '\\S' }),
    measured: DecimalSchema,
    limit: DecimalSchema,
    unit: Type.String({ minLength: 1, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

export const energyPayloads = {
  serveRectificationOrder: EmptyPayload,
  applyExtension: Type.Object({ requestedMonths: Type.Integer({ minimum: 1, maximum: 24 }), reason: Text, ...docFields }, { additionalProperties: false }),
  approveExtension: Type.Object({ grantedMonths: Type.Integer({ minimum: 1, maximum: 24 }), ...docFields }, { additionalProperties: false }),
  refuseExtension: Type.Object({ reason: Type.Optional(Text), ...docFields }, { additionalProperties: false }),
  reinspect: Type.Object({ ...ResultPayload.properties, measured: Type.Optional(DecimalSchema) }, { additionalProperties: false }),
  markOverdue: Type.Object({}, { additionalProperties: false }),
  orderClosure: EmptyPayload,
  recordClosure: EmptyPayload,
  accept: AcceptPayload,
  recordService: ServicePayload,
};

const B = 'plan-2020-§2.1' as const;
const e = (to: EnergyState[], roles: TableEntry['roles']): TableEntry<EnergyState> => ({ to, basisId: B, roles });

const closureEntry = e(['closureOrdered'], ['department', 'government']);
const acceptEntry = e(['closed'], ['office', 'department']);
export const energyTable: DimensionDef<EnergyState, EnergyAct>['table'] = {
  found: { serveRectificationOrder: e(['rectifying'], ['department', 'territory']) },
  rectifying: {
    applyExtension: e(['extensionRequested'], ['department', 'territory']),
    reinspect: e(['closed', 'rectifying', 'reinspectionFailed'], ['department', 'territory']),
    markOverdue: e(['overdue'], ['system']),
    // the notice served later than issued: the period runs from service (a local choice, domain/lifecycle/service.ts)
    recordService: e(['rectifying'], ['system']),
    // listed so that the refusal names the due date and the rule (its precondition always refuses here)
    orderClosure: closureEntry,
  },
  extensionRequested: {
    approveExtension: e(['rectifying'], ['department', 'office']),
    refuseExtension: e(['rectifying'], ['department', 'office']),
  },
  overdue: { reinspect: e(['closed', 'reinspectionFailed'], ['department', 'territory']), orderClosure: closureEntry },
  reinspectionFailed: { orderClosure: closureEntry },
  closureOrdered: { recordClosure: e(['shut'], ['department', 'territory']), accept: acceptEntry },
  shut: { accept: acceptEntry },
  closed: {},
};

/** §2.1: closure only after the period (as extended) ran out and a re-inspection after that date still failed. */
function closureAllowed(s: CaseState): Refusal | null {
  const due = s.rectificationDue ?? s.due?.due;
  const rule = '《方案》§2.1：逾期未整改或经整改仍未达标的，依法关停退出';
  const ruleEn = 'plan §2.1: closed only when not rectified at expiry or still failing after rectification';
  if (due === undefined) return { zh: `尚未下达整改通知，无整改期限（${rule}）`, en: `no rectification period has been set (${ruleEn})` };
  const insp = s.lastInspection;
  if (insp?.result === 'fail' && insp.date > due) return null;
  return {
    zh: `整改期限至 ${due}（含延期）；须在期限届满后复查仍不达标，方可责令关停（${rule}）`,
    en: `the rectification period runs until ${due} (as extended); closure may be ordered only after it has run out and a re-inspection after that date still fails (${ruleEn})`,
    due,
    rule: 'plan-2020-§2.1',
  };
}

/** Separation of duties: an extension is approved by an approving role, never by the applicant's account or unit. */
function approverAllowed(s: CaseState, ctx: ActContext): Refusal | null {
  const approvers = paramAsOf('energy.extensionApprovers', ctx.now, ctx.params).value;
  const by = s.extension?.appliedBy;
  const who = {
    zh: approvers.map((r) => ({ office: '市领导小组办公室', department: '牵头部门', government: '市人民政府' })[r]).join('或'),
    en: approvers.join(' or '),
  };
  if (!(approvers as readonly string[]).includes(ctx.role)) {
    return { zh: `延期申请须由${who.zh}批准`, en: `an extension is approved by the ${who.en}`, approvers: [...approvers] };
  }
  if (by && ((by.actorId !== undefined && by.actorId === ctx.actorId) || (by.unit !== undefined && by.unit === ctx.unit))) {
    return {
      zh: `申请延期的账号或单位不得自行批准；须由申请单位以外的${who.zh}批准`,
      en: `the account or unit that applied for the extension may not approve it; it is approved by the ${who.en} other than the applicant`,
      approvers: [...approvers],
      appliedBy: by,
    };
  }
  return null;
}

export const energy: DimensionDef<EnergyState, EnergyAct> = {
  dimension: 'energy',
  states: energyStates,
  findingSchema: energyFindingSchema,
  // §2.1: only capacity that does not meet the limit is a finding (the limits are maxima: 限额)
  checkFinding(f) {
    const measured = Number(f.measured);
    const limit = Number(f.limit);
    if (!(measured > limit)) {
      return {
        zh: `实测值 ${String(f.measured)} 未超过限额 ${String(f.limit)}：达到强制性能耗限额标准的产能不属于《方案》§2.1 的整改对象`,
        en: `the measured value ${String(f.measured)} does not exceed the limit ${String(f.limit)}: capacity within the mandatory energy limit is not a finding under plan §2.1`,
        field: 'finding.measured',
      };
    }
    return null;
  },
  table: energyTable,
  acts: {
    serveRectificationOrder: defineAct(energyPayloads.serveRectificationOrder, {
      apply(d, _p, act, ctx, out) {
        const months = useParam('energy.rectificationPeriod', act.date, ctx, out);
        d.due = d.originalDue = out.deadline = periodDeadline({ from: act.date, months }, B, act, ctx);
        d.rectificationDue = d.due.due;
        return 'rectifying';
      },
    }),
    applyExtension: defineAct(energyPayloads.applyExtension, {
      precondition(s, ctx) {
        const max = paramAsOf('energy.extensionMaxCount', ctx.now, ctx.params).value;
        if (s.extensionApplications >= max) {
          return { zh: `延期申请以 ${max} 次为限，已申请过`, en: `at most ${max} extension application(s); one was already made`, max };
        }
        if (s.due && ctx.now > s.due.due)
          return { zh: '整改期限已届满，不得再申请延期', en: 'the rectification period has expired; no extension can be applied for', due: s.due.due };
        return null;
      },
      guard(s, p, act, ctx) {
        const max = paramAsOf('energy.extensionMaxMonths', act.date, ctx.params).value;
        if (p.requestedMonths > max) return { zh: `延期最长 ${max} 个月`, en: `an extension is at most ${max} months`, max, requested: p.requestedMonths };
        if (s.due && act.date > s.due.due) return { zh: '申请日期晚于整改期限', en: 'applied after the due date', due: s.due.due };
        return null;
      },
      apply(d, p, act, ctx, out) {
        useParam('energy.extensionMaxCount', act.date, ctx, out);
        useParam('energy.extensionMaxMonths', act.date, ctx, out);
        d.extensionApplications += 1;
        d.extension = { requestedMonths: p.requestedMonths, appliedOn: act.date, reason: p.reason, status: 'requested', appliedBy: actorRef(ctx) };
        return 'extensionRequested';
      },
    }),
    approveExtension: defineAct(energyPayloads.approveExtension, {
      precondition: approverAllowed,
      guard(s, p, act, ctx) {
        const max = paramAsOf('energy.extensionMaxMonths', act.date, ctx.params).value;
        const requested = s.extension?.requestedMonths ?? 0;
        if (p.grantedMonths > requested)
          return { zh: '批准的延期不得超过申请的月数', en: 'granted months exceed the months requested', requested, granted: p.grantedMonths };
        if (p.grantedMonths > max) return { zh: `延期最长 ${max} 个月`, en: `an extension is at most ${max} months`, max, granted: p.grantedMonths };
        return null;
      },
      apply(d, p, act, ctx, out) {
        useParam('energy.extensionMaxMonths', act.date, ctx, out);
        const countedFrom = useParam('energy.extensionCountedFrom', act.date, ctx, out);
        const from = countedFrom === 'originalDue' ? ((d.originalDue ?? d.due)?.due ?? act.date) : act.date;
        useParam('energy.extensionApprovers', act.date, ctx, out);
        d.due = out.deadline = periodDeadline({ from, months: p.grantedMonths }, B, act, ctx);
        d.rectificationDue = d.due.due;
        if (d.extension) Object.assign(d.extension, { status: 'approved', grantedMonths: p.grantedMonths, decidedOn: act.date, decidedBy: actorRef(ctx) });
        return 'rectifying';
      },
    }),
    refuseExtension: defineAct(energyPayloads.refuseExtension, {
      precondition: approverAllowed,
      apply(d, _p, act, ctx) {
        if (d.extension) Object.assign(d.extension, { status: 'refused', decidedOn: act.date, decidedBy: actorRef(ctx) });
        return 'rectifying';
      },
    }),
    reinspect: defineAct(energyPayloads.reinspect, {
      apply(d, p, act) {
        d.lastInspection = { date: act.date, result: p.result };
        if (p.result === 'pass') {
          delete d.due;
          return close(d, 'rectified');
        }
        const due = d.rectificationDue ?? d.due?.due;
        if (due !== undefined && act.date <= due) {
          // inside the period: a non-conformity is recorded and the clock keeps running (§2.1: 在6个月内整改)
          (d.nonConformities ??= []).push(p.measured !== undefined ? { date: act.date, measured: p.measured } : { date: act.date });
          return 'rectifying';
        }
        delete d.due;
        return 'reinspectionFailed';
      },
    }),
    markOverdue: defineAct(energyPayloads.markOverdue, {
      precondition(s, ctx) {
        if (!s.due) return { zh: '无整改期限', en: 'no due date' };
        return ctx.now > s.due.due ? null : { zh: `整改期限 ${s.due.due} 尚未届满`, en: `the period runs until ${s.due.due}`, due: s.due.due };
      },
      guard(s, _p, act) {
        return s.due && act.date > s.due.due ? null : { zh: '逾期认定日期须晚于整改期限', en: 'the overdue date must be after the due date', due: s.due?.due };
      },
      apply: () => 'overdue',
    }),
    orderClosure: defineAct(energyPayloads.orderClosure, {
      precondition: (s) => closureAllowed(s),
      apply(d) {
        setLines(d, 'shut');
        delete d.due;
        return 'closureOrdered';
      },
    }),
    recordClosure: defineAct(energyPayloads.recordClosure, {
      apply(d) {
        setLines(d, 'shut');
        return 'shut';
      },
    }),
    accept: acceptAct('exited'),
    recordService: recordServiceAct('rectifying', ['serveRectificationOrder']),
  },
};
