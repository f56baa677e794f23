/**
 * The act body as the OpenAPI document describes it (issue 16, item 3): one schema per act kind — `CaseActAccept`,
 * `CaseActOrderRectification`, … — each with `kind` fixed to its name and `payload` the act's own payload schema
 * (the domain's, server/domain/lifecycle; an act whose payload differs between dimensions gets their union), and
 * `CaseActBody`, the union of them keyed by `kind` (an OpenAPI discriminator), so an integrator can generate a typed
 * client. Documentation only: the route still validates the envelope with `ActBody` and the domain validates the
 * payload against the same schema, refusing with 422 INVALID_ACT_INPUT naming the field (after the transition table
 * and the roles have been judged), exactly as before.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { actPayloadSchemas } from '../../domain/lifecycle/index.ts';
import { ACT_KINDS, ActBody } from './cases.schemas.ts';

/** The component name of an act kind's body: `orderRectification` → `CaseActOrderRectification`. */
export const actBodyId = (kind: string): string => `CaseAct${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

/** The act's payload schemas over every dimension that has the act, without repeats. */
function payloadOf(kind: string): TSchema {
  const seen = new Map<string, TSchema>();
  for (const acts of Object.values(actPayloadSchemas)) {
    const s = acts[kind];
    if (s) seen.set(JSON.stringify(s), s);
  }
  const all = [...seen.values()];
  return all.length === 1 ? all[0]! : Type.Union(all, { description: "the payload differs between dimensions: the one of the case's dimension applies" });
}

/** One schema per act kind, each with its `$id` (registered with app.addSchema, so each is a named component). */
export const ACT_BODY_SCHEMAS: readonly TSchema[] = ACT_KINDS.map((kind) =>
  Type.Object(
    {
      kind: Type.Literal(kind),
      date: ActBody.properties.date,
      payload: Type.Optional(payloadOf(kind)),
      evidence: ActBody.properties.evidence,
      version: ActBody.properties.version,
    },
    { $id: actBodyId(kind), additionalProperties: false, description: `the body of the act "${kind}"` },
  ),
);

/** The union of the act bodies, keyed by `kind`. */
export const CaseActBodySchema = Type.Union(
  ACT_KINDS.map((kind) => Type.Ref(actBodyId(kind))),
  {
    $id: 'CaseActBody',
    description: 'an act on a case: one schema per act kind, chosen by `kind`',
    discriminator: { propertyName: 'kind', mapping: Object.fromEntries(ACT_KINDS.map((kind) => [kind, `#/components/schemas/${actBodyId(kind)}`])) },
  },
);
