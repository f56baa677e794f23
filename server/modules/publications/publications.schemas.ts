/** Console API schemas of the public lists (issue 14): series, proposal, versions, the publish act. */
import { Type } from '@sinclair/typebox';
import { LIST_KINDS } from '../../domain/publication/lists.ts';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';
import { PublicEntrySchema } from '../../public-site/views.ts';

export const ListKindSchema = Type.Union(
  LIST_KINDS.map((k) => Type.Literal(k)),
  { description: 'yellow | red | overEmission | annualExit' },
);
const TerritoryCode = Type.String({ pattern: '^[0-9A-Z]{1,12}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Text = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const SeriesQuery = Type.Object({ list: ListKindSchema, territoryCode: TerritoryCode, year: Type.Optional(Year) }, { additionalProperties: false });

const Unit = Type.Object({ kind: Type.String(), code: Type.String(), name: Type.String() });
const VersionSummary = Type.Object({
  id: Type.Integer(),
  versionNo: Type.Integer(),
  action: Type.String(),
  number: Type.String(),
  postedOn: IsoDate,
  entries: Type.Integer(),
});

export const SeriesItem = Type.Object({
  series: Type.String(),
  list: Type.String(),
  listName: Type.String(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  unit: Unit,
  canPublish: Type.Boolean(),
  latest: Type.Union([VersionSummary, Type.Null()]),
  nextActor: Type.String({ description: 'who acts next: the publishing unit' }),
});

export const SeriesListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), list: Type.Optional(ListKindSchema) },
  { additionalProperties: false },
);

export const Proposal = Type.Object({
  series: Type.String(),
  list: Type.String(),
  territoryCode: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  basisId: Type.String(),
  latest: Type.Union([VersionSummary, Type.Null()]),
  entries: Type.Array(PublicEntrySchema),
  added: Type.Array(Type.String()),
  kept: Type.Array(Type.String()),
  removed: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String(), reason: Type.String() })),
});

export const PublishBody = Type.Object(
  {
    list: ListKindSchema,
    territoryCode: TerritoryCode,
    year: Type.Optional(Year),
    action: Type.Union([Type.Literal('publish'), Type.Literal('correct'), Type.Literal('withdraw')]),
    postedOn: IsoDate,
    exclusions: Type.Optional(
      Type.Array(Type.Object({ creditCode: Type.String({ pattern: '^[0-9A-Z]{18}$' }), reason: Text }, { additionalProperties: false }), { maxItems: 5000 }),
    ),
    reason: Type.Optional(Text),
  },
  { additionalProperties: false },
);

export const VersionDetail = Type.Object({
  id: Type.Integer(),
  series: Type.String(),
  list: Type.String(),
  territoryCode: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  versionNo: Type.Integer(),
  action: Type.String(),
  number: Type.String(),
  postedOn: IsoDate,
  publishedAt: IsoInstant,
  unit: Unit,
  reason: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Array(PublicEntrySchema),
  diff: Type.Object({
    added: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String() })),
    removed: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String() })),
    changed: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String(), fields: Type.Array(Type.String()) })),
  }),
  excluded: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String(), reason: Type.String() })),
  contentHash: Type.String(),
  prevHash: Type.String(),
  publicUrl: Type.String(),
});

export const VersionListQuery = Type.Object(
  { list: Type.Optional(ListKindSchema), territoryCode: Type.Optional(TerritoryCode), q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging },
  { additionalProperties: false },
);
export const VersionListItem = Type.Object({
  id: Type.Integer(),
  series: Type.String(),
  list: Type.String(),
  listName: Type.String(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  versionNo: Type.Integer(),
  action: Type.String(),
  number: Type.String(),
  postedOn: IsoDate,
  entries: Type.Integer(),
  unitName: Type.String(),
});
