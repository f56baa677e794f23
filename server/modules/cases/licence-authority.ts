/**
 * §2.4 "需要吊销相关证照的由该证照的发证机关": the department that issued a licence recorded on a safety case revokes
 * it, even when it leads another dimension (市场监管 for a production licence, 生态环境 for a discharge permit…).
 * Such a department READS the cases naming it as the licence's issuing authority (`issuingDepartmentCode`) — and
 * only those, within its territories — and may take on them only the act of recording the revocation; every other
 * case of the dimension stays out of its scope (404), every other act refused (403). Reading such a case includes its
 * documents and evidence (documents.repository.ts, evidence.routes.ts), not their changes.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { caseReadScope } from '../../platform/auth/scope-sql.ts';
import type { CaseState } from '../../domain/lifecycle/index.ts';

/** The one act a licence authority outside the case's dimension may take. */
export const LICENCE_AUTHORITY_ACT = 'recordLicenceRevoked';

/** Case rows the scope reads: its dimensions or, for a department, the safety cases naming it as a licence's issuer. */
export { caseReadScope };

/** Whether the actor is named on the case as the issuing department of a licence (any status). */
export function isLicenceAuthority(actor: Actor, snapshot: unknown): boolean {
  if (actor.kind !== 'user' || actor.role !== 'department' || !actor.departmentCode) return false;
  const licences = (snapshot as Partial<CaseState> | null)?.licences ?? [];
  return licences.some((l) => l.issuingDepartmentCode === actor.departmentCode);
}

/** Whether a licence the actor's department issued still waits on the case for its revocation (the act to offer). */
export function hasPendingRevocation(actor: Actor, snapshot: unknown): boolean {
  if (actor.kind !== 'user' || !actor.departmentCode) return false;
  const licences = (snapshot as Partial<CaseState> | null)?.licences ?? [];
  return licences.some((l) => l.issuingDepartmentCode === actor.departmentCode && l.status === 'pending');
}
