/**
 * The resettlement module's public face: the attachment header and the enterprise filter the other levers share; an
 * enterprise's figures and the totals over a set of enterprises (the acceptance certificate and the year-end summaries
 * read them; issue 12).
 */
export { enterpriseWhere } from './resettlement.repository.ts';
export { attachment } from './resettlement.routes.ts';
export { resettlementForEnterprise, resettlementTotals, type ResettlementSummary } from './resettlement.read.ts';
