/**
 * Safety (plan §2.4; 安全生产法): order rectification; suspension for rectification (停产停业整顿) after a failed
 * rectification, or directly where the hazard calls for it (with the reason); still unsafe after it → closure
 * (the lines are shut), and every licence the enterprise holds revoked by the authority that issued it — by the
 * issuing department's account, or, for an authority outside the platform, with its decision number, date and the
 * decision as evidence. The closure is finished only when every licence is revoked (or none is held, stated), and
 * the lines exit when the exit is accepted (验收, §3.4).
 */
import { Type } from '@sinclair/typebox';
import {
  checkDueAfter,
  close,
  defineAct,
  docFields,
  EmptyPayload,
  findingBase,
  fixedDeadline,
  IsoDateSchema,
  periodDeadline,
  ResultPayload,
  setLines,
  Text,
  acceptAct,
  AcceptPayload,
  type Act,
  type ActContext,
  type CaseState,
  type DimensionDef,
  type EffectOut,
  type Refusal,
  type TableEntry,
} from './types.ts';
import { recordServiceAct, ServicePayload } from './service.ts';

export const safetyStates = ['found', 'rectifying', 'rectificationFailed', 'suspended', 'suspensionFailed', 'closureOrdered', 'shut', 'closed'] as const;
export type SafetyState = (typeof safetyStates)[number];
export type SafetyAct =
  | 'orderRectification'
  | 'recheck'
  | 'orderSuspension'
  | 'orderClosure'
  | 'requestLicenceRevocation'
  | 'recordLicenceRevoked'
  | 'finish'
  | 'accept'
  | 'recordService';

export const safetyFindingSchema = Type.Object({ dimension: Type.Literal('safety'), ...findingBase, hazard: Text }, { additionalProperties: false });

/** A deadline set by the decision: a date, or a number of calendar days. */
const DuePayload = Type.Object(
  { due: Type.Optional(IsoDateSchema), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })), ...docFields },
  { additionalProperties: false },
);
const SuspensionPayload = Type.Object({ ...DuePayload.properties, reason: Type.Optional(Text) }, { additionalProperties: false });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const RequestLicencePayload = Type.Object(
  {
    licence: Name,
    issuingAuthority: Name,
    /** the issuing department's code when it is on the platform: then its account records the revocation */
    issuingDepartmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9_-]+$' })),
    ...docFields,
  },
  { additionalProperties: false },
);
const RevokedPayload = Type.Object(
  {
    licence: Name,
    issuingAuthority: Type.Optional(Name),
    /** an outside authority's revocation decision: its number and date, with the decision as evidence */
    decisionNo: Type.Optional(Name),
    decisionDate: Type.Optional(IsoDateSchema),
    ...docFields,
  },
  { additionalProperties: false },
);

export const safetyPayloads = {
  orderRectification: DuePayload,
  recheck: ResultPayload,
  orderSuspension: SuspensionPayload,
  orderClosure: EmptyPayload,
  requestLicenceRevocation: RequestLicencePayload,
  recordLicenceRevoked: RevokedPayload,
  finish: Type.Object({ note: Type.Optional(Text), noLicencesHeld: Type.Optional(Type.Boolean()), ...docFields }, { additionalProperties: false }),
  accept: AcceptPayload,
  recordService: ServicePayload,
};

const B = 'plan-2020-§2.4' as const;
const e = (to: SafetyState[], roles: TableEntry['roles']): TableEntry<SafetyState> => ({ to, basisId: B, roles });

export const safetyTable: DimensionDef<SafetyState, SafetyAct>['table'] = {
  // 安全生产法: suspension for rectification may be ordered directly where the hazard calls for it
  found: { orderRectification: e(['rectifying'], ['department', 'territory']), orderSuspension: e(['suspended'], ['department']) },
  rectifying: {
    recheck: e(['closed', 'rectificationFailed'], ['department', 'territory']),
    orderSuspension: e(['suspended'], ['department']),
    // the notice served later than issued: a period in days runs from service (a local choice, domain/lifecycle/service.ts)
    recordService: e(['rectifying'], ['system']),
  },
  rectificationFailed: { orderSuspension: e(['suspended'], ['department']) },
  suspended: { recheck: e(['closed', 'suspensionFailed'], ['department', 'territory']) },
  // 安全生产法: closure is decided by the county-level (or higher) government at the department's request.
  suspensionFailed: { orderClosure: e(['closureOrdered'], ['government']) },
  closureOrdered: {
    requestLicenceRevocation: e(['closureOrdered'], ['department']),
    recordLicenceRevoked: e(['closureOrdered'], ['department']),
    finish: e(['shut'], ['department', 'government']),
  },
  shut: { accept: e(['closed'], ['office', 'department']) },
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

/** §2.4 "需要吊销相关证照的由该证照的发证机关": who may record this revocation. */
function revocationAllowed(
  s: CaseState,
  p: { licence: string; issuingAuthority?: string; decisionNo?: string; decisionDate?: string; evidenceIds?: string[] },
  act: Act,
  ctx: ActContext,
): Refusal | null {
  const l = s.licences.find((x) => x.licence === p.licence && x.status === 'pending');
  if (!l) return { zh: '该证照没有待办的吊销请求', en: 'no pending revocation for this licence', licence: p.licence, field: 'licence' };
  if (p.issuingAuthority !== undefined && l.issuingAuthority !== p.issuingAuthority) {
    return {
      zh: `证照须由发证机关（${l.issuingAuthority}）吊销`,
      en: `the licence must be revoked by its issuing authority (${l.issuingAuthority})`,
      issuingAuthority: l.issuingAuthority,
    };
  }
  if (l.issuingDepartmentCode !== undefined) {
    if (ctx.departmentCode === l.issuingDepartmentCode) return null;
    return {
      zh: `该证照由${l.issuingAuthority}核发，须由该部门的账号记录吊销`,
      en: `this licence was issued by ${l.issuingAuthority}: an account of that department records its revocation`,
      issuingDepartmentCode: l.issuingDepartmentCode,
    };
  }
  // an authority outside the platform: its decision (number, date) with the decision document as evidence
  if (p.decisionNo === undefined || p.decisionDate === undefined || !p.evidenceIds?.length) {
    return {
      zh: `发证机关（${l.issuingAuthority}）不在平台上：须录入其吊销决定书文号、日期，并上传决定书作为证据`,
      en: `the issuing authority (${l.issuingAuthority}) is outside the platform: give its decision number and date and upload the decision as evidence`,
      field: p.decisionNo === undefined ? 'decisionNo' : p.decisionDate === undefined ? 'decisionDate' : 'evidenceIds',
    };
  }
  if (p.decisionDate > act.date)
    return { zh: '吊销决定日期不得晚于记录日期', en: 'the decision date cannot be after the date recorded', field: 'decisionDate' };
  return null;
}

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
    orderSuspension: defineAct(SuspensionPayload, {
      guard(s, p, act) {
        if (s.state !== 'rectificationFailed' && p.reason === undefined) {
          return {
            zh: '未经整改复查直接责令停产停业整顿的，须写明隐患需要停产整顿的理由',
            en: 'a suspension ordered directly (without a failed rectification) must state why the hazard calls for it',
            field: 'reason',
          };
        }
        return dueGuard(p, act, false);
      },
      apply(d, p, act, ctx, out) {
        setLines(d, 'suspended');
        setDue(d, p, act, ctx, out);
        return 'suspended';
      },
    }),
    orderClosure: defineAct(EmptyPayload, {
      apply(d) {
        setLines(d, 'shut');
        delete d.due;
        return 'closureOrdered';
      },
    }),
    requestLicenceRevocation: defineAct(RequestLicencePayload, {
      guard: (s, p) =>
        s.licences.some((l) => same(l, p)) ? { zh: '该证照已提请吊销', en: 'revocation of this licence was already requested', licence: p.licence } : null,
      apply(d, p, act) {
        d.licences.push({
          licence: p.licence,
          issuingAuthority: p.issuingAuthority,
          ...(p.issuingDepartmentCode !== undefined ? { issuingDepartmentCode: p.issuingDepartmentCode } : {}),
          status: 'pending',
          requestedOn: act.date,
        });
        return 'closureOrdered';
      },
    }),
    recordLicenceRevoked: defineAct(RevokedPayload, {
      guard: revocationAllowed,
      apply(d, p, act, ctx) {
        const l = d.licences.find((x) => x.licence === p.licence && x.status === 'pending');
        if (l) {
          const by: NonNullable<CaseState['licences'][number]['revokedBy']> = {};
          if (l.issuingDepartmentCode !== undefined && ctx.departmentCode !== undefined) by.departmentCode = ctx.departmentCode;
          if (p.decisionNo !== undefined) by.decisionNo = p.decisionNo;
          if (p.decisionDate !== undefined) by.decisionDate = p.decisionDate;
          if (p.evidenceIds?.length) by.evidenceIds = p.evidenceIds;
          Object.assign(l, { status: 'revoked', revokedOn: act.date, revokedBy: by });
        }
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
      guard(s, p) {
        if (s.licences.length > 0) return null;
        if (p.noLicencesHeld !== true) {
          return {
            zh: '关闭须记录企业持有的每一项证照由发证机关吊销（《方案》§2.4）；企业未持有相关证照的，须声明并说明',
            en: 'closing needs the revocation of each licence the enterprise holds, by its issuing authority (plan §2.4); if it holds none, say so with a note',
            field: 'noLicencesHeld',
          };
        }
        return p.note === undefined ? { zh: '声明未持有证照须附说明', en: 'a note is required with noLicencesHeld', field: 'note' } : null;
      },
      apply(d, p, act) {
        if (p.noLicencesHeld === true && p.note !== undefined) d.noLicencesHeld = { date: act.date, note: p.note };
        setLines(d, 'shut');
        return 'shut';
      },
    }),
    accept: acceptAct('exited'),
    recordService: recordServiceAct('rectifying', ['orderRectification']),
  },
};
