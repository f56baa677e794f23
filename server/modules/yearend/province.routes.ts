/**
 * Reporting up (issue 12, plan §3.4): the city's signing key and the signed package of an approved report (office);
 * at a province instance of the same software, the office registers each city's key, imports packages (refused with
 * the reason, nothing written, when the signature, the city, the year or a file's hash is wrong) and sees its cities
 * side by side and consolidated.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { sumFigures, type ExitFigure } from '../../domain/yearend/figures.ts';
import { reportById, names } from './yearend.repository.ts';
import { buildPackage, importPackage, keyFingerprint, registerCityKey, signingKey, type ReportPackage } from './report-package.ts';
import { figureOut } from './yearend.presenter.ts';
import { YearParams } from './yearend.schemas.ts';
import { attachment } from './http.ts';

const tags = ['province'];
const office = { access: { roles: ['office'] as const } };

const Sha = Type.String({ pattern: '^[0-9a-f]{64}$' });
const PackageSchema = Type.Object(
  {
    manifest: Type.Object(
      {
        format: Type.String({ maxLength: 100 }),
        cityCode: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z]+$' }),
        cityName: Type.String({ maxLength: 100 }),
        year: Type.Integer({ minimum: 2000, maximum: 2100 }),
        version: Type.Integer({ minimum: 1, maximum: 10_000 }),
        reportStatus: Type.String({ maxLength: 20 }),
        approvedAt: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
        createdAt: Type.String({ maxLength: 40 }),
        files: Type.Array(
          Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 100 }), sha256: Sha, bytes: Type.Integer({ minimum: 0, maximum: 20_000_000 }) },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 20 },
        ),
      },
      { additionalProperties: false },
    ),
    files: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 20_000_000 })),
    signature: Type.Object({ algorithm: Type.Literal('Ed25519'), value: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const Figure = Type.Object({
  industryCode: Type.String(),
  industryName: Type.String(),
  capacityUnit: Type.String(),
  enterprises: Type.Integer(),
  lines: Type.Integer(),
  capacity: Type.String(),
});

export const provinceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/yearend/signing-key',
    {
      config: office,
      schema: {
        tags,
        summary: "The city's report signing key (Ed25519 public key and fingerprint) to register with the province",
        response: { 200: Type.Object({ publicKeyPem: Type.String(), fingerprint: Type.String() }), ...errorResponses(401, 403) },
      },
    },
    async () => {
      const k = await signingKey(db);
      return { publicKeyPem: k.publicKey, fingerprint: keyFingerprint(k.publicKey) };
    },
  );

  app.get(
    '/yearend/reports/:id/package.json',
    {
      config: office,
      schema: {
        tags,
        summary: 'The approved report version as a signed package for the province (manifest with SHA-256 hashes, Ed25519 signature)',
        params: IdParams,
        response: { 200: PackageSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const r = await reportById(db, req.params.id);
      if (!r) throw new AppError('NOT_FOUND');
      const k = await signingKey(db);
      const p = buildPackage(r, k.privateKey, app.ctx.now());
      return reply.header('content-disposition', attachment(`${r.body.cityName}-${r.year}-v${r.version}.json`)).send(p);
    },
  );

  app.put(
    '/province/cities/:code/key',
    {
      config: office,
      schema: {
        tags,
        summary: "Province: register (or replace) a city's report signing key",
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z]+$' }) }),
        body: Type.Object(
          { cityName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), publicKeyPem: Type.String({ minLength: 40, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ cityCode: Type.String(), fingerprint: Type.String() }), ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => ({
      cityCode: req.params.code,
      fingerprint: await registerCityKey(db, req.params.code, req.body.cityName, req.body.publicKeyPem, auditMeta(req)),
    }),
  );

  app.post(
    '/province/:year/packages',
    {
      config: office,
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Province: import a city's signed package for the year (refused with the reason, nothing written, on a bad signature, wrong city, wrong year or tampered file)",
        params: YearParams,
        body: PackageSchema,
        response: {
          201: Type.Object({ id: Type.Integer(), cityCode: Type.String(), year: Type.Integer(), version: Type.Integer() }),
          ...errorResponses(400, 401, 403, 409, 413, 422),
        },
      },
    },
    async (req, reply) => {
      const p = req.body as ReportPackage;
      const id = await importPackage(db, p, req.params.year, auditMeta(req));
      return reply.code(201).send({ id, cityCode: p.manifest.cityCode, year: p.manifest.year, version: p.manifest.version });
    },
  );

  app.get(
    '/province/:year/cities',
    {
      config: office,
      schema: {
        tags,
        summary: "Province: the cities' latest imported reports side by side, and their consolidation (cities never share an exit)",
        params: YearParams,
        response: {
          200: Type.Object({
            year: Type.Integer(),
            cities: Type.Array(
              Type.Object({
                cityCode: Type.String(),
                cityName: Type.String(),
                version: Type.Union([Type.Integer(), Type.Null()]),
                importedAt: Type.Union([Type.String(), Type.Null()]),
                figures: Type.Array(Figure),
              }),
            ),
            consolidated: Type.Array(Figure),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req) => {
      const { year } = req.params;
      const keys = await db.selectFrom('province_city_key').select(['city_code', 'city_name']).orderBy('city_code').execute();
      const rows = await db
        .selectFrom('province_city_report')
        .select(['city_code', 'version', 'body', 'imported_at'])
        .where('year', '=', year)
        .orderBy('city_code')
        .orderBy('version', 'desc')
        .execute();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!latest.has(r.city_code)) latest.set(r.city_code, r);
      const n = await names(db);
      const out = figureOut(n);
      const cities = keys.map((k) => {
        const r = latest.get(k.city_code);
        const figures = r ? ((r.body as { figures: ExitFigure[] }).figures ?? []) : [];
        return {
          cityCode: k.city_code,
          cityName: k.city_name,
          version: r?.version ?? null,
          importedAt: r ? new Date(r.imported_at).toISOString() : null,
          figures: figures.map(out),
        };
      });
      const consolidated = sumFigures([...latest.values()].map((r) => (r.body as { figures: ExitFigure[] }).figures ?? [])).map(out);
      return { year, cities, consolidated };
    },
  );
};
