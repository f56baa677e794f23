/** Reference data (public: the public site and every form use it). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IsoDate, ListOf } from '../../platform/http/schemas.ts';

const Territory = Type.Object({
  code: Type.String({ description: 'GB/T 2260 code, or the zone code' }),
  name: Type.String(),
  nameEn: Type.String(),
  kind: Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('county'), Type.Literal('county_city'), Type.Literal('zone')]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validTo: Type.Union([IsoDate, Type.Null()]),
  successorCode: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: 'valid today (not superseded)' }),
});

const Department = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  leadDimensions: Type.Array(Type.String()),
  planSections: Type.Array(Type.String()),
  housesOffice: Type.Boolean(),
});

const Dimension = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), basisId: Type.String(), law: Type.String() });
const Industry = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  keyIndustry: Type.Boolean(),
  capacityUnits: Type.Array(Type.String()),
});
const LineKind = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  industryCode: Type.String(),
  sizeUnit: Type.Union([Type.String(), Type.Null()]),
  inductionFurnace: Type.Boolean(),
});

const pub = { access: { public: true } } as const;

export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/territories',
    {
      config: pub,
      schema: { tags: ['reference'], summary: 'Territories: county-level divisions and development zones', response: { 200: ListOf(Territory) } },
    },
    async () => {
      const today = app.ctx.now().toISOString().slice(0, 10);
      const rows = await db.selectFrom('territory').selectAll().orderBy('sort').execute();
      const items = rows.map((t) => ({
        code: t.code,
        name: t.name,
        nameEn: t.name_en,
        kind: t.kind,
        parentCode: t.parent_code,
        validFrom: t.valid_from,
        validTo: t.valid_to,
        successorCode: t.successor_code,
        current: (t.valid_to === null || t.valid_to >= today) && (t.valid_from === null || t.valid_from <= today),
      }));
      return { items, total: items.length };
    },
  );
  app.get(
    '/departments',
    { config: pub, schema: { tags: ['reference'], summary: 'Departments and their roles in the plan', response: { 200: ListOf(Department) } } },
    async () => {
      const rows = await db.selectFrom('department').selectAll().orderBy('sort').execute();
      const items = rows.map((d) => ({
        code: d.code,
        name: d.name,
        nameEn: d.name_en,
        level: d.level,
        leadDimensions: d.lead_dimensions,
        planSections: d.plan_sections,
        housesOffice: d.houses_office,
      }));
      return { items, total: items.length };
    },
  );
  app.get(
    '/dimensions',
    { config: pub, schema: { tags: ['reference'], summary: 'The five enforcement dimensions (§2.1–§2.5)', response: { 200: ListOf(Dimension) } } },
    async () => {
      const rows = await db.selectFrom('dimension').selectAll().orderBy('sort').execute();
      const items = rows.map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en, basisId: d.basis_id, law: d.law }));
      return { items, total: items.length };
    },
  );
  app.get(
    '/industries',
    { config: pub, schema: { tags: ['reference'], summary: 'Industries and their capacity units', response: { 200: ListOf(Industry) } } },
    async () => {
      const rows = await db.selectFrom('industry').selectAll().orderBy('sort').execute();
      const items = rows.map((i) => ({ code: i.code, name: i.name, nameEn: i.name_en, keyIndustry: i.key_industry, capacityUnits: i.capacity_units }));
      return { items, total: items.length };
    },
  );
  app.get(
    '/line-kinds',
    { config: pub, schema: { tags: ['reference'], summary: 'Kinds of production line and equipment', response: { 200: ListOf(LineKind) } } },
    async () => {
      const rows = await db.selectFrom('line_kind').selectAll().orderBy('sort').execute();
      const items = rows.map((k) => ({
        code: k.code,
        name: k.name,
        nameEn: k.name_en,
        industryCode: k.industry_code,
        sizeUnit: k.size_unit,
        inductionFurnace: k.induction_furnace,
      }));
      return { items, total: items.length };
    },
  );
};
