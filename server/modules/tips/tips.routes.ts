/**
 * Console API of public tips (issue 14): the responsible unit lists its tips (search, status filter, .xlsx export),
 * reads one with its photos, and triages it (open a case, order a re-inspection, merge as a duplicate, reject with a
 * reason the tipster sees). The office reads every tip. Another unit's tip answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, IsoInstant, ListOf, Paging } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { loadExcel } from '../registry-io/index.ts';
import { mayReadTip, mayTriage, TIP_SERVICES, TIP_STATUS_NAMES, triageTip } from './tips.service.ts';

const roles = ['office', 'territory', 'department'] as const;
const triagers = ['territory', 'department'] as const;
const tags = ['tips'];
const Text = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });
const STATUS = ['received', 'caseOpened', 'reinspectionOrdered', 'merged', 'rejected'] as const;

const TipItem = Type.Object({
  id: Type.Integer(),
  trackingCode: Type.String(),
  serviceCode: Type.String(),
  serviceName: Type.String(),
  serviceNameEn: Type.String(),
  territoryCode: Type.String(),
  territoryName: Type.String(),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusName: Type.String(),
  statusNameEn: Type.String(),
  unitCode: Type.String({ description: 'the responsible unit: a territory or department code' }),
  unitName: Type.String(),
  nextActor: Type.String({ description: 'who acts next: the responsible unit while the tip is open' }),
  createdAt: IsoInstant,
});
const TipDetail = Type.Object({
  ...TipItem.properties,
  description: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  latitude: Type.Union([Type.String(), Type.Null()]),
  longitude: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Union([Type.String(), Type.Null()]),
  publicNote: Type.Union([Type.String(), Type.Null()]),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  mergedInto: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(Type.Object({ n: Type.Integer(), mimeType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String() })),
  allowedActs: Type.Array(Type.String()),
});
const TipQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Type.Union(STATUS.map((s) => Type.Literal(s)))), ...Paging },
  { additionalProperties: false },
);
const TriageBody = Type.Union([
  Type.Object(
    { action: Type.Literal('openCase'), caseId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), note: Type.Optional(Text) },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('orderReinspection'), note: Text }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('merge'), intoTrackingCode: Type.String({ pattern: '^JB[0-9A-Z]{10}$' }) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('reject'), reason: Text }, { additionalProperties: false }),
]);

function tipScope(actor: UserActor) {
  if (actor.role === 'office') return sql<boolean>`true`;
  if (actor.role === 'territory') return sql<boolean>`(t.unit_kind = 'territory' and t.unit_code = ${actor.territoryCode ?? ''})`;
  if (actor.role === 'department') return sql<boolean>`(t.unit_kind = 'department' and t.unit_code = ${actor.departmentCode ?? ''})`;
  return sql<boolean>`false`;
}

const SERVICE_NAME = new Map<string, { zh: string; en: string }>(TIP_SERVICES.map((s) => [s.code, { zh: s.zh, en: s.en }]));
const COLUMNS = sql`t.id, t.tracking_code as "trackingCode", t.service_code as "serviceCode", t.territory_code as "territoryCode", tr.name as "territoryName",
  t.enterprise_name as "enterpriseName", t.status, t.unit_kind as "unitKind", t.unit_code as "unitCode",
  coalesce(case when t.unit_kind = 'territory' then ut.name else ud.name end, t.unit_code) as "unitName", t.created_at as "createdAt"`;
const FROM = sql`from tip t join territory tr on tr.code = t.territory_code left join territory ut on ut.code = t.unit_code left join department ud on ud.code = t.unit_code`;

interface Row {
  id: number;
  trackingCode: string;
  serviceCode: string;
  territoryCode: string;
  territoryName: string;
  enterpriseName: string | null;
  status: string;
  unitKind: string;
  unitCode: string;
  unitName: string;
  createdAt: Date;
}
const OPEN = new Set(['received', 'reinspectionOrdered']);
function item(r: Row) {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    serviceCode: r.serviceCode,
    serviceName: SERVICE_NAME.get(r.serviceCode)?.zh ?? r.serviceCode,
    serviceNameEn: SERVICE_NAME.get(r.serviceCode)?.en ?? r.serviceCode,
    territoryCode: r.territoryCode,
    territoryName: r.territoryName,
    enterpriseName: r.enterpriseName,
    status: r.status,
    statusName: TIP_STATUS_NAMES[r.status]?.zh ?? r.status,
    statusNameEn: TIP_STATUS_NAMES[r.status]?.en ?? r.status,
    unitCode: r.unitCode,
    unitName: r.unitName,
    nextActor: OPEN.has(r.status) ? r.unitName : '—',
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export const tipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  async function list(actor: UserActor, q: { q?: string | undefined; status?: string | undefined }, limit: number, offset: number) {
    const needle = q.q?.trim() || null;
    const rows = await sql<Row & { total: number }>`select ${COLUMNS}, count(*) over ()::int as total ${FROM}
      where ${tipScope(actor)} and (${q.status ?? null}::text is null or t.status = ${q.status ?? null})
        and (${needle}::text is null or strpos(t.tracking_code, ${needle ?? ''}) > 0 or strpos(coalesce(t.enterprise_name, ''), ${needle ?? ''}) > 0 or strpos(t.description, ${needle ?? ''}) > 0)
      order by t.created_at desc, t.id desc limit ${limit} offset ${offset}`.execute(db);
    return { items: rows.rows.map(item), total: rows.rows[0]?.total ?? 0 };
  }

  app.get(
    '/tips',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'Tips of this unit (the office: all), newest first',
        querystring: TipQuery,
        response: { 200: ListOf(TipItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => list(actorOf(req), req.query, req.query.limit ?? 20, req.query.offset ?? 0),
  );

  app.get(
    '/tips/export.xlsx',
    {
      config: { access: { roles } },
      schema: { tags, summary: 'Tips as .xlsx (same filters)', querystring: TipQuery, response: { 200: Type.Unknown(), ...errorResponses(400, 401, 403) } },
    },
    async (req, reply) => {
      const { items } = await list(actorOf(req), req.query, 100_000, 0);
      const ExcelJS = await loadExcel();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('举报线索');
      ws.addRow(['查询码', '类别', '属地', '涉及企业', '状态', '负责单位', '提交时间']);
      for (const r of items) ws.addRow([r.trackingCode, r.serviceName, r.territoryName, r.enterpriseName ?? '', r.statusName, r.unitName, r.createdAt]);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="tips.xlsx"; filename*=UTF-8''${encodeURIComponent('举报线索.xlsx')}`)
        .send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );

  async function detail(actor: UserActor, id: number) {
    const r = (
      await sql<
        Row & {
          description: string;
          address: string | null;
          latitude: string | null;
          longitude: string | null;
          contact: string | null;
          publicNote: string | null;
          caseId: number | null;
          mergedInto: string | null;
        }
      >`
      select ${COLUMNS}, t.description, t.address, t.latitude::text as latitude, t.longitude::text as longitude, t.contact, t.public_note as "publicNote", t.case_id as "caseId",
        (select m.tracking_code from tip m where m.id = t.merged_into) as "mergedInto"
      ${FROM} where t.id = ${id} and ${tipScope(actor)}`.execute(db)
    ).rows[0];
    if (!r) throw new AppError('NOT_FOUND');
    const photos = await db.selectFrom('tip_attachment').select(['n', 'mime_type', 'size_bytes', 'sha256']).where('tip_id', '=', id).orderBy('n').execute();
    const open = OPEN.has(r.status) && mayTriage(actor, r.unitKind, r.unitCode);
    return {
      ...item(r),
      description: r.description,
      address: r.address,
      latitude: r.latitude,
      longitude: r.longitude,
      contact: r.contact,
      publicNote: r.publicNote,
      caseId: r.caseId,
      mergedInto: r.mergedInto,
      photos: photos.map((p) => ({ n: p.n, mimeType: p.mime_type, sizeBytes: p.size_bytes, sha256: p.sha256 })),
      allowedActs: open ? ['openCase', 'orderReinspection', 'merge', 'reject'] : [],
    };
  }

  app.get(
    '/tips/:id',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'One tip with its photos and the acts this account may take',
        params: IdParams,
        response: { 200: TipDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => detail(actorOf(req), req.params.id),
  );

  app.get(
    '/tips/:id/photos/:n',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'A photo of a tip (metadata already stripped)',
        params: Type.Object({ id: IdParams.properties.id, n: Type.Integer({ minimum: 1, maximum: 20 }) }),
        response: { 200: Type.Unknown(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const tip = await db.selectFrom('tip').select(['unit_kind', 'unit_code']).where('id', '=', req.params.id).executeTakeFirst();
      if (!tip || !mayReadTip(actor, tip.unit_kind, tip.unit_code)) throw new AppError('NOT_FOUND');
      const p = await db
        .selectFrom('tip_attachment')
        .select(['mime_type', 'data'])
        .where('tip_id', '=', req.params.id)
        .where('n', '=', req.params.n)
        .executeTakeFirst();
      if (!p) throw new AppError('NOT_FOUND');
      return reply.type(p.mime_type).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(p.data);
    },
  );

  app.post(
    '/tips/:id/triage',
    {
      config: { access: { roles: triagers } },
      schema: {
        tags,
        summary: 'Triage a tip: open a case, order a re-inspection, merge as a duplicate, or reject with a reason the tipster sees',
        params: IdParams,
        body: TriageBody,
        response: { 200: TipDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await triageTip(db, req.params.id, req.body, { ...auditMeta(req), actor });
      return detail(actor, req.params.id);
    },
  );
};
