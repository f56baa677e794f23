/**
 * What the service (送达) of a document does beyond its record: a document whose period runs from service (the
 * 限期整改通知书) moves the case's deadline when it is served later than it was issued. The cases module registers
 * the effect (server/modules/cases/document-service.ts: the system's `recordService` act), so that this module does
 * not reach into the case lifecycle; the effect runs in the service record's transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditMeta } from '../../platform/audit/audit.ts';

export interface ServedNotice {
  caseId: number;
  /** the act that issued the document (its date is where the period ran from until now) */
  actId: number;
  servedOn: string;
  documentNo: string;
  method: 'direct' | 'post' | 'electronic' | 'announcement';
}

export type ServiceEffect = (trx: Transaction<DB>, served: ServedNotice, meta: AuditMeta) => Promise<{ dueOn: string | null } | void>;

let effect: ServiceEffect | null = null;

export function registerServiceEffect(fn: ServiceEffect): void {
  effect = fn;
}

export function serviceEffect(): ServiceEffect | null {
  return effect;
}
