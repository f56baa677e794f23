/**
 * The law as data, over HTTP: the deadline calculator (Civil Code arts. 201–203, working-day periods of 行政强制法
 * art. 69 / 行政处罚法 art. 85), the legal-basis registry and the dated parameters. Public: they are the law.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { computeDeadline } from '../../domain/calendar/index.ts';
import { allBases, basisById, citation, type LegalBasis } from '../../domain/law/basis.ts';
import { paramAsOf, parameters, type ParameterName } from '../../domain/law/parameters.ts';
import { energyLimitStandards } from '../../domain/law/energy-limits.ts';
import { DomainError } from '../../domain/errors.ts';
import { dimensions, findingSchemas } from '../../domain/lifecycle/index.ts';
import { errorResponses, IsoDate, ListOf } from '../../platform/http/schemas.ts';
import { currentCalendar } from '../calendar/index.ts';

const EnergyLimitStandardSchema = Type.Object({
  standard: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  editions: Type.Array(
    Type.Object({
      edition: Type.String(),
      basisId: Type.String(),
      citation: Type.String(),
      citationZh: Type.String(),
      inForceFrom: Type.Union([IsoDate, Type.Null()]),
      unverified: Type.String(),
      processes: Type.Array(
        Type.Object({
          process: Type.String(),
          processEn: Type.String(),
          limit: Type.Union([Type.String(), Type.Null()], { description: 'a maximum, decimal; null: not encoded' }),
          unit: Type.String(),
        }),
      ),
    }),
  ),
});

const Step = Type.Object({ from: Type.String(), to: Type.String(), basisId: Type.String(), zh: Type.String(), en: Type.String() });
export const DeadlineAnswerSchema = Type.Object(
  {
    due: IsoDate,
    warnings: Type.Array(
      Type.Object({
        code: Type.String({
          description: 'CALENDAR_YEAR_UNKNOWN (year) | BASIS_NOT_IN_FORCE (basisId, effectiveFrom, from: the period starts before its basis is in force)',
        }),
        year: Type.Optional(Type.Integer()),
        basisId: Type.Optional(Type.String()),
        effectiveFrom: Type.Optional(IsoDate),
        from: Type.Optional(IsoDate),
        zh: Type.String(),
        en: Type.String(),
      }),
    ),
    calendar: Type.Optional(
      Type.Array(Type.Object({ year: Type.Integer(), version: Type.Integer() }), { description: 'the calendar version of each year examined' }),
    ),
    steps: Type.Array(Step, { description: 'each move of the computation, with the article applied' }),
    basis: Type.Array(Type.Object({ id: Type.String(), citation: Type.String(), citationZh: Type.String() })),
  },
  { $id: 'DeadlineAnswer' },
);

const KIND_DESC = 'plan | statute | standard | catalogue | local (a choice of the city, 执行口径 — not the text of the plan) | platform';
const Basis = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: KIND_DESC }),
  instrument: Type.String(),
  instrumentZh: Type.String(),
  article: Type.String(),
  articleZh: Type.Optional(Type.String({ description: 'the article as the instrument numbers it in Chinese, e.g. 二、（一） for plan §2.1' })),
  citation: Type.String({ description: 'the citation as printed in English, e.g. Civil Code of the PRC, art. 202' }),
  citationZh: Type.String({ description: 'the citation as officials write it, e.g. 《芜湖市2020年落后产能退出工作方案》二、（一）' }),
  title: Type.String(),
  titleZh: Type.String(),
  url: Type.Optional(Type.String()),
  effectiveFrom: Type.Union([IsoDate, Type.Null()]),
  effectiveTo: Type.Optional(IsoDate),
  unverified: Type.Optional(Type.Array(Type.String())),
  note: Type.Optional(Type.String()),
});

const Parameter = Type.Object({
  name: Type.String(),
  value: Type.Unknown(),
  unit: Type.Optional(Type.String()),
  basisId: Type.String(),
  basisKind: Type.String({ description: KIND_DESC }),
  citation: Type.String(),
  citationZh: Type.String(),
  from: IsoDate,
  to: Type.Optional(IsoDate),
  note: Type.Optional(Type.String({ description: 'what the basis says, or why the value is a local choice' })),
});

const pub = { access: { public: true } } as const;
const PositiveInt = Type.Integer({ minimum: 1 });

/** Finding fields the caller fills in; the rest (dimension, lines, enterprise, date, evidence) come from the case. */
const FILLED_BY_CASE = new Set(['dimension', 'lines', 'enterpriseId', 'date', 'evidenceIds']);

/** The finding schema of a dimension as the client fills it in, and whether the finding must name lines. */
export function clientFindingSchema(dimension: keyof typeof findingSchemas): { schema: Record<string, unknown>; linesRequired: boolean } {
  const s = findingSchemas[dimension] as unknown as { properties: Record<string, unknown>; required?: string[] };
  const properties = Object.fromEntries(Object.entries(s.properties).filter(([k]) => !FILLED_BY_CASE.has(k)));
  const required = (s.required ?? []).filter((k) => !FILLED_BY_CASE.has(k));
  const lines = s.properties.lines as { minItems?: number } | undefined;
  return { schema: JSON.parse(JSON.stringify({ type: 'object', properties, required })) as Record<string, unknown>, linesRequired: (lines?.minItems ?? 0) > 0 };
}

export const lawRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(DeadlineAnswerSchema);
  app.get(
    '/calendar/deadline',
    {
      config: pub,
      schema: {
        tags: ['law'],
        summary: 'Compute a legal deadline: give from and exactly one of months, days, workingDays',
        querystring: Type.Object({
          from: IsoDate,
          months: Type.Optional(PositiveInt),
          days: Type.Optional(PositiveInt),
          workingDays: Type.Optional(PositiveInt),
          workingDaysBasis: Type.Optional(Type.Union([Type.Literal('admin-coercion-law-art-69'), Type.Literal('admin-penalty-law-art-85')])),
        }),
        response: { 200: Type.Ref('DeadlineAnswer'), ...errorResponses(400) },
      },
    },
    // the calendar in force (the database's, loaded without a restart: modules/calendar)
    async (req) => computeDeadline(req.query, await currentCalendar(app.ctx.db)),
  );

  app.get(
    '/law/bases',
    { config: pub, schema: { tags: ['law'], summary: 'The legal-basis registry: every citation the platform prints', response: { 200: ListOf(Basis) } } },
    async () => {
      const items = allBases().map((b: LegalBasis) => {
        const { unverified, ...rest0 } = b;
        const rest = { ...rest0, citation: citation(b.id, 'en'), citationZh: citation(b.id, 'zh') };
        return unverified ? { ...rest, unverified: [...unverified] } : rest;
      });
      return { items, total: items.length };
    },
  );

  app.get(
    '/law/energy-limits',
    {
      config: pub,
      schema: {
        tags: ['law'],
        summary:
          'The energy-consumption limit standards an energy finding cites (plan §2.1): standard → edition → process, with the limit and unit (null limit: not encoded, entered from the standard)',
        response: { 200: ListOf(EnergyLimitStandardSchema) },
      },
    },
    async () => {
      const items = energyLimitStandards.map((s) => ({
        ...s,
        editions: s.editions.map((e) => ({ ...e, citation: citation(e.basisId, 'en'), citationZh: citation(e.basisId, 'zh') })),
      }));
      return { items, total: items.length };
    },
  );

  app.get(
    '/law/finding-schemas',
    {
      config: pub,
      schema: {
        tags: ['law'],
        summary: 'The finding fields of each dimension (JSON Schema), as POST /cases checks them',
        response: {
          200: ListOf(
            Type.Object({
              dimension: Type.String(),
              schema: Type.Record(Type.String(), Type.Unknown()),
              linesRequired: Type.Boolean({ description: 'the finding must name at least one production line' }),
            }),
          ),
        },
      },
    },
    async () => {
      const items = (Object.keys(dimensions) as Array<keyof typeof findingSchemas>).map((d) => ({ dimension: d, ...clientFindingSchema(d) }));
      return { items, total: items.length };
    },
  );

  app.get(
    '/law/parameters',
    {
      config: pub,
      schema: {
        tags: ['law'],
        summary:
          "Dated parameters as in force on a date, each with its basis: the plan or a statute where they state it, else the city's local choice (basisKind local)",
        querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
        response: { 200: ListOf(Parameter), ...errorResponses(400) },
      },
    },
    async (req) => {
      const asOf = req.query.asOf ?? app.ctx.now().toISOString().slice(0, 10);
      const items = [];
      for (const name of Object.keys(parameters) as ParameterName[]) {
        try {
          const p = paramAsOf(name, asOf);
          const b = basisById(p.basisId);
          items.push({ ...p, basisKind: b.kind, citation: citation(p.basisId, 'en'), citationZh: citation(p.basisId, 'zh') });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e; // not in force on that date: omitted
        }
      }
      return { items, total: items.length };
    },
  );
};
