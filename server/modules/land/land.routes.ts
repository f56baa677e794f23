/**
 * Freed land (盘活土地资源, plan §2.6): the land an exit frees — area, location, ownership, planned reuse and its
 * status. Read: office, departments, territories (their own), the government. Write: office, the enterprise's
 * territory, the natural resources bureau (department `nr`). Out of scope answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql, type SqlBool } from 'kysely';
import type { Actor, Scope } from '../../platform/auth/actor.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, IsoInstant, ListOf, Paging } from '../../platform/http/schemas.ts';
import { loadExcel } from '../registry-io/index.ts';
import { attachment } from '../resettlement/index.ts';
import { enterpriseWhere } from '../resettlement/index.ts';

const READERS = ['office', 'department', 'territory', 'government'] as const;
const WRITERS = ['office', 'department', 'territory'] as const;
const tags = ['land'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });

const OWNERSHIP = ['state', 'collective'] as const;
const REUSE = ['industrial', 'commercial', 'residential', 'public', 'ecological', 'other'] as const;
const STATUS = ['idle', 'planning', 'transferring', 'reused'] as const;
export const OWNERSHIP_ZH = { state: '国有', collective: '集体' } as const;
export const REUSE_ZH = { industrial: '工业', commercial: '商业', residential: '住宅', public: '公共设施', ecological: '生态修复', other: '其他' } as const;
export const LAND_STATUS_ZH = { idle: '闲置', planning: '规划中', transferring: '收储/出让中', reused: '已盘活' } as const;
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Area = Type.String({ pattern: '^(0|[1-9]\\d{0,11})(\\.\\d{1,2})?$', maxLength: 15, description: 'm², up to 2 decimals' });
const Txt = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

const LandFields = {
  areaM2: Area,
  location: Txt(300),
  ownership: lit(OWNERSHIP),
  certificateNo: Type.Optional(Type.Union([Txt(80), Type.Null()])),
  plannedReuse: lit(REUSE),
  reuseNote: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  status: lit(STATUS),
};
const CreateBody = Type.Object(LandFields, { additionalProperties: false });
const PatchBody = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), ...Type.Partial(Type.Object(LandFields)).properties },
  { additionalProperties: false },
);

const Land = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  creditCode: Type.String(),
  territoryName: Type.String(),
  areaM2: Type.String(),
  location: Type.String(),
  ownership: lit(OWNERSHIP),
  ownershipName: Type.String(),
  certificateNo: Type.Union([Type.String(), Type.Null()]),
  plannedReuse: lit(REUSE),
  plannedReuseName: Type.String(),
  reuseNote: Type.Union([Type.String(), Type.Null()]),
  status: lit(STATUS),
  statusName: Type.String(),
  nextActor: Type.Union([Type.String(), Type.Null()], { description: 'who acts next: the territory until the land is reused' }),
  version: Type.Integer(),
  updatedAt: IsoInstant,
  allowedActs: Type.Array(Type.String()),
});
const Filter = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  territoryCode: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(lit(STATUS)),
};

function mayWriteLand(actor: Actor, territoryCode: string): boolean {
  if (actor.kind === 'system' || actor.role === 'office') return true;
  if (actor.role === 'territory') return actor.territoryCode === territoryCode;
  return actor.role === 'department' && actor.departmentCode === 'nr';
}

export const landRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  const select = (scope: Scope, f: { q?: string | undefined; territoryCode?: string | undefined; status?: string | undefined }) =>
    db
      .selectFrom('freed_land as l')
      .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
      .innerJoin('territory as t', 't.code', 'e.territory_code')
      .where(enterpriseWhere(scope, f))
      .$if(f.status !== undefined, (q) => q.where(sql<SqlBool>`l.status = ${f.status}`));
  const cols = [
    'l.id',
    'l.enterprise_id',
    'e.name as enterprise_name',
    'e.credit_code',
    'e.territory_code',
    't.name as territory_name',
    'l.area_m2',
    'l.location',
    'l.ownership',
    'l.certificate_no',
    'l.planned_reuse',
    'l.reuse_note',
    'l.status',
    'l.version',
    'l.updated_at',
  ] as const;
  const present = (r: Record<string, unknown>, actor: Actor) => {
    const status = r.status as (typeof STATUS)[number];
    return {
      id: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      enterpriseName: String(r.enterprise_name),
      creditCode: String(r.credit_code),
      territoryName: String(r.territory_name),
      areaM2: Number(r.area_m2).toFixed(2),
      location: String(r.location),
      ownership: r.ownership as (typeof OWNERSHIP)[number],
      ownershipName: OWNERSHIP_ZH[r.ownership as (typeof OWNERSHIP)[number]],
      certificateNo: (r.certificate_no as string | null) ?? null,
      plannedReuse: r.planned_reuse as (typeof REUSE)[number],
      plannedReuseName: REUSE_ZH[r.planned_reuse as (typeof REUSE)[number]],
      reuseNote: (r.reuse_note as string | null) ?? null,
      status,
      statusName: LAND_STATUS_ZH[status],
      nextActor: status === 'reused' ? null : String(r.territory_name),
      version: Number(r.version),
      updatedAt: new Date(r.updated_at as Date).toISOString(),
      allowedActs: mayWriteLand(actor, String(r.territory_code)) ? ['update'] : [],
    };
  };
  const findOne = async (scope: Scope, id: number) => {
    const r = await select(scope, {}).select(cols).where('l.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    return r as unknown as Record<string, unknown>;
  };

  app.get(
    '/freed-land',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'Freed land (scoped): q = part of the enterprise name or a credit-code prefix',
        querystring: Type.Object({ ...Filter, ...Paging }),
        response: { 200: ListOf(Land), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...f } = req.query;
      const [count, rows] = await Promise.all([
        select(req.scope, f)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
        select(req.scope, f)
          .select(cols)
          .orderBy('l.id', 'desc')
          .limit(limit ?? 20)
          .offset(offset ?? 0)
          .execute(),
      ]);
      const actor = actorOf(req);
      return { items: rows.map((r) => present(r as unknown as Record<string, unknown>, actor)), total: Number(count.n) };
    },
  );

  app.get(
    '/freed-land/export.xlsx',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'Freed land of a filter as .xlsx (names, not codes)',
        querystring: Type.Object(Filter),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const rows = await select(req.scope, req.query).select(cols).orderBy('l.id').limit(100_000).execute();
      const actor = actorOf(req);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('腾退土地');
      ws.columns = [
        ['统一社会信用代码', 22],
        ['企业名称', 34],
        ['属地', 12],
        ['面积(平方米)', 14],
        ['坐落', 30],
        ['权属', 8],
        ['权证号', 18],
        ['规划用途', 10],
        ['说明', 30],
        ['状态', 12],
      ].map(([header, width]) => ({ header: header as string, width: width as number }));
      for (const x of rows.map((r) => present(r as unknown as Record<string, unknown>, actor)))
        ws.addRow([
          x.creditCode,
          x.enterpriseName,
          x.territoryName,
          x.areaM2,
          x.location,
          x.ownershipName,
          x.certificateNo ?? '',
          x.plannedReuseName,
          x.reuseNote ?? '',
          x.statusName,
        ]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`腾退土地-${app.ctx.now().toISOString().slice(0, 10)}.xlsx`))
        .send(buf);
    },
  );

  app.post(
    '/enterprises/:id/freed-land',
    {
      config: { access: { roles: WRITERS } },
      schema: {
        tags,
        summary: 'Record a parcel of land freed by the enterprise (office, its territory, the natural resources bureau)',
        params: IdParams,
        body: CreateBody,
        response: { 201: Land, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const meta = auditMeta(req);
      const b = req.body;
      const id = await db.transaction().execute(async (trx) => {
        const ent = await trx
          .selectFrom('enterprise as e')
          .select(['e.id', 'e.territory_code'])
          .where('e.id', '=', req.params.id)
          .where(enterpriseWhere(req.scope, {}))
          .executeTakeFirst();
        if (!ent) throw new AppError('NOT_FOUND');
        if (!mayWriteLand(meta.actor, ent.territory_code)) throw new AppError('FORBIDDEN');
        const values = {
          enterprise_id: req.params.id,
          area_m2: b.areaM2,
          location: b.location.trim(),
          ownership: b.ownership,
          certificate_no: b.certificateNo?.trim() || null,
          planned_reuse: b.plannedReuse,
          reuse_note: b.reuseNote?.trim() || null,
          status: b.status,
        };
        if (Number(b.areaM2) <= 0) throw new AppError('INVALID_FIELD', { field: 'areaM2', reason: 'the area must be greater than 0' });
        const r = await trx
          .insertInto('freed_land')
          .values({ ...values, created_at: meta.now, updated_at: meta.now, updated_by: meta.actor.kind === 'user' ? meta.actor.userId : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, meta, { act: 'land.create', entityType: 'freed_land', entityId: Number(r.id), basisId: 'plan-2020-§2.6', after: values });
        return Number(r.id);
      });
      return reply.code(201).send(present(await findOne(req.scope, id), actorOf(req)));
    },
  );

  app.patch(
    '/freed-land/:id',
    {
      config: { access: { roles: WRITERS } },
      schema: {
        tags,
        summary: 'Change a parcel (send the version you read; 409 when it changed)',
        params: IdParams,
        body: PatchBody,
        response: { 200: Land, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const meta = auditMeta(req);
      const { version, ...p } = req.body;
      await db.transaction().execute(async (trx) => {
        const cur = await trx
          .selectFrom('freed_land as l')
          .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
          .selectAll('l')
          .select('e.territory_code')
          .where('l.id', '=', req.params.id)
          .where(enterpriseWhere(req.scope, {}))
          .forUpdate('l')
          .executeTakeFirst();
        if (!cur) throw new AppError('NOT_FOUND');
        if (!mayWriteLand(meta.actor, cur.territory_code)) throw new AppError('FORBIDDEN');
        if (cur.version !== version) throw new AppError('CONFLICT', { currentVersion: cur.version });
        if (p.areaM2 !== undefined && Number(p.areaM2) <= 0)
          throw new AppError('INVALID_FIELD', { field: 'areaM2', reason: 'the area must be greater than 0' });
        const set = {
          ...(p.areaM2 !== undefined ? { area_m2: p.areaM2 } : {}),
          ...(p.location !== undefined ? { location: p.location.trim() } : {}),
          ...(p.ownership !== undefined ? { ownership: p.ownership } : {}),
          ...(p.certificateNo !== undefined ? { certificate_no: p.certificateNo?.trim() || null } : {}),
          ...(p.plannedReuse !== undefined ? { planned_reuse: p.plannedReuse } : {}),
          ...(p.reuseNote !== undefined ? { reuse_note: p.reuseNote?.trim() || null } : {}),
          ...(p.status !== undefined ? { status: p.status } : {}),
        };
        await trx
          .updateTable('freed_land')
          .set({ ...set, version: cur.version + 1, updated_at: meta.now, updated_by: meta.actor.kind === 'user' ? meta.actor.userId : null })
          .where('id', '=', req.params.id)
          .execute();
        await writeAudit(trx, meta, {
          act: 'land.update',
          entityType: 'freed_land',
          entityId: req.params.id,
          basisId: 'plan-2020-§2.6',
          before: { status: cur.status, area_m2: cur.area_m2, planned_reuse: cur.planned_reuse },
          after: set,
        });
      });
      return present(await findOne(req.scope, req.params.id), actorOf(req));
    },
  );
};
