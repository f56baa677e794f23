/**
 * Evidence files: upload (multipart, field `file`, ≤ 20 MB, PDF/JPEG/PNG/DOCX/XLSX by magic bytes) and download.
 * A file is visible to its uploader and to everyone who may see a case whose acts reference it (a licence's issuing
 * department included, for the safety cases naming it: caseReadScope).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { sql, type Expression, type SqlBool } from 'kysely';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { safeDownloadName } from '../../platform/http/filenames.ts';
import { caseReadScope } from '../../platform/auth/scope-sql.ts';
import { EVIDENCE_MAX_BYTES, evidenceRoot, openEvidence, registerEvidence, storeEvidence } from './evidence-store.ts';
import { EvidenceFile, Sha256Params } from './cases.schemas.ts';

const roles = ['office', 'department', 'territory', 'government'] as const;
const tags = ['evidence'];

export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  await app.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 10, parts: 12 } });

  app.post(
    '/evidence',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'Upload an evidence file (multipart/form-data, field "file"; PDF, JPEG, PNG, DOCX, XLSX up to 20 MB); answers its SHA-256',
        consumes: ['multipart/form-data'],
        response: { 201: EvidenceFile, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'send multipart/form-data with a field "file"' });
      const part = await req.file();
      if (!part || part.fieldname !== 'file')
        throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/file', message: 'a file in the field "file" is required' }] });
      const name = (part.filename || 'file').slice(0, 255);
      const stored = await storeEvidence(evidenceRoot(app.ctx), part.file, name);
      const f = await registerEvidence(db, stored, auditMeta(req));
      return reply.code(201).send(f);
    },
  );

  app.get(
    '/evidence/:sha256',
    {
      config: { access: { roles } },
      schema: {
        tags,
        summary: 'Download an evidence file (its uploader, or users who may see a case that references it)',
        params: Sha256Params,
        response: { 200: Type.Unknown({ description: 'the file, with its stored content type' }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const sha = req.params.sha256;
      const row = await db
        .selectFrom('evidence_file as f')
        .select(['f.sha256', 'f.mime_type', 'f.original_name', 'f.size_bytes'])
        .where('f.sha256', '=', sha)
        .where(
          (eb) =>
            eb.or([
              // uploaded by the caller's own unit (issue #19, item 6: knowing a hash is not access)
              eb.exists(
                eb
                  .selectFrom('evidence_upload as eu')
                  .innerJoin('app_user as u', 'u.id', 'eu.user_id')
                  .select(sql<number>`1`.as('one'))
                  .whereRef('eu.sha256', '=', 'f.sha256')
                  .where('u.role', '=', actor.role)
                  .where(sql<string>`coalesce(u.territory_code, '')`, '=', actor.territoryCode ?? '')
                  .where(sql<string>`coalesce(u.department_code, '')`, '=', actor.departmentCode ?? ''),
              ),
              eb.exists(
                eb
                  .selectFrom('act_evidence as ae')
                  .innerJoin('case_act as a', 'a.id', 'ae.act_id')
                  .innerJoin('case_file as c', 'c.id', 'a.case_id')
                  .select(sql<number>`1`.as('one'))
                  .whereRef('ae.sha256', '=', 'f.sha256')
                  .where(caseReadScope(req.scope, 'c.territory_code', 'c.dimension', 'c.snapshot')),
              ),
            ]) as unknown as Expression<SqlBool>,
        )
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      // checked against its hash as it streams: an altered file ends the download with an error, never reaches a user whole
      const content = await openEvidence(evidenceRoot(app.ctx), sha);
      const name = safeDownloadName(row.original_name, row.mime_type);
      const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .type(row.mime_type)
        .header('content-length', String(row.size_bytes))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600, immutable')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(content);
    },
  );
};
