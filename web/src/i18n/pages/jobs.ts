/**
 * Dictionary part: Background jobs page (server/jobs/).
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: jobs.
 */
export const zh = {
  'jobs.registered': '已登记的任务',
  'jobs.runs': '运行记录',
  'jobs.job': '任务',
  'jobs.every': '周期',
  'jobs.everyMinutes': '每 {n} 分钟',
  'jobs.lastRun': '最近运行',
  'jobs.startedAt': '开始时间',
  'jobs.finishedAt': '结束时间',
  'jobs.attempts': '尝试次数',
  'jobs.detail': '结果 / 错误',
  'jobs.outcome': '结果',
  'jobs.outcome.ok': '成功',
  'jobs.outcome.failed': '失败',
  'jobs.outcome.skipped': '跳过',
  'jobs.outcome.running': '运行中',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'jobs.registered': 'Registered jobs',
  'jobs.runs': 'Runs',
  'jobs.job': 'Job',
  'jobs.every': 'Schedule',
  'jobs.everyMinutes': 'every {n} min',
  'jobs.lastRun': 'Last run',
  'jobs.startedAt': 'Started',
  'jobs.finishedAt': 'Finished',
  'jobs.attempts': 'Attempts',
  'jobs.detail': 'Result / error',
  'jobs.outcome': 'Outcome',
  'jobs.outcome.ok': 'OK',
  'jobs.outcome.failed': 'Failed',
  'jobs.outcome.skipped': 'Skipped',
  'jobs.outcome.running': 'Running',
};
