/**
 * Public tips (issue 14): the HTML form (works without JavaScript: multipart POST, then a page with the tracking
 * code), the status page, and the Open311 GeoReport v2 API (services, requests). Anonymous; rate-limited per client
 * address; photos checked by content and stripped of metadata (modules/tips/images.ts). The public sees a tip's
 * status, the responsible unit and the note the unit wrote for the tipster — never the description, contact or photos.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { AppError, ERROR_CODES } from '../platform/errors.ts';
import { errorResponses } from '../platform/http/schemas.ts';
import { localToday } from '../modules/cases/case-context.ts';
import { publishersOf } from '../modules/publications/publishers.ts';
import { submitTip, TIP_SERVICES, TIP_STATUS_NAMES, type TipInput } from '../modules/tips/tips.service.ts';
import { esc, href, langOf, page, t, type Lang } from './html.ts';

const access = { public: true } as const;
const tags = ['public', 'open311'];
const CODE = '^JB[0-9A-Z]{10}$';

export interface TipStatus {
  trackingCode: string;
  serviceCode: string;
  status: string;
  statusName: { zh: string; en: string };
  publicNote: string | null;
  unitName: string;
  unitNameEn: string;
  requestedAt: Date;
  updatedAt: Date;
  mergedInto: string | null;
}

const L = {
  title: { zh: '举报疑似违法生产线索', en: 'Report hidden or restarted production' },
  intro: {
    zh: '可匿名举报。请写明地点和情况；如有照片可一并上传（JPEG 或 PNG，系统会自动去除照片中的位置等元数据）。提交后请保存查询码，用于查询处理进度。',
    en: 'You may report anonymously. Describe the place and what you saw; you may add photos (JPEG or PNG; location and other metadata are removed automatically). Keep the tracking code shown after you submit to follow the tip.',
  },
  service: { zh: '举报类别', en: 'Kind of tip' },
  territory: { zh: '所在县区、开发区', en: 'County, district or zone' },
  enterprise: { zh: '涉及企业（选填）', en: 'Enterprise concerned (optional)' },
  address: { zh: '地点（选填）', en: 'Place (optional)' },
  description: { zh: '情况描述', en: 'What you saw' },
  contact: { zh: '联系方式（选填，不公开）', en: 'How to reach you (optional, never published)' },
  photos: { zh: '照片（选填，最多 {n} 张，每张不超过 {mb} MB）', en: 'Photos (optional, at most {n}, {mb} MB each)' },
  submit: { zh: '提交举报', en: 'Submit the tip' },
  received: { zh: '举报已提交', en: 'Tip received' },
  yourCode: { zh: '您的查询码', en: 'Your tracking code' },
  keep: { zh: '请保存此查询码，用于查询处理进度。', en: 'Keep this code to follow the tip.' },
  statusTitle: { zh: '查询举报处理进度', en: 'Follow a tip' },
  code: { zh: '查询码', en: 'Tracking code' },
  query: { zh: '查询', en: 'Look up' },
  status: { zh: '处理状态', en: 'Status' },
  unit: { zh: '负责单位', en: 'Responsible unit' },
  note: { zh: '处理说明', en: 'Note from the unit' },
  submitted: { zh: '提交时间', en: 'Submitted' },
  updated: { zh: '更新时间', en: 'Updated' },
  mergedInto: { zh: '合并至', en: 'Merged into' },
  noTip: { zh: '未找到该查询码对应的举报。', en: 'No tip has this tracking code.' },
  required: { zh: '（必填）', en: '(required)' },
  error: { zh: '提交未成功', en: 'The tip was not submitted' },
};

function fmt(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const publicTipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const set = app.ctx.config.referenceSet;
  const limits = publishersOf(set).tipLimits;
  await app.register(multipart, {
    limits: { fileSize: limits.maxPhotoBytes, files: limits.maxPhotos, fields: 20, parts: limits.maxPhotos + 20, fieldSize: 10_000 },
  });
  // the Open311 form encoding (and a form posted without photos)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const o: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) o[k] = v;
    done(null, o);
  });

  const territories = async () =>
    db.selectFrom('territory').select(['code', 'name', 'name_en']).where('valid_to', 'is', null).where('kind', '!=', 'city').orderBy('sort').execute();

  /** Reads the tip fields from a multipart form, a urlencoded form or JSON; photos from multipart parts named media/photos. */
  async function readTip(req: FastifyRequest): Promise<TipInput> {
    const f: Record<string, string> = {};
    const photos: Buffer[] = [];
    if (req.isMultipart()) {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'media', reason: `at most ${limits.maxPhotoBytes} bytes per photo` });
          if (buf.length > 0) photos.push(buf);
        } else if (typeof part.value === 'string') f[part.fieldname] = part.value;
      }
    } else if (req.body && typeof req.body === 'object') {
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') f[k] = String(v);
    }
    const num = (name: string, min: number, max: number) => {
      const v = f[name];
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max)
        throw new AppError('VALIDATION_FAILED', { errors: [{ field: `/${name}`, message: `a number from ${min} to ${max}` }] });
      return n;
    };
    const text = (name: string, max: number) => {
      const v = f[name];
      if (v === undefined) return undefined;
      if (v.length > max || v.includes('\u0000'))
        throw new AppError('VALIDATION_FAILED', { errors: [{ field: `/${name}`, message: `at most ${max} characters` }] });
      return v;
    };
    const required = (name: string) => {
      const v = f[name];
      if (v === undefined || v.trim() === '') throw new AppError('VALIDATION_FAILED', { errors: [{ field: `/${name}`, message: 'required' }] });
      return v;
    };
    return {
      serviceCode: required('service_code'),
      description: text('description', 2000) ?? required('description'),
      territoryCode: f.territory_code ?? f['attribute[territory]'] ?? required('territory_code'),
      address: text('address_string', 300),
      latitude: num('lat', -90, 90),
      longitude: num('long', -180, 180),
      enterpriseName: text('enterprise_name', 200),
      contact: text('contact', 200) ?? text('email', 200),
      photos,
    };
  }

  async function statusOf(code: string): Promise<TipStatus | undefined> {
    const r = await sql<TipStatus>`
      select t.tracking_code as "trackingCode", t.service_code as "serviceCode", t.status, t.public_note as "publicNote",
        coalesce(case when t.unit_kind = 'territory' then ut.name else ud.name end, t.unit_code) as "unitName",
        coalesce(case when t.unit_kind = 'territory' then ut.name_en else ud.name_en end, t.unit_code) as "unitNameEn",
        t.created_at as "requestedAt", t.updated_at as "updatedAt", (select m.tracking_code from tip m where m.id = t.merged_into) as "mergedInto"
      from tip t left join territory ut on ut.code = t.unit_code left join department ud on ud.code = t.unit_code
      where t.tracking_code = ${code}`.execute(db);
    const s = r.rows[0];
    return s ? { ...s, statusName: TIP_STATUS_NAMES[s.status] ?? { zh: s.status, en: s.status } } : undefined;
  }

  const today = () => localToday(app.ctx.now());
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  async function formPage(lang: Lang, error?: AppError, values: Record<string, string> = {}): Promise<string> {
    const ts = await territories();
    const opt = (v: string, label: string, sel?: string) => `<option value="${esc(v)}"${sel === v ? ' selected' : ''}>${esc(label)}</option>`;
    const err = error
      ? `<div class="error" role="alert"><p><strong>${esc(t(L.error, lang))}</strong>：${esc(ERROR_CODES[error.code][lang])}（${esc(error.code)}）</p>${
          error.details ? `<p class="mono">${esc(JSON.stringify(error.details))}</p>` : ''
        }</div>`
      : '';
    const req = `<span class="req">${esc(t(L.required, lang))}</span>`;
    const body = `<h1>${esc(t(L.title, lang))}</h1>
<p>${esc(t(L.intro, lang))}</p>
${err}
<form method="post" action="/public/tips${lang === 'en' ? '?lang=en' : ''}" enctype="multipart/form-data">
<p><label for="service_code">${esc(t(L.service, lang))} ${req}</label>
<select id="service_code" name="service_code" required>${TIP_SERVICES.map((s) => opt(s.code, lang === 'zh' ? s.zh : s.en, values.service_code)).join('')}</select></p>
<p><label for="territory_code">${esc(t(L.territory, lang))} ${req}</label>
<select id="territory_code" name="territory_code" required>${ts.map((x) => opt(x.code, lang === 'zh' ? x.name : x.name_en, values.territory_code)).join('')}</select></p>
<p><label for="enterprise_name">${esc(t(L.enterprise, lang))}</label><input id="enterprise_name" name="enterprise_name" maxlength="200" value="${esc(values.enterprise_name ?? '')}"></p>
<p><label for="address_string">${esc(t(L.address, lang))}</label><input id="address_string" name="address_string" maxlength="300" value="${esc(values.address_string ?? '')}"></p>
<p><label for="description">${esc(t(L.description, lang))} ${req}</label><textarea id="description" name="description" rows="6" cols="60" minlength="5" maxlength="2000" required>${esc(values.description ?? '')}</textarea></p>
<p><label for="contact">${esc(t(L.contact, lang))}</label><input id="contact" name="contact" maxlength="200" autocomplete="off" value=""></p>
<p><label for="media">${esc(t(L.photos, lang, { n: limits.maxPhotos, mb: Math.floor(limits.maxPhotoBytes / 1048576) }))}</label><input id="media" name="media" type="file" accept="image/jpeg,image/png" multiple></p>
<p><button type="submit">${esc(t(L.submit, lang))}</button></p>
</form>`;
    return page({ lang, title: t(L.title, lang), path: '/public/tips/new', body, today: today() });
  }

  const LangQ = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) }, { additionalProperties: false });
  const Html = { 200: Type.String({ description: 'text/html' }) };

  app.get(
    '/public/tips/new',
    { config: { access }, schema: { hide: true, tags: ['public'], summary: 'Public site: the tip form (HTML)', querystring: LangQ, response: Html } },
    async (req, reply) => html(reply, 200, await formPage(langOf(req.query.lang))),
  );

  app.post(
    '/public/tips',
    {
      config: { access },
      schema: {
        hide: true,
        tags: ['public'],
        summary: 'Public site: submit the tip form (multipart/form-data); answers a page with the tracking code',
        querystring: LangQ,
        consumes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
        response: { 201: Type.String(), 400: Type.String(), 413: Type.String(), 415: Type.String(), 429: Type.String() },
      },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      let input: TipInput | undefined;
      try {
        input = await readTip(req);
        const r = await submitTip(db, set, input, { ip: req.ip, now: app.ctx.now(), requestId: String(req.id) });
        const body = `<h1>${esc(t(L.received, lang))}</h1>
<p>${esc(t(L.yourCode, lang))}：<strong class="mono" id="tracking-code">${esc(r.trackingCode)}</strong></p>
<p>${esc(t(L.keep, lang))}</p>
<p><a href="${esc(href('/public/tips/status', lang, { code: r.trackingCode }))}">${esc(t(L.statusTitle, lang))}</a></p>`;
        return html(reply, 201, page({ lang, title: t(L.received, lang), path: '/public/tips/new', body, today: today() }));
      } catch (e) {
        const err =
          e instanceof AppError ? e : (e as { statusCode?: number }).statusCode === 413 ? new AppError('PAYLOAD_TOO_LARGE', { field: 'media' }) : null;
        if (!err) throw e;
        const values: Record<string, string> = input
          ? {
              service_code: input.serviceCode,
              territory_code: input.territoryCode,
              description: input.description,
              address_string: input.address ?? '',
              enterprise_name: input.enterpriseName ?? '',
            }
          : {};
        if (err.code === 'RATE_LIMITED') reply.header('retry-after', '3600');
        return html(reply, ERROR_CODES[err.code].status, await formPage(lang, err, values));
      }
    },
  );

  app.get(
    '/public/tips/status',
    {
      config: { access },
      schema: {
        hide: true,
        tags: ['public'],
        summary: "Public site: a tip's status by its tracking code (HTML)",
        querystring: Type.Object({ lang: LangQ.properties.lang, code: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
        response: { ...Html, 404: Type.String() },
      },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const code = req.query.code?.trim().toUpperCase() ?? '';
      const s = new RegExp(CODE).test(code) ? await statusOf(code) : undefined;
      const form = `<form method="get" action="/public/tips/status" class="filters">${lang === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}
<div><label for="code">${esc(t(L.code, lang))}</label><input id="code" name="code" value="${esc(code)}" maxlength="20" autocomplete="off"></div><div><button type="submit">${esc(t(L.query, lang))}</button></div></form>`;
      const result = !code
        ? ''
        : s
          ? `<dl aria-live="polite"><dt>${esc(t(L.code, lang))}</dt><dd class="mono">${esc(s.trackingCode)}</dd>
<dt>${esc(t(L.status, lang))}</dt><dd id="tip-status">${esc(s.statusName[lang])}</dd>
<dt>${esc(t(L.unit, lang))}</dt><dd>${esc(lang === 'zh' ? s.unitName : s.unitNameEn)}</dd>
${s.publicNote ? `<dt>${esc(t(L.note, lang))}</dt><dd id="tip-note">${esc(s.publicNote)}</dd>` : ''}
${s.mergedInto ? `<dt>${esc(t(L.mergedInto, lang))}</dt><dd><a href="${esc(href('/public/tips/status', lang, { code: s.mergedInto }))}">${esc(s.mergedInto)}</a></dd>` : ''}
<dt>${esc(t(L.submitted, lang))}</dt><dd>${esc(fmt(s.requestedAt))}</dd><dt>${esc(t(L.updated, lang))}</dt><dd>${esc(fmt(s.updatedAt))}</dd></dl>`
          : `<p class="note" role="status">${esc(t(L.noTip, lang))}</p>`;
      const body = `<h1>${esc(t(L.statusTitle, lang))}</h1>${form}${result}`;
      return html(
        reply,
        code && !s ? 404 : 200,
        page({ lang, title: t(L.statusTitle, lang), path: '/public/tips/status', query: { code: code || undefined }, body, today: today() }),
      );
    },
  );

  // ---------- Open311 GeoReport v2 ----------

  const Service = Type.Object(
    {
      service_code: Type.String(),
      service_name: Type.String(),
      description: Type.String(),
      metadata: Type.Boolean(),
      type: Type.String(),
      keywords: Type.String(),
      group: Type.String(),
    },
    { additionalProperties: false },
  );
  const Request = Type.Object(
    {
      service_request_id: Type.String(),
      status: Type.String(),
      status_notes: Type.Union([Type.String(), Type.Null()]),
      service_name: Type.String(),
      service_code: Type.String(),
      agency_responsible: Type.String(),
      requested_datetime: Type.String(),
      updated_datetime: Type.String(),
    },
    { additionalProperties: false },
  );
  const Created = Type.Object({ service_request_id: Type.String(), service_notice: Type.String(), account_id: Type.Null() }, { additionalProperties: false });
  const Definition = Type.Object(
    {
      service_code: Type.String(),
      attributes: Type.Array(
        Type.Object(
          {
            variable: Type.Boolean(),
            code: Type.String(),
            datatype: Type.String(),
            required: Type.Boolean(),
            datatype_description: Type.String(),
            order: Type.Integer(),
            description: Type.String(),
            values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  );
  const jsonFile = (what: string) => Type.Object({ file: Type.String({ pattern: `^${what}\\.json$` }) });

  const services = () =>
    TIP_SERVICES.map((s) => ({
      service_code: s.code,
      service_name: s.zh,
      description: `${s.zh} / ${s.en}（${s.basisId}）`,
      metadata: true,
      type: 'realtime',
      keywords: s.code,
      group: s.group,
    }));
  const request = (s: TipStatus) => ({
    service_request_id: s.trackingCode,
    status: TIP_STATUS_NAMES[s.status]?.open311 ?? 'open',
    status_notes: s.publicNote ?? s.statusName.zh,
    service_name: TIP_SERVICES.find((x) => x.code === s.serviceCode)?.zh ?? s.serviceCode,
    service_code: s.serviceCode,
    agency_responsible: s.unitName,
    requested_datetime: new Date(s.requestedAt).toISOString(),
    updated_datetime: new Date(s.updatedAt).toISOString(),
  });

  app.get(
    '/open311/v2/services.json',
    { config: { access }, schema: { tags, summary: 'Open311: the kinds of tip', response: { 200: Type.Array(Service) } } },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send(services()),
  );

  app.get(
    '/open311/v2/services/:file',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open311: a service definition (<code>.json): the territory attribute',
        params: Type.Object({ file: Type.String({ pattern: '^[a-z]{1,20}\\.json$' }) }),
        response: { 200: Definition, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const code = req.params.file.slice(0, -5);
      if (!TIP_SERVICES.some((s) => s.code === code)) throw new AppError('NOT_FOUND');
      const ts = await territories();
      return {
        service_code: code,
        attributes: [
          {
            variable: true,
            code: 'territory',
            datatype: 'singlevaluelist',
            required: true,
            datatype_description: '县区、开发区代码 / county, district or zone code',
            order: 1,
            description: '所在县区、开发区 / County, district or zone',
            values: ts.map((x) => ({ key: x.code, name: x.name })),
          },
        ],
      };
    },
  );

  app.post(
    '/open311/v2/requests.json',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open311: submit a tip (service_code, description, attribute[territory], lat, long, address_string; optional media as multipart)',
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
        response: { 201: Type.Array(Created), ...errorResponses(400, 413, 415, 422, 429) },
      },
    },
    async (req, reply) => {
      const input = await readTip(req);
      const r = await submitTip(db, set, input, { ip: req.ip, now: app.ctx.now(), requestId: String(req.id) });
      return reply
        .code(201)
        .send([{ service_request_id: r.trackingCode, service_notice: '已受理，请保存查询码 / Received: keep the request id to follow it', account_id: null }]);
    },
  );

  app.get(
    '/open311/v2/requests.json',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open311: the status of tips by their ids (service_request_id=a,b; at most 20)',
        querystring: Type.Object({ service_request_id: Type.String({ pattern: `^JB[0-9A-Z]{10}(,JB[0-9A-Z]{10}){0,19}$` }) }),
        response: { 200: Type.Array(Request), ...errorResponses(400) },
      },
    },
    async (req) => {
      const out = [];
      for (const code of req.query.service_request_id.split(',')) {
        const s = await statusOf(code);
        if (s) out.push(request(s));
      }
      return out;
    },
  );

  app.get(
    '/open311/v2/requests/:file',
    {
      config: { access },
      schema: {
        tags,
        summary: "Open311: one tip's status (<id>.json)",
        params: jsonFile('JB[0-9A-Z]{10}'),
        response: { 200: Type.Array(Request), ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const s = await statusOf(req.params.file.slice(0, -5));
      if (!s) throw new AppError('NOT_FOUND');
      return [request(s)];
    },
  );
};
