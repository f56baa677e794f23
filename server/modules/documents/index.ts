/** The documents module's public face: what other modules may import (the case act issues its documents through it). */
export { renderPendingDocuments } from './documents.service.ts';
export { actIssuesDocument, issueActDocuments } from './case-documents.ts';
export { issueDocument, registerTemplate, renderDocument, renderIssuedDocument, type DocumentTemplate } from './documents.service.ts';
export type { Block, DocumentBody } from './layout.ts';
export { documentReference, resolveUnit } from './numbering.ts';
