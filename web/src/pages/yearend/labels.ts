/** Words of the year-end pages, in Chinese and English (picked with useI18n().pick). */
import { isApiError } from '../../api/index.ts';

type Word = { zh: string; en: string; color?: string };

export const CERT_STATUS: Record<string, Word> = {
  none: { zh: '未填写', en: 'Not started', color: 'default' },
  draft: { zh: '填写中', en: 'Draft', color: 'processing' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  complete: { zh: '已完成', en: 'Complete', color: 'success' },
};

export const SUMMARY_STATUS: Record<string, Word> = {
  missing: { zh: '未开始', en: 'Not started', color: 'default' },
  draft: { zh: '填写中', en: 'Draft', color: 'processing' },
  submitted: { zh: '已提交', en: 'Submitted', color: 'blue' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  accepted: { zh: '已采纳', en: 'Accepted', color: 'success' },
};

export const REPORT_STATUS: Record<string, Word> = {
  missing: { zh: '未汇总', en: 'Not consolidated', color: 'default' },
  draft: { zh: '待审定', en: 'Draft', color: 'processing' },
  approved: { zh: '市政府已审定', en: 'Approved', color: 'success' },
  reported: { zh: '已上报', en: 'Reported', color: 'green' },
  superseded: { zh: '已被新版本取代', en: 'Superseded', color: 'default' },
};

export const FLAG: Record<string, Word> = {
  notDue: { zh: '未到提醒期', en: 'Not due', color: 'default' },
  reminding: { zh: '待完成', en: 'Due soon', color: 'orange' },
  overdue: { zh: '已逾期', en: 'Overdue', color: 'red' },
  done: { zh: '已完成', en: 'Done', color: 'green' },
};

export const UNIT_LABEL: Record<string, Word> = {
  enterprise: { zh: '企业代表（县区录入）', en: 'Enterprise (recorded by the county)' },
  territory: { zh: '县区', en: 'County' },
  department: { zh: '市牵头部门', en: 'Lead city department' },
};

export const FIELD: Record<string, Word> = {
  enterprises: { zh: '企业数', en: 'Enterprises' },
  lines: { zh: '生产线数', en: 'Lines' },
  capacity: { zh: '产能', en: 'Capacity' },
};

/** A refusal as the user reads it: the server's message, and what is missing when it says so. */
export function problemText(e: unknown, pick: (zh: string, en: string) => string): string {
  if (!isApiError(e)) return String(e);
  const missing = Array.isArray(e.details.missing)
    ? (e.details.missing as Array<{ zh?: string; en?: string }>).map((m) => pick(m.zh ?? '', m.en ?? '')).join('；')
    : '';
  return pick(e.messageZh, e.message) + (missing ? `：${missing}` : '');
}
