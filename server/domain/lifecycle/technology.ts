/**
 * Technology (plan §2.5; 产业结构调整指导目录 淘汰类): dismantle the main equipment now, or — where it cannot be
 * dismantled yet — cut water, cut power, remove power units and seal it; the enterprise commits publicly, the
 * commitment is published on both the city and the county site, and the equipment is dismantled within a time
 * limit. Induction furnaces (工频炉/中频炉) are always dismantled, never sealed. While sealing is in progress the lines
 * are `suspended`; they become `sealed` only when the four measures, the commitment, both notices and the
 * dismantling deadline are all recorded. Dismantled lines exit when the exit is accepted (验收, §3.4).
 */
import { Type } from '@sinclair/typebox';
import {
  defineAct,
  docFields,
  EvidenceIds,
  findingBase,
  fixedDeadline,
  INDUCTION_FURNACE_KINDS,
  IsoDateSchema,
  checkDueAfter,
  periodDeadline,
  SEALING_MEASURES,
  setLines,
  Text,
  useParam,
  acceptAct,
  AcceptPayload,
  type ActDef,
  type CaseState,
  type DimensionDef,
  type Refusal,
  type SealingMeasure,
  type TableEntry,
} from './types.ts';
import { basisById, basisInForce } from '../law/basis.ts';
import { LOCAL } from '../law/parameters.ts';

export const technologyStates = ['found', 'sealing', 'sealed', 'overdue', 'dismantled', 'closed'] as const;
export type TechnologyState = (typeof technologyStates)[number];
export type TechnologySealingAct = SealingMeasure | 'publicCommitment' | 'publishNotice' | 'setDismantleDeadline';
export type TechnologyAct = TechnologySealingAct | 'dismantle' | 'markOverdue' | 'accept';
export const TECHNOLOGY_SEALING_ACTS: readonly TechnologySealingAct[] = [...SEALING_MEASURES, 'publicCommitment', 'publishNotice', 'setDismantleDeadline'];

export const technologyFindingSchema = Type.Object(
  {
    dimension: Type.Literal('technology'),
    ...findingBase,
    lines: Type.Array(
      Type.Object({ id: Type.String({ minLength: 1, pattern: '\\S' }), kind: Type.String({ minLength: 1, pattern: '\\S' }) }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 500,
      },
    ),
    catalogueEdition: Type.Union([Type.Literal('catalogue-2019'), Type.Literal('catalogue-2024')]),
    catalogueItem: Text,
  },
  { additionalProperties: false },
);

const MeasurePayload = Type.Object(
  { evidenceIds: Type.Array(Type.String({ minLength: 1, pattern: '\\S' }), { minItems: 1, maxItems: 200 }), note: Type.Optional(Text) },
  { additionalProperties: false },
);

export const technologyPayloads = {
  cutWater: MeasurePayload,
  cutPower: MeasurePayload,
  removePowerUnits: MeasurePayload,
  sealMainEquipment: MeasurePayload,
  publicCommitment: MeasurePayload,
  publishNotice: Type.Object(
    {
      level: Type.Union([Type.Literal('city'), Type.Literal('county')]),
      url: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })),
      evidenceIds: Type.Optional(EvidenceIds),
    },
    { additionalProperties: false },
  ),
  setDismantleDeadline: Type.Object(
    { months: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })), due: Type.Optional(IsoDateSchema), ...docFields },
    { additionalProperties: false },
  ),
  dismantle: Type.Object(
    { evidenceIds: Type.Array(Type.String({ minLength: 1, pattern: '\\S' }), { minItems: 1, maxItems: 200 }), note: Type.Optional(Text) },
    { additionalProperties: false },
  ),
  markOverdue: Type.Object({}, { additionalProperties: false }),
  accept: AcceptPayload,
};

const B = 'plan-2020-§2.5' as const;
const e = (to: TechnologyState[], roles: TableEntry['roles']): TableEntry<TechnologyState> => ({ to, basisId: B, roles });
const field = ['department', 'territory'] as const;
const sealingEntries = {
  cutWater: e(['sealing', 'sealed'], field),
  cutPower: e(['sealing', 'sealed'], field),
  removePowerUnits: e(['sealing', 'sealed'], field),
  sealMainEquipment: e(['sealing', 'sealed'], field),
  publicCommitment: e(['sealing', 'sealed'], field),
  publishNotice: e(['sealing', 'sealed'], ['department']),
  setDismantleDeadline: e(['sealing', 'sealed'], ['department']),
};
const dismantleEntry = e(['dismantled'], field);
const overdueEntry = e(['overdue'], ['system']);

export const technologyTable: DimensionDef<TechnologyState, TechnologyAct>['table'] = {
  found: { ...sealingEntries, dismantle: dismantleEntry },
  sealing: { ...sealingEntries, dismantle: dismantleEntry, markOverdue: overdueEntry },
  sealed: { dismantle: dismantleEntry, markOverdue: overdueEntry },
  overdue: { dismantle: dismantleEntry },
  dismantled: { accept: e(['closed'], ['office', 'department']) },
  closed: {},
};

/** Lines of the case that are induction furnaces (plan §2.5: always dismantled). */
export function inductionFurnaceLines(s: CaseState): string[] {
  return s.lines.filter((l) => (INDUCTION_FURNACE_KINDS as readonly string[]).includes(l.kind)).map((l) => l.id);
}

function noSealingOfFurnaces(s: CaseState): Refusal | null {
  const ids = inductionFurnaceLines(s);
  return ids.length
    ? {
        zh: `工频炉、中频炉一律拆除，不得以封存代替（${ids.join('、')}）`,
        en: `power- and medium-frequency induction furnaces must be dismantled, never sealed (${ids.join(', ')})`,
        lineIds: ids,
      }
    : null;
}

/** All sealing-path requirements met: four measures, commitment, both notices, dismantling deadline. */
export function sealingComplete(s: CaseState): boolean {
  return SEALING_MEASURES.every((m) => s.measures[m]) && !!s.commitment && !!s.notices.city && !!s.notices.county && !!s.due;
}

/** The next state; the lines are `sealed` only once every sealing requirement is recorded (before: suspended, sealing in progress). */
function next(d: CaseState): 'sealed' | 'sealing' {
  if (sealingComplete(d)) {
    setLines(d, 'sealed');
    return 'sealed';
  }
  setLines(d, 'suspended', (l) => l.state === 'operating');
  return 'sealing';
}

function measure(m: SealingMeasure): ActDef<TechnologyState> {
  return defineAct(MeasurePayload, {
    precondition: (s) => noSealingOfFurnaces(s) ?? (s.measures[m] ? { zh: '该措施已记录', en: `${m} is already recorded`, measure: m } : null),
    apply(d, p, act) {
      d.measures[m] = { date: act.date, evidenceIds: p.evidenceIds };
      return next(d);
    },
  });
}

export const technology: DimensionDef<TechnologyState, TechnologyAct> = {
  dimension: 'technology',
  states: technologyStates,
  findingSchema: technologyFindingSchema,
  // A finding cites the catalogue edition in force on its date (the 2019年本 until 2024-01-31, the 2024年本 from 2024-02-01).
  checkFinding(f) {
    const edition = String(f.catalogueEdition);
    if (basisInForce(edition, f.date) === true) return null;
    const b = basisById(edition);
    return {
      zh: `发现日期 ${f.date} 不在《${b.instrumentZh}》的施行期内（${b.effectiveFrom ?? '?'} 至 ${b.effectiveTo ?? '今'}）：须引用当日有效的目录版本`,
      en: `the finding date ${f.date} is outside the period in force of the ${b.instrument} (${b.effectiveFrom ?? '?'} to ${b.effectiveTo ?? 'now'}): cite the edition in force on that date`,
      field: 'finding.catalogueEdition',
    };
  },
  table: technologyTable,
  acts: {
    cutWater: measure('cutWater'),
    cutPower: measure('cutPower'),
    removePowerUnits: measure('removePowerUnits'),
    sealMainEquipment: measure('sealMainEquipment'),
    publicCommitment: defineAct(MeasurePayload, {
      precondition: (s) => noSealingOfFurnaces(s) ?? (s.commitment ? { zh: '承诺已记录', en: 'the commitment is already recorded' } : null),
      apply(d, p, act) {
        d.commitment = { date: act.date, evidenceIds: p.evidenceIds };
        return next(d);
      },
    }),
    publishNotice: defineAct(technologyPayloads.publishNotice, {
      precondition: (s) =>
        noSealingOfFurnaces(s) ??
        (s.commitment ? null : { zh: '须先记录企业不再恢复生产的公开承诺', en: 'the public commitment must be recorded before it is published' }),
      guard: (s, p) => (s.notices[p.level] ? { zh: '该级网站已公示', en: `already published at ${p.level} level`, level: p.level } : null),
      apply(d, p, act) {
        d.notices[p.level] = p.url === undefined ? { date: act.date } : { date: act.date, url: p.url };
        return next(d);
      },
    }),
    setDismantleDeadline: defineAct(technologyPayloads.setDismantleDeadline, {
      precondition: (s) => noSealingOfFurnaces(s) ?? (s.due ? { zh: '拆除期限已确定', en: 'the dismantling deadline is already set', due: s.due.due } : null),
      guard(_s, p, act) {
        if (p.months !== undefined && p.due !== undefined) return { zh: '期限只能给出月数或日期之一', en: 'give either months or due, not both' };
        return p.due !== undefined ? checkDueAfter(p.due, act) : null;
      },
      apply(d, p, act, ctx, out) {
        if (p.due !== undefined) d.due = out.deadline = fixedDeadline(p.due, B, act);
        else {
          // a length the decision does not give is the city's local default (the plan only says 限时拆除), cited as such
          const months = p.months ?? useParam('technology.dismantleDefaultMonths', act.date, ctx, out);
          d.due = out.deadline = periodDeadline({ from: act.date, months }, p.months === undefined ? LOCAL : B, act, ctx);
        }
        return next(d);
      },
    }),
    dismantle: defineAct(technologyPayloads.dismantle, {
      apply(d) {
        setLines(d, 'dismantled');
        delete d.due;
        return 'dismantled';
      },
    }),
    markOverdue: defineAct(technologyPayloads.markOverdue, {
      precondition(s, ctx) {
        if (!s.due) return { zh: '尚未确定拆除期限', en: 'no dismantling deadline set' };
        return ctx.now > s.due.due ? null : { zh: `拆除期限 ${s.due.due} 尚未届满`, en: `the deadline runs until ${s.due.due}`, due: s.due.due };
      },
      guard: (s, _p, act) => (s.due && act.date > s.due.due ? null : { zh: '逾期认定日期须晚于期限', en: 'the overdue date must be after the due date' }),
      apply: () => 'overdue',
    }),
    accept: acceptAct('exited'),
  },
};
