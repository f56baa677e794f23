/**
 * The canonical JSON that audit, document, published-list and report-package hashes are computed over (ADR 0006): stored hashes
 * depend on its exact text, so a faster implementation must produce the same bytes as the definition.
 */
import { describe, expect, it } from 'vitest';
import { canonical } from './canonical.ts';

/** The definition (the first implementation, kept here as the reference). */
function reference(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical JSON (ADR 0006: hash chains over canonical text)', () => {
  it('sorts keys at every level, leaves out undefined keys, writes undefined in arrays as null', () => {
    expect(canonical({ b: 1, a: { d: [1, undefined, 'x'], c: null, e: undefined } })).toBe('{"a":{"c":null,"d":[1,null,"x"]},"b":1}');
    expect(canonical([])).toBe('[]');
    expect(canonical({})).toBe('{}');
    expect(canonical(undefined)).toBe('null');
  });

  it('gives the same text as the definition on varied values (Chinese keys and text, escapes, numbers, nesting)', () => {
    const values: unknown[] = [
      0,
      -1.5e-7,
      'a"b\\c\n',
      true,
      { 承办人: '张三', state: 'rectifying', n: [3, 2, 1], nested: { z: { y: { x: [{ b: 2, a: 1 }] } } } },
      { after: { state: 'overdue', params: [{ id: 'p', value: 6, basisId: 'plan-2020-§2.1' }], document: { number: '芜发改〔2020〕1号' } } },
      [{ k: undefined }, [], [[null]], { '': 1, ' ': 2, A: 3, a: 4, é: 5 }],
    ];
    for (let i = 0; i < 200; i++) {
      const o: Record<string, unknown> = {};
      for (let j = 0; j < (i % 7) + 1; j++) o[`k${(i * 31 + j * 17) % 13}`] = j % 3 === 0 ? [j, `v${i}`] : j % 3 === 1 ? { x: i, y: undefined } : `值${j}`;
      values.push(o);
    }
    for (const v of values) expect(canonical(v)).toBe(reference(v));
  });
});
