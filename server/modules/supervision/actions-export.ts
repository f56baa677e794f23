/**
 * The 通报 / 约谈 records of a list filter as .xlsx (§3.3): one row per record, names not codes — the kind in Chinese,
 * the territory by name, the notice number, the reason, the frozen figures and the office's criteria they met in
 * words, the commitments and the follow-up checks.
 */
import type { Hit, Indicators } from '../../domain/programme/supervision.ts';
import { loadExcel } from '../registry-io/index.ts';
import { figures } from './commands/record-action.ts';

/** A list filter exports at most this many records (a city's years of 通报 and 约谈 are far fewer). */
export const ACTIONS_EXPORT_MAX = 5000;

const KIND_ZH = { criticism: '通报', summons: '约谈' } as const;

export interface ActionForExport {
  kind: 'criticism' | 'summons';
  territoryName: string;
  docNo: string;
  heldOn: string;
  place: string | null;
  attendees: string | null;
  reason: string;
  indicators: Indicators;
  hits: readonly Hit[];
  criteriaValidFrom: string;
  summary: string | null;
  commitments: ReadonlyArray<{ text: string; dueOn: string }>;
  followUps: ReadonlyArray<{ on: string; note: string }>;
  createdAt: string;
}

export async function actionsWorkbook(rows: readonly ActionForExport[]): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('通报约谈');
  const cols: Array<[string, number]> = [
    ['类型', 8],
    ['属地', 16],
    ['发文字号', 24],
    ['日期', 12],
    ['地点', 18],
    ['参加人员', 24],
    ['事由', 40],
    ['当时指标', 60],
    ['达到的标准', 60],
    ['标准版本（起始日）', 14],
    ['谈话要点', 40],
    ['整改承诺（期限）', 40],
    ['跟踪检查', 40],
    ['记录时间', 20],
  ];
  ws.columns = cols.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const a of rows) {
    const words = figures(a.indicators, a.hits);
    ws.addRow([
      KIND_ZH[a.kind],
      a.territoryName,
      a.docNo,
      a.heldOn,
      a.place ?? '',
      a.attendees ?? '',
      a.reason,
      words.slice(0, 3).join('；'),
      words.slice(3).join('；'),
      a.criteriaValidFrom,
      a.summary ?? '',
      a.commitments.map((c) => `${c.text}（${c.dueOn}前）`).join('；'),
      a.followUps.map((f) => `${f.on} ${f.note}`).join('；'),
      a.createdAt,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
