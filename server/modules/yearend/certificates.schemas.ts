/** TypeBox schemas of the acceptance certificate routes (validation, response whitelist, OpenAPI). */
import { Type } from '@sinclair/typebox';
import { IsoDate, Paging } from '../../platform/http/schemas.ts';

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of an uploaded evidence file' });
const EvidenceIds = Type.Array(Sha256, { maxItems: 50 });
const Answer = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('notApplicable')]);
const CheckInput = Type.Object(
  { answer: Answer, evidenceIds: EvidenceIds, note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const SaveCertificateBody = Type.Object(
  {
    checks: Type.Optional(
      Type.Object(
        {
          productionCeased: Type.Optional(CheckInput),
          equipmentDismantled: Type.Optional(CheckInput),
          linesShut: Type.Optional(CheckInput),
          powerWaterCut: Type.Optional(CheckInput),
          noRestart: Type.Optional(CheckInput),
          workersResettled: Type.Optional(CheckInput),
          sitePhotos: Type.Optional(CheckInput),
        },
        { additionalProperties: false },
      ),
    ),
    workers: Type.Optional(
      Type.Union([Type.Object({ employees: Count, resettled: Count, evidenceIds: EvidenceIds }, { additionalProperties: false }), Type.Null()]),
    ),
    opinion: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    version: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const SignBody = Type.Object(
  {
    unit: Type.Union([Type.Literal('enterprise'), Type.Literal('territory'), Type.Literal('department')]),
    signerName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    date: IsoDate,
    evidenceIds: Type.Optional(EvidenceIds),
  },
  { additionalProperties: false },
);

export const ReturnBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false });

const Text2 = { zh: Type.String(), en: Type.String() };

export const Certificate = Type.Object({
  id: Type.Union([Type.Integer(), Type.Null()]),
  caseId: Type.Integer(),
  caseState: Type.String(),
  awaitingAcceptance: Type.Boolean(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), creditCode: Type.String() }),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  dimension: Type.String(),
  dimensionName: Type.String(),
  status: Type.Union([Type.Literal('none'), Type.Literal('draft'), Type.Literal('returned'), Type.Literal('complete')]),
  number: Type.Union([Type.String(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  acceptedOn: Type.Union([Type.String(), Type.Null()]),
  opinion: Type.Union([Type.String(), Type.Null()]),
  returnReason: Type.Union([Type.String(), Type.Null()]),
  checks: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      labelEn: Type.String(),
      required: Type.Boolean(),
      answer: Type.Union([Answer, Type.Null()]),
      evidenceIds: Type.Array(Type.String()),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  workers: Type.Union([
    Type.Object({ employees: Type.Integer(), resettled: Type.Integer(), evidenceIds: Type.Array(Type.String()), source: Type.String() }),
    Type.Null(),
  ]),
  resettlement: Type.Union([
    Type.Object(
      {
        workersAffected: Type.Integer(),
        resettled: Type.Integer(),
        transferred: Type.Integer(),
        reemployed: Type.Integer(),
        retired: Type.Integer(),
        other: Type.Integer(),
        fundsPlanned: Type.String({ description: '万元 (10,000 CNY), decimal text' }),
        fundsPaid: Type.String(),
        planFiledOn: Type.Union([Type.String(), Type.Null()]),
        complete: Type.Boolean(),
      },
      { description: "the enterprise's worker-resettlement record (plan §2.6), read through the resettlement module; null when none was recorded" },
    ),
    Type.Null(),
  ]),
  lines: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      kindName: Type.String(),
      sizeValue: Type.Union([Type.String(), Type.Null()]),
      sizeUnit: Type.Union([Type.String(), Type.Null()]),
      capacity: Type.String(),
      capacityUnit: Type.String(),
      state: Type.String(),
    }),
  ),
  missing: Type.Array(Type.Object({ check: Type.String(), ...Text2 })),
  signoffs: Type.Array(
    Type.Object({
      unit: Type.String(),
      signerName: Type.String(),
      signedOn: Type.String(),
      unitCode: Type.Union([Type.String(), Type.Null()]),
      evidenceIds: Type.Array(Type.String()),
      recordedBy: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
    }),
  ),
  nextSignUnit: Type.Union([Type.String(), Type.Null()]),
  nextActor: Type.Union([Type.Object(Text2), Type.Null()], { description: 'who acts next' }),
  allowedActs: Type.Array(Type.String()),
  version: Type.Integer(),
});

export const SignResult = Type.Object({
  certificateId: Type.Integer(),
  complete: Type.Boolean(),
  number: Type.Union([Type.String(), Type.Null()]),
  actId: Type.Union([Type.Integer(), Type.Null()]),
});

export const CertificateListQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('returned'), Type.Literal('complete')])),
    territoryCode: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{1,12}$' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...Paging,
  },
  { additionalProperties: false },
);

export const CertificateItem = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  enterpriseName: Type.String(),
  creditCode: Type.String(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  dimension: Type.String(),
  dimensionName: Type.String(),
  status: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  acceptedOn: Type.Union([Type.String(), Type.Null()]),
  signed: Type.Array(Type.String()),
  nextActor: Type.Union([Type.Object(Text2), Type.Null()]),
});
