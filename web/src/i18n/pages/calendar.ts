/**
 * Dictionary part: Working-day calendar page.
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: cal.
 */
export const zh = {
  'cal.years': '已载入的年度安排',
  'cal.search': '年份或文号',
  'cal.year': '年份',
  'cal.version': '版本',
  'cal.restDays': '放假日',
  'cal.workDays': '调休上班日',
  'cal.notice': '国务院办公厅通知',
  'cal.noticeNumber': '通知文号',
  'cal.noticeNumberExample': '国办发明电〔2026〕X号',
  'cal.noticeDate': '通知日期',
  'cal.noticeUrl': '通知网址',
  'cal.urlRequired': '请输入通知的网址（http/https）',
  'cal.loadedAt': '载入时间',
  'cal.load': '载入或更正一年的安排',
  'cal.daysHelp': '日期以空格或逗号分隔，连续日期可写作 2027-02-06..2027-02-12（含放假期间的周末）',
  'cal.workDaysHelp': '需上班的周六、周日',
  'cal.reason': '更正理由',
  'cal.reasonHelp': '该年已载入时必填：更正作为新版本保存，原版本及据其计算的期限保留并列出以供复核',
  'cal.loaded': '{year} 年安排已生效（第 {version} 版）',
  'cal.toReview': '以下 {n} 个期限按旧版本计算，请复核：',
  'cal.export': '导出 Excel',
  'cal.unverified': '未核实',
  'cal.unverifiedHelp': '未经核对来源确认的通知信息：{fields}。核对后可载入更正版本',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'cal.years': 'Years loaded',
  'cal.search': 'Year or notice number',
  'cal.year': 'Year',
  'cal.version': 'Version',
  'cal.restDays': 'Rest days',
  'cal.workDays': 'Adjusted working days',
  'cal.notice': 'State Council notice',
  'cal.noticeNumber': 'Notice number',
  'cal.noticeNumberExample': 'the notice number as issued, e.g. Guobanfa Mingdian [2026] No. X',
  'cal.noticeDate': 'Notice date',
  'cal.noticeUrl': 'Notice URL',
  'cal.urlRequired': 'Give the URL of the notice (http/https)',
  'cal.loadedAt': 'Loaded',
  'cal.load': 'Load or correct a year',
  'cal.daysHelp': 'Dates separated by spaces or commas; a run may be written 2027-02-06..2027-02-12 (weekend days inside a holiday block included)',
  'cal.workDaysHelp': 'Saturdays and Sundays that are worked',
  'cal.reason': 'Reason for the correction',
  'cal.reasonHelp':
    'Required when the year is already loaded: the correction is kept as a new version; the old one, and the deadlines computed on it, stay and are listed for review',
  'cal.loaded': 'The {year} calendar is in force (version {version})',
  'cal.toReview': '{n} deadline(s) computed on the old version, to review:',
  'cal.export': 'Export Excel',
  'cal.unverified': 'UNVERIFIED',
  'cal.unverifiedHelp': 'Notice details not confirmed by a checked source: {fields}. Load a corrected version once checked',
};
