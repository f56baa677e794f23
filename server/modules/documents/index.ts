/** The documents module's public face: what other modules may import (the case act issues its documents through it). */
export { renderPendingDocuments } from './documents.service.ts';
export { actIssuesDocument, issueActDocuments } from './case-documents.ts';
export { registerServiceEffect, type ServedNotice } from './service-effects.ts';
