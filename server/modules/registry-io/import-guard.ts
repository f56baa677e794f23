/**
 * Bounds on registry imports (issue #19, item 4). The pieces live in the shared spreadsheet reader
 * (server/platform/spreadsheet/): the ZIP central directory checked before anything inflates (a bomb answers 413),
 * the row limit (PHASEOUT_IMPORT_MAX_ROWS, a LOCAL CHOICE, default 20,000) at which the streamed reader stops, parsing
 * in a worker thread with a time-out and a heap cap, one import per account and PHASEOUT_IMPORT_CONCURRENCY in the
 * process (IMPORT_BUSY with Retry-After). Here: the cap of the error report.
 */
export {
  assertInflatable,
  IMPORT_MAX_INFLATED_BYTES,
  MAX_ENTRIES,
  MAX_RATIO,
  tooManyRows,
  zipSummary,
  type ZipSummary,
} from '../../platform/spreadsheet/reader.ts';
export { acquireImportSlot } from '../../platform/spreadsheet/slots.ts';

export const MAX_REPORTED_ERRORS = 200;
