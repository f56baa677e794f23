/**
 * Year-end (plan §3.4): the year's deadlines and who owes what, the units' summaries (county and lead department
 * prepare and submit; the office returns or accepts), the city's consolidated report (office consolidates; the city
 * government approves and it is locked; the office records it reported; amendments are new versions), and the
 * exports in the province's shape. Summaries: a county and a department see their own, the office and the city
 * government all (others 404). Reports: the office and the city government.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { partStatus, yearDeadlines } from '../../domain/yearend/figures.ts';
import { localToday } from '../../platform/clock.ts';
import {
  approveReport,
  consolidateReport,
  editSummary,
  explainDifference,
  markReported,
  openSummary,
  reviewSummary,
  setSummariesDue,
  submitSummary,
} from './commands/yearend-commands.ts';
import { generateFigures, names, ownUnit, reportById, reportsOfYear, summariesOfYear, summaryById, unitOf, unitsOfYear } from './yearend.repository.ts';
import { presentReport, presentSummary, presentSummaryItem } from './yearend.presenter.ts';
import {
  AcceptBody,
  CommentBody,
  ConsolidateBody,
  ExplainBody,
  Report,
  ReportedBody,
  ReportItem,
  SettingsBody,
  Summary,
  SummaryEditBody,
  SummaryItem,
  VersionBody,
  YearParams,
  YearStatus,
} from './yearend.schemas.ts';
import { writeExitsWorkbook } from './exits-workbook.ts';
import { reportDocx, DOCX } from './yearend.documents.ts';
import { attachment, Binary, XLSX } from './http.ts';
import './report-approval-source.ts'; // the draft report waits in the city government's queue (待审批事项)

const READERS = ['office', 'department', 'territory', 'government'] as const;
const REPORT_READERS = ['office', 'government'] as const;
const tags = ['yearend'];

export const yearendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const today = () => localToday(app.ctx.now());

  const summaryView = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const actor = actorOf(req);
    const s = await summaryById(db, actor, id);
    if (!s) throw new AppError('NOT_FOUND');
    const unit = await unitOf(db, s.unit_kind, s.unit_code, s.year);
    const live = s.generated ?? (await generateFigures(db, s.year, unit ?? { kind: s.unit_kind, code: s.unit_code, dimensions: [] }, today()));
    return presentSummary(s, live, actor, await names(db));
  };
  const reportView = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const r = await reportById(db, id);
    if (!r) throw new AppError('NOT_FOUND');
    return presentReport(r, actorOf(req), await names(db));
  };

  app.get(
    '/yearend/:year',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: "The year's deadlines (§3.4) and the parts owed: each unit's summary, the office's report, the government's approval, with overdue flags",
        params: YearParams,
        response: { 200: YearStatus, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { year } = req.params;
      const d = yearDeadlines(year);
      const t = today();
      const [units, settings, summaries, reports, n] = await Promise.all([
        unitsOfYear(db, year),
        db.selectFrom('yearend_year').select('summaries_due').where('year', '=', year).executeTakeFirst(),
        summariesOfYear(db, { kind: 'system', name: 'status' }, year),
        reportsOfYear(db, year),
        names(db),
      ]);
      const summariesDue = settings?.summaries_due ?? null;
      const byUnit = new Map(summaries.map((s) => [`${s.unit_kind}|${s.unit_code}`, s]));
      const parts: Array<{
        part: string;
        unitKind: string;
        unitCode: string;
        unitName: string;
        status: string;
        summaryId: number | null;
        due: string | null;
        flag: string;
      }> = units.map((u) => {
        const s = byUnit.get(`${u.kind}|${u.code}`);
        const done = s?.status === 'submitted' || s?.status === 'accepted';
        return {
          part: 'summary',
          unitKind: u.kind,
          unitCode: u.code,
          unitName: u.name,
          status: s?.status ?? 'missing',
          summaryId: s?.id ?? null,
          due: summariesDue,
          flag: partStatus({ done, due: summariesDue, remindFrom: d.remindFrom, today: t }),
        };
      });
      const latest = reports[0];
      const reported = reports.some((r) => r.status === 'reported' || (r.status === 'superseded' && r.reported_on !== null));
      const approved = reported || reports.some((r) => r.status === 'approved');
      parts.push({
        part: 'report',
        unitKind: 'office',
        unitCode: 'office',
        unitName: '领导小组办公室',
        status: latest?.status ?? 'missing',
        summaryId: null,
        due: d.reportDue,
        flag: partStatus({ done: reported, due: d.reportDue, remindFrom: d.remindFrom, today: t, dueIsExclusive: true }),
      });
      parts.push({
        part: 'approval',
        unitKind: 'government',
        unitCode: 'government',
        unitName: `${n.city.name}人民政府`,
        status: approved ? 'approved' : (latest?.status ?? 'missing'),
        summaryId: null,
        due: d.reportDue,
        flag: partStatus({ done: approved, due: d.reportDue, remindFrom: d.remindFrom, today: t, dueIsExclusive: true }),
      });
      const own = ownUnit(actor);
      const mine = parts.filter((p) =>
        own
          ? p.unitKind === own.kind && p.unitCode === own.code
          : actor.role === 'office'
            ? p.part === 'report'
            : actor.role === 'government'
              ? p.part === 'approval'
              : false,
      );
      const visible =
        actor.role === 'office' || actor.role === 'government'
          ? parts
          : parts.filter((p) => p.part !== 'summary' || (own && p.unitKind === own.kind && p.unitCode === own.code));
      return {
        year,
        today: t,
        reportDue: d.reportDue,
        reportBasisId: d.reportBasisId,
        remindFrom: d.remindFrom,
        remindBasisId: d.remindBasisId,
        summariesDue,
        parts: visible,
        mine,
      };
    },
  );

  app.put(
    '/yearend/:year/settings',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: "The office sets the date by which the units' summaries are due",
        params: YearParams,
        body: SettingsBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await setSummariesDue(db, req.params.year, req.body.summariesDue, auditMeta(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/yearend/:year/summaries',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: "The year's summaries this account may see (its own; the office and the city government all)",
        params: YearParams,
        response: { 200: ListOf(SummaryItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await summariesOfYear(db, actorOf(req), req.params.year);
      const n = await names(db);
      return { items: rows.map((s) => presentSummaryItem(s, n)), total: rows.length };
    },
  );

  app.post(
    '/yearend/:year/summaries',
    {
      config: { access: { roles: ['territory', 'department'] } },
      schema: {
        tags,
        summary: "Opens this unit's summary for the year (created as a draft the first time)",
        params: YearParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: Summary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => summaryView(req, await openSummary(db, req.params.year, auditMeta(req))),
  );

  app.get(
    '/yearend/summaries/:id',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'One summary: generated figures (frozen at submission), typed figures, reconciliation, narrative, who acts next',
        params: IdParams,
        response: { 200: Summary, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => summaryView(req, req.params.id),
  );

  app.put(
    '/yearend/summaries/:id',
    {
      config: { access: { roles: ['territory', 'department'] } },
      schema: {
        tags,
        summary: 'The unit edits its draft or returned summary: narrative, typed figures, attachments',
        params: IdParams,
        body: SummaryEditBody,
        response: { 200: Summary, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await editSummary(db, req.params.id, req.body, auditMeta(req));
      return summaryView(req, req.params.id);
    },
  );

  app.post(
    '/yearend/summaries/:id/submit',
    {
      config: { access: { roles: ['territory', 'department'] } },
      schema: {
        tags,
        summary: 'The unit submits its summary (its generated figures are frozen)',
        params: IdParams,
        body: VersionBody,
        response: { 200: Summary, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await submitSummary(db, req.params.id, auditMeta(req), req.body.version);
      return summaryView(req, req.params.id);
    },
  );

  app.post(
    '/yearend/summaries/:id/return',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'The office returns a submitted summary with its comments',
        params: IdParams,
        body: CommentBody,
        response: { 200: Summary, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await reviewSummary(db, req.params.id, 'return', req.body.comment, auditMeta(req));
      return summaryView(req, req.params.id);
    },
  );

  app.post(
    '/yearend/summaries/:id/accept',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'The office accepts a submitted summary',
        params: IdParams,
        body: AcceptBody,
        response: { 200: Summary, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await reviewSummary(db, req.params.id, 'accept', req.body.comment ?? null, auditMeta(req));
      return summaryView(req, req.params.id);
    },
  );

  app.post(
    '/yearend/summaries/:id/explain',
    {
      config: { access: { roles: ['office', 'territory', 'department'] } },
      schema: {
        tags,
        summary: 'Explain one difference between a typed figure and the ledger (the unit or the office)',
        params: IdParams,
        body: ExplainBody,
        response: { 200: Summary, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      await explainDifference(db, req.params.id, req.body.key, req.body.text, auditMeta(req));
      return summaryView(req, req.params.id);
    },
  );

  app.get(
    '/yearend/:year/reports',
    {
      config: { access: { roles: REPORT_READERS } },
      schema: {
        tags,
        summary: "The versions of the year's city report, newest first",
        params: YearParams,
        response: { 200: ListOf(ReportItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await reportsOfYear(db, req.params.year);
      const items = rows.map((r) => ({
        id: r.id,
        version: r.version,
        status: r.status,
        reason: r.reason,
        createdAt: new Date(r.created_at).toISOString(),
        approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
        reportedOn: r.reported_on,
        openDifferences: r.body.differences.filter((d) => !d.resolved).length,
      }));
      return { items, total: items.length };
    },
  );

  app.post(
    '/yearend/:year/reports',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'Consolidate the city report from the ledger and the accepted summaries (a draft is rebuilt; after approval a new version needs a reason)',
        params: YearParams,
        body: ConsolidateBody,
        response: { 201: Report, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await reportView(req, await consolidateReport(db, req.params.year, req.body.reason ?? null, auditMeta(req)))),
  );

  app.get(
    '/yearend/reports/:id',
    {
      config: { access: { roles: REPORT_READERS } },
      schema: { tags, summary: 'One version of the city report', params: IdParams, response: { 200: Report, ...errorResponses(401, 403, 404) } },
    },
    async (req) => reportView(req, req.params.id),
  );

  app.post(
    '/yearend/reports/:id/approve',
    {
      config: { access: { roles: ['government'] } },
      schema: {
        tags,
        summary: 'The city government approves a draft version (then it is locked); refused while differences are open',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: Report, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await approveReport(db, req.params.id, auditMeta(req));
      return reportView(req, req.params.id);
    },
  );

  app.post(
    '/yearend/reports/:id/reported',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'The office records the approved version as reported up: date and receiving authority',
        params: IdParams,
        body: ReportedBody,
        response: { 200: Report, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await markReported(db, req.params.id, req.body.reportedOn, req.body.receivingAuthority, auditMeta(req));
      return reportView(req, req.params.id);
    },
  );

  app.get(
    '/yearend/reports/:id/report.docx',
    {
      config: { access: { roles: REPORT_READERS } },
      schema: { tags, summary: 'The report version as a Word document', params: IdParams, response: { 200: Binary, ...errorResponses(401, 403, 404) } },
    },
    async (req, reply) => {
      const v = await reportView(req, req.params.id);
      const byDim = new Map<string, { dimensionName: string; open: number; closed: number }>();
      for (const c of v.cases) {
        const d = byDim.get(c.dimension) ?? { dimensionName: c.dimensionName, open: 0, closed: 0 };
        if (c.outcome === 'open') d.open += c.n;
        else d.closed += c.n;
        byDim.set(c.dimension, d);
      }
      const r = await reportById(db, req.params.id);
      const buf = await reportDocx(
        {
          year: v.year,
          version: v.version,
          status: v.status,
          cityName: v.cityName,
          figures: v.figures,
          byTerritory: v.byTerritory,
          casesByDimension: [...byDim.values()],
          summaries: v.summaries.map((s) => ({ unitName: s.unitName, status: SUMMARY_STATUS_ZH[s.status] ?? s.status })),
          narratives: r?.body.narratives ?? [],
          differences: v.differences.map((d) => ({
            unitName: d.unitName,
            what: `${d.industryName} ${d.capacityUnit} ${FIELD_ZH[d.field] ?? d.field}`,
            typed: d.typed,
            ledger: d.ledger,
            explanation: d.explanation,
          })),
          reason: v.reason,
          resettlement: v.resettlement,
          approvedAt: v.approvedAt,
          reportedOn: v.reportedOn,
          receivingAuthority: v.receivingAuthority,
        },
        today(),
        app.ctx.config.referenceSet,
      );
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`${v.cityName}${v.year}年淘汰落后产能工作总结-第${v.version}版.docx`))
        .send(buf);
    },
  );

  app.get(
    '/yearend/:year/exits.xlsx',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: "The year's accepted exits in the province's shape: a sheet per industry (scoped; streamed)",
        params: YearParams,
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const out = new PassThrough();
      writeExitsWorkbook(db, req.scope, req.params.year, out).catch((err: unknown) => {
        req.log.error({ err }, 'exits workbook failed');
        out.destroy(err as Error);
      });
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`${req.params.year}年淘汰落后产能退出清单.xlsx`))
        .send(out);
    },
  );
};

const SUMMARY_STATUS_ZH: Record<string, string> = { missing: '未提交', draft: '填写中', submitted: '已提交', returned: '已退回', accepted: '已采纳' };
const FIELD_ZH: Record<string, string> = { enterprises: '企业数', lines: '生产线数', capacity: '产能' };
