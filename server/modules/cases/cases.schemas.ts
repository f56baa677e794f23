/** TypeBox schemas of cases, acts, the explanation and evidence files. */
import { Type, type TSchema } from '@sinclair/typebox';
import { DbId, DbInt, IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';
import { dimensions } from '../../domain/lifecycle/index.ts';
import { CASE_STATES, DEADLINE_STATUSES, DIMENSION_LIST } from '../../domain/states.ts';

/** Every act kind of every dimension: an act kind is an enumeration, never a free property name (issue #19). */
export const ACT_KINDS = [...new Set(Object.values(dimensions).flatMap((d) => Object.keys(d.acts)))].sort();

// the enums are the domain's lists (server/domain/states.ts), which the console reads too
export const DimensionSchema = Type.Union(DIMENSION_LIST.map((d) => Type.Literal(d)));
export const DeadlineStatusSchema = Type.Union(
  DEADLINE_STATUSES.map((d) => Type.Literal(d)),
  { description: 'derived from the due date and today, never stored' },
);
/** A case state in an answer (one of the five transition tables' states). */
const CaseStateOut = Type.Unsafe<string>({ type: 'string', enum: [...CASE_STATES] });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of an uploaded evidence file' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CreateCaseBody = Type.Object(
  {
    enterpriseId: DbId(),
    dimension: DimensionSchema,
    lineIds: Type.Optional(Type.Array(DbId(), { maxItems: 500 })),
    finding: Type.Record(Type.String(), Type.Unknown(), {
      description:
        "the dimension's finding fields (GET /api/v1/law/… findingSchemas); dimension, lines and enterpriseId are filled in by the server, date defaults to openedOn",
    }),
    openedOn: IsoDate,
  },
  { additionalProperties: false },
);

export const ActBody = Type.Object(
  {
    kind: Type.Unsafe<string>({ type: 'string', enum: ACT_KINDS, description: "an act kind of the case's dimension (GET /api/v1/law/… transition tables)" }),
    date: IsoDate,
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    evidence: Type.Optional(Type.Array(Sha256, { maxItems: 200 })),
    version: Type.Optional(DbInt({ minimum: 1, description: 'the case version you read; 409 CONFLICT when it changed meanwhile' })),
  },
  { additionalProperties: false },
);

export const ActResult = Type.Object({
  caseId: Type.Integer(),
  actId: Type.Integer(),
  seq: Type.Integer(),
  kind: Type.String(),
  fromState: Type.String(),
  toState: Type.String(),
  dueOn: Nullable(IsoDate),
  version: Type.Integer(),
});

export const CaseListQuery = Type.Object({
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  dimension: Type.Optional(DimensionSchema),
  state: Type.Optional(Type.String({ maxLength: 40 })),
  enterpriseId: Type.Optional(DbId()),
  dueBefore: Type.Optional(IsoDate),
  overdue: Type.Optional(Type.Boolean()),
  closed: Type.Optional(Type.Boolean()),
  deadlineStatus: Type.Optional(DeadlineStatusSchema),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'search: part of the enterprise name, the credit code (or its start), or the case number (#12)' }),
  ),
  assignee: Type.Optional(
    Type.String({
      pattern: '^(me|none|[1-9][0-9]{0,15})$',
      description: 'the assignee: me (assigned to the caller), none (assigned to nobody) or an account id',
    }),
  ),
  ...Paging,
});

const caseItemFields = {
  id: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), creditCode: Type.String() }),
  dimension: Type.Unsafe<string>({ type: 'string', enum: [...DIMENSION_LIST] }),
  state: CaseStateOut,
  closed: Type.Boolean(),
  outcome: Nullable(Type.String()),
  territoryCode: Type.String(),
  departmentCode: Type.String(),
  openedOn: IsoDate,
  dueOn: Nullable(IsoDate),
  deadlineStatus: DeadlineStatusSchema,
  version: Type.Integer(),
  territoryName: Type.Object({ name: Type.String(), nameEn: Type.String() }),
  departmentName: Type.Object({ name: Type.String(), nameEn: Type.String() }, { description: 'the lead department' }),
  assigneeId: Nullable(Type.Integer({ description: 'the account the case is assigned to (承办人); null: nobody' })),
  assigneeName: Nullable(Type.String({ description: "the assignee's display name" })),
  mayAssign: Type.Boolean({ description: 'whether this user may set or clear the assignee (PUT /cases/{id}/assignee)' }),
  next: Type.Object(
    {
      waitingFor: Type.Array(
        Type.Object({
          act: Type.String({ description: 'the act kind awaited' }),
          basisId: Type.String(),
          actors: Type.Array(
            Type.Object({
              role: Type.String({ description: 'lifecycle role: territory, department, office, government, system' }),
              code: Nullable(Type.String()),
              name: Type.String(),
              nameEn: Type.String(),
            }),
            { description: 'the units that may take it now' },
          ),
        }),
      ),
      due: Nullable(IsoDate),
      daysLeft: Nullable(Type.Integer({ description: 'days from today to the due date; negative when overdue' })),
      automatic: Type.Boolean({ description: 'only the deadline sweep acts next' }),
    },
    { description: 'who acts next, derived from the transition table (issue 17)' },
  ),
};

export const CaseItem = Type.Object(
  { ...caseItemFields, allowedActs: Type.Array(Type.String(), { description: 'act kinds this user may take now' }) },
  { description: 'a case in a list' },
);

const Step = Type.Object({ from: Type.String(), to: Type.String(), basisId: Type.String(), zh: Type.String(), en: Type.String() });
const Warning = Type.Object({
  code: Type.String({ description: 'CALENDAR_YEAR_UNKNOWN (year) | BASIS_NOT_IN_FORCE (basisId, effectiveFrom, from)' }),
  year: Type.Optional(Type.Integer()),
  basisId: Type.Optional(Type.String()),
  effectiveFrom: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  zh: Type.String(),
  en: Type.String(),
});

const BasisKind = Type.String({ description: "plan | statute | standard | catalogue | local (the city's own choice, 执行口径) | platform" });
/** A warning about the law applied to the case (e.g. PROGRAMME_PERIOD_ENDED). */
const CaseWarning = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
const LegalFacts = Type.Unknown({
  description:
    'what the case keeps: rectificationDue, nonConformities, extension, governmentApproval (with the measure approved: cease/close), ceaseOrClose, licences, noLicencesHeld, penalty, acceptance, served (the notice as served: date, number, method)',
});

export const Deadline = Type.Object({
  due: IsoDate,
  status: DeadlineStatusSchema,
  basisId: Type.String(),
  basisKind: Type.Optional(BasisKind),
  citation: Type.String(),
  citationZh: Type.String(),
  steps: Type.Array(Step),
  warnings: Type.Array(Warning),
  setByAct: Type.String(),
  setOn: IsoDate,
});

const EvidenceRef = Type.Object({ sha256: Type.String(), originalName: Type.String(), mimeType: Type.String(), sizeBytes: Type.Integer() });

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  kind: Type.String(),
  date: IsoDate,
  actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  role: Type.String(),
  payload: Type.Unknown(),
  fromState: Type.String(),
  toState: Type.String(),
  basisId: Nullable(Type.String()),
  citation: Nullable(Type.String()),
  citationZh: Nullable(Type.String()),
  params: Type.Unknown({ description: 'parameter values used, with their basis ids' }),
  dueOn: Nullable(IsoDate),
  evidence: Type.Array(EvidenceRef),
  recordedAt: IsoInstant,
});

export const AllowedAct = Type.Object({
  kind: Type.Unsafe<string>({ type: 'string', enum: ACT_KINDS, description: 'the act kind (the body to send is the CaseAct… schema of that kind)' }),
  basisId: Type.String(),
  citation: Type.String(),
  citationZh: Type.String(),
  payloadSchema: Type.Unknown({ description: 'JSON Schema of the payload' }),
});

export const CaseDetail = Type.Object(
  {
    ...caseItemFields,
    finding: Type.Unknown(),
    lines: Type.Array(
      Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), state: Type.String(), capacity: Type.String(), capacityUnit: Type.String() }),
    ),
    timeline: Type.Array(TimelineEntry),
    asOf: Type.Optional(IsoDate),
    warnings: Type.Optional(Type.Array(CaseWarning)),
    legalFacts: Type.Optional(LegalFacts),
    deadline: Nullable(Deadline),
    allowedActs: Type.Array(AllowedAct, { description: 'the acts this user may take now, with their basis and payload schema' }),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  },
  { description: 'a case with its finding, lines, timeline and current deadline' },
);

const Cite = {
  basisId: Nullable(Type.String()),
  citation: Nullable(Type.String()),
  citationZh: Nullable(Type.String()),
  kind: Type.Optional(Nullable(BasisKind)),
};

export const CaseDetailQuery = Type.Object({
  asOf: Type.Optional(IsoDate),
});

export const Explanation = Type.Object({
  caseId: Type.Integer(),
  dimension: Type.Unsafe<string>({ type: 'string', enum: [...DIMENSION_LIST] }),
  state: CaseStateOut,
  closed: Type.Boolean(),
  outcome: Nullable(Type.String()),
  opened: Type.Object({ on: IsoDate, state: Type.String(), ...Cite }),
  warnings: Type.Optional(Type.Array(CaseWarning)),
  legalFacts: Type.Optional(LegalFacts),
  chain: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      kind: Type.String(),
      date: IsoDate,
      actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
      role: Type.String(),
      fromState: Type.String(),
      toState: Type.String(),
      rule: Type.Object({ from: Type.String(), act: Type.String(), to: Type.Array(Type.String()), roles: Type.Array(Type.String()), ...Cite }),
      params: Type.Array(Type.Object({ name: Type.String(), value: Type.Unknown(), ...Cite })),
      deadline: Nullable(
        Type.Object({ due: IsoDate, value: Type.Unknown(), ...Cite, steps: Type.Array(Step), warnings: Type.Array(Warning), calendarBasis: Type.Unknown() }),
      ),
    }),
  ),
  current: Type.Object({
    state: Type.String(),
    deadline: Nullable(Deadline),
    next: Type.Array(Type.Object({ act: Type.String(), to: Type.Array(Type.String()), roles: Type.Array(Type.String()), ...Cite })),
  }),
});

export const EvidenceFile = Type.Object({ sha256: Type.String(), sizeBytes: Type.Integer(), mimeType: Type.String(), originalName: Type.String() });
export const Sha256Params = Type.Object({ sha256: Sha256 });
