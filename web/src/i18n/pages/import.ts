/**
 * Dictionary part: Registry import page.
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: imp.
 */
export const zh = {
  // import
  'imp.title': 'Excel导入',
  'imp.template': '下载导入模板',
  'imp.choose': '选择Excel文件(.xlsx)',
  'imp.dryRun': '仅校验，不写入（试运行）',
  'imp.upload': '上传并导入',
  'imp.ok': '导入成功',
  'imp.okDry': '校验通过（试运行，未写入任何数据）',
  'imp.counts': '企业：新增 {ce}，更新 {ue}，未变 {ne}；生产线：新增 {cl}，更新 {ul}，未变 {nl}',
  'imp.alerts': '新登记的生产线触发了 {n} 条异地迁建/复产预警',
  'imp.rejected': '导入被拒绝：共 {n} 处错误，未做任何修改',
  'imp.sheet': '工作表',
  'imp.row': '行',
  'imp.column': '列',
  'imp.error': '错误',
  'imp.code': '错误代码',
  'imp.noFile': '请先选择文件',
  'imp.help': '按模板填写企业与生产线；整个文件通过校验才会写入，任何一行有错都不做修改。',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'imp.title': 'Excel import',
  'imp.template': 'Download the template',
  'imp.choose': 'Choose an Excel file (.xlsx)',
  'imp.dryRun': 'Check only, write nothing (dry run)',
  'imp.upload': 'Upload and import',
  'imp.ok': 'Imported',
  'imp.okDry': 'Check passed (dry run: nothing was written)',
  'imp.counts': 'Enterprises: {ce} new, {ue} updated, {ne} unchanged; lines: {cl} new, {ul} updated, {nl} unchanged',
  'imp.alerts': 'The new lines raised {n} relocation/restart alerts',
  'imp.rejected': 'Import rejected: {n} errors; nothing was changed',
  'imp.sheet': 'Sheet',
  'imp.row': 'Row',
  'imp.column': 'Column',
  'imp.error': 'Error',
  'imp.code': 'Code',
  'imp.noFile': 'Choose a file first',
  'imp.help': 'Fill in enterprises and lines following the template; the file is written only if all of it passes, so one bad row changes nothing.',
};
