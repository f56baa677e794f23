/**
 * Photos attached to public tips: the type is decided by content (magic bytes), never by the name or the declared
 * type, and metadata is stripped before anything is stored — in JPEG every APPn segment but APP0 (JFIF) and every
 * comment (EXIF with its GPS position and camera serial lives in APP1, XMP in APP1, IPTC in APP13); in PNG the
 * text, time and EXIF chunks. Pure code, no native dependency. A file that does not parse is refused.
 */

export type ImageType = 'image/jpeg' | 'image/png';

export class ImageRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export function sniffImage(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIG)) return 'image/png';
  return null;
}

function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 4 > b.length) throw new ImageRejected('JPEG ends inside its headers');
    if (b[i] !== 0xff) throw new ImageRejected('JPEG segment marker expected');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) throw new ImageRejected('JPEG has no image data');
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) throw new ImageRejected('JPEG segment length out of bounds');
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && marker !== 0xe0) || marker === 0xfe;
    if (!drop) out.push(b.subarray(i, i + 2 + len));
    if (marker === 0xda) {
      // start of scan: the entropy-coded image data and the rest of the file follow unchanged
      out.push(b.subarray(i + 2 + len));
      return Buffer.concat(out);
    }
    i += 2 + len;
  }
}

function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIG];
  let i = 8;
  let sawHeader = false;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + len > b.length) throw new ImageRejected('PNG chunk out of bounds');
    if (!sawHeader && type !== 'IHDR') throw new ImageRejected('PNG must start with IHDR');
    sawHeader = true;
    if (!PNG_DROP.has(type)) out.push(b.subarray(i, i + 12 + len));
    i += 12 + len;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new ImageRejected('PNG has no IEND chunk');
}

/** Checks the content and strips metadata; throws ImageRejected for anything that is not a well-formed JPEG or PNG. */
export function sanitizeImage(b: Buffer): { type: ImageType; data: Buffer } {
  const type = sniffImage(b);
  if (!type) throw new ImageRejected('only JPEG and PNG photos are accepted');
  return { type, data: type === 'image/jpeg' ? stripJpeg(b) : stripPng(b) };
}
