/**
 * Acceptance certificates (验收单, plan §3.4), one per exit (the case whose lines exit). Scope: the case's — office and
 * government all; departments the dimensions they lead; counties their own. Out of scope answers 404.
 * The county (or the office) fills in the checks; the enterprise representative (recorded by the county), the county
 * and the lead city department sign in that order; the last sign-off completes it and accepts the case.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { FastifyRequest } from 'fastify';
import { localToday } from '../../platform/clock.ts';
import { loadExcel } from '../registry-io/index.ts';
import { caseForCertificate, certificateOfCase, linesOfCase, listCertificates, signoffsOf } from './certificates.repository.ts';
import { presentCertificate } from './certificate.presenter.ts';
import { presentResettlement, resettlementOf } from './certificate-workers.ts';
import { returnCertificate, saveCertificate, signCertificate } from './commands/certificate-commands.ts';
import { Certificate, CertificateItem, CertificateListQuery, ReturnBody, SaveCertificateBody, SignBody, SignResult } from './certificates.schemas.ts';
import { certificateDocx, DOCX } from './yearend.documents.ts';
import { attachment, Binary, XLSX } from './http.ts';

export const CERTIFICATE_READERS = ['office', 'department', 'territory', 'government'] as const;
const tags = ['certificates'];

const STATUS_ZH: Record<string, string> = { draft: '填写中', returned: '已退回', complete: '已完成' };

export const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const today = () => localToday(app.ctx.now());

  const view = async (req: FastifyRequest, caseId: number) => {
    const c = await caseForCertificate(db, req.scope, caseId);
    if (!c) throw new AppError('NOT_FOUND');
    const cert = await certificateOfCase(db, caseId);
    const [signoffs, lines, resettlement] = await Promise.all([
      cert ? signoffsOf(db, cert.id) : Promise.resolve([]),
      linesOfCase(db, caseId),
      resettlementOf(db, c.enterprise_id),
    ]);
    return presentCertificate(c, cert, signoffs, lines, actorOf(req), presentResettlement(resettlement));
  };

  app.get(
    '/cases/:id/certificate',
    {
      config: { access: { roles: CERTIFICATE_READERS } },
      schema: {
        tags,
        summary: "The case's acceptance certificate (status 'none' when not yet filled in): checks, sign-offs, who signs next",
        params: IdParams,
        response: { 200: Certificate, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => view(req, req.params.id),
  );

  app.put(
    '/cases/:id/certificate',
    {
      config: { access: { roles: ['office', 'territory'] } },
      schema: {
        tags,
        summary: 'Fill in (or correct) the certificate of a case awaiting acceptance: checks with evidence, workers resettled, opinion (before anyone signs)',
        params: IdParams,
        body: SaveCertificateBody,
        response: { 200: Certificate, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await saveCertificate(db, req.params.id, req.body, auditMeta(req));
      return view(req, req.params.id);
    },
  );

  app.post(
    '/cases/:id/certificate/sign',
    {
      config: { access: { roles: ['territory', 'department'] } },
      schema: {
        tags,
        summary:
          'Record a sign-off (enterprise representative by the county with the signed scan, the county, the lead city department); the last completes the certificate and accepts the case',
        params: IdParams,
        body: SignBody,
        response: { 201: SignResult, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await signCertificate(db, req.params.id, req.body, auditMeta(req), today());
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/cases/:id/certificate/return',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary: 'The office returns a certificate with its reason (sign-offs withdrawn)',
        params: IdParams,
        body: ReturnBody,
        response: { 200: Certificate, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await returnCertificate(db, req.params.id, req.body.reason, auditMeta(req));
      return view(req, req.params.id);
    },
  );

  app.get(
    '/cases/:id/certificate.docx',
    {
      config: { access: { roles: CERTIFICATE_READERS } },
      schema: {
        tags,
        summary: 'The certificate as a Word document (a draft is marked as such)',
        params: IdParams,
        response: { 200: Binary, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const v = await view(req, req.params.id);
      if (v.status === 'none') throw new AppError('CERTIFICATE_INCOMPLETE', { reason: 'no certificate has been filled in for this case' });
      const buf = await certificateDocx(v, today(), app.ctx.config.referenceSet);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`验收单-${v.number ?? `草稿-${v.caseId}`}.docx`))
        .send(buf);
    },
  );

  app.get(
    '/certificates',
    {
      config: { access: { roles: CERTIFICATE_READERS } },
      schema: {
        tags,
        summary: 'Certificates (scoped): search by enterprise, credit code or number; filter by year, status, county',
        querystring: CertificateListQuery,
        response: { 200: ListOf(CertificateItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, offset, ...f } = req.query;
      const r = await listCertificates(db, req.scope, f, { limit: limit ?? 20, offset: offset ?? 0 });
      return { items: r.rows.map(presentItem), total: r.total };
    },
  );

  app.get(
    '/certificates/export.xlsx',
    {
      config: { access: { roles: CERTIFICATE_READERS } },
      schema: {
        tags,
        summary: 'The certificate list of a filter as .xlsx',
        querystring: Type.Omit(CertificateListQuery, ['limit', 'offset']),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const r = await listCertificates(db, req.scope, req.query, { limit: 100_000, offset: 0 });
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('验收单');
      ws.columns = [
        { header: '验收单编号', width: 22 },
        { header: '企业名称', width: 30 },
        { header: '统一社会信用代码', width: 22 },
        { header: '县区', width: 12 },
        { header: '方面', width: 10 },
        { header: '状态', width: 10 },
        { header: '验收日期', width: 12 },
      ];
      for (const x of r.rows)
        ws.addRow([x.number ?? '', x.enterprise_name, x.credit_code, x.territory_name, x.dimension_name, STATUS_ZH[x.status] ?? x.status, x.accepted_on ?? '']);
      const out = new PassThrough();
      void wb.xlsx.write(out).then(
        () => out.end(),
        (err: unknown) => out.destroy(err as Error),
      );
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`验收单-${today()}.xlsx`))
        .send(out);
    },
  );
};

function presentItem(r: Awaited<ReturnType<typeof listCertificates>>['rows'][number]) {
  const next = r.status === 'complete' ? null : (['enterprise', 'territory', 'department'] as const).find((u) => !r.signed.includes(u));
  const who = {
    enterprise: ['县区：录入企业签字', 'the county: record the enterprise signature'],
    territory: ['县区签署', 'the county signs'],
    department: ['市牵头部门签署', 'the lead city department signs'],
  } as const;
  return {
    id: r.id,
    caseId: r.case_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    territoryCode: r.territory_code,
    territoryName: r.territory_name,
    dimension: r.dimension,
    dimensionName: r.dimension_name,
    status: r.status,
    number: r.number,
    acceptedOn: r.accepted_on,
    signed: r.signed,
    nextActor: next ? { zh: who[next][0], en: who[next][1] } : null,
  };
}
