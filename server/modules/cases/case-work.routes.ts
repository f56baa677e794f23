/**
 * Cases for daily work (issue 17 item 2): the filtered case list as .xlsx (names, not codes; who acts next; days
 * left) and bulk acts — the same act on many cases, each still decided by the law and recorded one by one (one
 * transaction and one audit record per act), with a summary of what was done and what was refused and why.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { isDomainError, messages as domainMessages } from '../../domain/errors.ts';
import { AppError, ERROR_CODES } from '../../platform/errors.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { DbId, errorResponses, IsoDate } from '../../platform/http/schemas.ts';
import { renderPendingDocuments } from '../documents/index.ts';
import { loadExcel } from '../registry-io/index.ts';
import { localToday } from './case-context.ts';
import { ACT_ZH, DIMENSION_ZH, STATE_ZH } from './case-labels.ts';
import { assigneeFilterOf } from './assignee.policy.ts';
import { CASE_ACTORS, CASE_READERS } from './cases.policy.ts';
import { presentCaseItem } from './cases.presenter.ts';
import { findCase, listCases } from './cases.repository.ts';
import { nextActions } from '../../domain/lifecycle/next-actions.ts';
import type { CaseState } from '../../domain/lifecycle/index.ts';
import { ACT_KINDS, CaseListQuery } from './cases.schemas.ts';
import { applyCaseAct } from './commands/apply-case-act.ts';

const tags = ['cases'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
/** LOCAL CHOICE: the most rows one export writes (the filters narrow a larger list). */
export const CASE_EXPORT_MAX = 10_000;
/** LOCAL CHOICE: the most cases one bulk act takes (each is its own transaction). */
export const BULK_MAX = 200;

const ExportQuery = Type.Omit(CaseListQuery, ['limit', 'offset']);

export const BulkActBody = Type.Object(
  {
    caseIds: Type.Array(DbId(), {
      minItems: 1,
      maxItems: BULK_MAX,
      uniqueItems: true,
      description: 'the cases to act on (each decided and audited on its own)',
    }),
    kind: Type.Unsafe<string>({ type: 'string', enum: ACT_KINDS, description: 'the act kind, the same for every case' }),
    date: IsoDate,
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

const Message = Type.Object({ zh: Type.String(), en: Type.String() });
export const BulkActResult = Type.Object({
  done: Type.Array(
    Type.Object({ caseId: Type.Integer(), actId: Type.Integer(), fromState: Type.String(), toState: Type.String(), dueOn: Type.Union([IsoDate, Type.Null()]) }),
  ),
  refused: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      code: Type.String({ description: 'the error code the single act would have answered' }),
      message: Message,
      reason: Type.Union([Message, Type.Null()], { description: 'the legal reason, when the law refused' }),
      allowed: Type.Array(Type.String(), { description: 'ILLEGAL_TRANSITION: the acts the case awaits now (by whoever may take them)' }),
    }),
  ),
  summary: Type.Object({ requested: Type.Integer(), done: Type.Integer(), refused: Type.Integer() }),
});

/** The refusal of one case in a bulk act, as the single act would have answered it (no internal fields). */
function refusalOf(caseId: number, err: unknown) {
  if (err instanceof AppError) {
    const spec = ERROR_CODES[err.code];
    return { caseId, code: err.code, message: { zh: spec.zh, en: spec.en }, reason: null, allowed: [] as string[] };
  }
  if (isDomainError(err)) {
    const m = domainMessages[err.code];
    const d = err.details ?? {};
    const r = d.reason as { zh?: unknown; en?: unknown } | undefined;
    const reason = r && typeof r.zh === 'string' && typeof r.en === 'string' ? { zh: r.zh, en: r.en } : null;
    const allowed = Array.isArray(d.allowed) ? d.allowed.filter((a): a is string => typeof a === 'string') : [];
    return { caseId, code: err.code, message: { zh: m.zh, en: m.en }, reason, allowed };
  }
  throw err;
}

export const caseWorkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/cases/export.xlsx',
    {
      config: { access: { roles: CASE_READERS } },
      schema: {
        tags,
        summary:
          'The filtered case list as .xlsx (same filters as GET /cases): names of enterprise, territory and lead department, state in words, who acts next, days left',
        querystring: ExportQuery,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const today = localToday(app.ctx.now());
      const actor = actorOf(req);
      const { assignee, ...filters } = req.query;
      const r = await listCases(db, req.scope, { ...filters, assignee: assigneeFilterOf(assignee, actor) }, { limit: CASE_EXPORT_MAX, offset: 0 }, today);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('案件');
      const headers = [
        '案件号',
        '企业名称',
        '统一社会信用代码',
        '属地',
        '牵头部门',
        '领域',
        '状态',
        '立案日期',
        '期限',
        '剩余天数',
        '待办（由谁办理）',
        '承办人',
      ];
      ws.columns = headers.map((header, i) => ({ header, width: [8, 34, 22, 14, 20, 8, 22, 12, 12, 10, 48, 14][i]! }));
      ws.getRow(1).font = { bold: true };
      for (const row of r.rows) {
        const c = presentCaseItem(row, actor, today);
        const next = c.next.waitingFor.map((a) => `待${a.actors.map((u) => u.name).join('或')}${ACT_ZH[a.act] ?? a.act}`).join('；');
        // a text cell starting with = + - @ would be a formula in Excel: the names are user data
        const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
        ws.addRow([
          c.id,
          safe(c.enterprise.name),
          c.enterprise.creditCode,
          c.territoryName.name,
          c.departmentName.name,
          DIMENSION_ZH[c.dimension] ?? c.dimension,
          STATE_ZH[c.state] ?? c.state,
          c.openedOn,
          c.dueOn ?? '',
          c.next.daysLeft ?? '',
          c.closed ? '已办结' : next,
          safe(c.assigneeName ?? ''),
        ]);
      }
      if (r.total > r.rows.length) ws.addRow([`仅导出前 ${r.rows.length} 条（共 ${r.total} 条），请缩小筛选范围`]);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`案件-${today}.xlsx`))
        .send(buf);
    },
  );

  app.post(
    '/cases/bulk-acts',
    {
      config: { access: { roles: CASE_ACTORS } },
      schema: {
        tags,
        summary:
          'The same act on several cases (e.g. serve the rectification orders): each case is decided by the law and recorded in its own transaction with its audit record; the answer lists what was done and what was refused and why',
        body: BulkActBody,
        response: { 200: BulkActResult, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { caseIds, kind, date, payload } = req.body;
      const today = localToday(app.ctx.now());
      const done: Array<{ caseId: number; actId: number; fromState: string; toState: string; dueOn: string | null }> = [];
      const refused: Array<ReturnType<typeof refusalOf>> = [];
      for (const caseId of caseIds) {
        try {
          const meta = auditMeta(req);
          const r = await applyCaseAct(db, caseId, { kind, date, ...(payload !== undefined ? { payload } : {}) }, meta, {
            referenceSet: app.ctx.config.referenceSet,
          });
          done.push({ caseId, actId: r.actId, fromState: r.fromState, toState: r.toState, dueOn: r.dueOn });
          await renderPendingDocuments(db, { actId: r.actId }, meta).catch((err: unknown) => req.log.error({ err }, 'document rendering deferred'));
        } catch (err) {
          const r = refusalOf(caseId, err);
          if (r.code === 'ILLEGAL_TRANSITION') {
            // what the case awaits now, by anyone (the table's row less the sweep's and not-yet-due acts): what to do instead
            const row = await findCase(db, req.scope, caseId);
            if (row) r.allowed = nextActions(row.snapshot as CaseState, today).waitingFor.map((a) => a.act);
          }
          refused.push(r);
        }
      }
      return { done, refused, summary: { requested: caseIds.length, done: done.length, refused: refused.length } };
    },
  );
};
