/**
 * The documents of a supervision action: the 通报 (circulated criticism) and the 约谈通知 (summons notice), each with
 * its 发文字号, as .docx. The documents service of issue 11 (server/modules/documents/) is not on main yet: this is
 * the ONE file to swap for its templates when it lands (the number is already allocated and stored on the record).
 * Layout after GB/T 9704-2012 in outline (红头 issuing authority, 发文字号, title, main recipient, body, issuer and
 * date); the fonts are the standard's (方正小标宋 for the title, 仿宋 for the body), falling back to what the reader has.
 *
 * LOCAL CHOICE: the issuing authority and the 机关代字 prefixes below are the office's, configurable here.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Indicators } from '../../domain/programme/supervision.ts';

export const ISSUER = '芜湖市淘汰落后产能工作领导小组办公室';
export const DOC_PREFIX = { criticism: '芜淘汰办通', summons: '芜淘汰办约' } as const;

export interface ActionDoc {
  kind: 'criticism' | 'summons';
  docNo: string;
  territoryName: string;
  reason: string;
  indicators: Indicators;
  hits: Array<{ criterion: string; value: number; threshold: number }>;
  heldOn: string;
  place: string | null;
  attendees: string | null;
  summary: string | null;
  commitments: Array<{ text: string; dueOn: string }>;
  issuedOn: string;
}

const CRITERION_ZH: Record<string, string> = {
  planCompletion: '退出计划到期完成率',
  latePlanItems: '逾期未完成的计划项',
  overdueCases: '逾期未办结案件',
  overdueProblems: '逾期未销号问题',
  daysSinceProgress: '距最近一次进展天数',
  oldOpenItems: '长期未销号问题',
};

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const body = (text: string, opts: { indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ indent: opts.indent === false ? {} : { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '仿宋_GB2312', size: 32, bold: opts.bold ?? false })] });

function figures(a: ActionDoc): string[] {
  const i = a.indicators;
  const lines = [
    `退出计划到期完成率：${i.planCompletion === null ? '无到期计划项' : `${(i.planCompletion * 100).toFixed(1)}%`}；逾期未完成计划项 ${i.latePlanItems} 项`,
    `逾期未办结案件 ${i.overdueCases} 件；未销号问题 ${i.openProblems} 个，其中逾期 ${i.overdueProblems} 个`,
    `距最近一次工作进展 ${i.daysSinceProgress === null ? '—' : `${i.daysSinceProgress} 天`}`,
  ];
  for (const h of a.hits) {
    const v = h.criterion === 'planCompletion' ? `${(h.value * 100).toFixed(1)}%` : String(h.value);
    const t = h.criterion === 'planCompletion' ? `低于 ${(h.threshold * 100).toFixed(0)}%` : `达到 ${h.threshold}`;
    lines.push(`${CRITERION_ZH[h.criterion] ?? h.criterion}为 ${v}（办公室设定的标准：${t}）`);
  }
  return lines;
}

/** The .docx of a 通报 or 约谈通知. */
export async function buildActionDocx(a: ActionDoc): Promise<Buffer> {
  const title = a.kind === 'criticism' ? `关于对${a.territoryName}落后产能退出工作进展缓慢的通报` : `关于约谈${a.territoryName}政府（管委会）负责同志的通知`;
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: ISSUER, font: '方正小标宋简体', size: 52, color: 'C00000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: a.docNo, font: '仿宋_GB2312', size: 32 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: title, font: '方正小标宋简体', size: 44 })] }),
    body(a.kind === 'criticism' ? '各县区人民政府，各开发区管委会，市直有关部门：' : `${a.territoryName}人民政府（管委会）：`, { indent: false }),
  ];
  if (a.kind === 'criticism') {
    children.push(body(`根据《芜湖市2020年落后产能退出工作方案》“完善工作机制”的要求，对退出工作进展缓慢的县区（开发区）予以通报。经调度，${a.territoryName}存在以下情况：`));
  } else {
    children.push(body(`根据《芜湖市2020年落后产能退出工作方案》“完善工作机制”的要求，经调度，你单位落后产能退出工作存在以下情况：`));
  }
  for (const [n, l] of figures(a).entries()) children.push(body(`${n + 1}. ${l}。`));
  children.push(body(`事由：${a.reason}`));
  if (a.kind === 'summons') {
    children.push(body(`定于${zhDate(a.heldOn)}${a.place ? `在${a.place}` : ''}约谈你单位负责同志，请${a.attendees ? a.attendees : '分管负责同志及有关部门负责同志'}准时参加，并就整改措施和完成时限作出说明。`));
  } else {
    children.push(body(`请${a.territoryName}高度重视，认真分析原因，逐项制定整改措施，并于规定时限内将整改情况报市淘汰落后产能工作领导小组办公室。`));
  }
  if (a.summary) children.push(body(`有关情况：${a.summary}`));
  for (const c of a.commitments) children.push(body(`承诺事项：${c.text}（完成时限：${zhDate(c.dueOn)}）`));
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: ISSUER, font: '仿宋_GB2312', size: 32 })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: zhDate(a.issuedOn), font: '仿宋_GB2312', size: 32 })] }),
  );
  const doc = new Document({
    creator: ISSUER,
    title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
