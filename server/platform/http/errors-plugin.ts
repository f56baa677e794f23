/**
 * The one place where errors become HTTP responses: RFC 9457 problem+json with a stable `code` and a message in
 * Chinese and English. 5xx responses never carry the error's own text, a stack trace or an internal field.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, messages as domainMessages } from '../../domain/errors.ts';
import { AppError, ERROR_CODES } from '../errors.ts';

/** HTTP status of each domain error code (domain code never knows about HTTP). */
const DOMAIN_STATUS: Record<string, number> = {
  ILLEGAL_TRANSITION: 409,
  GUARD_FAILED: 409,
  INVALID_ACT_INPUT: 422,
  INVALID_PERIOD: 400,
  INVALID_CREDIT_CODE: 422,
  INVALID_CREDIT_CODE_FORMAT: 422,
  ROLE_NOT_ALLOWED: 403,
  PARAMETER_NOT_IN_FORCE: 422,
  UNKNOWN_BASIS: 422,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  message: string;
  messageZh: string;
  detail?: string;
  details?: Record<string, unknown>;
  requestId: string;
  instance?: string;
}

function problem(req: FastifyRequest, status: number, code: string, zh: string, en: string, details?: Record<string, unknown>): Problem {
  const p: Problem = {
    type: `https://phaseout.invalid/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: en,
    status,
    code,
    message: en,
    messageZh: zh,
    requestId: String(req.id),
    instance: req.url.split('?')[0],
  };
  if (details && Object.keys(details).length > 0) p.details = details;
  return p;
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

function isDbDown(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg = (err as Error | undefined)?.message ?? '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin_shutdown (also "terminating connection due to unexpected postmaster exit")
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up, crash recovery)
    code === '08006' ||
    code === '08001' ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Client was closed/i.test(msg)
  );
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof AppError) {
      const spec = ERROR_CODES[err.code];
      const retry = err.details?.retryAfterSeconds;
      if (typeof retry === 'number' && retry > 0) reply.header('retry-after', String(Math.ceil(retry)));
      return sendProblem(reply, problem(req, spec.status, err.code, spec.zh, spec.en, err.details));
    }
    if (err instanceof DomainError) {
      const m = domainMessages[err.code] ?? { zh: err.code, en: err.code };
      return sendProblem(reply, problem(req, DOMAIN_STATUS[err.code] ?? 422, err.code, m.zh, m.en, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const errors = fe.validation.map((v) => ({
        field: `${fe.validationContext ?? ''}${v.instancePath || ''}${v.params && 'missingProperty' in v.params ? `/${String(v.params.missingProperty)}` : ''}`,
        message: v.message ?? 'invalid',
      }));
      const s = ERROR_CODES.VALIDATION_FAILED;
      return sendProblem(reply, problem(req, 400, 'VALIDATION_FAILED', s.zh, s.en, { errors }));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      const s = ERROR_CODES.PAYLOAD_TOO_LARGE;
      return sendProblem(reply, problem(req, 413, 'PAYLOAD_TOO_LARGE', s.zh, s.en));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      const s = ERROR_CODES.UNSUPPORTED_MEDIA_TYPE;
      return sendProblem(reply, problem(req, 415, 'UNSUPPORTED_MEDIA_TYPE', s.zh, s.en));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // framework 4xx (bad JSON, empty body...): its message is about the request, safe to show in English
      const s = ERROR_CODES.BAD_REQUEST;
      return sendProblem(reply, problem(req, fe.statusCode, 'BAD_REQUEST', s.zh, s.en, { reason: fe.message }));
    }
    // Backstop (issue #19, item 7): a value PostgreSQL cannot hold (class 22: out of range, NUL, bad encoding) or a
    // limit it enforces (54000) is the request's fault, not the server's; its transaction rolled back. The input
    // guard and the schemas refuse such values before they get here, naming the field.
    const pgCode = (err as { code?: unknown }).code;
    if (typeof pgCode === 'string' && /^(22[0-9A-Z]{3}|54000)$/.test(pgCode) && (err as { severity?: unknown }).severity !== undefined) {
      req.log.warn({ err: { message: err.message, code: pgCode } }, 'value refused by the database');
      const s = ERROR_CODES.VALIDATION_FAILED;
      return sendProblem(reply, problem(req, 400, 'VALIDATION_FAILED', s.zh, s.en, { reason: 'a value is out of range or not storable' }));
    }
    if (isDbDown(err)) {
      req.log.error({ err: { message: err.message, code: (err as NodeJS.ErrnoException).code } }, 'database unavailable');
      const s = ERROR_CODES.DATABASE_UNAVAILABLE;
      reply.header('retry-after', '2');
      return sendProblem(reply, problem(req, 503, 'DATABASE_UNAVAILABLE', s.zh, s.en));
    }
    req.log.error({ err }, 'unhandled error');
    const s = ERROR_CODES.INTERNAL;
    return sendProblem(reply, problem(req, 500, 'INTERNAL', s.zh, s.en));
  });

  app.setNotFoundHandler((req, reply) => {
    const s = ERROR_CODES.ROUTE_NOT_FOUND;
    return sendProblem(reply, problem(req, 404, 'ROUTE_NOT_FOUND', s.zh, s.en));
  });
}
