/**
 * Problem lists in Excel (counties keep them there today): the template, the export of a list filter, and the
 * import — all or nothing like the registry import (registry-io/import.ts): every row is checked first, any error
 * rejects the whole file with a row-level report (IMPORT_REJECTED) and nothing is written; ?dryRun=1 only checks.
 * The sheet carries names, not codes (属地 by name, 问题来源 and 等级 in Chinese, 企业 by credit code or name).
 * A row identical to an item already listed (territory, source, reference, description) is left unchanged, so
 * importing the same file twice lists nothing twice.
 */
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import {
  PROBLEM_LEVEL_NAMES,
  PROBLEM_LEVELS,
  PROBLEM_SOURCE_NAMES,
  PROBLEM_SOURCES,
  type ProblemLevel,
  type ProblemSource,
} from '../../domain/programme/problems.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { readSheets } from '../../platform/spreadsheet/reader.ts';
import { loadExcel } from '../registry-io/index.ts';
import { localToday } from '../../platform/clock.ts';
import { mayWriteTerritory } from './programme-common.ts';
import { insertProblem, type ProblemInput } from './commands/create-problem.ts';
import { allProblems, type ProblemFilters } from './problems.repository.ts';

export const PROBLEM_SHEET = '问题清单';
const STATE_NAMES = { open: '整改中', closing: '待销号审核', closed: '已销号' } as const;

type Key =
  | 'territory'
  | 'source'
  | 'sourceRef'
  | 'foundOn'
  | 'description'
  | 'level'
  | 'creditCode'
  | 'enterpriseName'
  | 'responsibleUnit'
  | 'responsiblePerson'
  | 'measure'
  | 'dueOn';
const COLUMNS: Array<{ key: Key; header: string; required?: boolean; width: number }> = [
  { key: 'territory', header: '属地', required: true, width: 14 },
  { key: 'source', header: '问题来源', required: true, width: 12 },
  { key: 'sourceRef', header: '来源文号', width: 22 },
  { key: 'foundOn', header: '发现日期', required: true, width: 12 },
  { key: 'description', header: '问题描述', required: true, width: 44 },
  { key: 'level', header: '问题等级', required: true, width: 10 },
  { key: 'creditCode', header: '企业统一社会信用代码', width: 22 },
  { key: 'enterpriseName', header: '企业名称', width: 28 },
  { key: 'responsibleUnit', header: '责任单位', required: true, width: 18 },
  { key: 'responsiblePerson', header: '责任人', width: 10 },
  { key: 'measure', header: '整改措施', width: 36 },
  { key: 'dueOn', header: '整改时限', required: true, width: 12 },
];

export interface ProblemImportIssue {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
}
export interface ProblemImportReport {
  ok: boolean;
  dryRun: boolean;
  sha256: string;
  created: number;
  unchanged: number;
  errors: ProblemImportIssue[];
  errorCount?: number;
}

/** 2020-09-01, 2020/9/1, 2020.9.1, 2020年9月1日 → 2020-09-01 (null when not a date). */
export function normaliseDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

async function newBook() {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(PROBLEM_SHEET);
  return { wb, ws };
}

function header(ws: ExcelJS.Worksheet, extra: Array<{ header: string; width: number }>) {
  const cols = [...COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width })), ...extra];
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The import template: the sheet with its headers and a help sheet listing the allowed names. */
export async function problemTemplate(db: Kysely<DB>): Promise<Buffer> {
  const { wb, ws } = await newBook();
  header(ws, []);
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列', width: 16 },
    { header: '可填写的值', width: 80 },
  ];
  const ts = await db.selectFrom('territory').select(['name']).where('kind', '<>', 'city').where('valid_to', 'is', null).orderBy('sort').execute();
  help.addRow(['属地', ts.map((t) => t.name).join('、')]);
  help.addRow(['问题来源', PROBLEM_SOURCES.map((s) => PROBLEM_SOURCE_NAMES[s].zh).join('、')]);
  help.addRow(['问题等级', PROBLEM_LEVELS.map((s) => PROBLEM_LEVEL_NAMES[s].zh).join('、')]);
  help.addRow(['日期', '如 2020-09-01 或 2020/9/1']);
  help.addRow(['企业', '填写统一社会信用代码或本属地已登记的企业名称（可不填：问题涉及属地工作而非某一企业）']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The export of a list filter (scoped), names not codes, with state and item number. */
export async function exportProblems(db: Kysely<DB>, scope: Scope, f: ProblemFilters, today: string): Promise<Buffer> {
  const rows = await allProblems(db, scope, f, today);
  const credit = new Map<number, string>();
  const ids = [...new Set(rows.map((r) => r.enterprise_id).filter((x): x is number => x !== null))];
  for (let i = 0; i < ids.length; i += 5000) {
    for (const e of await db
      .selectFrom('enterprise')
      .select(['id', 'credit_code'])
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute())
      credit.set(e.id, e.credit_code);
  }
  const { wb, ws } = await newBook();
  header(ws, [
    { header: '状态', width: 12 },
    { header: '是否逾期', width: 10 },
    { header: '销号日期', width: 12 },
    { header: '编号', width: 8 },
  ]);
  for (const r of rows) {
    ws.addRow([
      r.territory_name,
      PROBLEM_SOURCE_NAMES[r.source as ProblemSource]?.zh ?? r.source,
      r.source_ref ?? '',
      r.found_on,
      r.description,
      PROBLEM_LEVEL_NAMES[r.level as ProblemLevel]?.zh ?? r.level,
      r.enterprise_id ? (credit.get(r.enterprise_id) ?? '') : '',
      r.enterprise_name ?? '',
      r.responsible_unit,
      r.responsible_person ?? '',
      r.measure ?? '',
      r.due_on,
      STATE_NAMES[r.state],
      r.state !== 'closed' && r.due_on < today ? '是' : '否',
      r.closed_on ?? '',
      r.id,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const issue = (row: number, column: string, code: string, en: string, zh: string): ProblemImportIssue => ({
  sheet: PROBLEM_SHEET,
  row,
  column,
  code,
  message: en,
  messageZh: zh,
});

/** Reads, checks every row, and (unless dryRun) lists every new item in one transaction with one audit record. */
/** Most rows of one problem list file (a LOCAL CHOICE; PHASEOUT_IMPORT_MAX_ROWS lowers it). */
export const MAX_ROWS = 10_000;
/** The report names the first errors and counts all (issue #19, item 4). */
export const MAX_REPORTED_ERRORS = 200;

export async function importProblems(
  db: Kysely<DB>,
  buf: Buffer,
  meta: AuditMeta,
  opts: { dryRun: boolean; fileName?: string; maxRows?: number; parseTimeoutMs?: number },
): Promise<ProblemImportReport> {
  const sha256 = createHash('sha256').update(buf).digest('hex');
  // read in the shared reader's worker thread, streamed, stopping at the row limit (issue #19, item 4)
  const maxRows = Math.min(MAX_ROWS, opts.maxRows ?? MAX_ROWS);
  const [ws] = await readSheets<Key>(buf, [{ name: PROBLEM_SHEET, headers: COLUMNS, fallbackFirst: true }], { maxRows, timeoutMs: opts.parseTimeoutMs });
  const errors: ProblemImportIssue[] = [];
  const reject = () => {
    throw new AppError('IMPORT_REJECTED', {
      ok: false,
      dryRun: opts.dryRun,
      sha256,
      created: 0,
      unchanged: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
    });
  };
  if (!ws || !ws.found) {
    errors.push(issue(0, '', 'MISSING_SHEET', `the workbook has no sheet ${PROBLEM_SHEET}`, `缺少工作表「${PROBLEM_SHEET}」`));
    return reject();
  }
  for (const c of COLUMNS)
    if (c.required && !ws.columns.includes(c.key))
      errors.push(issue(1, c.header, 'MISSING_SHEET', `the header row has no column ${c.header}`, `表头缺少「${c.header}」列`));
  if (errors.length) return reject();

  const today = localToday(meta.now);
  const territories = await db.selectFrom('territory').select(['code', 'name', 'kind', 'valid_to']).execute();
  const byTerritoryName = new Map(territories.filter((t) => t.kind !== 'city').map((t) => [t.name, t]));
  const sourceByName = new Map(PROBLEM_SOURCES.map((s) => [PROBLEM_SOURCE_NAMES[s].zh, s] as const));
  const levelByName = new Map(PROBLEM_LEVELS.map((s) => [PROBLEM_LEVEL_NAMES[s].zh, s] as const));
  const rows: Array<{ row: number; input: ProblemInput }> = [];
  const want: Array<{ row: number; creditCode: string; name: string; territoryCode: string }> = [];
  const seen = new Map<string, number>();
  let count = 0;
  for (const { row: rowNo, values: v } of ws.rows) {
    count++;
    const bad = (key: Key, code: string, en: string, zh: string) => errors.push(issue(rowNo, COLUMNS.find((c) => c.key === key)!.header, code, en, zh));
    for (const c of COLUMNS) if (c.required && v[c.key] === '') bad(c.key, 'INVALID_FIELD', `${c.header} is required`, `「${c.header}」必填`);
    const t = byTerritoryName.get(v.territory);
    if (v.territory && !t) bad('territory', 'UNKNOWN_TERRITORY', `unknown territory ${v.territory}`, `属地「${v.territory}」不存在`);
    else if (t && t.valid_to !== null && t.valid_to < today)
      bad('territory', 'TERRITORY_NOT_CURRENT', `${v.territory} is no longer a current territory`, `「${v.territory}」已撤销或调整`);
    else if (t && !mayWriteTerritory(meta.actor, t.code))
      bad('territory', 'FORBIDDEN', 'a territory account imports its own list only', '只能导入本属地的问题清单');
    const source = sourceByName.get(v.source);
    if (v.source && !source) bad('source', 'INVALID_FIELD', `unknown source ${v.source}`, `问题来源「${v.source}」不在可选值中`);
    const level = levelByName.get(v.level);
    if (v.level && !level) bad('level', 'INVALID_FIELD', `unknown level ${v.level}`, `问题等级「${v.level}」不在可选值中`);
    const foundOn = v.foundOn ? normaliseDate(v.foundOn) : null;
    if (v.foundOn && !foundOn) bad('foundOn', 'INVALID_FIELD', 'not a date', '不是有效日期');
    const dueOn = v.dueOn ? normaliseDate(v.dueOn) : null;
    if (v.dueOn && !dueOn) bad('dueOn', 'INVALID_FIELD', 'not a date', '不是有效日期');
    if (foundOn && foundOn > today) bad('foundOn', 'INVALID_FIELD', 'a problem is not found in the future', '发现日期不能晚于今天');
    if (foundOn && dueOn && dueOn < foundOn) bad('dueOn', 'INVALID_FIELD', 'the due date is before the date found', '整改时限早于发现日期');
    for (const [key, max] of [
      ['description', 2000],
      ['sourceRef', 200],
      ['responsibleUnit', 200],
      ['responsiblePerson', 80],
      ['measure', 2000],
    ] as const) {
      if (v[key].length > max || v[key].includes('\u0000'))
        bad(key, 'INVALID_FIELD', `longer than ${max} characters or not text`, `超过 ${max} 字或含非法字符`);
    }
    if (!t || !source || !level || !foundOn || !dueOn || !v.description || !v.responsibleUnit) continue;
    const dupKey = [t.code, source, v.sourceRef, v.description].join('\u0001');
    const first = seen.get(dupKey);
    if (first !== undefined) {
      bad('description', 'DUPLICATE_IN_FILE', `the same problem as row ${first}`, `与第 ${first} 行重复`);
      continue;
    }
    seen.set(dupKey, rowNo);
    if (v.creditCode || v.enterpriseName) want.push({ row: rowNo, creditCode: v.creditCode.toUpperCase(), name: v.enterpriseName, territoryCode: t.code });
    rows.push({
      row: rowNo,
      input: {
        territoryCode: t.code,
        source,
        sourceRef: v.sourceRef,
        foundOn,
        description: v.description,
        level,
        responsibleUnit: v.responsibleUnit,
        responsiblePerson: v.responsiblePerson,
        measure: v.measure,
        dueOn,
      },
    });
  }
  if (count === 0) errors.push(issue(2, '', 'INVALID_FIELD', 'the sheet has no rows', '工作表中没有数据行'));

  // enterprises: by credit code, else by exact name within the row's territory
  const codes = want.filter((w) => w.creditCode).map((w) => w.creditCode);
  const names = want.filter((w) => !w.creditCode).map((w) => w.name);
  const ents = [
    ...(codes.length
      ? await db.selectFrom('enterprise').select(['id', 'credit_code', 'name', 'territory_code']).where('credit_code', 'in', codes).execute()
      : []),
    ...(names.length ? await db.selectFrom('enterprise').select(['id', 'credit_code', 'name', 'territory_code']).where('name', 'in', names).execute() : []),
  ];
  for (const w of want) {
    const byCode = w.creditCode ? ents.find((e) => e.credit_code === w.creditCode) : undefined;
    const byName = !w.creditCode ? ents.filter((e) => e.name === w.name && e.territory_code === w.territoryCode) : [];
    const e = byCode ?? (byName.length === 1 ? byName[0] : undefined);
    const column = w.creditCode ? '企业统一社会信用代码' : '企业名称';
    if (!e) errors.push(issue(w.row, column, 'UNKNOWN_ENTERPRISE', 'no such enterprise in the registry', '企业未在台账中登记'));
    else if (e.territory_code !== w.territoryCode)
      errors.push(issue(w.row, column, 'INVALID_FIELD', 'the enterprise is registered in another territory', '该企业登记在其他属地'));
    else rows.find((r) => r.row === w.row)!.input.enterpriseId = e.id;
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length) return reject();

  // rows already listed (same territory, source, reference, description) are left unchanged
  const existing = await db
    .selectFrom('problem_item')
    .select(['territory_code', 'source', 'source_ref', 'description'])
    .where('territory_code', 'in', [...new Set(rows.map((r) => r.input.territoryCode))])
    .execute();
  const listed = new Set(existing.map((e) => [e.territory_code, e.source, e.source_ref ?? '', e.description].join('\u0001')));
  const fresh = rows.filter(
    (r) => !listed.has([r.input.territoryCode, r.input.source, (r.input.sourceRef ?? '').trim(), r.input.description.trim()].join('\u0001')),
  );
  const result: ProblemImportReport = { ok: true, dryRun: opts.dryRun, sha256, created: fresh.length, unchanged: rows.length - fresh.length, errors: [] };
  if (opts.dryRun || fresh.length === 0) return result;
  await db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const r of fresh) ids.push(await insertProblem(trx, r.input, meta, false));
    await writeAudit(trx, meta, {
      act: 'problem.import',
      entityType: 'problem-import',
      entityId: sha256.slice(0, 16),
      basisId: 'plan-2020-§3.1',
      after: { fileName: opts.fileName ?? null, sha256, created: ids.length, unchanged: result.unchanged, ids },
    });
  });
  return result;
}
