/**
 * The year-end Word documents: the acceptance certificate (验收单) and the city's report. Built with the `docx`
 * library in this ONE file until the documents service (issue 11: GB/T 9704 layout, 发文字号 numbering) is on main;
 * then each function becomes a template of that service and the routes keep calling these two names.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const TITLE_FONT = { ascii: 'SimHei', eastAsia: '方正小标宋简体', hAnsi: 'SimHei' };

const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold ?? false, font: FONT, size: opts.size ?? 28 })] });
const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun({ text, font: TITLE_FONT, size: 40 })] });
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cell = (text: string, bold = false) =>
  new TableCell({ borders: { top: border, bottom: border, left: border, right: border }, children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))] });

export interface CertificateDoc {
  number: string | null;
  status: string;
  enterprise: { name: string; creditCode: string };
  territoryName: string;
  dimensionName: string;
  lines: Array<{ name: string; kindName: string; sizeValue: string | null; sizeUnit: string | null; capacity: string; capacityUnit: string }>;
  checks: Array<{ label: string; required: boolean; answer: string | null; evidenceIds: string[]; note: string | null }>;
  workers: { employees: number; resettled: number } | null;
  opinion: string | null;
  signoffs: Array<{ unit: string; signerName: string; signedOn: string }>;
  acceptedOn: string | null;
}

const ANSWER_ZH: Record<string, string> = { yes: '是', no: '否', notApplicable: '不适用' };
const UNIT_ZH: Record<string, string> = { enterprise: '企业（法定代表人或授权代表）', territory: '县区人民政府（管委会）', department: '市牵头部门' };

export async function certificateDocx(c: CertificateDoc): Promise<Buffer> {
  const doc = new Document({
    creator: 'Phaseout',
    title: '淘汰落后产能验收单',
    sections: [
      {
        children: [
          title('淘汰落后产能验收单'),
          p(c.number ? `编号：${c.number}` : '编号：（完成签署后生成）', { center: true }),
          ...(c.status === 'complete' ? [] : [p('（草稿，未完成签署，不作为产能退出依据）', { center: true })]),
          p(`企业名称：${c.enterprise.name}`),
          p(`统一社会信用代码：${c.enterprise.creditCode}`),
          p(`所在县区：${c.territoryName}    退出依据方面：${c.dimensionName}`),
          p('退出生产线（设备）', { bold: true }),
          table(
            ['名称', '类型', '规格', '产能'],
            c.lines.map((l) => [l.name, l.kindName, l.sizeValue ? `${l.sizeValue}${l.sizeUnit ?? ''}` : '', `${l.capacity} ${l.capacityUnit}`]),
          ),
          p('检查项', { bold: true }),
          table(
            ['检查内容', '结论', '证据材料', '说明'],
            c.checks.map((k) => [k.label + (k.required ? '' : '（如适用）'), k.answer ? (ANSWER_ZH[k.answer] ?? k.answer) : '未填', `${k.evidenceIds.length} 份`, k.note ?? '']),
          ),
          p(`职工安置：职工 ${c.workers?.employees ?? '—'} 人，已安置 ${c.workers?.resettled ?? '—'} 人`),
          p(`验收意见：${c.opinion ?? ''}`),
          p('签署', { bold: true }),
          table(
            ['单位', '签署人', '日期'],
            (['enterprise', 'territory', 'department'] as const).map((u) => {
              const s = c.signoffs.find((x) => x.unit === u);
              return [UNIT_ZH[u]!, s?.signerName ?? '', s?.signedOn ?? ''];
            }),
          ),
          p(c.acceptedOn ? `验收日期：${c.acceptedOn}` : '验收日期：'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface ReportDoc {
  year: number;
  version: number;
  status: string;
  cityName: string;
  figures: Array<{ industryName: string; capacityUnit: string; enterprises: number; lines: number; capacity: string }>;
  byTerritory: Array<{ territoryName: string; enterprises: number; lines: number }>;
  casesByDimension: Array<{ dimensionName: string; open: number; closed: number }>;
  summaries: Array<{ unitName: string; status: string }>;
  narratives: Array<{ unitName: string; text: string }>;
  differences: Array<{ unitName: string; what: string; typed: string; ledger: string; explanation: string | null }>;
  reason: string | null;
  approvedAt: string | null;
  reportedOn: string | null;
  receivingAuthority: string | null;
}

export async function reportDocx(r: ReportDoc): Promise<Buffer> {
  const doc = new Document({
    creator: 'Phaseout',
    title: `${r.cityName}${r.year}年淘汰落后产能工作总结`,
    sections: [
      {
        children: [
          title(`${r.cityName}${r.year}年淘汰落后产能工作总结报告`),
          p(`（第 ${r.version} 版${r.status === 'draft' ? '，待市政府审定' : ''}）`, { center: true }),
          ...(r.reason ? [p(`修订理由：${r.reason}`)] : []),
          p('一、重点行业依法关停退出情况（以验收单为据，按验收日期计入年度）', { bold: true }),
          table(['行业', '企业（家）', '生产线（条）', '产能', '单位'], r.figures.map((f) => [f.industryName, String(f.enterprises), String(f.lines), f.capacity, f.capacityUnit])),
          p('二、分县区情况', { bold: true }),
          table(['县区', '企业（家）', '生产线（条）'], r.byTerritory.map((t) => [t.territoryName, String(t.enterprises), String(t.lines)])),
          p('三、执法案件情况', { bold: true }),
          table(['方面', '办理中', '已办结'], r.casesByDimension.map((d) => [d.dimensionName, String(d.open), String(d.closed)])),
          p('四、各单位总结', { bold: true }),
          table(['单位', '状态'], r.summaries.map((s) => [s.unitName, s.status])),
          ...r.narratives.flatMap((n) => [p(n.unitName, { bold: true }), p(n.text)]),
          p('五、数据核对', { bold: true }),
          r.differences.length
            ? table(['单位', '项目', '填报值', '台账值', '说明'], r.differences.map((d) => [d.unitName, d.what, d.typed, d.ledger, d.explanation ?? '未说明']))
            : p('各单位填报数与产能台账一致。'),
          p(r.approvedAt ? `市人民政府审定：${r.approvedAt.slice(0, 10)}` : '市人民政府审定：待审定'),
          ...(r.reportedOn ? [p(`已于 ${r.reportedOn} 报送${r.receivingAuthority ?? ''}`)] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
