/** TypeBox schemas of the supervision routes (plan §3.3; the response schemas are the field whitelist). */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';

const lit = <T extends string>(xs: readonly T[], description?: string) =>
  Type.Union(
    xs.map((x) => Type.Literal(x)),
    description ? { description } : {},
  );
const Count = Type.Integer({ minimum: 0, maximum: 100_000 });
const OptText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

export const ThresholdsSchema = Type.Object(
  {
    planCompletionBelow: Type.Number({ minimum: 0, maximum: 1, description: 'slow when the share of due plan items done is below this' }),
    latePlanItemsAtLeast: Count,
    overdueCasesAtLeast: Count,
    overdueProblemsAtLeast: Count,
    daysSinceProgressAtLeast: Count,
    oldOpenItemDays: Count,
    oldOpenItemsAtLeast: Count,
    atRiskDays: Count,
  },
  { additionalProperties: false },
);

export const CriteriaVersionSchema = Type.Object({
  id: Type.Integer(),
  validFrom: IsoDate,
  thresholds: ThresholdsSchema,
  basisId: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoInstant,
});
export const CriteriaList = Type.Object({ inForce: CriteriaVersionSchema, versions: Type.Array(CriteriaVersionSchema) });
export const NewCriteriaBody = Type.Object(
  {
    validFrom: IsoDate,
    thresholds: ThresholdsSchema,
    note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'why the office sets these values' }),
  },
  { additionalProperties: false },
);

export const IndicatorsSchema = Type.Object({
  territoryCode: Type.String(),
  planCompletion: Type.Union([Type.Number(), Type.Null()]),
  planItems: Type.Integer(),
  latePlanItems: Type.Integer(),
  atRiskPlanItems: Type.Integer(),
  overdueCases: Type.Integer(),
  openProblems: Type.Integer(),
  overdueProblems: Type.Integer(),
  daysSinceProgress: Type.Union([Type.Integer(), Type.Null()]),
  lastProgressOn: Type.Union([IsoDate, Type.Null()]),
  openByAge: Type.Array(Type.Integer(), { description: 'open problem items by days since found: 0–30, 31–90, 91–180, over 180' }),
  oldOpenItems: Type.Integer(),
});
export const Hit = Type.Object({ criterion: Type.String(), value: Type.Number(), threshold: Type.Number() });
export const TerritoryRow = Type.Composite([
  IndicatorsSchema,
  Type.Object({
    territoryName: Type.String(),
    territoryNameEn: Type.String(),
    slow: Type.Boolean(),
    hits: Type.Array(Hit),
    actions: Type.Integer({ description: '通报 and 约谈 recorded so far' }),
  }),
]);
export const IndicatorsAnswer = Type.Object({ asOf: IsoDate, criteria: CriteriaVersionSchema, items: Type.Array(TerritoryRow) });

export const Commitment = Type.Object({ text: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }), dueOn: IsoDate }, { additionalProperties: false });
export const FollowUp = Type.Object({ on: IsoDate, note: Type.String(), by: Type.Union([Type.String(), Type.Null()]) });
export const ActionKind = lit(['criticism', 'summons'] as const, 'criticism = 通报; summons = 约谈');

export const CreateActionBody = Type.Object(
  {
    kind: ActionKind,
    territoryCode: Type.String({ minLength: 1, maxLength: 20 }),
    reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
    heldOn: IsoDate,
    place: OptText(200),
    attendees: OptText(1000),
    summary: OptText(4000),
    commitments: Type.Optional(Type.Array(Commitment, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export const FollowUpBody = Type.Object({ on: IsoDate, note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false });

export const Action = Type.Object({
  id: Type.Integer(),
  kind: ActionKind,
  territoryCode: Type.String(),
  territoryName: Type.String(),
  reason: Type.String(),
  indicators: IndicatorsSchema,
  hits: Type.Array(Hit),
  criteriaValidFrom: IsoDate,
  heldOn: IsoDate,
  place: Type.Union([Type.String(), Type.Null()]),
  attendees: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  commitments: Type.Array(Type.Object({ text: Type.String(), dueOn: IsoDate })),
  followUps: Type.Array(FollowUp),
  docNo: Type.String({ description: '发文字号 of the 通报 / 约谈通知' }),
  createdAt: IsoInstant,
  allowedActs: Type.Array(Type.String()),
});
export const ActionListQuery = Type.Object({
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  kind: Type.Optional(ActionKind),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'part of the territory name, the notice number (发文字号), the reason or the place' }),
  ),
  ...Paging,
});
