/**
 * Registry Excel I/O: the import template, the all-or-nothing import (multipart field `file`, ?dryRun=1), and the
 * streamed export of an enterprise list filter.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { withUploadedWorkbook } from '../../platform/spreadsheet/slots.ts';
import { REGISTRY_READERS, REGISTRY_WRITERS } from '../enterprises/index.ts';
import { EnterpriseFilterQuery } from '../enterprises/index.ts';
import { loadRegistryReference } from '../enterprises/index.ts';
import { exportEnterprises } from './export.ts';
import { runImport } from './import.ts';
import { buildTemplate } from './template.ts';
import { buildErrorReport } from './error-report.ts';
import type { ImportIssue } from './parse.ts';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
const Counts = Type.Object({ enterprises: Type.Integer(), lines: Type.Integer() });
const Issue = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Type.String(),
  code: Type.String(),
  message: Type.String(),
  messageZh: Type.String(),
});
const ImportReport = Type.Object({
  ok: Type.Boolean(),
  dryRun: Type.Boolean(),
  sha256: Type.String(),
  created: Counts,
  updated: Counts,
  unchanged: Counts,
  alerts: Type.Integer({ description: 'relocation/restart alerts raised by the new lines' }),
  pending: Type.Optional(
    Type.Object(
      { enterprises: Type.Integer(), lines: Type.Integer() },
      {
        description:
          'rows kept for the city office to confirm (a registration of a code it must check); their lines are not written. Absent for a territory account, whose `created` counts them (answered alike: issue 19 item 5, ADR 0013)',
      },
    ),
  ),
  errors: Type.Array(Issue, { description: 'the first 200 errors' }),
  errorCount: Type.Optional(Type.Integer({ description: 'all errors found (errors holds the first 200)' })),
});

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const registryIoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });

  app.get(
    '/registry/import-template.xlsx',
    {
      config: { access: { roles: REGISTRY_WRITERS } },
      schema: {
        tags: ['registry-io'],
        summary: 'The import template (企业, 生产线, 说明 with the valid codes)',
        response: { 200: Binary, ...errorResponses(401, 403) },
      },
    },
    async (_req, reply) => {
      const buf = await buildTemplate(await loadRegistryReference(db), app.ctx.now().toISOString().slice(0, 10));
      return reply.type(XLSX).header('content-disposition', attachment('企业及生产线导入模板.xlsx')).send(buf);
    },
  );

  app.post(
    '/registry/import',
    {
      config: { access: { roles: REGISTRY_WRITERS } },
      schema: {
        tags: ['registry-io'],
        summary: 'Import enterprises and lines from .xlsx (multipart field `file`); all or nothing; ?dryRun=1 only checks',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')])) }),
        response: { 200: ImportReport, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
      },
    },
    async (req) => {
      return withUploadedWorkbook(req, { userId: actorOf(req).userId, max: app.ctx.config.importConcurrency }, async (buf, fileName) => {
        const dry = req.query.dryRun;
        return await runImport(db, buf, auditMeta(req), {
          dryRun: dry === true || dry === '1',
          fileName,
          maxRows: app.ctx.config.importMaxRows,
          parseTimeoutMs: app.ctx.config.importParseTimeoutMs,
          reviewAll: app.ctx.config.registrationReview === 'all',
        });
      });
    },
  );

  app.post(
    '/registry/import/error-report.xlsx',
    {
      config: { access: { roles: REGISTRY_WRITERS } },
      schema: {
        tags: ['registry-io'],
        summary:
          'The row-level error report of an import, as .xlsx: the file sent (multipart field `file`) with each bad cell highlighted and its reason, and a list of errors; writes nothing',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'language of the reasons (default zh)' })),
        }),
        response: { 200: Binary, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      return withUploadedWorkbook(req, { userId: actorOf(req).userId, max: app.ctx.config.importConcurrency }, async (buf, fileName) => {
        // the same check as a dry run (writes nothing); its errors are the report's
        let errors: ImportIssue[] = [];
        try {
          await runImport(db, buf, auditMeta(req), { dryRun: true, fileName, maxRows: app.ctx.config.importMaxRows });
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'IMPORT_REJECTED') throw e;
          errors = ((e.details as { errors?: ImportIssue[] } | undefined)?.errors ?? []).slice();
        }
        const out = await buildErrorReport(buf, errors, req.query.lang ?? 'zh', { timeoutMs: app.ctx.config.importParseTimeoutMs });
        const base = fileName.replace(/\.xlsx$/i, '') || 'import';
        return reply
          .type(XLSX)
          .header('content-disposition', attachment(`${base}-${req.query.lang === 'en' ? 'errors' : '错误报告'}.xlsx`))
          .send(out);
      });
    },
  );

  app.get(
    '/enterprises/export.xlsx',
    {
      config: { access: { roles: REGISTRY_READERS } },
      schema: {
        tags: ['registry-io'],
        summary: 'Export the enterprises of a list filter, and their lines, as .xlsx (streamed)',
        querystring: Type.Object(EnterpriseFilterQuery),
        response: { 200: Binary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const out = new PassThrough();
      exportEnterprises(app.reader(req).db, req.scope, req.query, out).catch((err: unknown) => {
        req.log.error({ err }, 'export failed');
        out.destroy(err as Error);
      });
      const stamp = app.ctx.now().toISOString().slice(0, 10);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`企业名录-${stamp}.xlsx`))
        .send(out);
    },
  );
};
