/** Year-end rows → API shapes: names instead of codes, the reconciliation, who acts next, allowed acts. */
import type { Actor } from '../../platform/auth/actor.ts';
import { reconcile, type ExitFigure } from '../../domain/yearend/figures.ts';
import { ownUnit, type CaseCount, type GeneratedFigures, type ReportRow, type SummaryRow } from './yearend.repository.ts';

export interface Names {
  territory: Map<string, string>;
  industry: Map<string, string>;
  dimension: Map<string, string>;
  department: Map<string, string>;
}

export const figureOut = (n: Names) => (f: ExitFigure) => ({
  industryCode: f.industryCode,
  industryName: n.industry.get(f.industryCode) ?? f.industryCode,
  capacityUnit: f.capacityUnit,
  enterprises: f.enterprises,
  lines: f.lines,
  capacity: f.capacity,
});
export const casesOut = (n: Names) => (c: CaseCount) => ({
  dimension: c.dimension,
  dimensionName: n.dimension.get(c.dimension) ?? c.dimension,
  outcome: c.outcome,
  n: c.n,
});

export const unitName = (n: Names, kind: string, code: string) => (kind === 'territory' ? n.territory.get(code) : n.department.get(code)) ?? code;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function summaryNext(s: Pick<SummaryRow, 'status'>, open: number): { zh: string; en: string } | null {
  switch (s.status) {
    case 'draft':
      return { zh: '本单位：填写并提交总结', en: 'the unit: complete and submit the summary' };
    case 'returned':
      return { zh: '本单位：按退回意见修改后重新提交', en: 'the unit: correct it as commented and resubmit' };
    case 'submitted':
      return { zh: '领导小组办公室：审核', en: 'the office: review' };
    default:
      return open ? { zh: '说明或更正数据差异', en: 'explain or correct the differences' } : null;
  }
}

export function presentSummary(s: SummaryRow, live: GeneratedFigures, actor: Actor, n: Names) {
  const generated = s.generated ?? live;
  const differences = reconcile(s.typed, generated.exits, s.explanations);
  const own = ownUnit(actor);
  const isOwn = own?.kind === s.unit_kind && own.code === s.unit_code;
  const isOffice = actor.kind === 'user' && actor.role === 'office';
  const acts: string[] = [];
  if (isOwn && (s.status === 'draft' || s.status === 'returned')) acts.push('edit', 'submit');
  if (isOffice && s.status === 'submitted') acts.push('return', 'accept');
  if ((isOwn || isOffice) && differences.some((d) => !d.resolved)) acts.push('explain');
  const open = differences.filter((d) => !d.resolved).length;
  return {
    id: s.id,
    year: s.year,
    unitKind: s.unit_kind,
    unitCode: s.unit_code,
    unitName: unitName(n, s.unit_kind, s.unit_code),
    status: s.status,
    narrative: s.narrative,
    typed: s.typed.map(figureOut(n)),
    generated: {
      exits: generated.exits.map(figureOut(n)),
      awaiting: generated.awaiting.map(figureOut(n)),
      cases: generated.cases.map(casesOut(n)),
      asOf: generated.asOf,
      frozen: s.generated !== null,
      resettlement: generated.resettlement ?? null,
    },
    differences: differences.map((d) => ({ ...d, industryName: n.industry.get(d.industryCode) ?? d.industryCode })),
    attachments: s.attachments,
    comment: s.comment,
    submittedAt: iso(s.submitted_at),
    reviewedAt: iso(s.reviewed_at),
    nextActor: summaryNext(s, open),
    allowedActs: acts,
    version: s.version,
  };
}

export function presentSummaryItem(s: SummaryRow, n: Names) {
  const open = s.generated ? reconcile(s.typed, s.generated.exits, s.explanations).filter((d) => !d.resolved).length : 0;
  return {
    id: s.id,
    unitKind: s.unit_kind,
    unitCode: s.unit_code,
    unitName: unitName(n, s.unit_kind, s.unit_code),
    status: s.status,
    openDifferences: open,
    submittedAt: iso(s.submitted_at),
    nextActor: summaryNext(s, open),
  };
}

export function presentReport(r: ReportRow, actor: Actor, n: Names) {
  const b = r.body;
  const open = b.differences.filter((d) => !d.resolved).length;
  const isOffice = actor.kind === 'user' && actor.role === 'office';
  const isGov = actor.kind === 'user' && actor.role === 'government';
  const acts: string[] = [];
  if (isOffice && r.status === 'draft') acts.push('consolidate');
  if (isOffice && (r.status === 'approved' || r.status === 'reported')) acts.push('amend');
  if (isGov && r.status === 'draft' && open === 0) acts.push('approve');
  if (isOffice && r.status === 'approved') acts.push('markReported');
  const next =
    r.status === 'draft'
      ? open
        ? { zh: `办公室：${open} 项数据差异待说明或更正后重新汇总`, en: `the office: ${open} differences to explain or correct, then consolidate again` }
        : { zh: '市人民政府：审定', en: 'the city government: approve' }
      : r.status === 'approved'
        ? { zh: '办公室：报送省里并登记', en: 'the office: report it up and record it' }
        : null;
  return {
    id: r.id,
    year: r.year,
    version: r.version,
    status: r.status,
    locked: r.status !== 'draft',
    asOf: b.asOf,
    cityName: b.cityName,
    figures: b.figures.map(figureOut(n)),
    byTerritory: b.byTerritory,
    awaiting: b.awaiting.map(figureOut(n)),
    cases: b.cases.map(casesOut(n)),
    resettlement: b.resettlement ?? null,
    summaries: b.summaries,
    differences: b.differences.map((d) => ({
      unitName: d.unitName,
      key: d.key,
      industryName: n.industry.get(d.industryCode) ?? d.industryCode,
      capacityUnit: d.capacityUnit,
      field: d.field,
      typed: d.typed,
      ledger: d.ledger,
      explanation: d.explanation,
      resolved: d.resolved,
    })),
    reason: r.reason,
    diff: (r.diff as { againstVersion: number; figures: Array<{ key: string; field: string; before: string | null; after: string | null }> } | null) ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    approvedAt: iso(r.approved_at),
    approvedBy: r.approved_by_name,
    reportedOn: r.reported_on,
    receivingAuthority: r.receiving_authority,
    nextActor: next,
    allowedActs: acts,
  };
}
