/**
 * The OpenAPI document as a contract an integrator can generate a client from (issue 16, item 3): each case act's
 * body is its own named schema, and the act route's body is their union keyed by `kind`; the schema of each act's
 * payload is the domain's. The route still validates the envelope and the domain the payload (unchanged behaviour).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { actPayloadSchemas } from '../../server/domain/lifecycle/index.ts';
import { ACT_KINDS } from '../../server/modules/cases/cases.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await standardUsers(t);
});
afterAll(async () => t?.close());

interface Doc {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: boolean }> };
}

describe('the case act in the OpenAPI document (issue 16)', () => {
  it('POST /cases/{id}/acts documents a union of one schema per act kind, with a discriminator on kind', async () => {
    const doc = (await t.anon.get('/openapi.json')).json() as Doc;
    const body = doc.paths['/api/v1/cases/{id}/acts']!.post!.requestBody!.content['application/json']!.schema as {
      oneOf?: Array<{ $ref: string }>;
      anyOf?: Array<{ $ref: string }>;
      discriminator?: { propertyName: string; mapping: Record<string, string> };
    };
    const refs = (body.oneOf ?? body.anyOf ?? []).map((r) => r.$ref);
    expect(refs).toHaveLength(ACT_KINDS.length);
    expect(body.discriminator?.propertyName).toBe('kind');
    expect(Object.keys(body.discriminator!.mapping).sort()).toEqual([...ACT_KINDS].sort());
    for (const [kind, ref] of Object.entries(body.discriminator!.mapping)) {
      expect(refs).toContain(ref);
      const name = ref.replace('#/components/schemas/', '');
      const schema = doc.components.schemas[name]!;
      // fixed to the act's name (the document writes a constant as a one-value enum)
      const k = schema.properties.kind as { const?: string; enum?: string[] };
      expect(k.const !== undefined ? [k.const] : k.enum).toEqual([kind]);
      expect(schema.required).toEqual(expect.arrayContaining(['kind', 'date']));
      expect(schema.additionalProperties).toBe(false);
    }
  });

  it("an act's documented payload is the domain's payload schema (serveRectificationOrder, §2.1)", async () => {
    const doc = (await t.anon.get('/openapi.json')).json() as Doc;
    const documented = doc.components.schemas.CaseActServeRectificationOrder!.properties.payload!;
    expect(documented).toEqual(JSON.parse(JSON.stringify(actPayloadSchemas.energy.serveRectificationOrder)));
    // an act whose payload differs between dimensions is documented as their union
    const suspension = doc.components.schemas.CaseActOrderSuspension!.properties.payload! as { anyOf?: unknown[] };
    expect(suspension.anyOf?.length).toBeGreaterThan(1);
  });

  it('validation is unchanged: an unknown act kind is a 400 naming kind; a bad payload for a known act is judged by the domain', async () => {
    const office = await t.as('office');
    const unknown = await office.post('/api/v1/cases/1/acts', { kind: 'noSuchAct', date: '2020-06-10' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().details)).toContain('kind');
    const missing = await office.post('/api/v1/cases/999999/acts', { kind: 'serveRectificationOrder', date: '2020-06-10', payload: { noSuchField: 1 } });
    // the envelope is valid, so the route reaches the case: a missing case answers 404 before any payload check
    expect(missing.statusCode).toBe(404);
  });
});
