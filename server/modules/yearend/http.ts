/** Small HTTP helpers of the year-end routes (file answers). */
import { Type } from '@sinclair/typebox';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'a file (.xlsx, .docx or .json)' });
/** Content-Disposition with an ASCII fallback and the UTF-8 name. */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
