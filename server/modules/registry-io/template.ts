/** The import template: sheets 企业 and 生产线 with the Chinese headers, and 说明 listing every valid code. */
import type ExcelJS from 'exceljs';
import { loadExcel } from './sheets.ts';
import type { RegistryReference } from '../enterprises/index.ts';
import { CATALOGUE_CLASS_ZH, ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, HELP_SHEET, LINE_COLUMNS, LINE_SHEET, type ColumnDef } from './sheets.ts';

function dataSheet(wb: ExcelJS.Workbook, name: string, cols: ColumnDef[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.key === 'creditCode' || c.key === 'contactPhone' || c.key === 'territoryCode' ? { numFmt: '@' } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.note) cell.note = c.note;
  });
  return ws;
}

export async function buildTemplate(ref: RegistryReference, today: string): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'Phaseout';
  dataSheet(wb, ENTERPRISE_SHEET, ENTERPRISE_COLUMNS);
  dataSheet(wb, LINE_SHEET, LINE_COLUMNS);
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
    '产能按申报的数值和单位登记，不做换算；单位须为该行业允许的单位（见下表）。',
    '属地账号只能登记和修改本属地的企业。',
  ])
    help.addRow([line]);
  title('属地代码（现行）');
  help.addRow(['代码', '名称']).font = { bold: true };
  for (const t of ref.territories.values()) {
    if (t.kind === 'city' || (t.validTo !== null && t.validTo < today)) continue;
    help.addRow([t.code, t.name]);
  }
  title('行业代码与产能单位');
  help.addRow(['代码', '名称', '允许的产能单位（第一个为常用单位）']).font = { bold: true };
  for (const i of ref.industries.values()) help.addRow([i.code, i.name, i.capacityUnits.join('、')]);
  title('设备类型代码');
  help.addRow(['代码', '名称', '行业代码 / 规格单位']).font = { bold: true };
  for (const k of ref.lineKinds.values()) help.addRow([k.code, k.name, `${k.industryCode}${k.sizeUnit ? ` / ${k.sizeUnit}` : ''}`]);
  title('目录类别（产业结构调整指导目录）');
  for (const [code, zh] of Object.entries(CATALOGUE_CLASS_ZH)) help.addRow([code, zh]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
