/**
 * A province rolls its cities up (issue 12, plan §3.4), with two instances of the app on two databases: the city
 * approves its report and exports it as a signed package; the province registers the city's key, imports the
 * package, and refuses — with the reason, writing nothing — a tampered file, a bad signature, a wrong city and a
 * wrong year; it shows its cities side by side and consolidates them.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { canonical } from '../../server/platform/audit/audit.ts';
import { acceptThroughCertificateAsSystem } from '../../server/modules/yearend/commands/certificate-commands.ts';
import { approveReport, consolidateReport } from '../../server/modules/yearend/commands/yearend-commands.ts';
import { applyCaseAct } from '../../server/modules/cases/commands/apply-case-act.ts';
import { openCaseCommand } from '../../server/modules/cases/commands/open-case.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';

let city: TestApp;
let province: TestApp;
const meta = () => ({ actor: SYSTEM_ACTOR, now: city.clock.now });

/** One accepted exit (a 12 t/d cement kiln of 340202, dismantled then accepted through its certificate). */
async function acceptedExit(t: TestApp, capacity: string) {
  const e = await t.db
    .insertInto('enterprise')
    .values({ credit_code: `91340200PROV${capacity.padStart(6, '0')}`, name: `省级汇总测试企业${capacity}`, territory_code: '340202', industry_code: 'cement' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const l = await t.db
    .insertInto('production_line')
    .values({ enterprise_id: e.id, kind: 'shaft_kiln', name: 'kiln', capacity, capacity_unit: 't/d' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const m = { actor: SYSTEM_ACTOR, now: t.clock.now };
  const caseId = await openCaseCommand(
    t.db,
    {
      enterpriseId: e.id,
      dimension: 'technology',
      lineIds: [l.id],
      finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '水泥机立窑' },
      openedOn: '2020-10-01',
    },
    m,
  );
  const ev = 'c'.repeat(64);
  await t.db
    .insertInto('evidence_file')
    .values({ sha256: ev, size_bytes: 1, mime_type: 'image/png', original_name: 'x.png', uploaded_by: null })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  await applyCaseAct(t.db, caseId, { kind: 'dismantle', date: '2020-11-01', payload: { evidenceIds: [ev] } }, m, { role: 'territory' });
  await acceptThroughCertificateAsSystem(t.db, caseId, '2020-12-01', ev, m);
}

let pkg: {
  manifest: Record<string, unknown> & { files: Array<{ name: string; sha256: string; bytes: number }> };
  files: Record<string, string>;
  signature: { algorithm: string; value: string };
};
let publicKeyPem: string;

beforeAll(async () => {
  city = await createTestApp({ now: '2021-01-05T02:00:00Z' });
  province = await createTestApp({ now: '2021-01-10T02:00:00Z' });
  await standardUsers(city);
  await standardUsers(province);
  await acceptedExit(city, '12');
  await acceptedExit(city, '30');
  const id = await consolidateReport(city.db, 2020, null, meta());
  await approveReport(city.db, id, meta());
  const office = await city.as('office');
  const key = await office.get('/api/v1/yearend/signing-key');
  expect(key.statusCode).toBe(200);
  publicKeyPem = key.json().publicKeyPem;
  expect(key.json().fingerprint).toMatch(/^[0-9a-f]{64}$/);
  const r = await office.get(`/api/v1/yearend/reports/${id}/package.json`);
  expect(r.statusCode, r.body).toBe(200);
  pkg = r.json();
});
afterAll(async () => {
  await city?.close();
  await province?.close();
});

const clone = () => JSON.parse(JSON.stringify(pkg)) as typeof pkg;

describe('reporting up: a signed package, two instances (§3.4)', () => {
  it('the package carries a manifest with SHA-256 hashes and an Ed25519 signature; a draft is not sent up', async () => {
    expect(pkg.manifest).toMatchObject({ format: 'phaseout-city-report/1', cityCode: '340200', year: 2020, version: 1, reportStatus: 'approved' });
    expect(pkg.manifest.files).toEqual([expect.objectContaining({ name: 'report.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(pkg.signature.algorithm).toBe('Ed25519');
    const draft = await consolidateReport(city.db, 2020, '再版', meta());
    const r = await (await city.as('office')).get(`/api/v1/yearend/reports/${draft}/package.json`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('REPORT_STATE');
  });

  it('refuses an unregistered city, a bad signature, a tampered file and a wrong year — with the reason — and writes nothing', async () => {
    const office = await province.as('office');
    const count = async () => (await province.db.selectFrom('province_city_report').select('id').execute()).length;
    // no key registered for the city yet
    let r = await office.post('/api/v1/province/2020/packages', pkg);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'PACKAGE_REFUSED', details: { reason: 'no key is registered for this city' } });

    // a key that is not the city's (someone else signed): bad signature
    const other = generateKeyPairSync('ed25519');
    expect(
      (
        await office.put('/api/v1/province/cities/340200/key', {
          cityName: '芜湖市',
          publicKeyPem: other.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        })
      ).statusCode,
    ).toBe(200);
    r = await office.post('/api/v1/province/2020/packages', pkg);
    expect(r.json().details.reason).toMatch(/signature/);

    // the right key
    expect((await office.put('/api/v1/province/cities/340200/key', { cityName: '芜湖市', publicKeyPem })).json().fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // a package re-signed by another key but claiming the city: refused
    const forged = clone();
    forged.signature.value = sign(null, Buffer.from(canonical(forged.manifest), 'utf8'), other.privateKey).toString('base64');
    expect((await office.post('/api/v1/province/2020/packages', forged)).json().details.reason).toMatch(/signature/);
    // wrong city: the manifest names another city (its signature no longer holds, and no key is registered for it)
    const wrongCity = clone();
    wrongCity.manifest.cityCode = '340100';
    expect((await office.post('/api/v1/province/2020/packages', wrongCity)).json().details.reason).toBe('no key is registered for this city');
    // tampered: the report's figures changed after signing
    const tampered = clone();
    tampered.files['report.json'] = tampered.files['report.json']!.replace('"capacity":"42"', '"capacity":"420"');
    expect(tampered.files['report.json']).not.toBe(pkg.files['report.json']);
    r = await office.post('/api/v1/province/2020/packages', tampered);
    expect(r.json().details).toMatchObject({ reason: expect.stringContaining('tampered'), file: 'report.json' });
    // wrong year
    r = await office.post('/api/v1/province/2021/packages', pkg);
    expect(r.json()).toMatchObject({ code: 'PACKAGE_REFUSED', details: { reason: 'the package is for another year', expected: 2021, got: 2020 } });
    // malformed
    expect((await office.post('/api/v1/province/2020/packages', { manifest: {}, files: {}, signature: {} })).statusCode).toBe(400);
    expect(
      (
        await office.put('/api/v1/province/cities/340200/key', {
          cityName: '芜湖市',
          publicKeyPem: '-----BEGIN PUBLIC KEY-----\nnot a key at all, really not\n-----END PUBLIC KEY-----',
        })
      ).json().details.field,
    ).toBe('/publicKeyPem');
    expect(await count()).toBe(0);
  });

  it('imports the genuine package once, shows the cities side by side and consolidates', async () => {
    const office = await province.as('office');
    const r = await office.post('/api/v1/province/2020/packages', pkg);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ cityCode: '340200', year: 2020, version: 1 });
    expect((await office.post('/api/v1/province/2020/packages', pkg)).statusCode).toBe(409);
    const view = (await office.get('/api/v1/province/2020/cities')).json();
    expect(view.cities).toEqual([
      expect.objectContaining({
        cityCode: '340200',
        cityName: '芜湖市',
        version: 1,
        figures: [expect.objectContaining({ industryCode: 'cement', lines: 2, capacity: '42' })],
      }),
    ]);
    expect(view.consolidated).toEqual([expect.objectContaining({ industryCode: 'cement', capacityUnit: 't/d', enterprises: 2, lines: 2, capacity: '42' })]);
    // only the office
    expect((await (await province.as('gov')).get('/api/v1/province/2020/cities')).statusCode).toBe(403);
    expect((await verifyAudit(province.db)).ok).toBe(true);
  });
});
