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
export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')])) as Record<number, TSchema>;

// Shared pieces for hardened input (issue #19, item 7). The input guard (input-guard.ts) enforces the same on every
// route; these say it in the schema (and so in /openapi.json) where a route declares its fields.

/** Ranges of PostgreSQL's integer columns. A JSON number beyond 2^53 − 1 is not exact, so bigint stops there. */
export const INT4_MAX = 2_147_483_647;
export const DbInt = (opts: { minimum?: number; maximum?: number; description?: string; default?: number } = {}) =>
  Type.Integer({ minimum: -INT4_MAX - 1, maximum: INT4_MAX, ...opts });
export const DbBigint = (opts: { minimum?: number; maximum?: number; description?: string; default?: number } = {}) =>
  Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, ...opts });
/** A record id (bigserial). */
export const DbId = (opts: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, ...opts });

/** The format name of text without NUL characters and lone surrogates (registered with the app's Ajv in app.ts). */
export const SAFE_TEXT_FORMAT = 'safe-text';
/** A UTF-16 surrogate without its partner (String.prototype.isWellFormed is not in this TypeScript's lib). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isSafeText = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
export const safeTextFormat = { type: 'string' as const, validate: isSafeText };
/** Text that PostgreSQL and UTF-8 can hold. */
export const SafeText = (opts: { minLength?: number; maxLength?: number; description?: string; pattern?: string } = {}) =>
  Type.String({ format: SAFE_TEXT_FORMAT, ...opts });
