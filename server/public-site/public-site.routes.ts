/**
 * The public site (issue 14): server-rendered HTML under /public (zh-CN first, `?lang=en`), its JSON twin under
 * /public/api, and open data under /open-data. No sign-in, no script, nothing internal. Answers come from memory
 * (public-store.ts) with an ETag; a matching If-None-Match gets 304.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { LIST_KINDS, type ListKind } from '../domain/publication/lists.ts';
import { AppError } from '../platform/errors.ts';
import { errorResponses } from '../platform/http/schemas.ts';
import { PublicStore, type CachedAnswer } from '../modules/publications/public-store.ts';
import { SITE_CSS, langOf, type Lang } from './html.ts';
import {
  enterpriseJson,
  enterpriseListings,
  enterprisePage,
  homePage,
  listJson,
  listPage,
  notFoundPage,
  PublicEnterpriseSchema,
  PublicListSchema,
  PublicVersionSchema,
  versionJson,
  versionPage,
  type EnterprisePublic,
  type Names,
} from './views.ts';
import { atomFeed, versionCsv, versionXlsx } from './open-data.ts';
import { openDataPage } from './open-data-page.ts';

const access = { public: true } as const;
const tags = ['public'];
const LangQ = { lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) };
const ListParam = Type.Object({ list: Type.Union(LIST_KINDS.map((k) => Type.Literal(k))) });
const ListQ = Type.Object(
  {
    ...LangQ,
    territory: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{0,12}$' })),
    industry: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{0,40}$' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  // links from elsewhere may carry tracking parameters: ignored (the cache key is built from the known ones)
);
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const CreditParam = Type.Object({ creditCode: Type.String({ pattern: '^[0-9A-Z]{18}$' }) });
const FileParam = Type.Object({ file: Type.String({ pattern: '^[1-9][0-9]{0,9}\\.(csv|json|xlsx)$' }) });
const LangOnly = Type.Object(LangQ);
const Html = { 200: Type.String({ description: 'text/html' }) };
const NAMES_MS = 60_000;

/** Sends a cached answer with its ETag; 304 when the client already has it. */
function send(req: FastifyRequest, reply: FastifyReply, a: CachedAnswer, cacheControl = 'public, max-age=60') {
  reply.header('etag', a.etag).header('cache-control', cacheControl).header('vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  return reply.type(a.type).send(a.body);
}

export const publicSiteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const store = new PublicStore(db, () => app.ctx.now());
  let names: { value: Names; at: number } | null = null;
  async function loadNames(): Promise<Names> {
    if (names && Date.now() - names.at < NAMES_MS) return names.value;
    const [ts, ds, is] = await Promise.all([
      db.selectFrom('territory').select(['code', 'name', 'name_en']).execute(),
      db.selectFrom('department').select(['code', 'name', 'name_en']).execute(),
      db.selectFrom('industry').select(['code', 'name', 'name_en']).execute(),
    ]);
    const m = (rows: Array<{ code: string; name: string; name_en: string }>) => new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.name_en }]));
    names = { value: { territories: m(ts), departments: m(ds), industries: m(is) }, at: Date.now() };
    return names.value;
  }
  const html = 'text/html; charset=utf-8';
  const json = 'application/json; charset=utf-8';
  async function notFound(reply: FastifyReply, lang: Lang, path: string) {
    const idx = await store.currentIndex();
    return reply
      .code(404)
      .type(html)
      .header('cache-control', 'no-cache')
      .send(notFoundPage(lang, idx.today, path));
  }

  const css = { body: Buffer.from(SITE_CSS, 'utf8'), type: 'text/css; charset=utf-8', etag: `"css-${SITE_CSS.length}"` };
  app.get('/public/site.css', { config: { access }, schema: { hide: true } }, async (req, reply) => send(req, reply, css, 'public, max-age=3600'));

  app.get(
    '/public',
    { config: { access }, schema: { hide: true, tags, summary: 'Public site: the lists (HTML)', querystring: LangOnly, response: Html } },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const a = await store.answer(`home|${lang}`, async (index) => ({ body: homePage(index, lang), type: html }));
      return send(req, reply, a!);
    },
  );

  app.get(
    '/public/lists/:list',
    {
      config: { access },
      schema: {
        hide: true,
        tags,
        summary: 'Public site: one list in force, with search and filters (HTML)',
        params: ListParam,
        querystring: ListQ,
        response: Html,
      },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const kind = req.params.list as ListKind;
      const q = req.query;
      const a = await store.answer(`list|${kind}|${lang}|${q.territory ?? ''}|${q.industry ?? ''}|${q.q ?? ''}|${q.page ?? 1}`, async (index) => ({
        body: listPage(index, kind, q, lang, await loadNames()),
        type: html,
      }));
      return send(req, reply, a!);
    },
  );

  app.get(
    '/public/api/lists/:list',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One list in force (JSON twin of the page)',
        params: ListParam,
        querystring: ListQ,
        response: { 200: PublicListSchema, ...errorResponses(400) },
      },
    },
    async (req, reply) => {
      const kind = req.params.list as ListKind;
      const q = req.query;
      const a = await store.answer(`listjson|${kind}|${q.territory ?? ''}|${q.industry ?? ''}|${q.q ?? ''}|${q.page ?? 1}`, async (index) => ({
        body: JSON.stringify(listJson(index, kind, q)),
        type: json,
      }));
      return send(req, reply, a!);
    },
  );

  app.get(
    '/public/versions/:id',
    {
      config: { access },
      schema: {
        hide: true,
        tags,
        summary: 'Public site: one published version with its differences and history (HTML)',
        params: IdParam,
        querystring: LangOnly,
        response: { ...Html, 404: Type.String() },
      },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const a = await store.answer(`version|${req.params.id}|${lang}`, async (index) => {
        const v = await store.visibleVersion(req.params.id);
        return v ? { body: versionPage(v.version, index, lang, await loadNames()), type: html } : undefined;
      });
      return a ? send(req, reply, a) : notFound(reply, lang, `/public/versions/${req.params.id}`);
    },
  );

  app.get(
    '/public/api/versions/:id',
    {
      config: { access },
      schema: { tags, summary: 'One published version (JSON)', params: IdParam, response: { 200: PublicVersionSchema, ...errorResponses(400, 404) } },
    },
    async (req, reply) => {
      const a = await versionJsonAnswer(req.params.id);
      if (!a) throw new AppError('NOT_FOUND');
      return send(req, reply, a);
    },
  );

  async function versionJsonAnswer(id: number) {
    return store.answer(`versionjson|${id}`, async (index) => {
      const v = await store.visibleVersion(id);
      return v ? { body: JSON.stringify(versionJson(v.version, index, await loadNames())), type: json } : undefined;
    });
  }

  app.get(
    '/open-data/versions/:file',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open data: a published version as <id>.csv (UTF-8 with BOM), <id>.json or <id>.xlsx',
        params: FileParam,
        response: { 200: Type.Unknown(), ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const [idText, ext] = req.params.file.split('.') as [string, 'csv' | 'json' | 'xlsx'];
      const id = Number(idText);
      if (ext === 'json') {
        const a = await versionJsonAnswer(id);
        if (!a) throw new AppError('NOT_FOUND');
        return send(req, reply, a);
      }
      const a = await store.answer(`file|${id}|${ext}`, async () => {
        const v = await store.visibleVersion(id);
        if (!v) return undefined;
        return ext === 'csv'
          ? { body: versionCsv(v.version), type: 'text/csv; charset=utf-8' }
          : { body: await versionXlsx(v.version), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
      });
      if (!a) throw new AppError('NOT_FOUND');
      reply.header('content-disposition', `attachment; filename="phaseout-list-${id}.${ext}"`);
      // the content of a version never changes
      return send(req, reply, a, 'public, max-age=31536000, immutable');
    },
  );

  app.get(
    '/open-data/feed.atom',
    { config: { access }, schema: { tags, summary: 'Open data: Atom feed of publications', response: { 200: Type.String() } } },
    async (req, reply) => {
      const host = /^[A-Za-z0-9.:[\]-]{1,100}$/.test(req.host) ? req.host : 'localhost';
      const base = `${req.protocol}://${host}`;
      const n = await loadNames();
      const a = await store.answer(`atom|${base}`, async (index) => ({
        body: atomFeed(index, base, (c) => n.territories.get(c)?.name ?? c),
        type: 'application/atom+xml; charset=utf-8',
      }));
      return send(req, reply, a!);
    },
  );

  app.get(
    '/public/open-data',
    { config: { access }, schema: { hide: true, tags, summary: 'Public site: open data catalogue (HTML)', querystring: LangOnly, response: Html } },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const a = await store.answer(`opendata|${lang}`, async (index) => ({ body: openDataPage(index, lang, await loadNames()), type: html }));
      return send(req, reply, a!);
    },
  );

  async function enterpriseOf(creditCode: string): Promise<EnterprisePublic | undefined> {
    const e = await sql<Omit<EnterprisePublic, 'commitment' | 'notices'> & { id: number }>`
      select e.id, e.credit_code as "creditCode", e.name, e.territory_code as "territoryCode", t.name as "territoryName", t.name_en as "territoryNameEn",
             e.industry_code as "industryCode", i.name as "industryName", i.name_en as "industryNameEn"
      from enterprise e join territory t on t.code = e.territory_code join industry i on i.code = e.industry_code
      where e.credit_code = ${creditCode}`.execute(db);
    const row = e.rows[0];
    if (!row) return undefined;
    // §2.5: the public commitment and the city and county sealing notices, from the technology cases
    const snaps = await sql<{ commitment: { date: string } | null; notices: Record<string, { date: string; url?: string }> | null }>`
      select snapshot->'commitment' as commitment, snapshot->'notices' as notices from case_file where enterprise_id = ${row.id} and dimension = 'technology' order by id`.execute(
      db,
    );
    let commitment: { date: string } | null = null;
    const notices: EnterprisePublic['notices'] = [];
    for (const s of snaps.rows) {
      if (s.commitment?.date && (!commitment || s.commitment.date > commitment.date)) commitment = { date: s.commitment.date };
      for (const level of ['city', 'county'] as const) {
        const n = s.notices?.[level];
        if (n?.date) notices.push({ level, date: n.date, url: typeof n.url === 'string' ? n.url : null });
      }
    }
    const { id: _id, ...facts } = row;
    return { ...facts, commitment, notices };
  }

  /** An enterprise is public when it is on a list in force or has made its public commitment or had a notice. */
  async function publicEnterprise(creditCode: string) {
    const index = await store.currentIndex();
    const e = await enterpriseOf(creditCode);
    if (!e || (enterpriseListings(index, creditCode).length === 0 && !e.commitment && e.notices.length === 0)) return undefined;
    return { e, index };
  }

  app.get(
    '/public/enterprises/:creditCode',
    {
      config: { access },
      schema: {
        hide: true,
        tags,
        summary: 'Public site: an enterprise, its listings, commitment and notices (HTML)',
        params: CreditParam,
        querystring: LangOnly,
        response: { ...Html, 404: Type.String() },
      },
    },
    async (req, reply) => {
      const lang = langOf(req.query.lang);
      const r = await publicEnterprise(req.params.creditCode);
      if (!r) return notFound(reply, lang, `/public/enterprises/${req.params.creditCode}`);
      return reply
        .type(html)
        .header('cache-control', 'public, max-age=60')
        .send(enterprisePage(r.e, r.index, lang));
    },
  );

  app.get(
    '/public/api/enterprises/:creditCode',
    {
      config: { access },
      schema: {
        tags,
        summary: 'An enterprise on the public lists (JSON)',
        params: CreditParam,
        response: { 200: PublicEnterpriseSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const r = await publicEnterprise(req.params.creditCode);
      if (!r) throw new AppError('NOT_FOUND');
      return enterpriseJson(r.e, r.index);
    },
  );
};
