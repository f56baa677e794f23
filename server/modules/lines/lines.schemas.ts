/** TypeBox schemas of production lines, the capacity ledger and registry alerts. */
import { Type } from '@sinclair/typebox';
import { LINE_STATES } from '../../domain/states.ts';
import { DbId, IsoInstant, Paging } from '../../platform/http/schemas.ts';
import { CatalogueClassSchema } from '../enterprises/index.ts';

export const LineStateSchema = Type.Union(
  LINE_STATES.map((s) => Type.Literal(s)),
  {
    description: 'changed only by case acts',
  },
);
export const CapacityString = Type.String({
  pattern: '^\\d{1,12}(\\.\\d{1,4})?$',
  description: 'exact decimal as a string, e.g. "120.50"',
  examples: ['120.50'],
});
const DecimalString = Type.String({ pattern: '^\\d{1,11}(\\.\\d{1,3})?$', description: 'exact decimal as a string' });
const OptText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

export const Line = Type.Object(
  {
    id: Type.Integer(),
    enterpriseId: Type.Integer(),
    enterpriseName: Type.String(),
    territoryCode: Type.String(),
    industryCode: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    sizeValue: Type.Union([Type.String(), Type.Null()]),
    sizeUnit: Type.Union([Type.String(), Type.Null()]),
    model: Type.Union([Type.String(), Type.Null()]),
    unitCount: Type.Integer(),
    marks: Type.Union([Type.String(), Type.Null()]),
    capacity: Type.String({ description: 'exact decimal, shortest form' }),
    capacityUnit: Type.String(),
    catalogueEdition: Type.Union([Type.String(), Type.Null()]),
    catalogueItem: Type.Union([Type.String(), Type.Null()]),
    catalogueClass: CatalogueClassSchema,
    state: LineStateSchema,
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    allowedActs: Type.Array(Type.String()),
  },
  { description: 'a production line' },
);

const lineFields = {
  kind: Type.String({ minLength: 1, maxLength: 60, description: 'a line_kind code' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  sizeValue: Type.Optional(Type.Union([DecimalString, Type.Null()])),
  sizeUnit: OptText(20),
  model: OptText(120),
  unitCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  marks: OptText(300),
  capacity: CapacityString,
  capacityUnit: Type.String({ minLength: 1, maxLength: 40, description: "one of the industry's capacity units" }),
  catalogueEdition: OptText(20),
  catalogueItem: OptText(300),
  catalogueClass: Type.Optional(CatalogueClassSchema),
};

export const CreateLineBody = Type.Object(lineFields, { additionalProperties: false });
export const UpdateLineBody = Type.Partial(Type.Object(lineFields), { additionalProperties: false });

export const LineListQuery = Type.Object({
  enterpriseId: Type.Optional(DbId()),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  industryCode: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.String({ maxLength: 60 })),
  state: Type.Optional(LineStateSchema),
  catalogueClass: Type.Optional(CatalogueClassSchema),
  ...Paging,
});

export const LedgerRow = Type.Object({
  year: Type.Integer(),
  territoryCode: Type.String(),
  industryCode: Type.String(),
  capacityUnit: Type.String(),
  lines: Type.Integer(),
  capacity: Type.String({ description: 'exact decimal sum; never mixes units' }),
});
export const LedgerQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  industryCode: Type.Optional(Type.String({ maxLength: 40 })),
});

const LineRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  state: LineStateSchema,
  marks: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  territoryCode: Type.String(),
});
export const Alert = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('relocation'), Type.Literal('restart')]),
  matchOn: Type.String({ description: "'marks' or 'model+capacity'" }),
  territoryCode: Type.String(),
  createdAt: IsoInstant,
  resolvedAt: Type.Union([IsoInstant, Type.Null()]),
  line: LineRef,
  exitedLine: Type.Union([LineRef, Type.Null()], {
    description: 'null when the matching exited line lies outside your territories (issue #19: no names across scope; the office has it)',
  }),
  exitedElsewhere: Type.Optional(Type.Boolean({ description: 'the matching exited line is in a territory you do not see; the office decides' })),
});
export const AlertQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('relocation'), Type.Literal('restart')])),
  open: Type.Optional(Type.Boolean({ description: 'only unresolved alerts' })),
  ...Paging,
});
