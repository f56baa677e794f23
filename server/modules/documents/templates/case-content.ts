/**
 * The content every case document is filled from (gathered from the platform's data by ../case-documents.ts,
 * never retyped): the enterprise, the lines and capacity concerned, the finding, the act with its basis exactly as
 * the act cites it, the deadline with its computation steps, and earlier documents it refers to.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Block } from '../layout.ts';

const S = Type.String();
const Opt = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CaseContent = Type.Object({
  enterprise: Type.Object({ name: S, creditCode: S, address: Opt(S), legalRepresentative: Opt(S) }),
  territoryName: S,
  dimension: S,
  dimensionName: S,
  /** the law of the dimension, e.g. 《中华人民共和国节约能源法》 */
  law: S,
  finding: Type.Object({ date: S, text: S }),
  lines: Type.Array(Type.Object({ name: S, kindName: S, model: Opt(S), capacity: S, capacityUnit: S })),
  /** capacity per unit, e.g. 120万吨 */
  capacityTotal: S,
  act: Type.Object({ kind: S, date: S, role: S }),
  /** the act's basis, as the act cites it (case_act.basis_id → server/domain/law/basis.ts) */
  basis: Type.Object({ id: S, citationZh: S, titleZh: S }),
  due: Type.Optional(Type.Object({ date: S, steps: Type.Array(S), citations: Type.Array(S) })),
  /** earlier documents and decisions this one refers to (the notice an extension extends, the government approval …) */
  references: Type.Array(Type.Object({ label: S, number: Opt(S), date: Opt(S) })),
  /** act-specific facts: result, months, reason, licence … (strings) */
  facts: Type.Record(S, S),
});
export type CaseContent = Static<typeof CaseContent>;

/** 2026-03-05 → 2026年3月5日 */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The lines concerned as a table. */
export function linesTable(c: CaseContent): Block {
  return {
    kind: 'table',
    header: ['序号', '生产线（设备）', '类型', '型号', '产能'],
    rows: c.lines.map((l, i) => [String(i + 1), l.name, l.kindName, l.model ?? '—', `${l.capacity}${l.capacityUnit}`]),
  };
}

/** 〔enterprise〕（统一社会信用代码：…） */
export function enterpriseLine(c: CaseContent): string {
  return `${c.enterprise.name}（统一社会信用代码：${c.enterprise.creditCode}）`;
}

export function reference(c: CaseContent, label: string): string | null {
  const r = c.references.find((x) => x.label === label);
  if (!r) return null;
  return [r.date ? zhDate(r.date) : null, r.number ? `《${label}》（${r.number}）` : `《${label}》`].filter(Boolean).join('作出的');
}

/** The basis as cited by the act, e.g. 依据《芜湖市2020年落后产能退出工作方案》§2.1（能耗方面） */
export function basisText(c: CaseContent): string {
  return `${c.basis.citationZh}（${c.basis.titleZh}）`;
}
