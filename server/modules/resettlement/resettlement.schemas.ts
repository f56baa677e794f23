/** TypeBox schemas of worker resettlement (职工安置, plan §2.6); the response schemas are the field whitelist. */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';

const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
/** 万元, up to 12 integer digits and 2 decimals, as a string (exact decimal). */
const Money = Type.String({ pattern: '^(0|[1-9]\\d{0,11})(\\.\\d{1,2})?$', maxLength: 15, description: '万元 (10,000 CNY), up to 2 decimals' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const RiskLevelSchema = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')], {
  description: '社会稳定风险评估结论: 低/中/高风险',
});
export const NextStepSchema = Type.Union(
  ['filePlan', 'assessRisk', 'prepareRiskPlan', 'resettleWorkers', 'payFunds', 'done'].map((s) => Type.Literal(s)),
  { description: 'what remains: file the plan, assess the social-stability risk, prepare the risk-handling plan, resettle, pay, or done' },
);

export const ResettlementBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '0 to create; else the version you read (409 CONFLICT when it changed)' }),
    workersAffected: Count,
    transferred: Count,
    reemployed: Count,
    retired: Count,
    other: Count,
    fundsPlanned: Money,
    fundsPaid: Money,
    planFiledOn: Type.Union([IsoDate, Type.Null()]),
    riskAssessed: Type.Boolean(),
    riskLevel: Type.Union([RiskLevelSchema, Type.Null()]),
    riskAssessedOn: Type.Union([IsoDate, Type.Null()]),
    riskPlan: Type.Boolean({ description: '风险处置预案 prepared' }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Resettlement = Type.Object(
  {
    enterpriseId: Type.Integer(),
    enterpriseName: Type.String(),
    creditCode: Type.String(),
    territoryCode: Type.String(),
    territoryName: Type.String(),
    enterpriseStatus: Type.String(),
    recorded: Type.Boolean({ description: 'false: nothing recorded yet (figures are zero)' }),
    workersAffected: Type.Integer(),
    transferred: Type.Integer(),
    reemployed: Type.Integer(),
    retired: Type.Integer(),
    other: Type.Integer(),
    resettled: Type.Integer({ description: 'the sum of the four channels' }),
    fundsPlanned: Type.String(),
    fundsPaid: Type.String(),
    planFiledOn: Nullable(IsoDate),
    riskAssessed: Type.Boolean(),
    riskLevel: Type.Union([RiskLevelSchema, Type.Null()]),
    riskAssessedOn: Nullable(IsoDate),
    riskPlan: Type.Boolean(),
    note: Type.Union([Type.String(), Type.Null()]),
    nextStep: NextStepSchema,
    nextActor: Type.Union([Type.Object({ kind: Type.Literal('territory'), code: Type.String(), name: Type.String() }), Type.Null()], {
      description: 'who acts next (the enterprise’s county/district or zone)',
    }),
    version: Type.Integer(),
    updatedAt: Type.Union([IsoInstant, Type.Null()]),
    allowedActs: Type.Array(Type.String(), { description: "'update' when the caller may record figures" }),
  },
  { description: 'worker resettlement of one enterprise (plan §2.6)' },
);

export const ResettlementFilter = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the enterprise name, or a credit-code prefix' })),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  nextStep: Type.Optional(NextStepSchema),
};
export const ResettlementListQuery = Type.Object({ ...ResettlementFilter, ...Paging });
