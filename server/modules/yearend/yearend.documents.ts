/**
 * The year-end Word documents: the acceptance certificate (验收单) and the city's report, printed through the
 * document service (issue 11: GB/T 9704-2012 layout) as two templates of this module. Rendered on request from the
 * live record (a draft certificate says so); the certificate's number is its own (芜淘汰验〔year〕N号), the report's
 * its version. Issuing them as numbered documents of the service (发文字号, versions kept) waits for their kinds in the
 * documents reference data.
 */
import { Type } from '@sinclair/typebox';
import { registerTemplate, renderDocument, type DocumentTemplate } from '../documents/index.ts';
import type { Block, DocumentBody } from '../documents/index.ts';
import { documentReference, resolveUnit } from '../documents/index.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface CertificateDoc {
  number: string | null;
  status: string;
  enterprise: { name: string; creditCode: string };
  territoryName: string;
  dimensionName: string;
  lines: Array<{ name: string; kindName: string; sizeValue: string | null; sizeUnit: string | null; capacity: string; capacityUnit: string }>;
  checks: Array<{ label: string; required: boolean; answer: string | null; evidenceIds: string[]; note: string | null }>;
  workers: { employees: number; resettled: number } | null;
  /** the worker-resettlement record (plan §2.6), where one exists */
  resettlement?: {
    workersAffected: number;
    resettled: number;
    transferred: number;
    reemployed: number;
    retired: number;
    other: number;
    fundsPlanned: string;
    fundsPaid: string;
    planFiledOn: string | null;
  } | null;
  opinion: string | null;
  signoffs: Array<{ unit: string; signerName: string; signedOn: string }>;
  acceptedOn: string | null;
}

const ANSWER_ZH: Record<string, string> = { yes: '是', no: '否', notApplicable: '不适用' };
const UNIT_ZH: Record<string, string> = { enterprise: '企业（法定代表人或授权代表）', territory: '县区人民政府（管委会）', department: '市牵头部门' };

const table = (header: string[], rows: string[][]): Block => ({ kind: 'table', header, rows });
const p = (text: string): Block => ({ kind: 'p', text });
const h1 = (text: string): Block => ({ kind: 'h1', text });

function composeCertificate(c: CertificateDoc): DocumentBody {
  return {
    title: '淘汰落后产能验收单',
    body: [
      ...(c.status === 'complete' ? [] : [p('（草稿：未完成签署，不作为产能退出依据）')]),
      p(`企业名称：${c.enterprise.name}（统一社会信用代码：${c.enterprise.creditCode}）`),
      p(`所在县区：${c.territoryName}；退出依据方面：${c.dimensionName}`),
      h1('一、退出生产线（设备）'),
      table(
        ['序号', '名称', '类型', '规格', '产能'],
        c.lines.map((l, i) => [String(i + 1), l.name, l.kindName, l.sizeValue ? `${l.sizeValue}${l.sizeUnit ?? ''}` : '—', `${l.capacity}${l.capacityUnit}`]),
      ),
      h1('二、检查项'),
      table(
        ['检查内容', '结论', '证据材料', '说明'],
        c.checks.map((k) => [
          k.label + (k.required ? '' : '（如适用）'),
          k.answer ? (ANSWER_ZH[k.answer] ?? k.answer) : '未填',
          `${k.evidenceIds.length}份`,
          k.note ?? '',
        ]),
      ),
      p(`职工安置：职工${c.workers?.employees ?? '—'}人，已安置${c.workers?.resettled ?? '—'}人。`),
      ...(c.resettlement
        ? [
            p(
              `职工安置情况（据职工安置台账）：涉及职工${c.resettlement.workersAffected}人，其中转岗${c.resettlement.transferred}人、再就业${c.resettlement.reemployed}人、退休${c.resettlement.retired}人、其他方式${c.resettlement.other}人，合计已安置${c.resettlement.resettled}人；安置资金计划${c.resettlement.fundsPlanned}万元，已到位${c.resettlement.fundsPaid}万元${c.resettlement.planFiledOn ? `；安置方案备案日期${c.resettlement.planFiledOn}` : ''}。`,
            ),
          ]
        : []),
      p(`验收意见：${c.opinion ?? ''}`),
      h1('三、签署'),
      table(
        ['单位', '签署人', '日期'],
        (['enterprise', 'territory', 'department'] as const).map((u) => {
          const s = c.signoffs.find((x) => x.unit === u);
          return [UNIT_ZH[u]!, s?.signerName ?? '', s?.signedOn ?? ''];
        }),
      ),
      p(c.acceptedOn ? `验收日期：${c.acceptedOn}` : '验收日期：'),
    ],
  };
}

const Loose = Type.Object({}, { additionalProperties: true });
const certificateTemplate: DocumentTemplate<CertificateDoc> = registerTemplate({
  kind: 'acceptance-certificate',
  name: { zh: '淘汰落后产能验收单', en: 'Acceptance certificate' },
  author: 'authority',
  content: Loose,
  compose: composeCertificate,
});

const officeName = (referenceSet?: string) => resolveUnit(documentReference(referenceSet), 'office').name;

export async function certificateDocx(c: CertificateDoc, today: string, referenceSet?: string): Promise<Buffer> {
  const r = await renderDocument(certificateTemplate.kind, c, {
    unitName: officeName(referenceSet),
    number: c.number ?? '（草稿）',
    date: c.acceptedOn ?? today,
  });
  return r.docx;
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
  /** worker resettlement over the year's exited enterprises (plan §2.6) */
  resettlement?: {
    enterprises: number;
    workersAffected: number;
    transferred: number;
    reemployed: number;
    retired: number;
    other: number;
    fundsPlanned: string;
    fundsPaid: string;
  } | null;
  approvedAt: string | null;
  reportedOn: string | null;
  receivingAuthority: string | null;
}

function composeReport(r: ReportDoc): DocumentBody {
  return {
    title: `${r.cityName}${r.year}年淘汰落后产能工作总结报告`,
    addressee: '安徽省经济和信息化厅',
    body: [
      p(`（第${r.version}版${r.status === 'draft' ? '，待市人民政府审定' : ''}）`),
      ...(r.reason ? [p(`修订理由：${r.reason}`)] : []),
      h1('一、重点行业依法关停退出情况'),
      p('以验收单为据，按验收日期计入年度；关停待验收的不计入。'),
      table(
        ['行业', '企业（家）', '生产线（条）', '产能', '单位'],
        r.figures.map((f) => [f.industryName, String(f.enterprises), String(f.lines), f.capacity, f.capacityUnit]),
      ),
      ...(r.resettlement && r.resettlement.enterprises > 0
        ? [
            p(
              `职工安置：退出企业中${r.resettlement.enterprises}家登记职工安置台账，涉及职工${r.resettlement.workersAffected}人，其中转岗${r.resettlement.transferred}人、再就业${r.resettlement.reemployed}人、退休${r.resettlement.retired}人、其他方式${r.resettlement.other}人；安置资金计划${r.resettlement.fundsPlanned}万元，已到位${r.resettlement.fundsPaid}万元。`,
            ),
          ]
        : []),
      h1('二、分县区情况'),
      table(
        ['县区', '企业（家）', '生产线（条）'],
        r.byTerritory.map((t) => [t.territoryName, String(t.enterprises), String(t.lines)]),
      ),
      h1('三、执法案件情况'),
      table(
        ['方面', '办理中', '已办结'],
        r.casesByDimension.map((d) => [d.dimensionName, String(d.open), String(d.closed)]),
      ),
      h1('四、各单位总结'),
      table(
        ['单位', '状态'],
        r.summaries.map((s) => [s.unitName, s.status]),
      ),
      ...r.narratives.flatMap((n) => [{ kind: 'h2' as const, text: n.unitName, rest: n.text }]),
      h1('五、数据核对'),
      r.differences.length
        ? table(
            ['单位', '项目', '填报值', '台账值', '说明'],
            r.differences.map((d) => [d.unitName, d.what, d.typed, d.ledger, d.explanation ?? '未说明']),
          )
        : p('各单位填报数与产能台账一致。'),
      p(r.approvedAt ? `市人民政府审定：${r.approvedAt.slice(0, 10)}` : '市人民政府审定：待审定'),
      ...(r.reportedOn ? [p(`已于${r.reportedOn}报送${r.receivingAuthority ?? ''}。`)] : []),
    ],
  };
}

const reportTemplate: DocumentTemplate<ReportDoc> = registerTemplate({
  kind: 'yearend-report',
  name: { zh: '淘汰落后产能工作总结报告', en: 'Year-end report' },
  author: 'authority',
  content: Loose,
  compose: composeReport,
});

export async function reportDocx(r: ReportDoc, today: string, referenceSet?: string): Promise<Buffer> {
  const unitName = r.approvedAt ? resolveUnit(documentReference(referenceSet), 'government').name : officeName(referenceSet);
  const out = await renderDocument(reportTemplate.kind, r, {
    unitName,
    number: `${r.year}年度第${r.version}版`,
    date: r.approvedAt ? r.approvedAt.slice(0, 10) : today,
  });
  return out.docx;
}
