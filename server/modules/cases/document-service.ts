/**
 * The service (送达) of a notice whose period runs from service, served later than issued: the system's
 * `recordService` act (server/domain/lifecycle/service.ts; the local choice case.periodRunsFromService) moves the
 * case's deadline to the period counted from the service date — in the service record's transaction, with the act's
 * own audit record (the case's stream) beside the document's (document.serve).
 */
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { registerServiceEffect } from '../documents/index.ts';
import { applyCaseActIn } from './commands/apply-case-act.ts';

const ALL = { territories: null, dimensions: null, registry: true } as const;

registerServiceEffect(async (trx, served, meta) => {
  const r = await applyCaseActIn(
    trx,
    served.caseId,
    { kind: 'recordService', date: served.servedOn, payload: { documentNo: served.documentNo, method: served.method } },
    { actor: SYSTEM_ACTOR, now: meta.now, requestId: meta.requestId, ip: meta.ip },
    { role: 'system', scope: ALL },
  );
  return { dueOn: r.dueOn };
});
