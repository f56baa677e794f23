/**
 * The typed client: one function, keyed by the path and the method as the OpenAPI document names them
 * (`call('/api/v1/cases/{id}', 'get', { params: { id } })`), whose path parameters, query, body and answer are the
 * generated types of that operation (schema.gen.ts). It sends through the console's fetch wrapper (client.ts: same-
 * origin session, CSRF token on writes, problem+json answers as ApiError), so it behaves as every other call.
 * Chosen over openapi-fetch to keep that one wrapper and add no dependency (issue 16).
 */
import { request, type Query, type RequestOptions } from './client.ts';
import type { BodyOf, QueryOf, ResponseOf, paths } from './generated.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The methods a path serves. */
export type MethodsOf<P extends keyof paths> = { [M in Method]-?: [Op<P, M>] extends [never] ? never : M }[Method];
/** An operation's path parameters (`{ id: number }`), or undefined when it has none. */
export type PathParamsOf<P extends keyof paths, M extends Method> = Op<P, M> extends { parameters: { path: infer X } } ? X : undefined;
/** What the call resolves to: the 200/201 JSON answer, or nothing (204). */
export type ResultOf<P extends keyof paths, M extends Method> = [ResponseOf<P, M>] extends [never] ? void : ResponseOf<P, M>;

export type CallOptions<P extends keyof paths, M extends Method> = ([PathParamsOf<P, M>] extends [undefined]
  ? { params?: undefined }
  : { params: PathParamsOf<P, M> }) &
  ([BodyOf<P, M>] extends [never] ? { body?: undefined } : { body: BodyOf<P, M> }) & {
    query?: [QueryOf<P, M>] extends [never] ? undefined : QueryOf<P, M>;
    signal?: AbortSignal;
    /** Do not report 401 to the session (the login call itself). */
    quiet401?: boolean;
  };

/** `/api/v1/cases/{id}` with `{ id: 7 }` → `/cases/7` (the wrapper adds the /api/v1 base). */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params?.[k];
    if (v === undefined || v === null) throw new Error(`path parameter ${k} missing for ${path}`);
    return encodeURIComponent(String(v));
  });
}

/** Calls one operation of the API, typed by the generated document. */
export function call<P extends keyof paths, M extends MethodsOf<P>>(path: P, method: M, opts: CallOptions<P, M>): Promise<ResultOf<P, M>> {
  const o = opts as { params?: Record<string, unknown>; body?: unknown; query?: object; signal?: AbortSignal; quiet401?: boolean };
  const ro: RequestOptions = { method: method.toUpperCase() as NonNullable<RequestOptions['method']> };
  if (o.query) ro.query = o.query as Query;
  if (o.body !== undefined) ro.body = o.body;
  if (o.signal) ro.signal = o.signal;
  if (o.quiet401) ro.quiet401 = true;
  return request<ResultOf<P, M>>(fillPath(path, o.params), ro);
}
