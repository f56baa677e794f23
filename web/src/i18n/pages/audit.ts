/**
 * Dictionary part: Audit log and users pages.
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: audit., users.
 */
export const zh = {
  // audit and users
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.act': '操作',
  'audit.entity': '对象',
  'users.username': '用户名',
  'users.displayName': '名称',
  'users.role': '角色',
  'users.unit': '单位',
  'users.disabled': '已停用',
  'users.lockedUntil': '锁定至',
  // issue 17 part A
  'audit.unit': '单位',
  'audit.person': '人员',
  'audit.record': '对象',
  'audit.recordId': '记录编号',
  'audit.recordType': '对象类型',
  'audit.dateRange': '日期',
  'audit.export': '导出 Excel',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'audit.at': 'When',
  'audit.actor': 'By',
  'audit.act': 'Act',
  'audit.entity': 'Record',
  'users.username': 'User name',
  'users.displayName': 'Name',
  'users.role': 'Role',
  'users.unit': 'Unit',
  'users.disabled': 'Disabled',
  'users.lockedUntil': 'Locked until',
  // issue 17 part A
  'audit.unit': 'Unit',
  'audit.person': 'Person',
  'audit.record': 'Record',
  'audit.recordId': 'Record id',
  'audit.recordType': 'Record type',
  'audit.dateRange': 'Dates',
  'audit.export': 'Export Excel',
};
