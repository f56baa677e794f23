/**
 * Official documents (issue 11): list (search, export), read, download (.docx; PDF through LibreOffice when the
 * server has it), regenerate after a correction (a new version, same number), void (the number is kept), and the
 * service (送达) records. Documents are issued by the acts that record them (server/modules/cases → case-documents.ts)
 * and by other modules through documents.service.ts. Scope: as the case (territory × dimension); out of scope is 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { localToday } from '../../platform/clock.ts';
import { loadExcel } from '../registry-io/index.ts';
import { regenerateCaseDocument } from './case-documents.ts';
import { DocumentDetail, DocumentItem, DocumentListQuery, ReasonBody, ServiceBody, VersionQuery } from './documents.schemas.ts';
import { documentDocx, documentServices, documentVersions, findDocument, listDocuments, type DocumentAccess } from './documents.repository.ts';
import { presentDocument, presentDocumentDetail } from './documents.presenter.ts';
import { renderPendingDocuments, voidDocument } from './documents.service.ts';
import { serveDocument } from './commands/serve-document.ts';
import { convertToPdf } from './pdf.ts';
import { createHash } from 'node:crypto';

export const DOCUMENT_READERS = ['office', 'department', 'territory', 'government'] as const;
export const DOCUMENT_WRITERS = ['office', 'department', 'territory', 'government'] as const;
const tags = ['documents'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = (description: string) => Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });
const disposition = (kind: 'attachment' | 'inline', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const fileName = (number: string, title: string) => `${number} ${title}`.replace(/[\\/:*?"<>|]/g, '_').slice(0, 150);

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  type Req = Parameters<typeof auditMeta>[0] & { scope: Parameters<typeof findDocument>[1] };
  /** the document in the caller's scope, with its version 1 rendered if the issuing request did not get to it */
  const mustFind = async (req: Req, id: number, access: DocumentAccess = 'read') => {
    let row = await findDocument(db, req.scope, id, access);
    if (!row && access === 'change' && (await findDocument(db, req.scope, id, 'read')))
      // a licence's issuing department reads the case's documents (§2.4) but does not change them
      throw new AppError('FORBIDDEN', { reason: 'this account may read this document but not change it' });
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version === null) {
      await renderPendingDocuments(db, { documentId: id }, auditMeta(req));
      row = (await findDocument(db, req.scope, id))!;
    }
    return row;
  };
  const detail = async (req: Req, id: number) => {
    const row = await mustFind(req, id);
    const [versions, services] = await Promise.all([documentVersions(db, id), documentServices(db, id)]);
    return presentDocumentDetail(row, versions, services);
  };

  app.get(
    '/documents',
    {
      config: { access: { roles: DOCUMENT_READERS } },
      schema: {
        tags,
        summary: 'Official documents (scoped): search by 发文字号, title or enterprise; filter by kind, case, status',
        querystring: DocumentListQuery,
        response: { 200: ListOf(DocumentItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...filters } = req.query;
      if (filters.caseId) await renderPendingDocuments(db, { caseId: filters.caseId }, auditMeta(req));
      const r = await listDocuments(db, req.scope, filters, { limit: limit ?? 20, offset: offset ?? 0 });
      return { items: r.rows.map(presentDocument), total: r.total };
    },
  );

  app.get(
    '/documents/export.xlsx',
    {
      config: { access: { roles: DOCUMENT_READERS } },
      schema: {
        tags,
        summary: 'The documents of a list filter as .xlsx (names, not codes; at most 10 000 rows)',
        querystring: DocumentListQuery,
        response: { 200: Binary('an .xlsx workbook'), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { limit: _l, offset: _o, ...filters } = req.query;
      const r = await listDocuments(db, req.scope, filters, { limit: 10_000, offset: 0 });
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('文书');
      ws.columns = [
        { header: '发文字号', key: 'number', width: 26 },
        { header: '文书种类', key: 'kind', width: 18 },
        { header: '标题', key: 'title', width: 36 },
        { header: '发文机关', key: 'unit', width: 26 },
        { header: '成文日期', key: 'date', width: 12 },
        { header: '企业', key: 'enterprise', width: 28 },
        { header: '属地', key: 'territory', width: 14 },
        { header: '状态', key: 'status', width: 8 },
        { header: '送达日期', key: 'served', width: 12 },
        { header: '版本', key: 'version', width: 6 },
        { header: '下一步', key: 'next', width: 36 },
      ];
      for (const d of r.rows.map(presentDocument)) {
        ws.addRow({
          number: d.number,
          kind: d.kindName,
          title: d.title,
          unit: d.unitName,
          date: d.docDate,
          enterprise: d.enterpriseName ?? '',
          territory: d.territoryName ?? '',
          status: d.status === 'voided' ? '已作废' : '有效',
          served: d.servedOn ?? '',
          version: d.version,
          next: `${d.nextStep.zh}（${d.nextStep.who}）`,
        });
      }
      ws.getRow(1).font = { bold: true };
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type(XLSX)
        .header('content-disposition', disposition('attachment', `文书台账-${localToday(app.ctx.now())}.xlsx`))
        .send(buf);
    },
  );

  app.get(
    '/documents/:id',
    {
      config: { access: { roles: DOCUMENT_READERS } },
      schema: {
        tags,
        summary: 'One document: number, basis, versions (each with its SHA-256), service records, whether a PDF can be made',
        params: IdParams,
        response: { 200: DocumentDetail, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.get(
    '/documents/:id/docx',
    {
      config: { access: { roles: DOCUMENT_READERS } },
      schema: {
        tags,
        summary: 'Download the .docx (GB/T 9704-2012 layout) of the latest version, or of ?version=N',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: Binary('a .docx document'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const row = await mustFind(req, req.params.id);
      const v = await documentDocx(db, row.id, req.query.version);
      if (!v) throw new AppError('NOT_FOUND', { version: req.query.version });
      return reply
        .type(DOCX)
        .header('x-content-sha256', v.sha256)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', disposition('attachment', `${fileName(row.number, row.title)}（第${v.version}版）.docx`))
        .send(v.docx);
    },
  );

  app.get(
    '/documents/:id/pdf',
    {
      config: { access: { roles: DOCUMENT_READERS } },
      schema: {
        tags,
        summary:
          'The PDF of the latest version (or ?version=N), rendered by LibreOffice on the server; 503 PDF_UNAVAILABLE without it (download the .docx instead)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: Binary('a PDF'), ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (req, reply) => {
      const row = await mustFind(req, req.params.id);
      const v = await documentDocx(db, row.id, req.query.version);
      if (!v) throw new AppError('NOT_FOUND', { version: req.query.version });
      let pdf = (await db.selectFrom('document_pdf').select('pdf').where('docx_sha256', '=', v.sha256).executeTakeFirst())?.pdf;
      if (!pdf) {
        pdf = await convertToPdf(v.docx);
        await db
          .insertInto('document_pdf')
          .values({ docx_sha256: v.sha256, sha256: createHash('sha256').update(pdf).digest('hex'), pdf, created_at: app.ctx.now() })
          .onConflict((oc) => oc.column('docx_sha256').doNothing())
          .execute();
      }
      return reply
        .type('application/pdf')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', disposition('inline', `${fileName(row.number, row.title)}（第${v.version}版）.pdf`))
        .send(pdf);
    },
  );

  app.post(
    '/documents/:id/regenerate',
    {
      config: { access: { roles: DOCUMENT_WRITERS } },
      schema: {
        tags,
        summary: 'Regenerate from the data as it is now (after a correction): a new version with the same number; the old versions are kept',
        params: IdParams,
        body: ReasonBody,
        response: { 201: DocumentDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await mustFind(req, req.params.id, 'change');
      await db.transaction().execute((trx) => regenerateCaseDocument(trx, req.params.id, req.body.reason.trim(), auditMeta(req)));
      return reply.code(201).send(await detail(req, req.params.id));
    },
  );

  app.post(
    '/documents/:id/void',
    {
      config: { access: { roles: DOCUMENT_WRITERS } },
      schema: {
        tags,
        summary: 'Void a document: it keeps its number (never reissued); a last version says 此件已作废 and why',
        params: IdParams,
        body: ReasonBody,
        response: { 200: DocumentDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await mustFind(req, req.params.id, 'change');
      await db.transaction().execute((trx) => voidDocument(trx, req.params.id, req.body.reason.trim(), auditMeta(req)));
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/documents/:id/services',
    {
      config: { access: { roles: DOCUMENT_WRITERS } },
      schema: {
        tags,
        summary:
          'Record the service (送达) of a document: method (direct, post + tracking number, electronic, public announcement), date, recipient, receipt evidence',
        params: IdParams,
        body: ServiceBody,
        response: { 201: DocumentDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await mustFind(req, req.params.id, 'change');
      await serveDocument(db, req.scope, req.params.id, req.body, auditMeta(req), localToday(app.ctx.now()));
      return reply.code(201).send(await detail(req, req.params.id));
    },
  );
};
