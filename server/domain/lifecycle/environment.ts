/**
 * Environmental protection (plan §2.2; 环境保护法 art. 60): restrict or suspend production; serious cases — declared
 * from the finding itself or later — are ordered to cease business (停业) or close (关闭) only with the recorded
 * approval of the city government, and only the measure it approved. 停业 suspends the lines (they do not exit);
 * 关闭 shuts them (关停), and they exit when the exit is accepted (验收, §3.4).
 */
import { Type } from '@sinclair/typebox';
import {
  checkDueAfter,
  close,
  DecimalSchema,
  defineAct,
  docFields,
  EmptyPayload,
  findingBase,
  fixedDeadline,
  IsoDateSchema,
  ResultPayload,
  setLines,
  Text,
  acceptAct,
  AcceptPayload,
  actorRef,
  type CaseState,
  type DimensionDef,
  type Refusal,
  type TableEntry,
} from './types.ts';

export const environmentStates = [
  'found',
  'restricted',
  'suspended',
  'recheckFailed',
  'serious',
  'approvalRequested',
  'approved',
  'ceased',
  'closureOrdered',
  'shut',
  'closed',
] as const;
export type EnvironmentState = (typeof environmentStates)[number];
export type EnvironmentAct =
  | 'orderRestriction'
  | 'orderSuspension'
  | 'recheck'
  | 'declareSerious'
  | 'requestGovernmentApproval'
  | 'recordGovernmentApproval'
  | 'orderCeaseOrClose'
  | 'recordClosure'
  | 'accept';

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
const Measure = Type.Union([Type.Literal('cease'), Type.Literal('close')], {
  description: 'cease = 停业 (lines suspended); close = 关闭 (lines shut, exit on acceptance)',
});

export const environmentPayloads = {
  orderRestriction: OrderPayload,
  orderSuspension: OrderPayload,
  recheck: ResultPayload,
  declareSerious: Type.Object({ reason: Text, ...docFields }, { additionalProperties: false }),
  requestGovernmentApproval: Type.Object({ measure: Type.Optional(Measure), ...docFields }, { additionalProperties: false }),
  recordGovernmentApproval: Type.Object(
    { decision: Type.Union([Type.Literal('approved'), Type.Literal('refused')]), measure: Type.Optional(Measure), reason: Type.Optional(Text), ...docFields },
    { additionalProperties: false },
  ),
  orderCeaseOrClose: Type.Object({ measure: Measure, ...docFields }, { additionalProperties: false }),
  recordClosure: EmptyPayload,
  accept: AcceptPayload,
};

const B = 'plan-2020-§2.2' as const;
const e = (to: EnvironmentState[], roles: TableEntry['roles']): TableEntry<EnvironmentState> => ({ to, basisId: B, roles });
const dep = ['department'] as const;

const serious = e(['serious'], dep);
const acceptEntry = e(['closed'], ['office', 'department']);
export const environmentTable: DimensionDef<EnvironmentState, EnvironmentAct>['table'] = {
  // 情节严重 may be declared on the finding itself (环境保护法 art. 60), not only after a failed re-check
  found: { orderRestriction: e(['restricted'], dep), orderSuspension: e(['suspended'], dep), declareSerious: serious },
  restricted: { recheck: e(['closed', 'recheckFailed'], dep), orderSuspension: e(['suspended'], dep), declareSerious: serious },
  suspended: { recheck: e(['closed', 'recheckFailed'], dep), declareSerious: serious },
  recheckFailed: { orderRestriction: e(['restricted'], dep), orderSuspension: e(['suspended'], dep), declareSerious: serious },
  serious: { requestGovernmentApproval: e(['approvalRequested'], dep) },
  approvalRequested: { recordGovernmentApproval: e(['approved', 'recheckFailed'], ['government']) },
  approved: { orderCeaseOrClose: e(['ceased', 'closureOrdered'], dep) },
  ceased: { recheck: e(['closed', 'recheckFailed'], dep), declareSerious: serious },
  closureOrdered: { recordClosure: e(['shut'], ['department', 'territory']), accept: acceptEntry },
  shut: { accept: acceptEntry },
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
      apply(d, p, act, ctx) {
        d.governmentApproval = { requestedOn: act.date, requestedBy: actorRef(ctx), ...(p.measure !== undefined ? { measure: p.measure } : {}) };
        return 'approvalRequested';
      },
    }),
    recordGovernmentApproval: defineAct(environmentPayloads.recordGovernmentApproval, {
      guard(s, p) {
        const measure = p.measure ?? s.governmentApproval?.measure;
        if (p.decision === 'approved' && measure === undefined) {
          return {
            zh: '须写明市人民政府批准的是责令停业还是责令关闭',
            en: 'say which measure the city government approved: cease (停业) or close (关闭)',
            field: 'measure',
          };
        }
        return null;
      },
      apply(d, p, act) {
        const ga: NonNullable<CaseState['governmentApproval']> = {
          ...d.governmentApproval,
          requestedOn: d.governmentApproval?.requestedOn ?? act.date,
          decision: p.decision,
          decidedOn: act.date,
        };
        const measure = p.measure ?? d.governmentApproval?.measure;
        if (measure !== undefined) ga.measure = measure;
        if (p.documentNo !== undefined) ga.documentNo = p.documentNo;
        d.governmentApproval = ga;
        if (p.decision === 'approved') return 'approved';
        delete d.serious;
        return 'recheckFailed';
      },
    }),
    orderCeaseOrClose: defineAct(environmentPayloads.orderCeaseOrClose, {
      precondition: (s) => approvalRecorded(s),
      guard(s, p) {
        const approved = s.governmentApproval?.measure;
        if (approved !== undefined && approved !== p.measure) {
          const zh = { cease: '责令停业', close: '责令关闭' };
          return {
            zh: `市人民政府批准的是${zh[approved]}，不得改为${zh[p.measure]}`,
            en: `the city government approved ${approved}, not ${p.measure}`,
            field: 'measure',
            approved,
          };
        }
        return null;
      },
      apply(d, p, act) {
        delete d.due;
        d.ceaseOrClose = { measure: p.measure, date: act.date, ...(p.documentNo !== undefined ? { documentNo: p.documentNo } : {}) };
        if (p.measure === 'cease') {
          // 停业 is not 关闭: the lines are suspended, nothing exits
          setLines(d, 'suspended');
          return 'ceased';
        }
        setLines(d, 'shut');
        return 'closureOrdered';
      },
    }),
    recordClosure: defineAct(environmentPayloads.recordClosure, {
      precondition: (s) => approvalRecorded(s),
      apply(d) {
        setLines(d, 'shut');
        return 'shut';
      },
    }),
    accept: acceptAct('exited'),
  },
};
