/** TypeBox schemas of the differentiated-credit list: only what a bank needs, nothing of the case file. */
import { Type } from '@sinclair/typebox';
import { IsoDate, IsoInstant, Paging } from '../../platform/http/schemas.ts';

export const CreditMeasureSchema = Type.Union(
  ['rectification', 'restriction', 'suspension', 'elimination', 'closure', 'exit'].map((m) => Type.Literal(m)),
  { description: 'the measure binding the enterprise (most severe first: exit, closure, elimination, suspension, restriction, rectification)' },
);
const Basis = Type.Object({ id: Type.String(), citation: Type.String(), citationZh: Type.String() });

export const CreditEntry = Type.Object(
  {
    creditCode: Type.String({ description: '统一社会信用代码' }),
    name: Type.String(),
    territoryName: Type.String(),
    industryName: Type.String(),
    listed: Type.Boolean({ description: 'false: removed from the list (an order lifted); only in `updatedSince` pulls' }),
    measure: Type.Union([CreditMeasureSchema, Type.Null()]),
    measureName: Type.Union([Type.String(), Type.Null()], { description: '措施 (中文)' }),
    since: Type.Union([IsoDate, Type.Null()]),
    leadDepartment: Type.Union([Type.String(), Type.Null()], { description: 'the department leading the case (name)' }),
    basis: Type.Union([Basis, Type.Null()]),
    changedAt: IsoInstant,
  },
  { description: 'an enterprise on the differentiated-credit list (plan §2.6)' },
);

export const CreditFilter = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a credit-code prefix or part of the name' })),
  creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 18, pattern: '^[0-9A-Za-z]+$', description: 'the exact credit code' })),
  measure: Type.Optional(CreditMeasureSchema),
};

export const CreditListQuery = Type.Object({
  ...CreditFilter,
  updatedSince: Type.Optional(
    Type.String({
      format: 'date-time',
      maxLength: 40,
      description: 'incremental pull: entries changed at or after this instant (the `asOf` of your last pull), removed ones included',
    }),
  ),
  ...Paging,
});

export const CreditList = Type.Object({
  items: Type.Array(CreditEntry),
  total: Type.Integer({ minimum: 0 }),
  asOf: Type.String({ format: 'date-time', description: 'send as `updatedSince` on the next pull' }),
});

export const CreditChange = Type.Object({
  creditCode: Type.String(),
  name: Type.String(),
  change: Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('removed')]),
  onDate: IsoDate,
  measureBefore: Type.Union([CreditMeasureSchema, Type.Null()]),
  measureAfter: Type.Union([CreditMeasureSchema, Type.Null()]),
  recordedAt: IsoInstant,
});

export const CreditChangesQuery = Type.Object({
  since: IsoDate,
  creditCode: CreditFilter.creditCode,
  ...Paging,
});
