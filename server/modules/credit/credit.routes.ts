/**
 * The differentiated-credit list (差别化信贷, plan §2.6) for banks: read-only, only what a bank needs (the enterprise,
 * the measure, since when, the lead department, the basis), search by credit code, export, an incremental API for
 * the bank's own systems (API token, paged, `updatedSince`), and the changes since a date. Every read is audited in
 * the statement or transaction that reads. Banks and the office only; banks see nothing else of the platform.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { basisRef, isBasisId } from '../../domain/law/basis.ts';
import { CREDIT_MEASURE_ZH, type CreditMeasure } from '../../domain/levers/credit.ts';
import { auditCtes, writeAudit } from '../../platform/audit/audit.ts';
import { auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, ListOf } from '../../platform/http/schemas.ts';
import { loadExcel } from '../registry-io/index.ts';
import { attachment } from '../resettlement/index.ts';
import { ensureCreditListCurrent } from './credit.sync.ts';
import { listCredit, listCreditAudited, listCreditChanges, type CreditRow } from './credit.repository.ts';
import { CreditChange, CreditChangesQuery, CreditFilter, CreditList, CreditListQuery } from './credit.schemas.ts';

export const CREDIT_READERS = ['bank', 'office'] as const;
const tags = ['credit'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
export const CREDIT_EXPORT_MAX = 200_000;

export function presentCredit(r: CreditRow) {
  const m = r.measure as CreditMeasure | null;
  return {
    creditCode: r.credit_code,
    name: r.name,
    territoryName: r.territory_name,
    industryName: r.industry_name,
    listed: r.listed,
    measure: m,
    measureName: m ? CREDIT_MEASURE_ZH[m] : null,
    since: r.since,
    leadDepartment: r.department_name,
    basis: r.basis_id && isBasisId(r.basis_id) ? basisRef(r.basis_id) : null,
    changedAt: new Date(r.changed_at).toISOString(),
  };
}

export const creditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  const readEntry = (req: FastifyRequest, what: string, query: unknown) => {
    const meta = auditMeta(req);
    // the entity is the read itself (its request id): reads spread over the audit streams and never queue on one head
    const reader = meta.actor.kind === 'user' ? meta.actor.userId : 0;
    return {
      meta,
      entry: {
        act: `credit.read.${what}`,
        entityType: 'credit_read',
        entityId: `${reader}:${meta.requestId ?? meta.now.toISOString()}`,
        basisId: 'plan-2020-§2.6',
        after: { query },
      },
    };
  };

  /**
   * Brings the list up to date, then reads and audits the read: in the same transaction on the primary; through the
   * replica router (issue 18 item 2) when the replica is fit, the read there and its audit record then on the
   * primary before anything is answered (the audit fails → the request fails, nothing is returned unaudited).
   */
  async function auditedRead<T>(
    req: FastifyRequest,
    what: string,
    query: unknown,
    fn: (q: Kysely<DB> | Transaction<DB>) => Promise<{ result: T; returned: number }>,
  ): Promise<T> {
    await ensureCreditListCurrent(db, app.ctx.now);
    const { meta, entry } = readEntry(req, what, query);
    const reader = app.reader(req);
    if (reader.replica) {
      const { result, returned } = await fn(reader.db);
      await db.transaction().execute((trx) => writeAudit(trx, meta, { ...entry, after: { query, returned } }));
      return result;
    }
    return db.transaction().execute(async (trx) => {
      const { result, returned } = await fn(trx);
      await writeAudit(trx, meta, { ...entry, after: { query, returned } });
      return result;
    });
  }

  app.get(
    '/credit-list',
    {
      config: { access: { roles: CREDIT_READERS } },
      schema: {
        tags,
        summary:
          'The differentiated-credit list (banks): search by credit code; `updatedSince` for incremental pulls (removed entries included, listed: false)',
        querystring: CreditListQuery,
        response: { 200: CreditList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, updatedSince, ...f } = req.query;
      await ensureCreditListCurrent(db, app.ctx.now);
      const { meta, entry } = readEntry(req, 'list', req.query);
      const filters = { ...f, updatedSince: updatedSince ? new Date(updatedSince) : undefined };
      const page = { limit: limit ?? 20, offset: offset ?? 0 };
      // on the primary the page and its audit record are one statement; on the replica (issue 18 item 2) the page is
      // read there and the read recorded on the primary before the answer goes out
      const reader = app.reader(req);
      const r = reader.replica ? await listCreditAudited(reader.db, filters, page, null) : await listCreditAudited(db, filters, page, auditCtes(meta, entry));
      if (reader.replica) await sql`with ${auditCtes(meta, entry)} select 1`.execute(db);
      return { items: r.rows.map(presentCredit), total: r.total, asOf: (r.asOf ?? meta.now).toISOString() };
    },
  );

  app.get(
    '/credit-list/changes',
    {
      config: { access: { roles: CREDIT_READERS } },
      schema: {
        tags,
        summary: 'Changes to the credit list that took effect on or after a date (added, changed, removed)',
        querystring: CreditChangesQuery,
        response: { 200: ListOf(CreditChange), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...f } = req.query;
      return auditedRead(req, 'changes', req.query, async (trx) => {
        const r = await listCreditChanges(trx, f, { limit: limit ?? 20, offset: offset ?? 0 });
        const items = r.rows.map((c) => ({
          creditCode: c.credit_code,
          name: c.name,
          change: c.change,
          onDate: c.on_date,
          measureBefore: c.measure_before as CreditMeasure | null,
          measureAfter: c.measure_after as CreditMeasure | null,
          recordedAt: new Date(c.at).toISOString(),
        }));
        return { result: { items, total: r.total }, returned: items.length };
      });
    },
  );

  app.get(
    '/credit-list/export.xlsx',
    {
      config: { access: { roles: CREDIT_READERS } },
      schema: {
        tags,
        summary: 'The credit list (or a search of it) as .xlsx, in a stable column layout',
        querystring: Type.Object(CreditFilter),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const rows = await auditedRead(req, 'export', req.query, async (trx) => {
        const r = await listCredit(trx, req.query, { limit: CREDIT_EXPORT_MAX, offset: 0 });
        return { result: r.rows.map(presentCredit), returned: r.rows.length };
      });
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('差别化信贷名单');
      ws.columns = [
        ['序号', 6],
        ['统一社会信用代码', 22],
        ['企业名称', 34],
        ['属地', 12],
        ['行业', 10],
        ['措施', 20],
        ['起始日期', 12],
        ['牵头部门', 20],
        ['依据', 40],
      ].map(([header, width]) => ({ header: header as string, width: width as number }));
      rows.forEach((x, i) =>
        ws.addRow([
          i + 1,
          x.creditCode,
          x.name,
          x.territoryName,
          x.industryName,
          x.measureName ?? '',
          x.since ?? '',
          x.leadDepartment ?? '',
          x.basis?.citationZh ?? '',
        ]),
      );
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const stamp = app.ctx.now().toISOString().slice(0, 10);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`差别化信贷名单-${stamp}.xlsx`))
        .send(buf);
    },
  );
};
