/**
 * Year-end figures (plan §3.4): reconciliation of figures a unit typed against the ledger, the differences between
 * two versions of the city report, and the year's deadlines. Pure: no I/O, no clock (`today` is a parameter).
 */
import { paramAsOf, type ParameterTable } from '../law/parameters.ts';

/** Exited capacity of one industry in one unit (units are never mixed). */
export interface ExitFigure {
  industryCode: string;
  capacityUnit: string;
  enterprises: number;
  lines: number;
  /** exact decimal as text */
  capacity: string;
}

export type FigureField = 'enterprises' | 'lines' | 'capacity';
const FIELDS: readonly FigureField[] = ['enterprises', 'lines', 'capacity'];

export interface Difference {
  /** stable key: industry|unit|field */
  key: string;
  industryCode: string;
  capacityUnit: string;
  field: FigureField;
  typed: string;
  ledger: string;
  explanation: string | null;
  resolved: boolean;
}

export const figureKey = (f: Pick<ExitFigure, 'industryCode' | 'capacityUnit'>) => `${f.industryCode}|${f.capacityUnit}`;

/** Exact decimal comparison of two non-negative decimal texts (no float rounding). */
export function sameDecimal(a: string, b: string): boolean {
  return normDecimal(a) === normDecimal(b);
}

export function normDecimal(v: string): string {
  const s = String(v).trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const neg = s.startsWith('-');
  let [i, f = ''] = (neg ? s.slice(1) : s).split('.') as [string, string?];
  i = i.replace(/^0+(?=\d)/, '');
  f = f.replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return neg && out !== '0' ? `-${out}` : out;
}

/** Adds exact decimal texts (scaled integers: no float rounding). */
export function addDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (normDecimal(v).split('.')[1] ?? '').length);
  let sum = 0n;
  for (const v of values) {
    const [i, f = ''] = normDecimal(v).replace('-', '').split('.') as [string, string?];
    const n = BigInt(i + f.padEnd(scale, '0'));
    sum += normDecimal(v).startsWith('-') ? -n : n;
  }
  const neg = sum < 0n;
  const digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return normDecimal(`${neg ? '-' : ''}${out}`);
}

/**
 * Every figure the unit typed by hand, checked against the ledger (§3.4: the summary's figures are backed by the
 * certificates). A difference is listed with both values; it is resolved when explained (or once the typed value is
 * corrected, when it no longer appears). A ledger figure the unit did not type is not a difference: only typed
 * figures are checked.
 */
export function reconcile(
  typed: readonly ExitFigure[],
  ledger: readonly ExitFigure[],
  explanations: Readonly<Record<string, { text: string } | undefined>> = {},
): Difference[] {
  const byKey = new Map(ledger.map((f) => [figureKey(f), f]));
  const out: Difference[] = [];
  for (const t of typed) {
    const l = byKey.get(figureKey(t));
    for (const field of FIELDS) {
      const tv = String(t[field]);
      const lv = l ? String(l[field]) : '0';
      const same = field === 'capacity' ? sameDecimal(tv, lv) : Number(tv) === Number(lv);
      if (same) continue;
      const key = `${figureKey(t)}|${field}`;
      const explanation = explanations[key]?.text ?? null;
      out.push({
        key,
        industryCode: t.industryCode,
        capacityUnit: t.capacityUnit,
        field,
        typed: field === 'capacity' ? normDecimal(tv) : tv,
        ledger: field === 'capacity' ? normDecimal(lv) : lv,
        explanation,
        resolved: explanation !== null,
      });
    }
  }
  return out;
}

/** Adds figures of several parts by industry and unit (used only on parts that never share an exit: territories). */
export function sumFigures(parts: ReadonlyArray<readonly ExitFigure[]>): ExitFigure[] {
  const m = new Map<string, ExitFigure & { caps: string[] }>();
  for (const part of parts) {
    for (const f of part) {
      const k = figureKey(f);
      const cur = m.get(k) ?? { industryCode: f.industryCode, capacityUnit: f.capacityUnit, enterprises: 0, lines: 0, capacity: '0', caps: [] };
      cur.enterprises += f.enterprises;
      cur.lines += f.lines;
      cur.caps.push(f.capacity);
      m.set(k, cur);
    }
  }
  return [...m.values()].map(({ caps, ...f }) => ({ ...f, capacity: addDecimals(caps) })).sort((a, b) => figureKey(a).localeCompare(figureKey(b)));
}

export interface FigureChange {
  key: string;
  field: FigureField;
  before: string | null;
  after: string | null;
}

/** What changed between two versions' figures (an amendment carries it with its reason). */
export function diffFigures(before: readonly ExitFigure[], after: readonly ExitFigure[]): FigureChange[] {
  const b = new Map(before.map((f) => [figureKey(f), f]));
  const a = new Map(after.map((f) => [figureKey(f), f]));
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
  const out: FigureChange[] = [];
  for (const key of keys) {
    for (const field of FIELDS) {
      const bv = b.get(key) ? String(b.get(key)![field]) : null;
      const av = a.get(key) ? String(a.get(key)![field]) : null;
      const same = bv !== null && av !== null && (field === 'capacity' ? sameDecimal(bv, av) : bv === av);
      if (!same && bv !== av) out.push({ key, field, before: bv, after: av });
    }
  }
  return out;
}

export interface YearDeadlines {
  year: number;
  /** the upward report is due before this date (plan §3.4: "before 15 January") */
  reportDue: string;
  reportBasisId: string;
  /** reminders start on this date */
  remindFrom: string;
  remindBasisId: string;
}

/**
 * The programme year's deadlines: the city's report goes up before `report.annualDeadline` of the next year
 * (§3.4), reminders from `report.remindFrom` of the programme year (a LOCAL CHOICE, 1 December).
 */
export function yearDeadlines(year: number, table?: ParameterTable): YearDeadlines {
  const asOf = `${year}-12-31`;
  const d = paramAsOf('report.annualDeadline', asOf, table);
  const r = paramAsOf('report.remindFrom', asOf, table);
  const mmdd = (v: { month: number; day: number }) => `${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
  return { year, reportDue: `${year + 1}-${mmdd(d.value)}`, reportBasisId: d.basisId, remindFrom: `${year}-${mmdd(r.value)}`, remindBasisId: r.basisId };
}

export type PartStatus = 'notDue' | 'reminding' | 'overdue' | 'done';

/** Where a part owed for the year stands today ("before 15 January": the due date itself is already late). */
export function partStatus(opts: { done: boolean; due: string | null; remindFrom: string; today: string; dueIsExclusive?: boolean }): PartStatus {
  if (opts.done) return 'done';
  if (opts.due && (opts.dueIsExclusive ? opts.today >= opts.due : opts.today > opts.due)) return 'overdue';
  return opts.today >= opts.remindFrom ? 'reminding' : 'notDue';
}
