/**
 * Supervision (plan §3.3): the indicators of every territory and which of the office's dated criteria they meet
 * (the office's workbench of slow territories), the criteria versions, and the 通报 / 约谈 records with their
 * frozen figures, follow-up checks and generated documents. Territory accounts see their own row and history.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { UserActor } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { slowHits, thresholdProblems, type Hit, type Indicators } from '../../domain/programme/supervision.ts';
import { localToday } from '../../platform/clock.ts';
import { PROGRAMME_READERS, programmeVersionNow } from '../problems/index.ts';
import { rollupsVersion } from '../../projections/index.ts';
import { addFollowUp, recordAction } from './commands/record-action.ts';
import { criteriaInForce, criteriaVersions, DEFAULT_THRESHOLDS } from './criteria.ts';
import { computeIndicators } from './indicators.ts';
import { ACTIONS_EXPORT_MAX, actionsWorkbook } from './actions-export.ts';
import { loadExcel } from '../registry-io/index.ts';
import { figures } from './commands/record-action.ts';
import {
  Action,
  ActionListQuery,
  CreateActionBody,
  CriteriaList,
  CriteriaVersionSchema,
  FollowUpBody,
  IndicatorsAnswer,
  NewCriteriaBody,
} from './supervision.schemas.ts';

const read = { access: { roles: PROGRAMME_READERS } } as const;
/** Reuse of a computed indicators answer while no programme or roll-up write happened in this process (as the overview). */
export const INDICATORS_CACHE_MS = 1000;
const office = { access: { roles: ['office'] } } as const;
const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'a .docx document' });

const actionColumns = [
  'a.id',
  'a.kind',
  'a.territory_code',
  't.name as territory_name',
  'a.reason',
  'a.indicators',
  'a.criteria',
  'a.held_on',
  'a.place',
  'a.attendees',
  'a.summary',
  'a.commitments',
  'a.follow_ups',
  'a.doc_no',
  'a.document_id',
  'a.created_at',
] as const;
type ActionRow = {
  id: number;
  kind: 'criticism' | 'summons';
  territory_code: string;
  territory_name: string;
  reason: string;
  indicators: unknown;
  criteria: unknown;
  held_on: string;
  place: string | null;
  attendees: string | null;
  summary: string | null;
  commitments: unknown;
  follow_ups: unknown;
  doc_no: string | null;
  document_id: number | null;
  created_at: Date;
};

function presentAction(a: ActionRow, actor: UserActor) {
  const criteria = a.criteria as { validFrom: string; hits: Array<{ criterion: string; value: number; threshold: number }> };
  return {
    id: a.id,
    kind: a.kind,
    territoryCode: a.territory_code,
    territoryName: a.territory_name,
    reason: a.reason,
    indicators: a.indicators as Indicators,
    hits: criteria.hits ?? [],
    criteriaValidFrom: criteria.validFrom,
    heldOn: a.held_on,
    place: a.place,
    attendees: a.attendees,
    summary: a.summary,
    commitments: a.commitments as Array<{ text: string; dueOn: string }>,
    followUps: a.follow_ups as Array<{ on: string; note: string; by: string | null }>,
    docNo: a.doc_no ?? '',
    createdAt: new Date(a.created_at).toISOString(),
    allowedActs: actor.role === 'office' ? ['followUp', 'document'] : ['document'],
  };
}

export const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const cache = new Map<string, { rows: Awaited<ReturnType<typeof computeIndicators>>; until: number; rv: number; pv: number }>();
  const indicatorsOf = async (scope: Parameters<typeof territoryScope>[0], today: string, criteria: Awaited<ReturnType<typeof criteriaInForce>>) => {
    const key = `${today}|${criteria.id}|${criteria.validFrom}|${scope.registry}|${scope.territories?.join(',') ?? '*'}`;
    const rv = rollupsVersion();
    const pv = programmeVersionNow();
    const hit = cache.get(key);
    if (hit && hit.until > Date.now() && hit.rv === rv && hit.pv === pv) return hit.rows;
    const rows = await computeIndicators(db, scope, today, criteria.thresholds);
    if (cache.size > 200) cache.clear();
    cache.set(key, { rows, until: Date.now() + INDICATORS_CACHE_MS, rv, pv });
    return rows;
  };
  const actions = (scope: Parameters<typeof territoryScope>[0]) =>
    db.selectFrom('supervision_action as a').innerJoin('territory as t', 't.code', 'a.territory_code').where(territoryScope(scope, 'a.territory_code'));
  const loadAction = async (scope: Parameters<typeof territoryScope>[0], id: number) => {
    const row = (await actions(scope).select(actionColumns).where('a.id', '=', id).executeTakeFirst()) as ActionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  };

  app.get(
    '/supervision/indicators',
    {
      config: read,
      schema: {
        tags,
        summary: 'Indicators of every territory in scope and the criteria in force they meet (slow territories first); computed on read',
        querystring: Type.Object({ slowOnly: Type.Optional(Type.Boolean()) }),
        response: { 200: IndicatorsAnswer, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const today = localToday(app.ctx.now());
      const criteria = await criteriaInForce(db, today);
      const [rows, counts] = await Promise.all([
        indicatorsOf(req.scope, today, criteria),
        actions(req.scope)
          .select(['a.territory_code', sql<number>`count(*)::int`.as('n')])
          .groupBy('a.territory_code')
          .execute(),
      ]);
      const items = rows
        .map((r) => {
          const hits = slowHits(r, criteria.thresholds);
          return { ...r, openByAge: [...r.openByAge], slow: hits.length > 0, hits, actions: counts.find((c) => c.territory_code === r.territoryCode)?.n ?? 0 };
        })
        .filter((r) => !req.query.slowOnly || r.slow)
        .sort((a, b) => Number(b.slow) - Number(a.slow) || b.hits.length - a.hits.length);
      return { asOf: today, criteria, items };
    },
  );

  app.get(
    '/supervision/indicators.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The indicators of every territory in scope and the criteria they meet, as .xlsx',
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const today = localToday(app.ctx.now());
      const criteria = await criteriaInForce(db, today);
      const rows = await computeIndicators(db, req.scope, today, criteria.thresholds);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('督导指标');
      const cols: Array<[string, number]> = [
        ['属地', 18],
        ['计划到期完成率', 12],
        ['计划项', 8],
        ['逾期计划项', 10],
        ['临期计划项', 10],
        ['逾期案件', 10],
        ['未销号问题', 10],
        ['逾期问题', 10],
        ['未销号≤30天', 10],
        ['31–90天', 10],
        ['91–180天', 10],
        ['>180天', 10],
        ['距最近进展（天）', 12],
        ['进展缓慢', 10],
        ['判定依据', 80],
      ];
      ws.columns = cols.map(([header, width]) => ({ header, width }));
      ws.getRow(1).font = { bold: true };
      for (const r of rows) {
        const hits = slowHits(r, criteria.thresholds);
        ws.addRow([
          r.territoryName,
          r.planCompletion === null ? '' : r.planCompletion,
          r.planItems,
          r.latePlanItems,
          r.atRiskPlanItems,
          r.overdueCases,
          r.openProblems,
          r.overdueProblems,
          ...r.openByAge,
          r.daysSinceProgress ?? '',
          hits.length ? '是' : '否',
          figures(r, hits).slice(3).join('；'),
        ]);
      }
      ws.addRow([]);
      ws.addRow([`标准自 ${criteria.validFrom} 起执行（本市选择：方案§3.3未规定数值），计算日期 ${today}`]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="supervision-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`督导指标-${today}.xlsx`)}`)
        .send(buf);
    },
  );

  app.get(
    '/supervision/criteria',
    {
      config: read,
      schema: {
        tags,
        summary: 'The office\'s criteria for "slow or ineffective": every dated version and the one in force',
        response: { 200: CriteriaList, ...errorResponses(401, 403) },
      },
    },
    async () => ({ inForce: await criteriaInForce(db, localToday(app.ctx.now())), versions: await criteriaVersions(db) }),
  );

  app.post(
    '/supervision/criteria',
    {
      config: office,
      schema: {
        tags,
        summary: "Set a new version of the criteria from a date (today or later; the plan names no numbers: the city's choice)",
        body: NewCriteriaBody,
        response: { 201: CriteriaVersionSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const meta = auditMeta(req);
      const today = localToday(meta.now);
      if (req.body.validFrom < today)
        throw new AppError('INVALID_FIELD', { field: 'validFrom', reason: 'a new version starts today or later (past decisions keep the values they used)' });
      const bad = thresholdProblems(req.body.thresholds as unknown as Record<string, unknown>);
      if (bad.length) throw new AppError('INVALID_FIELD', { field: `thresholds/${bad[0]}`, fields: bad });
      const before = await criteriaInForce(db, req.body.validFrom);
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('supervision_criteria')
          .values({
            valid_from: req.body.validFrom,
            thresholds: JSON.stringify({ ...DEFAULT_THRESHOLDS, ...req.body.thresholds }),
            basis_id: 'phaseout-local-default',
            note: req.body.note.trim(),
            created_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
            created_at: meta.now,
          })
          .onConflict((oc) => oc.column('valid_from').doNothing())
          .returning(['id'])
          .executeTakeFirst();
        if (!r) throw new AppError('CONFLICT', { field: 'validFrom', reason: 'a version starting that day exists' });
        await writeAudit(trx, meta, {
          act: 'supervision.criteria',
          entityType: 'supervision-criteria',
          entityId: r.id,
          basisId: 'phaseout-local-default',
          before: before.thresholds,
          after: { validFrom: req.body.validFrom, thresholds: req.body.thresholds, note: req.body.note },
        });
        return r;
      });
      const v = (await criteriaVersions(db)).find((x) => x.id === row.id)!;
      return reply.code(201).send(v);
    },
  );

  const filtered = (
    scope: Parameters<typeof territoryScope>[0],
    f: { territoryCode?: string | undefined; kind?: 'criticism' | 'summons' | undefined; q?: string | undefined },
  ) => {
    let q = actions(scope);
    if (f.territoryCode) q = q.where('a.territory_code', '=', f.territoryCode);
    if (f.kind) q = q.where('a.kind', '=', f.kind);
    if (f.q?.trim()) {
      const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<SqlBool>`(t.name ilike ${like} or a.doc_no ilike ${like} or a.reason ilike ${like} or a.place ilike ${like})` as Expression<SqlBool>);
    }
    return q;
  };

  app.get(
    '/supervision/actions',
    {
      config: read,
      schema: {
        tags,
        summary: '通报 and 约谈 records (scoped), newest first; q searches the territory name, the notice number, the reason and the place',
        querystring: ActionListQuery,
        response: { 200: ListOf(Action), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = filtered(req.scope, req.query);
      const [rows, n] = await Promise.all([
        q
          .select(actionColumns)
          .orderBy('a.id', 'desc')
          .limit(req.query.limit ?? 20)
          .offset(req.query.offset ?? 0)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const actor = actorOf(req);
      return { items: (rows as ActionRow[]).map((r) => presentAction(r, actor)), total: Number(n.n) };
    },
  );

  app.get(
    '/supervision/actions/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The 通报 / 约谈 records of a list filter as .xlsx (names, not codes; the frozen figures and the criteria they met in words)',
        querystring: Type.Omit(ActionListQuery, ['limit', 'offset']),
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const rows = (await filtered(req.scope, req.query).select(actionColumns).orderBy('a.id', 'desc').limit(ACTIONS_EXPORT_MAX).execute()) as ActionRow[];
      const buf = await actionsWorkbook(
        rows.map((r) => {
          const a = presentAction(r, actorOf(req));
          return { ...a, hits: a.hits as Hit[] };
        }),
      );
      const today = localToday(app.ctx.now());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="supervision-actions-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`通报约谈-${today}.xlsx`)}`,
        )
        .send(buf);
    },
  );

  app.post(
    '/supervision/actions',
    {
      config: office,
      schema: {
        tags,
        summary: 'Record a 通报 or 约谈 (figures frozen, 发文字号 allocated, the territory notified)',
        body: CreateActionBody,
        response: { 201: Action, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const id = await recordAction(db, req.body, auditMeta(req), { referenceSet: app.ctx.config.referenceSet });
      return reply.code(201).send(presentAction(await loadAction(req.scope, id), actorOf(req)));
    },
  );

  app.get(
    '/supervision/actions/:id',
    { config: read, schema: { tags, summary: 'One 通报 / 约谈 record', params: IdParams, response: { 200: Action, ...errorResponses(400, 401, 403, 404) } } },
    async (req) => presentAction(await loadAction(req.scope, req.params.id), actorOf(req)),
  );

  app.post(
    '/supervision/actions/:id/follow-ups',
    {
      config: office,
      schema: {
        tags,
        summary: 'Append a follow-up check',
        params: IdParams,
        body: FollowUpBody,
        response: { 200: Action, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      await loadAction(req.scope, req.params.id);
      await addFollowUp(db, req.params.id, req.body, auditMeta(req));
      return presentAction(await loadAction(req.scope, req.params.id), actorOf(req));
    },
  );

  app.get(
    '/supervision/actions/:id/document.docx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The 通报 or 约谈通知 of the record, with its 发文字号 (.docx)',
        params: IdParams,
        response: { 200: Binary, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const a = await loadAction(req.scope, req.params.id);
      const v = a.document_id
        ? await db
            .selectFrom('document_version')
            .select(['docx'])
            .where('document_id', '=', a.document_id)
            .orderBy('version', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined;
      if (!v || !a.doc_no) throw new AppError('NOT_FOUND', { reason: 'the record has no document' });
      const name = `${a.kind === 'summons' ? '约谈通知' : '通报'}-${a.doc_no}.docx`;
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="${a.kind}-${a.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(v.docx);
    },
  );
};
