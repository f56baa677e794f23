/** TypeBox schemas of the exit-plan routes (plan §3.1 退出计划 / 备案; the response schemas are the field whitelist). */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';
import { EXIT_METHODS } from '../../domain/programme/plans.ts';

const lit = <T extends string>(xs: readonly T[], description?: string) =>
  Type.Union(
    xs.map((x) => Type.Literal(x)),
    description ? { description } : {},
  );
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const OptText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const Decimal = Type.String({ pattern: '^\\d{1,12}(\\.\\d{1,4})?$', description: 'a non-negative decimal, up to 12 digits and 4 decimals' });

export const ExitMethod = lit(EXIT_METHODS, 'technology / energy / environment / quality / safety / voluntary');
export const PlanStateSchema = lit(['draft', 'submitted', 'returned', 'filed', 'superseded'] as const);
export const ItemProgressSchema = lit(['done', 'doneLate', 'late', 'atRisk', 'onTrack'] as const, 'from the capacity ledger (accepted exits), never typed');

export const PlanItemInput = Type.Object(
  {
    enterpriseId: Id,
    lineId: Type.Optional(Type.Union([Id, Type.Null()])),
    capacity: Type.Optional(Decimal),
    capacityUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    method: ExitMethod,
    targetOn: IsoDate,
    workers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    note: OptText(500),
  },
  { additionalProperties: false },
);

export const CreatePlanBody = Type.Object(
  {
    territoryCode: Type.String({ minLength: 1, maxLength: 20 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    items: Type.Array(PlanItemInput, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export const UpdatePlanBody = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), items: Type.Array(PlanItemInput, { maxItems: 2000 }) },
  { additionalProperties: false },
);

export const PlanActBody = Type.Object(
  {
    kind: lit(['submit', 'file', 'return', 'newVersion'] as const),
    version: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the record version you read' }),
    filingNo: OptText(60),
    filedOn: Type.Optional(IsoDate),
    comments: OptText(2000),
    reason: OptText(2000),
  },
  { additionalProperties: false },
);

export const PlanItem = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  creditCode: Type.String(),
  lineId: Type.Union([Type.Integer(), Type.Null()]),
  lineName: Type.Union([Type.String(), Type.Null()]),
  capacity: Type.String(),
  capacityUnit: Type.String(),
  method: ExitMethod,
  targetOn: IsoDate,
  workers: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  exitedOn: Type.Union([IsoDate, Type.Null()], { description: 'the capacity ledger date (accepted exit)' }),
  exitedCapacity: Type.String(),
  progress: ItemProgressSchema,
});

export const Progress = Type.Object({
  items: Type.Integer(),
  done: Type.Integer(),
  late: Type.Integer(),
  atRisk: Type.Integer(),
  byUnit: Type.Array(Type.Object({ unit: Type.String(), planned: Type.Number(), exited: Type.Number(), share: Type.Union([Type.Number(), Type.Null()]) })),
  completionDue: Type.Union([Type.Number(), Type.Null()]),
  workers: Type.Integer(),
});

const PlanFields = {
  id: Type.Integer(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  year: Type.Integer(),
  planVersion: Type.Integer(),
  previousId: Type.Union([Type.Integer(), Type.Null()]),
  changeReason: Type.Union([Type.String(), Type.Null()]),
  state: PlanStateSchema,
  submittedOn: Type.Union([IsoDate, Type.Null()]),
  filingNo: Type.Union([Type.String(), Type.Null()]),
  filedOn: Type.Union([IsoDate, Type.Null()]),
  returnComments: Type.Union([Type.String(), Type.Null()]),
  returnedOn: Type.Union([IsoDate, Type.Null()]),
  version: Type.Integer(),
  updatedAt: IsoInstant,
  nextActor: Type.Union([Type.Literal('territory'), Type.Literal('office'), Type.Null()], { description: 'who acts next' }),
  allowedActs: Type.Array(Type.String()),
  progress: Progress,
};
export const PlanSummary = Type.Object(PlanFields);
export const Plan = Type.Object({ ...PlanFields, items: Type.Array(PlanItem) });

export const PlanListQuery = Type.Object({
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  state: Type.Optional(PlanStateSchema),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'part of the territory name, the filing number (备案号) or the name or credit code of an enterprise in the plan',
    }),
  ),
  ...Paging,
});
