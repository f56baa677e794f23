/** Canonical JSON: the one text that audit records, document contents, published lists and report packages are hashed and signed over. Pure. */

/**
 * JSON with keys sorted at every level, so that a value read back from jsonb hashes the same. Keys whose value is
 * undefined are left out; undefined elsewhere is null. Written as loops (it runs for every audit record and document
 * content on the act's hot path); the text is what it always was — stored hashes depend on it.
 */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + canonical(value[i]);
    return `${s}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    s += `${first ? '' : ','}${JSON.stringify(k)}:${canonical(v)}`;
    first = false;
  }
  return `${s}}`;
}
