/**
 * A year of the holiday calendar as .xlsx (issue 10, gap D): sheet 1 every day of the year with its weekday and what
 * it is, in words (法定节假日 / 调休上班日 / 休息日（周末）/ 工作日), Chinese headings by default, English with
 * lang=en; sheet 2 the version's notice (number, date, URL — fields not confirmed by a checked source are marked
 * 未核实 / UNVERIFIED), its source and reason.
 */
import type ExcelJS from 'exceljs';
import { buildCalendar, classifyDay } from '../../domain/calendar/index.ts';
import { formatIsoDate, parseIsoDate, WEEKDAY_EN, WEEKDAY_ZH, weekdayOf } from '../../domain/dates.ts';
import { loadExcel } from '../registry-io/index.ts';

export type ExportLang = 'zh' | 'en';

export interface CalendarVersionRow {
  year: number;
  version: number;
  rest_days: string[];
  work_days: string[];
  notice_no: string;
  notice_date: string | null;
  notice_url: string;
  source: string;
  reason: string | null;
  unverified: string[];
}

const WORDS = {
  zh: {
    days: '日历',
    notice: '通知',
    headings: ['日期', '星期', '类别', '是否休息'],
    kinds: { holiday: '法定节假日（放假）', adjustedWorkday: '调休上班日', weekend: '休息日（周末）', weekday: '工作日' },
    yes: '休息',
    no: '上班',
    noticeHeadings: ['项目', '内容'],
    fields: {
      year: '年份',
      version: '版本',
      noticeNo: '通知文号',
      noticeDate: '通知日期',
      noticeUrl: '通知网址',
      source: '数据来源',
      reason: '更正理由',
      restDays: '放假日数',
      workDays: '调休上班日数',
    },
    unverified: '（未核实）',
    none: '—',
  },
  en: {
    days: 'Calendar',
    notice: 'Notice',
    headings: ['Date', 'Weekday', 'Kind', 'Rest day'],
    kinds: { holiday: 'Statutory holiday (rest)', adjustedWorkday: 'Adjusted working day', weekend: 'Weekend rest day', weekday: 'Working day' },
    yes: 'rest',
    no: 'work',
    noticeHeadings: ['Item', 'Value'],
    fields: {
      year: 'Year',
      version: 'Version',
      noticeNo: 'Notice number',
      noticeDate: 'Notice date',
      noticeUrl: 'Notice URL',
      source: 'Source',
      reason: 'Reason for correction',
      restDays: 'Rest days',
      workDays: 'Adjusted working days',
    },
    unverified: ' (UNVERIFIED)',
    none: '—',
  },
} as const;

/** The file name of a year's export. */
export function calendarExportName(year: number, version: number, lang: ExportLang): string {
  return lang === 'en' ? `holiday-calendar-${year}-v${version}.xlsx` : `节假日安排-${year}年-第${version}版.xlsx`;
}

export async function calendarYearWorkbook(row: CalendarVersionRow, lang: ExportLang): Promise<Buffer> {
  const w = WORDS[lang];
  const Excel = await loadExcel();
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  const cal = buildCalendar([{ year: row.year, source: row.source, restDays: row.rest_days, workDays: row.work_days }]);
  const ws = wb.addWorksheet(w.days);
  ws.columns = w.headings.map((header, i) => ({ header, width: [14, 10, 26, 10][i]! }));
  const first = parseIsoDate(`${row.year}-01-01`);
  const last = parseIsoDate(`${row.year}-12-31`);
  for (let d = first; d <= last; d++) {
    const date = formatIsoDate(d);
    const info = classifyDay(date, cal);
    const wd = weekdayOf(d);
    ws.addRow([date, lang === 'en' ? WEEKDAY_EN[wd] : WEEKDAY_ZH[wd], w.kinds[info.reason], info.rest ? w.yes : w.no]);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];

  const mark = (field: string, v: string) => (row.unverified.includes(field) ? `${v}${w.unverified}` : v);
  const ns = wb.addWorksheet(w.notice);
  ns.columns = w.noticeHeadings.map((header, i) => ({ header, width: [22, 80][i]! }));
  ns.addRows([
    [w.fields.year, row.year],
    [w.fields.version, row.version],
    [w.fields.noticeNo, mark('noticeNo', row.notice_no)],
    [w.fields.noticeDate, mark('noticeDate', row.notice_date ? String(row.notice_date).slice(0, 10) : w.none)],
    [w.fields.noticeUrl, mark('noticeUrl', row.notice_url || w.none)],
    [w.fields.source, row.source],
    [w.fields.reason, row.reason ?? w.none],
    [w.fields.restDays, row.rest_days.length],
    [w.fields.workDays, row.work_days.length],
  ]);
  ns.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
