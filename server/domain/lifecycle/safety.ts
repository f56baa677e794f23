/**
 * Safety (plan §2.4; 安全生产法): order rectification; failing that, suspension for rectification (停产停业整顿);
 * still unsafe → closure, and every related licence revoked by the authority that issued it. The case cannot
 * finish while a revocation is pending.
 */
import { Type } from '@sinclair/typebox';
import {
  checkDueAfter, close, defineAct, docFields, EmptyPayload, findingBase, fixedDeadline, IsoDateSchema, periodDeadline, ResultPayload, setLines, Text,
  type Act, type ActContext, type CaseState, type DimensionDef, type EffectOut, type Refusal, type TableEntry,
} from './types.ts';

export const safetyStates = ['found', 'rectifying', 'rectificationFailed', 'suspended', 'suspensionFailed', 'closureOrdered', 'closed'] as const;
export type SafetyState = (typeof safetyStates)[number];
export type SafetyAct =
  | 'orderRectification' | 'recheck' | 'orderSuspension' | 'orderClosure' | 'requestLicenceRevocation' | 'recordLicenceRevoked' | 'finish';

export const safetyFindingSchema = Type.Object(
  { dimension: Type.Literal('safety'), ...findingBase, hazard: Text },
  { additionalProperties: false },
);

/** A deadline set by the decision: a date, or a number of calendar days. */
const DuePayload = Type.Object(
  { due: Type.Optional(IsoDateSchema), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })), ...docFields },
  { additionalProperties: false },
);
const LicencePayload = Type.Object(
  { licence: Type.String({ minLength: 1, pattern: '\\S' }), issuingAuthority: Type.String({ minLength: 1, pattern: '\\S' }), ...docFields },
  { additionalProperties: false },
);

export const safetyPayloads = {
  orderRectification: DuePayload,
  recheck: ResultPayload,
  orderSuspension: DuePayload,
  orderClosure: EmptyPayload,
  requestLicenceRevocation: LicencePayload,
  recordLicenceRevoked: LicencePayload,
  finish: Type.Object({ note: Type.Optional(Text), ...docFields }, { additionalProperties: false }),
};

const B = 'plan-2020-§2.4' as const;
const e = (to: SafetyState[], roles: TableEntry['roles']): TableEntry<SafetyState> => ({ to, basisId: B, roles });

export const safetyTable: DimensionDef<SafetyState, SafetyAct>['table'] = {
  found: { orderRectification: e(['rectifying'], ['department', 'territory']) },
  rectifying: { recheck: e(['closed', 'rectificationFailed'], ['department', 'territory']) },
  rectificationFailed: { orderSuspension: e(['suspended'], ['department']) },
  suspended: { recheck: e(['closed', 'suspensionFailed'], ['department', 'territory']) },
  // 安全生产法: closure is decided by the county-level (or higher) government at the department's request.
  suspensionFailed: { orderClosure: e(['closureOrdered'], ['government']) },
  closureOrdered: {
    requestLicenceRevocation: e(['closureOrdered'], ['department']),
    recordLicenceRevoked: e(['closureOrdered'], ['department']),
    finish: e(['closed'], ['department', 'government']),
  },
  closed: {},
};

function dueGuard(p: { due?: string; days?: number }, act: Act, required: boolean): Refusal | null {
  if (p.due !== undefined && p.days !== undefined) return { zh: '期限只能给出日期或天数之一', en: 'give either due or days, not both' };
  if (p.due === undefined && p.days === undefined) return required ? { zh: '须给出整改期限', en: 'a due date (or days) is required' } : null;
  return p.due !== undefined ? checkDueAfter(p.due, act) : null;
}

function setDue(d: CaseState, p: { due?: string; days?: number }, act: Act, ctx: ActContext, out: EffectOut): void {
  if (p.due !== undefined) d.due = out.deadline = fixedDeadline(p.due, B, act);
  else if (p.days !== undefined) d.due = out.deadline = periodDeadline({ from: act.date, days: p.days }, B, act, ctx);
  else delete d.due;
}

const same = (l: { licence: string; issuingAuthority: string }, p: { licence: string; issuingAuthority: string }) =>
  l.licence === p.licence && l.issuingAuthority === p.issuingAuthority;

export const safety: DimensionDef<SafetyState, SafetyAct> = {
  dimension: 'safety',
  states: safetyStates,
  findingSchema: safetyFindingSchema,
  table: safetyTable,
  acts: {
    orderRectification: defineAct(DuePayload, {
      guard: (_s, p, act) => dueGuard(p, act, true),
      apply(d, p, act, ctx, out) {
        setDue(d, p, act, ctx, out);
        return 'rectifying';
      },
    }),
    recheck: defineAct(ResultPayload, {
      apply(d, p, act) {
        d.lastInspection = { date: act.date, result: p.result };
        const inSuspension = d.state === 'suspended';
        if (p.result === 'fail') return inSuspension ? 'suspensionFailed' : 'rectificationFailed';
        delete d.due;
        if (inSuspension) setLines(d, 'operating');
        return close(d, inSuspension ? 'resumed' : 'rectified');
      },
    }),
    orderSuspension: defineAct(DuePayload, {
      guard: (_s, p, act) => dueGuard(p, act, false),
      apply(d, p, act, ctx, out) {
        setLines(d, 'suspended');
        setDue(d, p, act, ctx, out);
        return 'suspended';
      },
    }),
    orderClosure: defineAct(EmptyPayload, {
      apply(d) {
        setLines(d, 'suspended');
        delete d.due;
        return 'closureOrdered';
      },
    }),
    requestLicenceRevocation: defineAct(LicencePayload, {
      guard: (s, p) =>
        s.licences.some((l) => same(l, p)) ? { zh: '该证照已提请吊销', en: 'revocation of this licence was already requested', licence: p.licence } : null,
      apply(d, p, act) {
        d.licences.push({ licence: p.licence, issuingAuthority: p.issuingAuthority, status: 'pending', requestedOn: act.date });
        return 'closureOrdered';
      },
    }),
    recordLicenceRevoked: defineAct(LicencePayload, {
      guard(s, p) {
        const l = s.licences.find((x) => x.licence === p.licence && x.status === 'pending');
        if (!l) return { zh: '该证照没有待办的吊销请求', en: 'no pending revocation for this licence', licence: p.licence };
        if (l.issuingAuthority !== p.issuingAuthority) {
          return { zh: `证照须由发证机关（${l.issuingAuthority}）吊销`, en: `the licence must be revoked by its issuing authority (${l.issuingAuthority})`, issuingAuthority: l.issuingAuthority };
        }
        return null;
      },
      apply(d, p, act) {
        const l = d.licences.find((x) => same(x, p) && x.status === 'pending');
        if (l) Object.assign(l, { status: 'revoked', revokedOn: act.date });
        return 'closureOrdered';
      },
    }),
    finish: defineAct(safetyPayloads.finish, {
      precondition(s) {
        const pending = s.licences.filter((l) => l.status === 'pending').map((l) => l.licence);
        return pending.length
          ? { zh: `尚有证照吊销未完成：${pending.join('、')}`, en: `licence revocations still pending: ${pending.join(', ')}`, pending }
          : null;
      },
      apply(d) {
        setLines(d, 'exited');
        return close(d, 'exited');
      },
    }),
  },
};
