/**
 * Reads a .docx back (tests, the bench's checks, the console's preview fallback): one entry of the ZIP by its
 * central directory, inflated with node:zlib, and the paragraphs' text of word/document.xml.
 */
import { inflateRawSync } from 'node:zlib';

/** The bytes of one ZIP entry, or null when absent. */
export function zipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && zip.readUInt32LE(p) === 0x02014b50; n++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extra + comment;
  }
  return null;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** The text of each paragraph of word/document.xml (runs joined, tabs as \t). */
export function docxParagraphs(docx: Buffer): string[] {
  const xml = zipEntry(docx, 'word/document.xml')?.toString('utf8');
  if (xml === undefined) throw new Error('not a .docx: word/document.xml is missing');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((t) => (t[1] ?? '\t').replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e] ?? e))
      .join(''),
  );
}
