import { describe, expect, it } from 'vitest';
import { ImageRejected, sanitizeImage, sniffImage } from './images.ts';
import { jpegWithExif, pngWithText } from '../../../test/support/test-images.ts';

describe('tip photos: type by content, metadata stripped (issue 14)', () => {
  it('a JPEG loses its EXIF (APP1) and comment segments and keeps its image data', () => {
    const src = jpegWithExif();
    expect(src.includes(Buffer.from('Exif'))).toBe(true);
    const { type, data } = sanitizeImage(src);
    expect(type).toBe('image/jpeg');
    expect(data.includes(Buffer.from('Exif'))).toBe(false);
    expect(data.includes(Buffer.from('GPS-SECRET'))).toBe(false);
    expect(data.includes(Buffer.from('camera comment'))).toBe(false);
    expect(data.includes(Buffer.from('JFIF'))).toBe(true);
    expect(data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('a PNG loses its text and time chunks', () => {
    const { type, data } = sanitizeImage(pngWithText());
    expect(type).toBe('image/png');
    expect(data.includes(Buffer.from('tEXt'))).toBe(false);
    expect(data.includes(Buffer.from('IDAT'))).toBe(true);
    expect(data.includes(Buffer.from('IEND'))).toBe(true);
  });

  it('anything else, or a truncated image, is refused', () => {
    expect(sniffImage(Buffer.from('%PDF-1.4'))).toBeNull();
    expect(() => sanitizeImage(Buffer.from('GIF89a......'))).toThrow(ImageRejected);
    expect(() => sanitizeImage(jpegWithExif().subarray(0, 30))).toThrow(ImageRejected);
    expect(() => sanitizeImage(pngWithText().subarray(0, 40))).toThrow(ImageRejected);
  });
});
