/** TypeBox schemas of the problem-list routes (plan §3.1; the response schemas are the field whitelist). */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';
import { PROBLEM_LEVELS, PROBLEM_SOURCES } from '../../domain/programme/problems.ts';

const lit = <T extends string>(xs: readonly T[], description?: string) =>
  Type.Union(
    xs.map((x) => Type.Literal(x)),
    description ? { description } : {},
  );
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const OptText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const ProblemSource = lit(PROBLEM_SOURCES, 'inspection, central/provincial inspection team (督察), audit, public tip, other');
export const ProblemLevel = lit(PROBLEM_LEVELS);
export const ProblemStateSchema = lit(['open', 'closing', 'closed'] as const, 'open → closing (close-out asked) → closed (office signed off)');
export const ProblemActKind = lit(['requestClose', 'signOff', 'rejectClose', 'reopen'] as const);

export const ProblemItem = Type.Object({
  id: Type.Integer(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  source: ProblemSource,
  sourceRef: Type.Union([Type.String(), Type.Null()]),
  foundOn: IsoDate,
  description: Type.String(),
  level: ProblemLevel,
  enterpriseId: Type.Union([Type.Integer(), Type.Null()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  lineIds: Type.Array(Type.Integer()),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  responsibleUnit: Type.String(),
  responsiblePerson: Type.Union([Type.String(), Type.Null()]),
  measure: Type.Union([Type.String(), Type.Null()]),
  dueOn: IsoDate,
  state: ProblemStateSchema,
  overdue: Type.Boolean(),
  closedOn: Type.Union([IsoDate, Type.Null()]),
  nextActor: Type.Union([Type.Literal('territory'), Type.Literal('office'), Type.Null()], {
    description: 'who acts next: the territory (rectify and ask close-out), the office (sign off), none (closed)',
  }),
  version: Type.Integer(),
  allowedActs: Type.Array(Type.String()),
});

export const ProblemEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  onDate: IsoDate,
  fromState: Type.Union([Type.String(), Type.Null()]),
  toState: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Array(Type.String()),
  actorName: Type.Union([Type.String(), Type.Null()]),
  at: IsoInstant,
});

export const ProblemDetail = Type.Composite([ProblemItem, Type.Object({ events: Type.Array(ProblemEvent) })]);

export const CreateProblemBody = Type.Object(
  {
    territoryCode: Type.String({ minLength: 1, maxLength: 20 }),
    source: ProblemSource,
    sourceRef: OptText(200),
    foundOn: IsoDate,
    description: Text(2000),
    level: ProblemLevel,
    enterpriseId: Type.Optional(Type.Union([Id, Type.Null()])),
    lineIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    caseId: Type.Optional(Type.Union([Id, Type.Null()])),
    responsibleUnit: Text(200),
    responsiblePerson: OptText(80),
    measure: OptText(2000),
    dueOn: IsoDate,
  },
  { additionalProperties: false },
);

export const UpdateProblemBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    source: Type.Optional(ProblemSource),
    sourceRef: OptText(200),
    foundOn: Type.Optional(IsoDate),
    description: Type.Optional(Text(2000)),
    level: Type.Optional(ProblemLevel),
    responsibleUnit: Type.Optional(Text(200)),
    responsiblePerson: OptText(80),
    measure: OptText(2000),
    dueOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const ProblemActBody = Type.Object(
  {
    kind: ProblemActKind,
    date: Type.Optional(IsoDate),
    note: OptText(2000),
    evidence: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 20, description: 'sha256 of files uploaded through POST /evidence' }),
    ),
  },
  { additionalProperties: false },
);

export const ProblemFilterQuery = {
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'part of the description, the reference, the responsible unit or the enterprise name' }),
  ),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  state: Type.Optional(ProblemStateSchema),
  source: Type.Optional(ProblemSource),
  level: Type.Optional(ProblemLevel),
  overdue: Type.Optional(Type.Boolean()),
  enterpriseId: Type.Optional(Id),
};
export const ProblemListQuery = Type.Object({ ...ProblemFilterQuery, ...Paging });

export const BurnDownQuery = Type.Object({
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  points: Type.Optional(Type.Integer({ minimum: 2, maximum: 104, default: 12 })),
  stepDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 7 })),
});
export const BurnDown = Type.Object({
  points: Type.Array(Type.Object({ date: IsoDate, open: Type.Integer(), overdue: Type.Integer(), closed: Type.Integer() })),
});

export const ImportIssue = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Type.String(),
  code: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
});
export const ProblemImportReport = Type.Object({
  ok: Type.Boolean(),
  dryRun: Type.Boolean(),
  sha256: Type.String(),
  created: Type.Integer(),
  unchanged: Type.Integer({ description: 'rows identical to an item already listed (same territory, source, reference, description)' }),
  errors: Type.Array(ImportIssue),
  errorCount: Type.Optional(Type.Integer({ description: 'all errors found (errors holds the first 200)' })),
});
