import type { FastifyRequest } from 'fastify';
import type { AuditMeta } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { UserActor } from '../auth/actor.ts';

/** The signed-in actor of a request whose route requires one (the access hook already refused anonymous calls). */
export function actorOf(req: FastifyRequest): UserActor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/** Audit metadata of a request: actor, request id, client IP, and the app clock's now. */
export function auditMeta(req: FastifyRequest): AuditMeta {
  return { actor: actorOf(req), requestId: String(req.id), ip: req.ip, now: req.server.ctx.now() };
}
