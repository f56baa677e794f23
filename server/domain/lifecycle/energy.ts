/**
 * Energy consumption (plan §2.1): rectify within 6 months; at most one extension of at most 3 months, counted
 * from the original due date; not rectified at expiry, or failing re-inspection → closed according to law.
 */
import { Type } from '@sinclair/typebox';
import {
  close, DecimalSchema, defineAct, docFields, EmptyPayload, findingBase, periodDeadline, ResultPayload, setLines, Text, useParam,
  type DimensionDef, type TableEntry,
} from './types.ts';
import { paramAsOf } from '../law/parameters.ts';

export const energyStates = ['found', 'rectifying', 'extensionRequested', 'reinspectionFailed', 'overdue', 'closureOrdered', 'closed'] as const;
export type EnergyState = (typeof energyStates)[number];
export type EnergyAct =
  | 'serveRectificationOrder' | 'applyExtension' | 'approveExtension' | 'refuseExtension' | 'reinspect' | 'markOverdue' | 'orderClosure' | 'recordClosure';

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
};

const B = 'plan-2020-§2.1' as const;
const e = (to: EnergyState[], roles: TableEntry['roles']): TableEntry<EnergyState> => ({ to, basisId: B, roles });

export const energyTable: DimensionDef<EnergyState, EnergyAct>['table'] = {
  found: { serveRectificationOrder: e(['rectifying'], ['department', 'territory']) },
  rectifying: {
    applyExtension: e(['extensionRequested'], ['department', 'territory']),
    reinspect: e(['closed', 'reinspectionFailed'], ['department', 'territory']),
    markOverdue: e(['overdue'], ['system']),
  },
  extensionRequested: {
    approveExtension: e(['rectifying'], ['department']),
    refuseExtension: e(['rectifying'], ['department']),
  },
  reinspectionFailed: { orderClosure: e(['closureOrdered'], ['department', 'government']) },
  overdue: { orderClosure: e(['closureOrdered'], ['department', 'government']) },
  closureOrdered: { recordClosure: e(['closed'], ['department', 'territory']) },
  closed: {},
};

export const energy: DimensionDef<EnergyState, EnergyAct> = {
  dimension: 'energy',
  states: energyStates,
  findingSchema: energyFindingSchema,
  table: energyTable,
  acts: {
    serveRectificationOrder: defineAct(energyPayloads.serveRectificationOrder, {
      apply(d, _p, act, ctx, out) {
        const months = useParam('energy.rectificationPeriod', act.date, ctx, out);
        d.due = d.originalDue = out.deadline = periodDeadline({ from: act.date, months }, B, act, ctx);
        return 'rectifying';
      },
    }),
    applyExtension: defineAct(energyPayloads.applyExtension, {
      precondition(s, ctx) {
        const max = paramAsOf('energy.extensionMaxCount', ctx.now, ctx.params).value;
        if (s.extensionApplications >= max) {
          return { zh: `延期申请以 ${max} 次为限，已申请过`, en: `at most ${max} extension application(s); one was already made`, max };
        }
        if (s.due && ctx.now > s.due.due) return { zh: '整改期限已届满，不得再申请延期', en: 'the rectification period has expired; no extension can be applied for', due: s.due.due };
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
        d.extension = { requestedMonths: p.requestedMonths, appliedOn: act.date, reason: p.reason, status: 'requested' };
        return 'extensionRequested';
      },
    }),
    approveExtension: defineAct(energyPayloads.approveExtension, {
      guard(s, p, act, ctx) {
        const max = paramAsOf('energy.extensionMaxMonths', act.date, ctx.params).value;
        const requested = s.extension?.requestedMonths ?? 0;
        if (p.grantedMonths > requested) return { zh: '批准的延期不得超过申请的月数', en: 'granted months exceed the months requested', requested, granted: p.grantedMonths };
        if (p.grantedMonths > max) return { zh: `延期最长 ${max} 个月`, en: `an extension is at most ${max} months`, max, granted: p.grantedMonths };
        return null;
      },
      apply(d, p, act, ctx, out) {
        useParam('energy.extensionMaxMonths', act.date, ctx, out);
        const countedFrom = useParam('energy.extensionCountedFrom', act.date, ctx, out);
        const from = countedFrom === 'originalDue' ? (d.originalDue ?? d.due)?.due ?? act.date : act.date;
        d.due = out.deadline = periodDeadline({ from, months: p.grantedMonths }, B, act, ctx);
        if (d.extension) Object.assign(d.extension, { status: 'approved', grantedMonths: p.grantedMonths, decidedOn: act.date });
        return 'rectifying';
      },
    }),
    refuseExtension: defineAct(energyPayloads.refuseExtension, {
      apply(d, _p, act) {
        if (d.extension) Object.assign(d.extension, { status: 'refused', decidedOn: act.date });
        return 'rectifying';
      },
    }),
    reinspect: defineAct(energyPayloads.reinspect, {
      apply(d, p, act) {
        d.lastInspection = { date: act.date, result: p.result };
        delete d.due;
        return p.result === 'pass' ? close(d, 'rectified') : 'reinspectionFailed';
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
      apply(d) {
        setLines(d, 'suspended');
        delete d.due;
        return 'closureOrdered';
      },
    }),
    recordClosure: defineAct(energyPayloads.recordClosure, {
      apply(d) {
        setLines(d, 'exited');
        return close(d, 'exited');
      },
    }),
  },
};
