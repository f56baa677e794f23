/**
 * Named access to the generated API types (schema.gen.ts, from /openapi.json): `ResponseOf<'/api/v1/jobs', 'get'>`
 * is what that route answers with 200/201, `QueryOf<…>` its query string, `BodyOf<…>` its JSON body. New console
 * code takes its types from here instead of restating them; web/src/api/types.ts moves over type by type.
 */
import type { paths } from './schema.gen.ts';

export type { paths, components } from './schema.gen.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type ResponseOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
export type QueryOf<P extends keyof paths, M extends Method> = Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
export type BodyOf<P extends keyof paths, M extends Method> = Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
