/**
 * Console API for the law-faithful parts of a case page (issue 10): the acts allowed as of a day (GET
 * /cases/{id}?asOf=), the case's warnings and legal facts. Kept in the page folder (web/src/api/types.ts is being
 * generated from /openapi.json by another change).
 */
import { request } from '../../api/client.ts';
import type { CaseDetail } from '../../api/index.ts';

export interface CaseWarning {
  code: string;
  zh: string;
  en: string;
}

export interface LegalFacts {
  rectificationDue?: string;
  nonConformities?: Array<{ date: string; measured?: string }>;
  governmentApproval?: { requestedOn: string; measure?: 'cease' | 'close'; decision?: 'approved' | 'refused'; decidedOn?: string; documentNo?: string };
  ceaseOrClose?: { measure: 'cease' | 'close'; date: string; documentNo?: string };
  licences?: Array<{
    licence: string;
    issuingAuthority: string;
    status: 'pending' | 'revoked';
    revokedOn?: string;
    revokedBy?: { decisionNo?: string; departmentCode?: string };
  }>;
  noLicencesHeld?: { date: string; note: string };
  acceptance?: { date: string; certificateId: string; certificateNo?: string };
}

export type CaseDetailAsOf = CaseDetail & { asOf?: string; warnings?: CaseWarning[]; legalFacts?: LegalFacts };

/** The case as the platform sees it on `asOf` (its allowedActs are those allowed on that day). */
export function caseAsOf(id: number, asOf: string): Promise<CaseDetailAsOf> {
  return request<CaseDetailAsOf>(`/cases/${id}`, { query: { asOf } });
}
