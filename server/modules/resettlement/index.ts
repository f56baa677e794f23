/**
 * What other modules may use of worker resettlement (plan §2.6): an enterprise's figures and the totals over a set
 * of enterprises (the acceptance certificate and the year-end summaries read them; issue 12).
 */
export { resettlementForEnterprise, resettlementTotals, type ResettlementSummary } from './resettlement.read.ts';
