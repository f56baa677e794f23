/** The documents module's public face: what other modules may import (the case act issues its documents through it). */
export { renderPendingDocuments } from './documents.service.ts';
export { actIssuesDocument, caseContentSql, DOCUMENT_ACT_KINDS, prepareActDocument, type Gathered as CaseContentData } from './case-documents.ts';
export { documentInsertCtes, numberWith, type PreparedDocument } from './documents.service.ts';
export { issueDocument, registerTemplate, renderDocument, renderIssuedDocument, type DocumentTemplate } from './documents.service.ts';
export type { Block, DocumentBody } from './layout.ts';
export { documentReference, resolveUnit } from './numbering.ts';
export { registerServiceEffect, type ServedNotice } from './service-effects.ts';
