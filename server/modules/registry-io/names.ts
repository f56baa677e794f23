/**
 * Excel that speaks names (issue 17 item 3): the template's drop-downs and the export write the names officials
 * use (繁昌区, 水泥, 熟料生产线); an import accepts the name or the code in those columns. Pure: the reference data
 * in, the rows with codes out. A cell that is neither a known name nor a code is left as typed, so the usual rule
 * reports it (未知的属地 …) with the text the user wrote.
 */
import type { RegistryReference } from '../enterprises/index.ts';
import type { ParsedWorkbook } from './parse.ts';

/** Name → code lookups. A territory name prefers the unit in force today (a renamed or merged one keeps its code). */
export interface NameIndex {
  territory: Map<string, string>;
  industry: Map<string, string>;
  kind: Map<string, string>;
}

/** Folds the ways people write a name: spaces are ignored. */
export function nameKey(s: string): string {
  return s.replace(/\s+/g, '');
}

export function nameIndex(ref: RegistryReference, today: string): NameIndex {
  const territory = new Map<string, string>();
  const current = (t: { validFrom: string | null; validTo: string | null }) =>
    (t.validTo === null || t.validTo >= today) && (t.validFrom === null || t.validFrom <= today);
  // current units first, so a name shared with a former unit resolves to the current one
  const ts = [...ref.territories.values()].filter((t) => t.kind !== 'city').sort((a, b) => Number(current(b)) - Number(current(a)));
  for (const t of ts) if (!territory.has(nameKey(t.name))) territory.set(nameKey(t.name), t.code);
  const industry = new Map([...ref.industries.values()].map((i) => [nameKey(i.name), i.code]));
  const kind = new Map([...ref.lineKinds.values()].map((k) => [nameKey(k.name), k.code]));
  return { territory, industry, kind };
}

/** A name or a code → the code (codes pass unchanged; an unknown value is returned as typed). */
export function toCode(value: string, codes: ReadonlyMap<string, unknown>, names: ReadonlyMap<string, string>): string {
  if (value === '' || codes.has(value)) return value;
  const bracket = /[（(]\s*([^（）()]+?)\s*[)）]$/.exec(value);
  if (bracket && codes.has(bracket[1]!)) return bracket[1]!;
  // the exact name (弋江区（原） is the former unit), else the name before a bracketed note (繁昌区（现行）)
  return names.get(nameKey(value)) ?? names.get(nameKey(value).replace(/[（(][^（）()]*[)）]$/, '')) ?? value;
}

/** The parsed workbook with territory, industry and line-kind names replaced by their codes. */
export function resolveNames(parsed: ParsedWorkbook, ref: RegistryReference, today: string): ParsedWorkbook {
  const ix = nameIndex(ref, today);
  return {
    ...parsed,
    enterprises: parsed.enterprises.map((r) => ({
      row: r.row,
      values: {
        ...r.values,
        territoryCode: toCode(r.values.territoryCode, ref.territories, ix.territory),
        industryCode: toCode(r.values.industryCode, ref.industries, ix.industry),
      },
    })),
    lines: parsed.lines.map((r) => ({ row: r.row, values: { ...r.values, kind: toCode(r.values.kind, ref.lineKinds, ix.kind) } })),
  };
}

/** code → name, for the export and the template (the code itself when unknown). */
export function nameOf(map: ReadonlyMap<string, { name: string }>, code: string | null): string | null {
  if (code === null) return null;
  return map.get(code)?.name ?? code;
}

/** How a message names a reference value: 繁昌县（340222） when known, else the text as typed. */
export function labelOf(map: ReadonlyMap<string, { name: string }>, code: string): string {
  const name = map.get(code)?.name;
  return name ? `${name}（${code}）` : code;
}
