/** Schemas shared by every route: the problem document, list envelopes, paging, dates. */
import { Type, type TSchema } from '@sinclair/typebox';

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'date YYYY-MM-DD', examples: ['2020-09-15'] });
export const IsoInstant = Type.String({ format: 'date-time', description: 'instant, ISO 8601 with offset' });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable error code' }),
    message: Type.String({ description: 'English message' }),
    messageZh: Type.String({ description: '中文信息' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    requestId: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** `{ items, total }`, the envelope of every list. */
export const ListOf = <T extends TSchema>(item: T, description?: string) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) }, description ? { description } : {});

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 }) });

/** Standard error responses to attach to a route's `response`. */
export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')])) as Record<number, TSchema>;
