/**
 * Registry input rules shared by the API commands, the Excel import and the CLI: credit code (GB 32100-2015,
 * facts-cn §9), territory (current county-level unit or zone, facts-cn §3), industry, line kind, capacity and its
 * unit (facts-cn §10: stored as declared, never converted). Pure functions over a loaded reference snapshot; each
 * returns null or a RuleError with a stable code (ERROR_CODES or the domain's codes).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { checkCreditCode } from '../../domain/credit-code.ts';
import { DomainError, messages as domainMessages, type DomainErrorCode } from '../../domain/errors.ts';
import { AppError, ERROR_CODES, type ErrorCode } from '../../platform/errors.ts';

export interface TerritoryInfo {
  code: string;
  name: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
}
export interface IndustryInfo {
  code: string;
  name: string;
  capacityUnits: string[];
}
export interface LineKindInfo {
  code: string;
  name: string;
  industryCode: string;
  sizeUnit: string | null;
}

/** A snapshot of the reference tables the rules need. */
export interface RegistryReference {
  territories: Map<string, TerritoryInfo>;
  industries: Map<string, IndustryInfo>;
  lineKinds: Map<string, LineKindInfo>;
}

export type RuleCode = ErrorCode | DomainErrorCode;
export interface RuleError {
  code: RuleCode;
  /** the API field (camelCase) */
  field: string;
  details?: Record<string, unknown>;
}

export const CAPACITY_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;
export const CATALOGUE_CLASSES = ['eliminated', 'restricted', 'none'] as const;
export type CatalogueClass = (typeof CATALOGUE_CLASSES)[number];
/** A written reason for accepting a code that fails its check digit: at least this many characters. */
export const OVERRIDE_REASON_MIN = 5;

export async function loadRegistryReference(db: Kysely<DB> | Transaction<DB>): Promise<RegistryReference> {
  const [ts, is, ks] = await Promise.all([
    db.selectFrom('territory').select(['code', 'name', 'kind', 'valid_from', 'valid_to', 'successor_code']).execute(),
    db.selectFrom('industry').select(['code', 'name', 'capacity_units']).execute(),
    db.selectFrom('line_kind').select(['code', 'name', 'industry_code', 'size_unit']).execute(),
  ]);
  return {
    territories: new Map(
      ts.map((t) => [t.code, { code: t.code, name: t.name, kind: t.kind, validFrom: t.valid_from, validTo: t.valid_to, successorCode: t.successor_code }]),
    ),
    industries: new Map(is.map((i) => [i.code, { code: i.code, name: i.name, capacityUnits: i.capacity_units }])),
    lineKinds: new Map(ks.map((k) => [k.code, { code: k.code, name: k.name, industryCode: k.industry_code, sizeUnit: k.size_unit }])),
  };
}

/** Message of a rule code, zh and en. */
export function messageOf(code: RuleCode): { zh: string; en: string } {
  if (code in ERROR_CODES) return ERROR_CODES[code as ErrorCode];
  return domainMessages[code as DomainErrorCode] ?? { zh: code, en: code };
}

/**
 * Credit code: a bad format is always refused; a failed check digit is refused unless `mayOverride` (the office)
 * gives a written reason (facts-cn §9: some legal pilot-region codes fail it).
 */
export function creditCodeRule(code: string, opts: { overrideReason?: string | null | undefined; mayOverride: boolean }): RuleError | null {
  const c = checkCreditCode(code);
  if (c.ok) return null;
  if (c.reason === 'FORMAT') return { code: 'INVALID_CREDIT_CODE_FORMAT', field: 'creditCode' };
  const reason = opts.overrideReason?.trim() ?? '';
  if (opts.mayOverride && reason.length >= OVERRIDE_REASON_MIN) return null;
  return {
    code: 'INVALID_CREDIT_CODE',
    field: 'creditCode',
    details: opts.mayOverride
      ? { hint: `send creditCodeOverrideReason (at least ${OVERRIDE_REASON_MIN} characters) to register it anyway` }
      : { hint: 'only the office may register a code that fails its check digit' },
  };
}

/** Whether the code passes format and check digit (for deciding whether an override reason is to be stored). */
export function creditCodeFailsCheckDigit(code: string): boolean {
  const c = checkCreditCode(code);
  return !c.ok && c.reason === 'CHECK_DIGIT';
}

/** Enterprises are registered in a county-level unit or a zone that is valid on `today` (not the city itself). */
export function territoryRule(ref: RegistryReference, code: string, today: string, field = 'territoryCode'): RuleError | null {
  const t = ref.territories.get(code);
  if (!t || t.kind === 'city') return { code: 'UNKNOWN_TERRITORY', field, details: { territoryCode: code } };
  if ((t.validTo !== null && t.validTo < today) || (t.validFrom !== null && t.validFrom > today)) {
    return { code: 'TERRITORY_NOT_CURRENT', field, details: { territoryCode: code, name: t.name, validTo: t.validTo, successorCode: t.successorCode } };
  }
  return null;
}

export function industryRule(ref: RegistryReference, code: string, field = 'industryCode'): RuleError | null {
  return ref.industries.has(code) ? null : { code: 'UNKNOWN_INDUSTRY', field, details: { industryCode: code } };
}

export function lineKindRule(ref: RegistryReference, kind: string, field = 'kind'): RuleError | null {
  return ref.lineKinds.has(kind) ? null : { code: 'UNKNOWN_LINE_KIND', field, details: { kind } };
}

export function capacityRule(capacity: string, field = 'capacity'): RuleError | null {
  return CAPACITY_PATTERN.test(capacity) ? null : { code: 'INVALID_CAPACITY', field, details: { capacity } };
}

/** The capacity unit must be one of the enterprise industry's units (facts-cn §10). */
export function unitRule(ref: RegistryReference, industryCode: string, unit: string, field = 'capacityUnit'): RuleError | null {
  const units = ref.industries.get(industryCode)?.capacityUnits ?? [];
  return units.includes(unit) ? null : { code: 'BAD_UNIT', field, details: { capacityUnit: unit, allowed: units } };
}

/** Exact decimal in its shortest form: "120.5000" → "120.5", "7.0" → "7". */
export function normDecimal(s: string): string {
  if (!s.includes('.')) return s.replace(/^0+(?=\d)/, '');
  const [i, f] = s.split('.') as [string, string];
  const frac = f.replace(/0+$/, '');
  const int = i.replace(/^0+(?=\d)/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/** Identifying marks compared case-insensitively and trimmed; empty = none. */
export function normMarks(m: string | null | undefined): string | null {
  const t = (m ?? '').trim().toLowerCase();
  return t === '' ? null : t;
}

/** A RuleError as the error to throw from a command (domain codes stay DomainErrors; the handler maps both). */
export function ruleFailure(e: RuleError): Error {
  const details = { field: e.field, ...(e.details ?? {}) };
  if (e.code in ERROR_CODES) return new AppError(e.code as ErrorCode, details);
  return new DomainError(e.code as DomainErrorCode, details);
}

/** Throws the first failed rule, if any. */
export function assertRules(...results: Array<RuleError | null>): void {
  const first = results.find((r): r is RuleError => r !== null);
  if (first) throw ruleFailure(first);
}
