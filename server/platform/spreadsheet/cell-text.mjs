// The text of a spreadsheet cell, shared by the workbook workers (sheet-worker.mjs reads imports, report-worker.mjs
// marks the error report). Plain JavaScript, copied beside the bundle with them (scripts/build-server.mjs).

/** The text of a cell, whatever Excel stored (the same rules as registry-io/parse.ts cellText). */
export function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText
        .map((r) => (r && typeof r.text === 'string' ? r.text : ''))
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
    if ('formula' in v || 'sharedFormula' in v) return '';
  }
  return String(v).trim();
}
