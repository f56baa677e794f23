/**
 * The certificate's "workers resettled" check reads the worker-resettlement record (plan §2.6, issue 15) where one
 * exists: its numbers replace any typed ones (source 'resettlement'; the record carries its own evidence), so the
 * certificate, its document and the year-end figures show one set of figures with one writer (the resettlement
 * module). Without a record the county types the numbers with evidence (source 'typed').
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WorkersRecord } from '../../domain/yearend/certificate.ts';
import { resettlementForEnterprise, type ResettlementSummary } from '../resettlement/index.ts';

export interface CertificateResettlement {
  workersAffected: number;
  resettled: number;
  transferred: number;
  reemployed: number;
  retired: number;
  other: number;
  fundsPlanned: string;
  fundsPaid: string;
  planFiledOn: string | null;
  complete: boolean;
}

export function presentResettlement(r: ResettlementSummary | null): CertificateResettlement | null {
  if (!r) return null;
  return {
    workersAffected: r.workersAffected,
    resettled: r.resettled,
    transferred: r.transferred,
    reemployed: r.reemployed,
    retired: r.retired,
    other: r.other,
    fundsPlanned: r.fundsPlanned,
    fundsPaid: r.fundsPaid,
    planFiledOn: r.planFiledOn,
    complete: r.complete,
  };
}

/** The workers record the certificate stands on: the resettlement record's numbers where one exists, else the typed ones. */
export function certificateWorkers(r: ResettlementSummary | CertificateResettlement | null, typed: WorkersRecord | null): WorkersRecord | null {
  if (!r) return typed;
  return { employees: r.workersAffected, resettled: r.resettled, evidenceIds: typed?.evidenceIds ?? [], source: 'resettlement' };
}

export async function resettlementOf(q: Kysely<DB> | Transaction<DB>, enterpriseId: number): Promise<ResettlementSummary | null> {
  return resettlementForEnterprise(q, enterpriseId);
}
