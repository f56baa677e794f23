/**
 * Dictionary part: Workbench and overview pages.
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: wb., ov.
 */
export const zh = {
  // workbench and overview (more)
  'wb.markRead': '标为已读',
  'wb.marked': '已标为已读',
  'wb.open': '未办结案件',
  'wb.unread': '未读通知',
  'ov.casesByState': '各状态案件数（按领域）',
  'ov.linesByState': '生产线（按状态与行业）',
  'ov.metric.capacity': '产能',
  'ov.metric.lines': '生产线数',
  'ov.asOf': '统计日期：{date}',
  'ov.linesUnit': '条',
  // workbench
  'wb.dueSoon': '30日内到期的案件',
  'wb.overdue': '已逾期的案件',
  'wb.waiting': '待我办理',
  'wb.notifications': '我的通知',
  'wb.greeting': '{name}，您好',
  'wb.registryTotal': '台账企业',
  'wb.noCases': '暂无案件',
  // overview
  'ov.casesByTerritory': '各属地案件数（按领域）',
  'ov.overdueByTerritory': '各属地逾期案件数',
  'ov.capacityByState': '产能（按状态与行业）',
  'ov.clickHint': '点击柱形查看对应列表',
  // issue 17 part A
  'wb.mine': '我的待办',
  'wb.watch': '关注',
  'wb.view.all': '全部',
  'wb.view.today': '今日',
  'wb.view.week': '本周',
  'wb.view.overdue': '逾期',
  'wb.markAllRead': '全部标为已读',
  'wb.markedAll': '已将 {n} 条通知标为已读',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'wb.markRead': 'Mark read',
  'wb.marked': 'Marked read',
  'wb.open': 'Open cases',
  'wb.unread': 'Unread notifications',
  'ov.casesByState': 'Cases by state and dimension',
  'ov.linesByState': 'Lines by state and industry',
  'ov.metric.capacity': 'Capacity',
  'ov.metric.lines': 'Lines',
  'ov.asOf': 'As of {date}',
  'ov.linesUnit': 'lines',
  'wb.dueSoon': 'Cases due within 30 days',
  'wb.overdue': 'Overdue cases',
  'wb.waiting': 'Waiting for my act',
  'wb.notifications': 'My notifications',
  'wb.greeting': 'Hello, {name}',
  'wb.registryTotal': 'Enterprises in the registry',
  'wb.noCases': 'No cases',
  'ov.casesByTerritory': 'Cases by territory and dimension',
  'ov.overdueByTerritory': 'Overdue cases by territory',
  'ov.capacityByState': 'Capacity by state and industry',
  'ov.clickHint': 'Click a bar to open the matching list',
  // issue 17 part A
  'wb.mine': 'My to-do',
  'wb.watch': 'Watching',
  'wb.view.all': 'All',
  'wb.view.today': 'Today',
  'wb.view.week': 'This week',
  'wb.view.overdue': 'Overdue',
  'wb.markAllRead': 'Mark all read',
  'wb.markedAll': '{n} notifications marked read',
};
