/**
 * Environmental protection (plan §2.2; 环境保护法 art. 60): restrict or suspend production; serious cases are
 * ordered to cease or close only with the recorded approval of the city government.
 */
import { Type } from '@sinclair/typebox';
import {
  checkDueAfter, close, DecimalSchema, defineAct, docFields, EmptyPayload, findingBase, fixedDeadline, IsoDateSchema, ResultPayload, setLines, Text,
  type CaseState, type DimensionDef, type Refusal, type TableEntry,
} from './types.ts';

export const environmentStates = ['found', 'restricted', 'suspended', 'recheckFailed', 'serious', 'approvalRequested', 'approved', 'closureOrdered', 'closed'] as const;
export type EnvironmentState = (typeof environmentStates)[number];
export type EnvironmentAct =
  | 'orderRestriction' | 'orderSuspension' | 'recheck' | 'declareSerious' | 'requestGovernmentApproval' | 'recordGovernmentApproval' | 'orderCeaseOrClose' | 'recordClosure';

export const environmentFindingSchema = Type.Object(
  {
    dimension: Type.Literal('environment'),
    ...findingBase,
    kind: Type.Union([Type.Literal('emission'), Type.Literal('totalQuantity'), Type.Literal('solidWaste')]),
    pollutant: Type.String({ minLength: 1, pattern: '\\S' }),
    standard: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })),
    measured: Type.Optional(DecimalSchema),
    limit: Type.Optional(DecimalSchema),
    unit: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

const OrderPayload = Type.Object({ due: Type.Optional(IsoDateSchema), ...docFields }, { additionalProperties: false });

export const environmentPayloads = {
  orderRestriction: OrderPayload,
  orderSuspension: OrderPayload,
  recheck: ResultPayload,
  declareSerious: Type.Object({ reason: Text, ...docFields }, { additionalProperties: false }),
  requestGovernmentApproval: EmptyPayload,
  recordGovernmentApproval: Type.Object(
    { decision: Type.Union([Type.Literal('approved'), Type.Literal('refused')]), reason: Type.Optional(Text), ...docFields },
    { additionalProperties: false },
  ),
  orderCeaseOrClose: Type.Object({ measure: Type.Union([Type.Literal('cease'), Type.Literal('close')]), ...docFields }, { additionalProperties: false }),
  recordClosure: EmptyPayload,
};

const B = 'plan-2020-§2.2' as const;
const e = (to: EnvironmentState[], roles: TableEntry['roles']): TableEntry<EnvironmentState> => ({ to, basisId: B, roles });
const dep = ['department'] as const;

export const environmentTable: DimensionDef<EnvironmentState, EnvironmentAct>['table'] = {
  found: { orderRestriction: e(['restricted'], dep), orderSuspension: e(['suspended'], dep) },
  restricted: { recheck: e(['closed', 'recheckFailed'], dep), orderSuspension: e(['suspended'], dep) },
  suspended: { recheck: e(['closed', 'recheckFailed'], dep) },
  recheckFailed: { orderRestriction: e(['restricted'], dep), orderSuspension: e(['suspended'], dep), declareSerious: e(['serious'], dep) },
  serious: { requestGovernmentApproval: e(['approvalRequested'], dep) },
  approvalRequested: { recordGovernmentApproval: e(['approved', 'recheckFailed'], ['government']) },
  approved: { orderCeaseOrClose: e(['closureOrdered'], dep) },
  closureOrdered: { recordClosure: e(['closed'], ['department', 'territory']) },
  closed: {},
};

/** §2.2: no cease/close without the city government's recorded approval. */
function approvalRecorded(s: CaseState): Refusal | null {
  return s.governmentApproval?.decision === 'approved'
    ? null
    : { zh: '责令停业、关闭须报经市人民政府批准，尚无批准记录', en: 'ceasing or closing needs the recorded approval of the city government' };
}

function order(to: 'restricted' | 'suspended') {
  return defineAct(OrderPayload, {
    guard: (_s, p, act) => (p.due === undefined ? null : checkDueAfter(p.due, act)),
    apply(d, p, act, _ctx, out) {
      setLines(d, to);
      if (p.due !== undefined) d.due = out.deadline = fixedDeadline(p.due, B, act);
      else delete d.due;
      return to;
    },
  });
}

export const environment: DimensionDef<EnvironmentState, EnvironmentAct> = {
  dimension: 'environment',
  states: environmentStates,
  findingSchema: environmentFindingSchema,
  table: environmentTable,
  acts: {
    orderRestriction: order('restricted'),
    orderSuspension: order('suspended'),
    recheck: defineAct(environmentPayloads.recheck, {
      apply(d, p, act) {
        d.lastInspection = { date: act.date, result: p.result };
        if (p.result === 'fail') return 'recheckFailed';
        setLines(d, 'operating');
        delete d.due;
        return close(d, 'lifted');
      },
    }),
    declareSerious: defineAct(environmentPayloads.declareSerious, {
      apply(d, p, act) {
        d.serious = { declaredOn: act.date, reason: p.reason };
        return 'serious';
      },
    }),
    requestGovernmentApproval: defineAct(environmentPayloads.requestGovernmentApproval, {
      apply(d, _p, act) {
        d.governmentApproval = { requestedOn: act.date };
        return 'approvalRequested';
      },
    }),
    recordGovernmentApproval: defineAct(environmentPayloads.recordGovernmentApproval, {
      apply(d, p, act) {
        const ga: NonNullable<CaseState['governmentApproval']> = { requestedOn: d.governmentApproval?.requestedOn ?? act.date, decision: p.decision, decidedOn: act.date };
        if (p.documentNo !== undefined) ga.documentNo = p.documentNo;
        d.governmentApproval = ga;
        if (p.decision === 'approved') return 'approved';
        delete d.serious;
        return 'recheckFailed';
      },
    }),
    orderCeaseOrClose: defineAct(environmentPayloads.orderCeaseOrClose, {
      precondition: (s) => approvalRecorded(s),
      apply(d) {
        setLines(d, 'suspended');
        delete d.due;
        return 'closureOrdered';
      },
    }),
    recordClosure: defineAct(environmentPayloads.recordClosure, {
      precondition: (s) => approvalRecorded(s),
      apply(d) {
        setLines(d, 'exited');
        return close(d, 'exited');
      },
    }),
  },
};
