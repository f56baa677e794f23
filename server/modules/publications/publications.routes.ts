/**
 * Console API of the public lists (plan §3.3; issue 14): the series a unit publishes (or, for the office and the
 * city government, every series), the proposal computed from the cases, the publish / correct / withdraw act, and
 * the stored versions with search and .xlsx export. Another unit's list answers 404 like a missing one.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql, type RawBuilder } from 'kysely';
import { LIST_KINDS, LIST_NAMES, LIST_RULES, type ListKind } from '../../domain/publication/lists.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { localToday } from '../../platform/clock.ts';
import { proposalOf, publishVersion, resolveSeries } from './commands/publish-version.ts';
import { mayPublish, mayRead, publishersOf, publishingUnit, seriesExists, type Publishers } from './publishers.ts';
import { versionById, type VersionRow } from './publications.repository.ts';
import { Proposal, PublishBody, SeriesItem, SeriesListQuery, SeriesQuery, VersionDetail, VersionListItem, VersionListQuery } from './publications.schemas.ts';
import { loadExcel } from '../registry-io/index.ts';
import { IdParams } from '../../platform/http/schemas.ts';

const readers = ['office', 'government', 'territory', 'department'] as const;
const publishers = ['territory', 'department'] as const;
const tags = ['publications'];

/** The versions a caller may read, as SQL (office and government: all; a unit: the lists it publishes). */
function versionScope(p: Publishers, actor: UserActor): RawBuilder<boolean> {
  if (actor.role === 'office' || actor.role === 'government') return sql<boolean>`true`;
  const kinds = LIST_KINDS.filter(
    (k) => p.lists.find((l) => l.list === k)?.publisher === (actor.role === 'territory' ? 'territory' : `department:${actor.departmentCode}`),
  );
  if (!kinds.length) return sql<boolean>`false`;
  if (actor.role === 'territory') return sql<boolean>`(v.territory_code = ${actor.territoryCode ?? ''} and v.list_kind = any(${kinds}::text[]))`;
  return sql<boolean>`v.list_kind = any(${kinds}::text[])`;
}

export const publicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const set = app.ctx.config.referenceSet;
  const p = publishersOf(set);
  const unitName = async (kind: string, code: string) =>
    (kind === 'territory'
      ? await db.selectFrom('territory').select('name').where('code', '=', code).executeTakeFirst()
      : await db.selectFrom('department').select('name').where('code', '=', code).executeTakeFirst()
    )?.name ?? code;

  async function detail(v: VersionRow) {
    return {
      id: v.id,
      series: v.series,
      list: v.listKind,
      territoryCode: v.territoryCode,
      year: v.year,
      versionNo: v.versionNo,
      action: v.action,
      number: v.number,
      postedOn: v.postedOn,
      publishedAt: new Date(v.publishedAt).toISOString(),
      unit: { kind: v.unitKind, code: v.unitCode, name: await unitName(v.unitKind, v.unitCode) },
      reason: v.reason,
      entries: v.body.entries,
      diff: v.body.diff,
      excluded: v.excluded,
      contentHash: v.contentHash,
      prevHash: v.prevHash,
      publicUrl: `/public/versions/${v.id}`,
    };
  }

  app.get(
    '/publications/series',
    {
      config: { access: { roles: readers } },
      schema: {
        tags,
        summary: 'The lists this account publishes (office, government: every list), each with its version in force',
        querystring: SeriesListQuery,
        response: { 200: ListOf(SeriesItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const year = Number(localToday(app.ctx.now()).slice(0, 4));
      const territories = await db.selectFrom('territory').select(['code', 'name']).where('valid_to', 'is', null).orderBy('sort').execute();
      const latest = await sql<{ series: string; id: number; versionNo: number; action: string; number: string; postedOn: string; entries: number }>`
        select distinct on (series) series, id, version_no as "versionNo", action, number, posted_on::text as "postedOn", jsonb_array_length(body->'entries') as entries
        from publication_version order by series, version_no desc`.execute(db);
      const bySeries = new Map(latest.rows.map((r) => [r.series, r]));
      const territoryNames = new Map(territories.map((t) => [t.code, t.name]));
      const departmentNames = new Map((await db.selectFrom('department').select(['code', 'name']).execute()).map((d) => [d.code, d.name]));
      const needle = req.query.q?.trim();
      const items = [];
      for (const kind of LIST_KINDS) {
        if (req.query.list && req.query.list !== kind) continue;
        for (const t of territories) {
          if (!seriesExists(p, kind, t.code) || !mayRead(p, actor, kind, t.code)) continue;
          const y = LIST_RULES[kind].ledger ? year : null;
          const series = kind === 'annualExit' ? `${kind}/${t.code}/${y}` : `${kind}/${t.code}`;
          const unit = publishingUnit(p, kind, t.code);
          const name = (unit.kind === 'territory' ? territoryNames.get(unit.code) : departmentNames.get(unit.code)) ?? unit.code;
          if (needle && !`${t.name}${LIST_NAMES[kind].zh}${name}`.includes(needle)) continue;
          const l = bySeries.get(series);
          items.push({
            series,
            list: kind,
            listName: LIST_NAMES[kind].zh,
            territoryCode: t.code,
            territoryName: t.name,
            year: y,
            unit: { ...unit, name },
            canPublish: mayPublish(p, actor, kind, t.code),
            latest: l ? { id: l.id, versionNo: l.versionNo, action: l.action, number: l.number, postedOn: l.postedOn, entries: l.entries } : null,
            nextActor: name,
          });
        }
      }
      return { items, total: items.length };
    },
  );

  app.get(
    '/publications/proposal',
    {
      config: { access: { roles: readers } },
      schema: {
        tags,
        summary: 'The proposal of a list from the cases (§3.3): entries, additions, removals (摘牌) against the version in force',
        querystring: SeriesQuery,
        response: { 200: Proposal, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const s = await resolveSeries(db, p, actorOf(req), req.query, app.ctx.now(), false);
      const { proposal, latest } = await proposalOf(db, p, s);
      return {
        series: s.series,
        list: s.kind,
        territoryCode: s.territoryCode,
        year: s.year,
        basisId: LIST_RULES[s.kind].basisId,
        latest: latest
          ? {
              id: latest.id,
              versionNo: latest.versionNo,
              action: latest.action,
              number: latest.number,
              postedOn: latest.postedOn,
              entries: latest.body.entries.length,
            }
          : null,
        ...proposal,
      };
    },
  );

  app.post(
    '/publications',
    {
      config: { access: { roles: publishers } },
      schema: {
        tags,
        summary: 'Publish, correct or withdraw a list: a new immutable version (numbered, hashed, chained)',
        body: PublishBody,
        response: { 201: VersionDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const meta = auditMeta(req);
      const v = await publishVersion(db, set, req.body, { ...meta, actor: actorOf(req) });
      return reply.code(201).send(await detail(v));
    },
  );

  // a list that may be slightly old: read through the replica router (issue 18 item 2), the caller passes app.reader(req).db
  async function listVersions(
    rdb: typeof db,
    actor: UserActor,
    q: { list?: ListKind | undefined; territoryCode?: string | undefined; q?: string | undefined },
    limit: number,
    offset: number,
  ) {
    const where = sql<boolean>`${versionScope(p, actor)}
      and (${q.list ?? null}::text is null or v.list_kind = ${q.list ?? null})
      and (${q.territoryCode ?? null}::text is null or v.territory_code = ${q.territoryCode ?? null})
      and (${q.q?.trim() || null}::text is null or strpos(v.number, ${q.q?.trim() ?? ''}) > 0)`;
    const rows = await sql<{
      id: number;
      series: string;
      list: ListKind;
      territoryCode: string;
      territoryName: string;
      versionNo: number;
      action: string;
      number: string;
      postedOn: string;
      entries: number;
      unitName: string;
      total: number;
    }>`
      select v.id, v.series, v.list_kind as list, v.territory_code as "territoryCode", t.name as "territoryName", v.version_no as "versionNo", v.action, v.number,
             v.posted_on::text as "postedOn", jsonb_array_length(v.body->'entries') as entries,
             coalesce(case when v.unit_kind = 'territory' then ut.name else ud.name end, v.unit_code) as "unitName", count(*) over ()::int as total
      from publication_version v join territory t on t.code = v.territory_code
      left join territory ut on ut.code = v.unit_code left join department ud on ud.code = v.unit_code
      where ${where} order by v.published_at desc, v.id desc limit ${limit} offset ${offset}`.execute(rdb);
    return { items: rows.rows.map(({ total: _t, ...r }) => ({ ...r, listName: LIST_NAMES[r.list].zh })), total: rows.rows[0]?.total ?? 0 };
  }

  app.get(
    '/publications/versions',
    {
      config: { access: { roles: readers } },
      schema: {
        tags,
        summary: 'Published versions (search by number)',
        querystring: VersionListQuery,
        response: { 200: ListOf(VersionListItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listVersions(app.reader(req).db, actorOf(req), req.query, req.query.limit ?? 20, req.query.offset ?? 0),
  );

  app.get(
    '/publications/versions/export.xlsx',
    {
      config: { access: { roles: readers } },
      schema: {
        tags,
        summary: 'Published versions as .xlsx (same filters)',
        querystring: VersionListQuery,
        response: { 200: Type.Unknown(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { items } = await listVersions(app.reader(req).db, actorOf(req), req.query, 100_000, 0);
      const ExcelJS = await loadExcel();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('公开名单版本');
      ws.addRow(['编号', '名单', '属地', '版本', '类型', '发布日期', '条目数', '发布单位']);
      const ACT: Record<string, string> = { publish: '发布', correct: '更正', withdraw: '撤回' };
      for (const v of items) ws.addRow([v.number, v.listName, v.territoryName, v.versionNo, ACT[v.action] ?? v.action, v.postedOn, v.entries, v.unitName]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="publications.xlsx"; filename*=UTF-8''${encodeURIComponent('公开名单版本.xlsx')}`)
        .send(buf);
    },
  );

  app.get(
    '/publications/versions/:id',
    {
      config: { access: { roles: readers } },
      schema: {
        tags,
        summary: 'One version, with the entries the unit excluded and why (internal)',
        params: IdParams,
        response: { 200: VersionDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const v = await versionById(db, req.params.id);
      if (!v || !mayRead(p, actorOf(req), v.listKind, v.territoryCode)) throw new AppError('NOT_FOUND');
      return detail(v);
    },
  );
};
