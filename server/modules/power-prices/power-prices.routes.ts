/**
 * Differentiated and punitive electricity prices (plan §2.6): the tier of each enterprise on a date with its
 * surcharge, effective date and basis; lists issued to the power company (Excel in a stable column layout), each
 * saying what changed since the list before it. Read: office, departments, government; issue: office.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { isIsoDate } from '../../domain/dates.ts';
import { POWER_TIER_ZH } from '../../domain/levers/power-price.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, IsoDate, IsoInstant } from '../../platform/http/schemas.ts';
import { localToday } from '../../platform/clock.ts';
import { loadExcel } from '../registry-io/index.ts';
import { attachment } from '../resettlement/index.ts';
import { powerPriceTable } from './power-prices.data.ts';
import { computePowerList, previousList, withChanges, type StoredRow } from './power-prices.service.ts';

const READERS = ['office', 'department', 'government'] as const;
const tags = ['power-prices'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
const Tier = Type.Union([Type.Literal('eliminated'), Type.Literal('punitive'), Type.Literal('restricted')]);
const Change = Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('unchanged'), Type.Literal('removed')]);
const Basis = Type.Object({
  id: Type.String(),
  instrumentZh: Type.String(),
  instrument: Type.Optional(Type.String({ description: 'the instrument in English, where known' })),
  unverified: Type.Optional(Type.String()),
  localChoice: Type.Optional(Type.Boolean()),
});

const PowerItem = Type.Object({
  creditCode: Type.String(),
  name: Type.String(),
  territoryName: Type.String(),
  industryName: Type.String(),
  tier: Tier,
  tierName: Type.String(),
  surcharge: Type.String({ description: '元/kWh on top of the catalogue or market price' }),
  effectiveFrom: IsoDate,
  basis: Basis,
  reason: Type.String(),
  reasonZh: Type.String(),
  change: Change,
});
const PowerList = Type.Object({
  asOf: IsoDate,
  comparedWith: Type.Union([Type.Object({ id: Type.Integer(), asOf: IsoDate }), Type.Null()]),
  items: Type.Array(PowerItem),
  removed: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String(), tierName: Type.String() })),
  total: Type.Integer(),
});
const IssuedList = Type.Object({ id: Type.Integer(), asOf: IsoDate, issuedAt: IsoInstant, rowCount: Type.Integer() });

/** Stable column layout of the power company's workbook (never reorder: the power company's import reads it). */
export const POWER_COLUMNS = [
  '序号',
  '统一社会信用代码',
  '企业名称',
  '属地',
  '行业',
  '电价类别',
  '加价标准(元/千瓦时)',
  '执行起始日期',
  '依据',
  '变化',
] as const;
const CHANGE_ZH = { added: '新增', changed: '调整', unchanged: '不变', removed: '移出' } as const;

export const powerPriceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const table = () => powerPriceTable(app.ctx.config.referenceSet);
  const asOfOf = (q: string | undefined) => {
    const d = q ?? localToday(app.ctx.now());
    if (!isIsoDate(d)) throw new AppError('INVALID_FIELD', { field: 'asOf', reason: 'YYYY-MM-DD' });
    return d;
  };

  app.get(
    '/power-prices',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'The tier of every enterprise on a date (default today), compared with the last list issued',
        querystring: Type.Object({ asOf: Type.Optional(IsoDate), q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }),
        response: { 200: PowerList, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const asOf = asOfOf(req.query.asOf);
      const [rows, prev] = await Promise.all([computePowerList(db, table(), asOf), previousList(db)]);
      const r = withChanges(prev?.rows ?? null, rows);
      const term = req.query.q?.trim().toUpperCase();
      const items = term ? r.items.filter((x) => x.creditCode.startsWith(term) || x.name.toUpperCase().includes(term)) : r.items;
      return {
        asOf,
        comparedWith: prev ? { id: prev.id, asOf: prev.asOf } : null,
        items,
        removed: r.removed.map((x) => ({ creditCode: x.creditCode, name: x.name, tierName: x.tierName })),
        total: items.length,
      };
    },
  );

  app.get(
    '/power-prices/lists',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'Lists issued to the power company, newest first',
        response: { 200: Type.Object({ items: Type.Array(IssuedList), total: Type.Integer() }), ...errorResponses(401, 403) },
      },
    },
    async () => {
      const rows = await db.selectFrom('power_price_list').select(['id', 'as_of', 'issued_at', 'row_count']).orderBy('id', 'desc').limit(200).execute();
      const items = rows.map((r) => ({
        id: Number(r.id),
        asOf: String(r.as_of).slice(0, 10),
        issuedAt: new Date(r.issued_at).toISOString(),
        rowCount: r.row_count,
      }));
      return { items, total: items.length };
    },
  );

  app.post(
    '/power-prices/lists',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'Issue the list for the power company on a date (stored, audited; the next list is compared with it)',
        body: Type.Object({ asOf: IsoDate }, { additionalProperties: false }),
        response: { 201: IssuedList, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const asOf = asOfOf(req.body.asOf);
      if (asOf > localToday(app.ctx.now())) throw new AppError('INVALID_FIELD', { field: 'asOf', reason: 'a list cannot be issued for a day after today' });
      const meta = auditMeta(req);
      const rows = await computePowerList(db, table(), asOf);
      const id = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('power_price_list')
          .values({
            as_of: asOf,
            issued_at: meta.now,
            issued_by: meta.actor.kind === 'user' ? meta.actor.userId : null,
            row_count: rows.length,
            rows: JSON.stringify(rows),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, meta, {
          act: 'powerPrice.issueList',
          entityType: 'power_price_list',
          entityId: Number(r.id),
          basisId: 'plan-2020-§2.6',
          after: { asOf, rowCount: rows.length },
        });
        return Number(r.id);
      });
      return reply.code(201).send({ id, asOf, issuedAt: meta.now.toISOString(), rowCount: rows.length });
    },
  );

  app.get(
    '/power-prices/lists/:id/export.xlsx',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'An issued list as .xlsx (stable columns; 变化 against the list before it; a sheet of those removed)',
        params: IdParams,
        response: { 200: Binary, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const cur = await db.selectFrom('power_price_list').select(['id', 'as_of', 'rows']).where('id', '=', req.params.id).executeTakeFirst();
      if (!cur) throw new AppError('NOT_FOUND');
      const prev = await previousList(db, Number(cur.id));
      const r = withChanges(prev?.rows ?? null, cur.rows as StoredRow[]);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('差别电价名单');
      ws.columns = POWER_COLUMNS.map((header, i) => ({ header, width: [6, 22, 34, 12, 10, 22, 14, 14, 50, 8][i]! }));
      r.items.forEach((x, i) =>
        ws.addRow([
          i + 1,
          x.creditCode,
          x.name,
          x.territoryName,
          x.industryName,
          POWER_TIER_ZH[x.tier],
          x.surcharge,
          x.effectiveFrom,
          x.basis.instrumentZh,
          CHANGE_ZH[x.change],
        ]),
      );
      const wr = wb.addWorksheet('移出名单');
      wr.columns = ['序号', '统一社会信用代码', '企业名称', '原电价类别'].map((header, i) => ({ header, width: [6, 22, 34, 22][i]! }));
      r.removed.forEach((x, i) => wr.addRow([i + 1, x.creditCode, x.name, POWER_TIER_ZH[x.tier]]));
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const asOf = String(cur.as_of).slice(0, 10);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`差别电价名单-${asOf}.xlsx`))
        .send(buf);
    },
  );
};
