/** The registry import/export module's public face: what other modules may import. */
export { loadExcel } from './sheets.ts';
export { cellText, looksLikeXlsx } from './parse.ts';
