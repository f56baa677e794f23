/** TypeBox schemas of the year-end routes: summaries, reconciliation, the city report, the year's status. */
import { Type } from '@sinclair/typebox';
import { IsoDate } from '../../platform/http/schemas.ts';

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

const Decimal = Type.String({ pattern: '^\\d{1,12}(\\.\\d{1,4})?$', description: 'non-negative decimal, up to 12 digits and 4 decimals' });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const ExitFigureInput = Type.Object(
  {
    industryCode: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_]+$' }),
    capacityUnit: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' }),
    enterprises: Count,
    lines: Count,
    capacity: Decimal,
  },
  { additionalProperties: false },
);

export const ExitFigure = Type.Object({
  industryCode: Type.String(),
  industryName: Type.String(),
  capacityUnit: Type.String(),
  enterprises: Type.Integer(),
  lines: Type.Integer(),
  capacity: Type.String(),
});

const CaseCount = Type.Object({ dimension: Type.String(), dimensionName: Type.String(), outcome: Type.String(), n: Type.Integer() });
const Text2 = Type.Object({ zh: Type.String(), en: Type.String() });

export const Difference = Type.Object({
  key: Type.String(),
  industryCode: Type.String(),
  industryName: Type.String(),
  capacityUnit: Type.String(),
  field: Type.String(),
  typed: Type.String(),
  ledger: Type.String(),
  explanation: Type.Union([Type.String(), Type.Null()]),
  resolved: Type.Boolean(),
});

/** Worker resettlement (plan §2.6) over the enterprises with an exit accepted in the year; null in figures frozen before it was counted. */
export const ResettlementTotals = Type.Union([
  Type.Object({
    enterprises: Type.Integer(),
    workersAffected: Type.Integer(),
    transferred: Type.Integer(),
    reemployed: Type.Integer(),
    retired: Type.Integer(),
    other: Type.Integer(),
    fundsPlanned: Type.String({ description: '万元' }),
    fundsPaid: Type.String({ description: '万元' }),
  }),
  Type.Null(),
]);

export const Summary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  unitKind: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  status: Type.String(),
  narrative: Type.String(),
  typed: Type.Array(ExitFigure),
  generated: Type.Object({
    exits: Type.Array(ExitFigure),
    awaiting: Type.Array(ExitFigure),
    cases: Type.Array(CaseCount),
    asOf: Type.String(),
    frozen: Type.Boolean(),
    resettlement: ResettlementTotals,
  }),
  differences: Type.Array(Difference),
  attachments: Type.Array(Type.String()),
  comment: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  nextActor: Type.Union([Text2, Type.Null()]),
  allowedActs: Type.Array(Type.String()),
  version: Type.Integer(),
});

export const SummaryItem = Type.Object({
  id: Type.Integer(),
  unitKind: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  status: Type.String(),
  openDifferences: Type.Integer(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  nextActor: Type.Union([Text2, Type.Null()]),
});

export const SummaryEditBody = Type.Object(
  {
    narrative: Type.Optional(Type.String({ maxLength: 20_000 })),
    typed: Type.Optional(Type.Array(ExitFigureInput, { maxItems: 200 })),
    attachments: Type.Optional(Type.Array(Sha256, { maxItems: 50 })),
    version: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }, { additionalProperties: false });
export const CommentBody = Type.Object({ comment: Type.String({ minLength: 2, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false });
export const AcceptBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const ExplainBody = Type.Object(
  { key: Type.String({ minLength: 3, maxLength: 100 }), text: Type.String({ minLength: 2, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const SettingsBody = Type.Object({ summariesDue: Type.Union([IsoDate, Type.Null()]) }, { additionalProperties: false });
export const ConsolidateBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 2, maxLength: 2000, pattern: '\\S' })) },
  { additionalProperties: false },
);
export const ReportedBody = Type.Object(
  { reportedOn: IsoDate, receivingAuthority: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const Report = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  version: Type.Integer(),
  status: Type.String(),
  locked: Type.Boolean(),
  asOf: Type.String(),
  cityName: Type.String(),
  figures: Type.Array(ExitFigure),
  byTerritory: Type.Array(Type.Object({ territoryCode: Type.String(), territoryName: Type.String(), enterprises: Type.Integer(), lines: Type.Integer() })),
  awaiting: Type.Array(ExitFigure),
  cases: Type.Array(CaseCount),
  resettlement: ResettlementTotals,
  summaries: Type.Array(
    Type.Object({ unitKind: Type.String(), unitCode: Type.String(), unitName: Type.String(), status: Type.String(), included: Type.Boolean() }),
  ),
  differences: Type.Array(
    Type.Object({
      unitName: Type.String(),
      key: Type.String(),
      industryName: Type.String(),
      capacityUnit: Type.String(),
      field: Type.String(),
      typed: Type.String(),
      ledger: Type.String(),
      explanation: Type.Union([Type.String(), Type.Null()]),
      resolved: Type.Boolean(),
    }),
  ),
  reason: Type.Union([Type.String(), Type.Null()]),
  diff: Type.Union([
    Type.Object({
      againstVersion: Type.Integer(),
      figures: Type.Array(
        Type.Object({
          key: Type.String(),
          field: Type.String(),
          before: Type.Union([Type.String(), Type.Null()]),
          after: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  reportedOn: Type.Union([Type.String(), Type.Null()]),
  receivingAuthority: Type.Union([Type.String(), Type.Null()]),
  nextActor: Type.Union([Text2, Type.Null()]),
  allowedActs: Type.Array(Type.String()),
});

export const ReportItem = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  status: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  reportedOn: Type.Union([Type.String(), Type.Null()]),
  openDifferences: Type.Integer(),
});

const Part = Type.Object({
  part: Type.String({ description: 'summary | report | approval' }),
  unitKind: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  status: Type.String({ description: 'the summary, report or approval state' }),
  summaryId: Type.Union([Type.Integer(), Type.Null()]),
  due: Type.Union([Type.String(), Type.Null()]),
  flag: Type.String({ description: 'notDue | reminding | overdue | done' }),
});

export const YearStatus = Type.Object({
  year: Type.Integer(),
  today: Type.String(),
  reportDue: Type.String({ description: 'the report goes up BEFORE this date (§3.4)' }),
  reportBasisId: Type.String(),
  remindFrom: Type.String(),
  remindBasisId: Type.String(),
  summariesDue: Type.Union([Type.String(), Type.Null()]),
  parts: Type.Array(Part, { description: 'the parts owed for the year that this account may see' }),
  mine: Type.Array(Part, { description: 'the parts this account owes' }),
});
