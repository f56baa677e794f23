/**
 * Spreadsheet formula injection (issue #19, item 10; OWASP "CSV injection"): a text cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return can be taken for a formula by a spreadsheet program once the file is saved as
 * or pasted into something that evaluates it. Exported text cells that start so get a leading apostrophe, the
 * spreadsheet convention for "this is text". Numbers stay numbers.
 */
export function neutraliseCell<T>(v: T): T | string {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export const neutraliseRow = <T extends readonly unknown[]>(row: T): unknown[] => row.map(neutraliseCell);
