/**
 * Worker resettlement (职工安置, plan §2.6): per enterprise, read and record the figures; list, search and export.
 * Readers: office, departments, territories (their own), the government. Writers: office, the enterprise's
 * territory, the HR and social security bureau (department `hrss`). Out of scope answers 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { loadExcel } from '../registry-io/index.ts';
import { findResettlement, listResettlements } from './resettlement.repository.ts';
import { presentResettlement } from './resettlement.presenter.ts';
import { Resettlement, ResettlementBody, ResettlementFilter, ResettlementListQuery } from './resettlement.schemas.ts';
import { saveResettlement } from './commands/save-resettlement.ts';

export const RESETTLEMENT_READERS = ['office', 'department', 'territory', 'government'] as const;
export const RESETTLEMENT_WRITERS = ['office', 'department', 'territory'] as const;
const tags = ['resettlement'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
export const EXPORT_MAX_ROWS = 100_000;

const RISK_ZH = { low: '低风险', medium: '中风险', high: '高风险' } as const;
const STEP_ZH = {
  filePlan: '制定安置方案',
  assessRisk: '开展社会稳定风险评估',
  prepareRiskPlan: '制定风险处置预案',
  resettleWorkers: '安置职工',
  payFunds: '落实安置资金',
  done: '已完成',
} as const;
export const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const resettlementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/resettlements',
    {
      config: { access: { roles: RESETTLEMENT_READERS } },
      schema: {
        tags,
        summary: 'Enterprises with worker-resettlement records (scoped), newest change first; q = part of the name or a credit-code prefix',
        querystring: ResettlementListQuery,
        response: { 200: ListOf(Resettlement), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, nextStep, ...f } = req.query;
      const r = await listResettlements(db, req.scope, f, { limit: limit ?? 20, offset: offset ?? 0 });
      const actor = actorOf(req);
      const items = r.rows.map((row) => presentResettlement(row, actor)).filter((x) => !nextStep || x.nextStep === nextStep);
      return { items, total: nextStep ? items.length : r.total };
    },
  );

  app.get(
    '/resettlements/export.xlsx',
    {
      config: { access: { roles: RESETTLEMENT_READERS } },
      schema: {
        tags,
        summary: 'The resettlement list of a filter as .xlsx (names, not codes)',
        querystring: Type.Object(ResettlementFilter),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { nextStep, ...f } = req.query;
      const r = await listResettlements(db, req.scope, f, { limit: EXPORT_MAX_ROWS, offset: 0 });
      const actor = actorOf(req);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('职工安置');
      ws.columns = [
        ['统一社会信用代码', 22],
        ['企业名称', 34],
        ['属地', 12],
        ['涉及职工(人)', 12],
        ['集团内转岗', 10],
        ['再就业', 10],
        ['退休', 10],
        ['其他', 10],
        ['已安置合计', 10],
        ['安置资金(万元)', 14],
        ['已到位资金(万元)', 16],
        ['安置方案备案日期', 16],
        ['社会稳定风险评估', 16],
        ['评估日期', 12],
        ['风险处置预案', 12],
        ['下一步', 18],
        ['下一步责任单位', 16],
      ].map(([header, width]) => ({ header: header as string, width: width as number }));
      for (const x of r.rows.map((row) => presentResettlement(row, actor))) {
        if (nextStep && x.nextStep !== nextStep) continue;
        ws.addRow([
          x.creditCode,
          x.enterpriseName,
          x.territoryName,
          x.workersAffected,
          x.transferred,
          x.reemployed,
          x.retired,
          x.other,
          x.resettled,
          x.fundsPlanned,
          x.fundsPaid,
          x.planFiledOn ?? '',
          x.riskAssessed && x.riskLevel ? RISK_ZH[x.riskLevel] : '未评估',
          x.riskAssessedOn ?? '',
          x.riskPlan ? '已制定' : '未制定',
          STEP_ZH[x.nextStep],
          x.nextActor?.name ?? '',
        ]);
      }
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const stamp = app.ctx.now().toISOString().slice(0, 10);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`职工安置-${stamp}.xlsx`))
        .send(buf);
    },
  );

  app.get(
    '/enterprises/:id/resettlement',
    {
      config: { access: { roles: RESETTLEMENT_READERS } },
      schema: {
        tags,
        summary: "An enterprise's worker resettlement (recorded: false and zero figures when nothing was recorded yet)",
        params: IdParams,
        response: { 200: Resettlement, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findResettlement(db, req.scope, req.params.id);
      if (!row) throw new AppError('NOT_FOUND');
      return presentResettlement(row, actorOf(req));
    },
  );

  app.put(
    '/enterprises/:id/resettlement',
    {
      config: { access: { roles: RESETTLEMENT_WRITERS } },
      schema: {
        tags,
        summary: "Record an enterprise's worker resettlement (office, its territory, or the HR and social security bureau); version 0 creates",
        params: IdParams,
        body: ResettlementBody,
        response: { 200: Resettlement, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await saveResettlement(db, req.params.id, req.body, auditMeta(req));
      const row = await findResettlement(db, req.scope, req.params.id);
      if (!row) throw new AppError('NOT_FOUND');
      return presentResettlement(row, actorOf(req));
    },
  );
};
