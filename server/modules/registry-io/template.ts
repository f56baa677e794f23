/**
 * The import template: sheets 企业 and 生产线 with the Chinese headers and drop-down lists of names (territory,
 * industry, line kind, unit, catalogue class; the lists on the hidden sheet 名录), and 说明 listing names and codes.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from './sheets.ts';
import type { RegistryReference } from '../enterprises/index.ts';
import { CATALOGUE_CLASS_ZH, ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, HELP_SHEET, LINE_COLUMNS, LINE_SHEET, type ColumnDef } from './sheets.ts';

function dataSheet(wb: ExcelJS.Workbook, name: string, cols: ColumnDef[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.key === 'creditCode' || c.key === 'contactPhone' || c.key === 'territoryCode' ? { numFmt: '@' } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.note) cell.note = c.note;
  });
  return ws;
}

/** The hidden sheet holding the drop-down lists (names, as officials write them). */
export const LISTS_SHEET = '名录';
/** Rows of the data sheets that carry the drop-downs. */
export const TEMPLATE_ROWS = 2000;

const colLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** Drop-down (data validation) lists of names on a column; a warning, not a stop, so a code typed by hand still goes in. */
function dropDown(ws: ExcelJS.Worksheet, cols: ColumnDef[], key: string, listCol: string, count: number, what: string) {
  const i = cols.findIndex((c) => c.key === key);
  if (i < 0 || count === 0) return;
  const col = colLetter(i + 1);
  const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  dv.add(`${col}2:${col}${TEMPLATE_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`'${LISTS_SHEET}'!$${listCol}$2:$${listCol}$${count + 1}`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: what,
    error: `请从下拉列表选择${what}（也可填写代码）`,
  });
}

export async function buildTemplate(ref: RegistryReference, today: string): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'Phaseout';
  const we = dataSheet(wb, ENTERPRISE_SHEET, ENTERPRISE_COLUMNS);
  const wl = dataSheet(wb, LINE_SHEET, LINE_COLUMNS);
  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 26 }, { width: 34 }, { width: 40 }];
  const title = (t: string) => {
    help.addRow([]);
    help.addRow([t]).font = { bold: true };
  };
  help.addRow(['填写说明']).font = { bold: true, size: 14 };
  for (const line of [
    '红色表头为必填列。统一社会信用代码请以文本格式填写（18位，GB 32100-2015），校验码错误的代码不能通过导入登记。',
    '导入为“全部成功或全部不写入”：任一行有错误，整个文件都不会写入，并列出全部错误（工作表、行号、列、原因）。',
    '已登记的信用代码将更新该企业；空白的非必填单元格保留原值。重复导入同一文件不会产生任何变化。',
    '生产线按（企业，识别标记）匹配；没有识别标记时按（企业，设备名称）匹配。设备状态只能通过案件行为变更，不能导入。',
    '属地、行业、设备类型、产能单位和目录类别请从下拉列表选择名称（如 繁昌区、水泥、熟料生产线）；填写代码也可以。',
    '产能按申报的数值和单位登记，不做换算；单位须为该行业允许的单位（见下表）。',
    '属地账号只能登记和修改本属地的企业。',
  ])
    help.addRow([line]);
  title('属地（现行）');
  help.addRow(['名称', '代码']).font = { bold: true };
  for (const t of ref.territories.values()) {
    if (t.kind === 'city' || (t.validTo !== null && t.validTo < today)) continue;
    help.addRow([t.name, t.code]);
  }
  title('行业与产能单位');
  help.addRow(['名称', '代码', '允许的产能单位（第一个为常用单位）']).font = { bold: true };
  for (const i of ref.industries.values()) help.addRow([i.name, i.code, i.capacityUnits.join('、')]);
  title('设备类型');
  help.addRow(['名称', '代码', '所属行业 / 规格单位']).font = { bold: true };
  for (const k of ref.lineKinds.values())
    help.addRow([k.name, k.code, `${ref.industries.get(k.industryCode)?.name ?? k.industryCode}${k.sizeUnit ? ` / ${k.sizeUnit}` : ''}`]);
  title('目录类别（产业结构调整指导目录）');
  for (const zh of Object.values(CATALOGUE_CLASS_ZH)) help.addRow([zh]);
  // the lists behind the drop-downs: current territories, industries, line kinds, capacity units, catalogue classes
  const territories = [...ref.territories.values()]
    .filter((t) => t.kind !== 'city' && (t.validTo === null || t.validTo >= today) && (t.validFrom === null || t.validFrom <= today))
    .map((t) => t.name);
  const industries = [...ref.industries.values()].map((i) => i.name);
  const kinds = [...ref.lineKinds.values()].map((k) => k.name);
  const units = [...new Set([...ref.industries.values()].flatMap((i) => i.capacityUnits))];
  const classes = Object.values(CATALOGUE_CLASS_ZH) as string[];
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const columns: Array<[string, string[]]> = [
    ['属地', territories],
    ['行业', industries],
    ['设备类型', kinds],
    ['产能单位', units],
    ['目录类别', classes],
  ];
  columns.forEach(([head, values], c) => {
    lists.getCell(1, c + 1).value = head;
    values.forEach((v, r) => (lists.getCell(r + 2, c + 1).value = v));
  });
  dropDown(we, ENTERPRISE_COLUMNS, 'territoryCode', 'A', territories.length, '属地');
  dropDown(we, ENTERPRISE_COLUMNS, 'industryCode', 'B', industries.length, '行业');
  dropDown(wl, LINE_COLUMNS, 'kind', 'C', kinds.length, '设备类型');
  dropDown(wl, LINE_COLUMNS, 'capacityUnit', 'D', units.length, '产能单位');
  dropDown(wl, LINE_COLUMNS, 'catalogueClass', 'E', classes.length, '目录类别');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
