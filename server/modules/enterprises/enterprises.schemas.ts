/** TypeBox schemas of the enterprise routes (the response schemas are the field whitelist). */
import { Type } from '@sinclair/typebox';
import { CATALOGUE_CLASSES, ENTERPRISE_STATUSES } from '../../domain/states.ts';
import { DbInt, IsoInstant, Paging } from '../../platform/http/schemas.ts';

export const EnterpriseStatusSchema = Type.Union(
  ENTERPRISE_STATUSES.map((s) => Type.Literal(s)),
  { description: 'derived from cases and line states (enterprise-status.ts), never set directly' },
);
export const CatalogueClassSchema = Type.Union(CATALOGUE_CLASSES.map((c) => Type.Literal(c)));

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

export const Enterprise = Type.Object(
  {
    id: Type.Integer(),
    creditCode: Type.String({ description: '统一社会信用代码 (GB 32100-2015)' }),
    name: Type.String(),
    territoryCode: Type.String(),
    territoryName: Type.String(),
    industryCode: Type.String(),
    industryName: Type.String(),
    address: Type.Union([Type.String(), Type.Null()]),
    legalRepresentative: Type.Union([Type.String(), Type.Null()]),
    contactName: Type.Union([Type.String(), Type.Null()]),
    contactPhone: Type.Union([Type.String(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    creditCodeOverride: Type.Union([Type.String(), Type.Null()], { description: 'written reason when a code failing its check digit was accepted' }),
    status: EnterpriseStatusSchema,
    version: Type.Integer({ description: 'send back on PATCH (optimistic concurrency)' }),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    allowedActs: Type.Array(Type.String(), { description: "what the caller may do with this record, e.g. 'update', 'addLine', 'openCase'" }),
  },
  { description: 'an enterprise' },
);

export const CreateEnterpriseBody = Type.Object(
  {
    creditCode: Type.String({ minLength: 1, maxLength: 40 }),
    name: Text(200),
    territoryCode: Text(20),
    industryCode: Text(40),
    address: OptText(300),
    legalRepresentative: OptText(80),
    contactName: OptText(80),
    contactPhone: OptText(40),
    longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    creditCodeOverrideReason: Type.Optional(
      Type.String({ maxLength: 500, description: 'office only: why a code failing its check digit is accepted (≥ 5 characters)' }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateEnterpriseBody = Type.Object(
  {
    version: DbInt({ minimum: 1 }),
    creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    name: Type.Optional(Text(200)),
    territoryCode: Type.Optional(Text(20)),
    industryCode: Type.Optional(Text(40)),
    address: OptText(300),
    legalRepresentative: OptText(80),
    contactName: OptText(80),
    contactPhone: OptText(40),
    longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    creditCodeOverrideReason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const ENTERPRISE_SORTS = ['id', '-id', 'name', '-name', 'creditCode', '-creditCode', 'createdAt', '-createdAt'] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export const EnterpriseFilterQuery = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name, or a credit-code prefix' })),
  creditCode: Type.Optional(Type.String({ maxLength: 40 })),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  industryCode: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(EnterpriseStatusSchema),
  catalogueClass: Type.Optional(CatalogueClassSchema),
};

export const EnterpriseListQuery = Type.Object({
  ...EnterpriseFilterQuery,
  sort: Type.Optional(
    Type.Union(
      ENTERPRISE_SORTS.map((s) => Type.Literal(s)),
      { default: 'id' },
    ),
  ),
  ...Paging,
  after: Type.Optional(
    Type.String({
      minLength: 4,
      maxLength: 600,
      pattern: '^[A-Za-z0-9_-]+$',
      description: "keyset cursor: the previous page's nextCursor (same sort and filters); offset is ignored. Deep pages cost what the first page costs",
    }),
  ),
});

export const EnterpriseList = Type.Object({
  items: Type.Array(Enterprise),
  total: Type.Integer({ minimum: 0 }),
  totalCapped: Type.Optional(
    Type.Boolean({
      description: 'a text search (q) counts its matches only up to 10,000: true when there are more (show "10,000+"; narrow the term)',
    }),
  ),
  nextCursor: Type.Optional(Type.String({ description: 'pass as after= for the next page; absent on the last page' })),
});

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  at: IsoInstant,
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown()), { description: '{ field: [before, after] }' }),
});
