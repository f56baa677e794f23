/**
 * The input guard (issue #19, item 7): one check over every request's params, query and body, after the route's own
 * schema has validated and coerced them, so that no route — including ones written later — passes PostgreSQL or the
 * audit record a value they cannot hold:
 * - text with a NUL character (PostgreSQL text and jsonb refuse it) or a lone UTF-16 surrogate (not Unicode: it cannot
 *   be encoded as UTF-8), in values and in object keys;
 * - numbers that are not finite or not exactly representable (|n| > 2^53 − 1): beyond every integer column, and a
 *   value such as 9223372036854775808 would otherwise reach a bigint column already rounded;
 * - nesting deeper than MAX_DEPTH levels or more than MAX_NODES values in free-form fields (payloads).
 * The refusal is a 400 VALIDATION_FAILED naming the field, like a schema refusal. The route schemas say the same with
 * the shared pieces in schemas.ts (SafeText, DbInt, DbBigint); this guard is what makes it true everywhere.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { isSafeText } from './schemas.ts';

export const MAX_DEPTH = 32;
export const MAX_NODES = 20_000;

export interface InputProblem {
  field: string;
  message: string;
  messageZh: string;
}

/** The first problem in a parsed request part, or undefined. `prefix` is the part's name (body, querystring, params). */
export function findInputProblem(value: unknown, prefix: string): InputProblem | undefined {
  let nodes = 0;
  const walk = (v: unknown, at: string, depth: number): InputProblem | undefined => {
    if (++nodes > MAX_NODES) return { field: at, message: `more than ${MAX_NODES} values`, messageZh: `取值个数超过${MAX_NODES}` };
    if (typeof v === 'string') {
      if (!isSafeText(v))
        return { field: at, message: 'text contains a NUL character or an unpaired surrogate', messageZh: '文本含有空字符（NUL）或不成对的代理字符' };
      return undefined;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)
        return { field: at, message: `number out of range (at most ${Number.MAX_SAFE_INTEGER} in magnitude)`, messageZh: '数值超出允许范围' };
      return undefined;
    }
    if (v === null || typeof v !== 'object') return undefined;
    if (depth >= MAX_DEPTH) return { field: at, message: `nested more than ${MAX_DEPTH} levels`, messageZh: `嵌套层级超过${MAX_DEPTH}` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], `${at}/${i}`, depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    if (Buffer.isBuffer(v) || typeof (v as { pipe?: unknown }).pipe === 'function') return undefined; // raw uploads
    for (const k of Object.keys(v)) {
      const field = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!isSafeText(k))
        return {
          field: `${at}/${[...k].map((ch) => (isSafeText(ch) ? ch : '?')).join('')}`,
          message: 'a property name contains a NUL character or an unpaired surrogate',
          messageZh: '字段名含有空字符或不成对的代理字符',
        };
      const p = walk((v as Record<string, unknown>)[k], field, depth + 1);
      if (p) return p;
    }
    return undefined;
  };
  return walk(value, prefix, 0);
}

/** Registers the guard (after the access check and the schema: an anonymous caller still learns nothing). */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const problem =
      findInputProblem(req.params, 'params') ??
      findInputProblem(req.query, 'querystring') ??
      (req.body !== undefined ? findInputProblem(req.body, 'body') : undefined);
    if (problem) throw new AppError('VALIDATION_FAILED', { errors: [problem] });
  });
}
