/**
 * Import planning, pure: parsed rows + reference data + what is already registered → what to create, update or
 * leave unchanged, and every row error. The import applies a plan only when it has no errors (all or nothing).
 *
 * Matching (idempotent re-imports): an enterprise row matches the registered enterprise with its credit code; a
 * line row matches a line of the same enterprise with the same identifying marks (trimmed, case-insensitive) when
 * the row has marks, else the line of the same enterprise with the same name. An empty optional cell keeps the
 * registered value. A territory account may only create or touch enterprises of its own territory.
 */
import {
  CAPACITY_PATTERN,
  creditCodeRule,
  industryRule,
  lineKindRule,
  messageOf,
  normDecimal,
  normMarks,
  territoryRule,
  unitRule,
  type RegistryReference,
  type RuleCode,
  type RuleError,
} from '../enterprises/index.ts';
import type { ImportIssue, ParsedWorkbook } from './parse.ts';
import { labelOf, resolveNames } from './names.ts';
import { CATALOGUE_CLASS_ALIASES, ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET, type EnterpriseKey, type LineKey } from './sheets.ts';

/** A registered enterprise the file names (by credit code). */
export type ExistingEnterprise = { id: number } & EnterpriseFields;

/** A registered line of one of those enterprises. */
export type ExistingLine = { id: number; enterpriseId: number } & LineFields;

export interface PlanContext {
  ref: RegistryReference;
  today: string;
  /** may the importing actor write registry records of this territory? */
  mayWrite: (territoryCode: string) => boolean;
  /** registered enterprises, by credit code (every code the file names) */
  existing: Map<string, ExistingEnterprise>;
  /** registered lines, by enterprise id (of the enterprises above) */
  existingLines: Map<number, ExistingLine[]>;
  /** every new enterprise waits for the office (PHASEOUT_REGISTRATION_REVIEW=all, territory accounts) */
  reviewAll?: boolean;
}

export interface EnterpriseFields {
  creditCode: string;
  name: string;
  territoryCode: string;
  industryCode: string;
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export interface LineFields {
  kind: string;
  name: string;
  sizeValue: string | null;
  sizeUnit: string | null;
  model: string | null;
  unitCount: number;
  marks: string | null;
  capacity: string;
  capacityUnit: string;
  catalogueEdition: string | null;
  catalogueItem: string | null;
  catalogueClass: 'eliminated' | 'restricted' | 'none';
}

export interface ImportPlan {
  createEnterprises: Array<{ row: number; fields: EnterpriseFields }>;
  updateEnterprises: Array<{ row: number; id: number; creditCode: string; patch: Partial<EnterpriseFields> }>;
  createLines: Array<{ row: number; creditCode: string; fields: LineFields }>;
  updateLines: Array<{ row: number; id: number; patch: Partial<LineFields> }>;
  unchanged: { enterprises: number; lines: number };
  /** rows of a code registered outside the importer's scope: kept for the office (issue #19, item 5), not errors */
  pendingEnterprises: Array<{ row: number; fields: EnterpriseFields; existingId: number | null }>;
  /** line rows of those enterprises: not written (registered once the office has resolved the registration) */
  pendingLines: number;
  errors: ImportIssue[];
}

const header = (cols: { key: string; header: string }[], key: string) => cols.find((c) => c.key === key)?.header ?? key;
const MAX_LEN: Record<string, number> = {
  name: 200,
  address: 300,
  legalRepresentative: 80,
  contactName: 80,
  contactPhone: 40,
  sizeUnit: 20,
  model: 120,
  marks: 300,
  catalogueEdition: 20,
  catalogueItem: 300,
};
const SIZE_PATTERN = /^\d{1,11}(\.\d{1,3})?$/;

function issue(sheet: string, row: number, column: string, code: RuleCode, detail?: string): ImportIssue {
  const m = messageOf(code);
  return { sheet, row, column, code, message: detail ? `${m.en}: ${detail}` : m.en, messageZh: detail ? `${m.zh}：${detail}` : m.zh };
}

const nz = (s: string) => (s === '' ? null : s);

/** Builds the plan. Pure: no I/O. */
export function planImport(parsed0: ParsedWorkbook, ctx: PlanContext): ImportPlan {
  // names or codes in the territory, industry and line-kind columns (issue 17 item 3)
  const parsed = resolveNames(parsed0, ctx.ref, ctx.today);
  const plan: ImportPlan = {
    createEnterprises: [],
    updateEnterprises: [],
    createLines: [],
    updateLines: [],
    unchanged: { enterprises: 0, lines: 0 },
    pendingEnterprises: [],
    pendingLines: 0,
    errors: [...parsed.issues],
  };
  /** enterprises the file creates or updates: credit code → industry (for line units) */
  const fileEnterprises = new Map<string, { industryCode: string; territoryCode: string; ok: boolean; pending?: boolean }>();

  // ── enterprises ──
  const eh = (k: EnterpriseKey) => header(ENTERPRISE_COLUMNS, k);
  for (const { row, values: v } of parsed.enterprises) {
    const errs: ImportIssue[] = [];
    const add = (k: EnterpriseKey, e: RuleError | null, detail?: string) => {
      if (e) errs.push(issue(ENTERPRISE_SHEET, row, eh(k), e.code, detail));
    };
    const code = v.creditCode.toUpperCase();
    for (const c of ENTERPRISE_COLUMNS)
      if (c.required && v[c.key] === '') errs.push(issue(ENTERPRISE_SHEET, row, c.header, 'VALIDATION_FAILED', `${c.header} is required / 必填`));
    for (const [k, max] of Object.entries(MAX_LEN)) {
      const val = (v as Record<string, string>)[k];
      if (val !== undefined && val.length > max)
        errs.push(issue(ENTERPRISE_SHEET, row, eh(k as EnterpriseKey), 'INVALID_FIELD', `at most ${max} characters / 最多${max}字`));
    }
    if (code !== '') {
      if (fileEnterprises.has(code)) errs.push(issue(ENTERPRISE_SHEET, row, eh('creditCode'), 'DUPLICATE_IN_FILE', code));
      else add('creditCode', creditCodeRule(code, { mayOverride: false }), code);
    }
    if (v.territoryCode !== '') add('territoryCode', territoryRule(ctx.ref, v.territoryCode, ctx.today), labelOf(ctx.ref.territories, v.territoryCode));
    if (v.industryCode !== '') add('industryCode', industryRule(ctx.ref, v.industryCode), labelOf(ctx.ref.industries, v.industryCode));
    const found = code !== '' ? ctx.existing.get(code) : undefined;
    // a code registered outside the importer's scope is treated exactly like a free code (no error text tells it
    // apart: issue #19, item 5); a valid row becomes a pending registration for the office
    const elsewhere = found !== undefined && !ctx.mayWrite(found.territoryCode) ? found : undefined;
    const existing = elsewhere ? undefined : found;
    const pending = elsewhere !== undefined || (ctx.reviewAll === true && found === undefined);
    if (v.territoryCode !== '' && !ctx.mayWrite(v.territoryCode)) {
      errs.push(issue(ENTERPRISE_SHEET, row, eh('territoryCode'), 'FORBIDDEN', 'only your own territory / 只能登记本属地企业'));
    }
    if (code !== '' && !fileEnterprises.has(code))
      fileEnterprises.set(code, {
        industryCode: v.industryCode || existing?.industryCode || '',
        territoryCode: v.territoryCode,
        ok: errs.length === 0,
        pending,
      });
    if (errs.length > 0) {
      plan.errors.push(...errs);
      continue;
    }
    const fields: EnterpriseFields = {
      creditCode: code,
      name: v.name,
      territoryCode: v.territoryCode,
      industryCode: v.industryCode,
      address: nz(v.address),
      legalRepresentative: nz(v.legalRepresentative),
      contactName: nz(v.contactName),
      contactPhone: nz(v.contactPhone),
    };
    if (pending) {
      plan.pendingEnterprises.push({ row, fields, existingId: elsewhere?.id ?? null });
      continue;
    }
    if (!existing) {
      plan.createEnterprises.push({ row, fields });
      continue;
    }
    const patch: Partial<EnterpriseFields> = {};
    for (const k of ['name', 'territoryCode', 'industryCode', 'address', 'legalRepresentative', 'contactName', 'contactPhone'] as const) {
      const val = fields[k];
      if (val !== null && val !== existing[k]) (patch as Record<string, string>)[k] = val;
    }
    if (Object.keys(patch).length === 0) plan.unchanged.enterprises++;
    else plan.updateEnterprises.push({ row, id: existing.id, creditCode: code, patch });
  }

  // ── lines ──
  const lh = (k: LineKey) => header(LINE_COLUMNS, k);
  const seenLineKeys = new Set<string>();
  for (const { row, values: v } of parsed.lines) {
    const errs: ImportIssue[] = [];
    const add = (k: LineKey, e: RuleError | null, detail?: string) => {
      if (e) errs.push(issue(LINE_SHEET, row, lh(k), e.code, detail));
    };
    const code = v.creditCode.toUpperCase();
    for (const c of LINE_COLUMNS)
      if (c.required && v[c.key] === '') errs.push(issue(LINE_SHEET, row, c.header, 'VALIDATION_FAILED', `${c.header} is required / 必填`));
    for (const [k, max] of Object.entries(MAX_LEN)) {
      const val = (v as Record<string, string>)[k];
      if (val !== undefined && val.length > max)
        errs.push(issue(LINE_SHEET, row, lh(k as LineKey), 'INVALID_FIELD', `at most ${max} characters / 最多${max}字`));
    }
    const inFile = fileEnterprises.get(code);
    const found = ctx.existing.get(code);
    // an enterprise outside the importer's scope is unknown to it, exactly like a free code (issue #19, item 5)
    const existing = found && ctx.mayWrite(found.territoryCode) ? found : undefined;
    let industryCode = '';
    if (code !== '') {
      if (inFile) industryCode = inFile.industryCode;
      else if (existing) industryCode = existing.industryCode;
      else errs.push(issue(LINE_SHEET, row, lh('creditCode'), 'UNKNOWN_ENTERPRISE', code));
    }
    if (v.kind !== '') add('kind', lineKindRule(ctx.ref, v.kind), v.kind);
    if (v.capacity !== '' && !CAPACITY_PATTERN.test(v.capacity)) add('capacity', { code: 'INVALID_CAPACITY', field: 'capacity' }, v.capacity);
    if (v.capacityUnit !== '' && industryCode !== '' && ctx.ref.industries.has(industryCode)) {
      add(
        'capacityUnit',
        unitRule(ctx.ref, industryCode, v.capacityUnit),
        `${v.capacityUnit} ∉ [${ctx.ref.industries.get(industryCode)!.capacityUnits.join(', ')}]`,
      );
    }
    if (v.sizeValue !== '' && !SIZE_PATTERN.test(v.sizeValue))
      errs.push(issue(LINE_SHEET, row, lh('sizeValue'), 'INVALID_FIELD', `not a non-negative decimal / 须为非负数: ${v.sizeValue}`));
    if (v.unitCount !== '' && !(/^\d{1,6}$/.test(v.unitCount) && Number(v.unitCount) >= 1))
      errs.push(issue(LINE_SHEET, row, lh('unitCount'), 'INVALID_FIELD', `a whole number ≥ 1 / 须为正整数: ${v.unitCount}`));
    const cls = v.catalogueClass === '' ? undefined : CATALOGUE_CLASS_ALIASES[v.catalogueClass.toLowerCase()];
    if (v.catalogueClass !== '' && cls === undefined)
      errs.push(issue(LINE_SHEET, row, lh('catalogueClass'), 'INVALID_FIELD', `eliminated|restricted|none (淘汰类|限制类|无): ${v.catalogueClass}`));
    const marks = normMarks(v.marks);
    const lineKey = `${code}\u0000${marks !== null ? `m:${marks}` : `n:${v.name}`}`;
    if (code !== '' && seenLineKeys.has(lineKey))
      errs.push(issue(LINE_SHEET, row, lh(marks !== null ? 'marks' : 'name'), 'DUPLICATE_IN_FILE', marks ?? v.name));
    seenLineKeys.add(lineKey);
    if (errs.length > 0) {
      plan.errors.push(...errs);
      continue;
    }
    const fields: LineFields = {
      kind: v.kind,
      name: v.name,
      sizeValue: v.sizeValue === '' ? null : normDecimal(v.sizeValue),
      sizeUnit: nz(v.sizeUnit),
      model: nz(v.model),
      unitCount: v.unitCount === '' ? 1 : Number(v.unitCount),
      marks: nz(v.marks),
      capacity: normDecimal(v.capacity),
      capacityUnit: v.capacityUnit,
      catalogueEdition: nz(v.catalogueEdition),
      catalogueItem: nz(v.catalogueItem),
      catalogueClass: cls ?? 'none',
    };
    if (inFile?.pending) {
      plan.pendingLines++;
      continue;
    }
    const candidates = existing ? (ctx.existingLines.get(existing.id) ?? []) : [];
    const match = marks !== null ? candidates.find((l) => normMarks(l.marks) === marks) : candidates.find((l) => l.name === v.name);
    if (!match) {
      plan.createLines.push({ row, creditCode: code, fields });
      continue;
    }
    const patch: Partial<LineFields> = {};
    const given: Record<keyof LineFields, boolean> = {
      kind: true,
      name: true,
      sizeValue: v.sizeValue !== '',
      sizeUnit: v.sizeUnit !== '',
      model: v.model !== '',
      unitCount: v.unitCount !== '',
      marks: v.marks !== '',
      capacity: true,
      capacityUnit: true,
      catalogueEdition: v.catalogueEdition !== '',
      catalogueItem: v.catalogueItem !== '',
      catalogueClass: v.catalogueClass !== '',
    };
    for (const k of Object.keys(given) as (keyof LineFields)[]) {
      if (!given[k]) continue;
      const cur = k === 'capacity' || k === 'sizeValue' ? (match[k] === null ? null : normDecimal(String(match[k]))) : match[k];
      const same = k === 'marks' ? normMarks(fields.marks) === normMarks(match.marks) : fields[k] === cur;
      if (!same) (patch as Record<string, unknown>)[k] = fields[k];
    }
    if (Object.keys(patch).length === 0) plan.unchanged.lines++;
    else plan.updateLines.push({ row, id: match.id, patch });
  }
  plan.errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === ENTERPRISE_SHEET ? -1 : 1));
  return plan;
}
