/**
 * Dictionary part: the case's assignee (承办人, issue 17 item 2) — the column, the filter, the assign modal of the
 * case list (bulk) and of the case page. Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of
 * `zh`, so a key missing in either language fails compilation. Key prefix here: assign.
 */
export const zh = {
  'assign.column': '承办人',
  'assign.filter': '承办人',
  'assign.filter.me': '指派给我的',
  'assign.filter.none': '未指派',
  'assign.bulk': '指派',
  'assign.title': '指派承办人',
  'assign.titleMany': '指派承办人（{n} 件）',
  'assign.change': '更改',
  'assign.set': '指派',
  'assign.nobody': '未指派',
  'assign.person': '承办人',
  'assign.pick': '请选择承办人',
  'assign.clear': '清除承办人（不指派）',
  'assign.note': '说明（可选）',
  'assign.manyHelp': '逐件审核并记录：承办人须属于该案件的牵头部门或属地（市领导小组办公室另可选办公室人员），不符合的案件不予指派并说明原因。',
  'assign.done': '已指派',
  'assign.cleared': '已清除承办人',
  'assign.unchanged': '承办人未变',
  'assign.noCandidates': '没有可指派的人员',
};

export const en: Record<keyof typeof zh, string> = {
  'assign.column': 'Assignee',
  'assign.filter': 'Assignee',
  'assign.filter.me': 'Assigned to me',
  'assign.filter.none': 'Unassigned',
  'assign.bulk': 'Assign',
  'assign.title': 'Assign the case',
  'assign.titleMany': 'Assign {n} cases',
  'assign.change': 'Change',
  'assign.set': 'Assign',
  'assign.nobody': 'Nobody',
  'assign.person': 'Assignee',
  'assign.pick': 'Pick the assignee',
  'assign.clear': 'Clear the assignee (nobody)',
  'assign.note': 'Note (optional)',
  'assign.manyHelp':
    "Each case is checked and recorded on its own: the assignee must belong to the case's lead department or its territory (the office may also pick its own staff); a case where this does not hold is refused, with the reason.",
  'assign.done': 'Assigned',
  'assign.cleared': 'Assignee cleared',
  'assign.unchanged': 'The assignee is unchanged',
  'assign.noCandidates': 'Nobody to assign',
};
