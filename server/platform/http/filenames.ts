/**
 * Names of downloaded files (issue #19, item 10). A stored original name is the uploader's text: it may carry
 * bidirectional controls (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`), control characters, path separators, or an
 * executable or HTML extension. A download name keeps the readable part and takes the extension of the file's real
 * type (checked by magic bytes at upload), so what the browser saves is what it is.
 */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

// C0/C1 controls, bidirectional marks, embeddings, overrides and isolates, zero-width characters, BOM
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function safeDownloadName(original: string, mimeType: string): string {
  const ext = EXTENSIONS[mimeType] ?? 'bin';
  let base = original.replace(INVISIBLE, '').replace(/[\\/:*?"<>|]/g, '_');
  base = base.replace(/\.[A-Za-z0-9]{1,10}$/, ''); // whatever extension it claimed
  base = base
    .replace(/[.\s]+$/g, '')
    .replace(/^[.\s]+/g, '')
    .slice(0, 150);
  return `${base || 'file'}.${ext}`;
}
