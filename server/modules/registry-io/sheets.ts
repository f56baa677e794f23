/**
 * The registry workbook: sheet names and Chinese column headers shared by the template, the import, the export
 * and the CLI. Columns are found by header text (order free; unknown columns such as 状态 are ignored on import).
 */
import type ExcelJS from 'exceljs';
export const ENTERPRISE_SHEET = '企业';
export const LINE_SHEET = '生产线';
export const HELP_SHEET = '说明';

export interface ColumnDef<K extends string = string> {
  key: K;
  header: string;
  required?: boolean;
  /** column width in the template/export */
  width: number;
  note?: string;
  /** earlier headers still accepted on import (files made with an older template) */
  aliases?: string[];
}

export type EnterpriseKey = 'creditCode' | 'name' | 'territoryCode' | 'industryCode' | 'address' | 'legalRepresentative' | 'contactName' | 'contactPhone';
export type LineKey =
  | 'creditCode'
  | 'name'
  | 'kind'
  | 'sizeValue'
  | 'sizeUnit'
  | 'model'
  | 'unitCount'
  | 'marks'
  | 'capacity'
  | 'capacityUnit'
  | 'catalogueEdition'
  | 'catalogueItem'
  | 'catalogueClass';

export const ENTERPRISE_COLUMNS: ColumnDef<EnterpriseKey>[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22, note: '18位，GB 32100-2015（请以文本格式填写）' },
  { key: 'name', header: '企业名称', required: true, width: 34 },
  {
    key: 'territoryCode',
    header: '属地',
    required: true,
    width: 22,
    note: '从下拉列表选择属地名称（如 繁昌区），也可填写属地代码；须为现行区划或开发区',
    aliases: ['属地代码'],
  },
  { key: 'industryCode', header: '行业', required: true, width: 16, note: '从下拉列表选择行业名称（如 水泥），也可填写行业代码', aliases: ['行业代码'] },
  { key: 'address', header: '地址', width: 30 },
  { key: 'legalRepresentative', header: '法定代表人', width: 12 },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
];

export const LINE_COLUMNS: ColumnDef<LineKey>[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22, note: '所属企业（企业页或已登记企业）' },
  { key: 'name', header: '设备名称', required: true, width: 16 },
  {
    key: 'kind',
    header: '设备类型',
    required: true,
    width: 22,
    note: '从下拉列表选择设备类型名称（如 熟料生产线），也可填写设备类型代码',
    aliases: ['设备类型代码'],
  },
  { key: 'sizeValue', header: '规格数值', width: 10 },
  { key: 'sizeUnit', header: '规格单位', width: 10 },
  { key: 'model', header: '型号', width: 16 },
  { key: 'unitCount', header: '数量', width: 8, note: '正整数，默认1' },
  { key: 'marks', header: '识别标记', width: 18, note: '铭牌编号等；同一企业内用于匹配已登记设备' },
  { key: 'capacity', header: '产能', required: true, width: 12, note: '非负数，最多12位整数、4位小数' },
  { key: 'capacityUnit', header: '产能单位', required: true, width: 14, note: '从下拉列表选择；须为该行业允许的单位（见说明页）' },
  { key: 'catalogueEdition', header: '目录版本', width: 10 },
  { key: 'catalogueItem', header: '目录条目', width: 30 },
  { key: 'catalogueClass', header: '目录类别', width: 12, note: '淘汰类、限制类或无' },
];

/** Accepted spellings of the catalogue class (产业结构调整指导目录). */
export const CATALOGUE_CLASS_ALIASES: Record<string, 'eliminated' | 'restricted' | 'none'> = {
  eliminated: 'eliminated',
  淘汰类: 'eliminated',
  淘汰: 'eliminated',
  restricted: 'restricted',
  限制类: 'restricted',
  限制: 'restricted',
  none: 'none',
  无: 'none',
  其他: 'none',
};
export const CATALOGUE_CLASS_ZH = { eliminated: '淘汰类', restricted: '限制类', none: '无' } as const;

/** exceljs, loaded on first use: it is the heaviest module of the server (≈0.7 s to load), needed only by import/export. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  return m.default ?? m;
}
