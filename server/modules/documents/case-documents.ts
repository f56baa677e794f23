/**
 * The documents of the case lifecycles (plan §2.1–§2.5): which act issues which document, and the content each is
 * filled from — read from the platform's data in the act's own transaction (the case, its finding, the enterprise,
 * the lines and capacity, the act row with its basis and deadline steps, earlier documents and decisions). The act
 * path (server/modules/cases/commands/apply-case-act.ts) reads that data with the case (caseContentSql), composes
 * and hashes the content before its write (prepareActDocument), and records the document — number, row and the
 * issue in the act's own audit record — inside its one write statement (documentInsertCtes): the number commits or
 * rolls back with the act (docs/decisions/0012).
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { basisById, citation } from '../../domain/law/basis.ts';
import { paramAsOf } from '../../domain/law/parameters.ts';
import type { AuditMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { prepareDocument, reviseDocument, type IssueOptions, type PreparedDocument, type RenderedVersion } from './documents.service.ts';
import { documentReference, resolveUnit, unitOfActor } from './numbering.ts';
import type { CaseContent } from './templates/case-content.ts';
import './templates/index.ts';

/** What an act issues: the document kind, and the issuing unit when it is not the acting unit. */
export interface ActDocumentRule {
  kind: string;
  /** the facts an act's payload contributes (strings only) */
  facts?: (p: Record<string, unknown>) => Record<string, string>;
  /** 'county': the case's territory unit issues it (the county-level 封存公告) */
  unit?: (p: Record<string, unknown>) => 'acting' | 'county';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const measure = (zh: string) => () => ({ measure: zh });

/** dimension → act kind → document (the issue's list: §2.1–§2.5). */
export const ACT_DOCUMENTS: Readonly<Record<string, Readonly<Record<string, ActDocumentRule>>>> = {
  energy: {
    serveRectificationOrder: { kind: 'rectification-notice' },
    applyExtension: { kind: 'extension-application', facts: (p) => ({ requestedMonths: str(p.requestedMonths), reason: str(p.reason) }) },
    approveExtension: { kind: 'extension-decision', facts: (p) => ({ decision: 'approved', grantedMonths: str(p.grantedMonths) }) },
    refuseExtension: { kind: 'extension-decision', facts: (p) => ({ decision: 'refused', reason: str(p.reason) }) },
    reinspect: { kind: 'reinspection-opinion', facts: (p) => ({ result: str(p.result), measured: str(p.measured) }) },
    orderClosure: { kind: 'enforcement-decision', facts: measure('关闭') },
  },
  environment: {
    orderRestriction: { kind: 'enforcement-decision', facts: measure('限制生产') },
    orderSuspension: { kind: 'enforcement-decision', facts: measure('停产整治') },
    recheck: { kind: 'reinspection-opinion', facts: (p) => ({ result: str(p.result) }) },
    orderCeaseOrClose: { kind: 'enforcement-decision', facts: (p) => ({ measure: p.measure === 'close' ? '关闭' : '停业', needsApproval: 'yes' }) },
  },
  quality: {
    revokeBusinessLicence: { kind: 'enforcement-decision', facts: measure('吊销营业执照') },
  },
  safety: {
    orderRectification: { kind: 'rectification-notice' },
    recheck: { kind: 'reinspection-opinion', facts: (p) => ({ result: str(p.result) }) },
    orderSuspension: { kind: 'enforcement-decision', facts: measure('停产停业整顿') },
    orderClosure: { kind: 'enforcement-decision', facts: measure('关闭') },
    requestLicenceRevocation: { kind: 'referral', facts: (p) => ({ licence: str(p.licence), issuingAuthority: str(p.issuingAuthority) }) },
  },
  technology: {
    publicCommitment: { kind: 'public-commitment', facts: (p) => ({ note: str(p.note) }) },
    publishNotice: {
      kind: 'sealing-notice',
      facts: (p) => ({ level: str(p.level), url: str(p.url) }),
      unit: (p) => (p.level === 'county' ? 'county' : 'acting'),
    },
    setDismantleDeadline: { kind: 'dismantle-notice' },
  },
};

/** Whether the act issues a document (the act path takes its transaction path only then). */
export function actIssuesDocument(dimension: string, kind: string): boolean {
  return Object.hasOwn(ACT_DOCUMENTS, dimension) && Object.hasOwn(ACT_DOCUMENTS[dimension]!, kind);
}

const LAW_ZH = (law: string) => (law.endsWith('法') ? `《中华人民共和国${law}》` : `《${law}》`);
const trimNum = (n: string) => (n.includes('.') ? n.replace(/\.?0+$/, '') : n);

function findingText(dimension: string, f: Record<string, unknown>): string {
  const desc = str(f.description);
  switch (dimension) {
    case 'energy':
      return `${str(f.process)}单位产品能耗实测值为${str(f.measured)}${str(f.unit)}，超过${str(f.edition)}规定的限额${str(f.limit)}${str(f.unit)}${desc ? `（${desc}）` : ''}`;
    case 'environment': {
      const kinds: Record<string, string> = { emission: '超标排放', totalQuantity: '超总量排放', solidWaste: '违法处置固体废物' };
      const m = f.measured && f.limit ? `，实测值${str(f.measured)}${str(f.unit)}，限值${str(f.limit)}${str(f.unit)}` : '';
      return `存在${kinds[str(f.kind)] ?? '环境违法'}行为（${str(f.pollutant)}${f.standard ? `，执行${str(f.standard)}` : ''}${m}）${desc ? `，${desc}` : ''}`;
    }
    case 'quality': {
      const kinds: Record<string, string> = { nonConforming: '生产不合格产品', unlicensed: '无证生产', eliminatedProduct: '生产国家明令淘汰产品' };
      return `存在${kinds[str(f.kind)] ?? '产品质量违法'}行为${f.product ? `（${str(f.product)}）` : ''}${desc ? `，${desc}` : ''}`;
    }
    case 'safety':
      return `存在安全生产隐患：${str(f.hazard)}${desc ? `，${desc}` : ''}`;
    case 'technology':
      return `使用《产业结构调整指导目录》淘汰类工艺技术装备（${str(f.catalogueItem)}）${desc ? `，${desc}` : ''}`;
    default:
      return desc || '存在落后产能问题';
  }
}

/** The follow-up the plan prescribes, with the dated parameters' values (law as data). */
function followUp(dimension: string, date: string): string | undefined {
  if (dimension === 'energy') {
    const months = paramAsOf('energy.extensionMaxMonths', date).value;
    const count = paramAsOf('energy.extensionMaxCount', date).value;
    return `确需延长整改期限的，你单位可在整改期限届满前提出不超过${months}个月的延期申请（以${count}次为限）。逾期未整改或者经整改仍未达标的，依法关停退出。`;
  }
  if (dimension === 'safety') return '逾期未整改或者经复查仍不合格的，将依法责令停产停业整顿；经停产停业整顿仍不具备安全生产条件的，依法予以关闭。';
  return undefined;
}

/** What the act path knows about the act when it issues its document (no need to read it back). */
export interface ActFacts {
  actId: number;
  caseId: number;
  kind: string;
  date: string;
  role: string;
  payload: unknown;
  basisId: string | null;
  deadline: { due: string; steps?: Array<{ zh: string }>; basis?: Array<{ citationZh: string }> } | null | undefined;
}

export interface Gathered {
  department_code: string;
  territory_code: string;
  dimension: string;
  finding: Record<string, unknown>;
  opened_on: string;
  enterprise_name: string;
  credit_code: string;
  address: string | null;
  legal_representative: string | null;
  territory_name: string;
  dimension_name: string;
  law: string;
  dimension_basis: string;
  lines: Array<{ name: string; kindName: string; model: string | null; capacity: string; capacityUnit: string }>;
  earlier: Array<{ title: string; number: string; date: string }>;
  approval: { date: string; documentNo: string | null } | null;
}

/**
 * The data the content of a case's document is filled from, in ONE select (one row, or none when the case does not
 * exist): the case, enterprise, territory, dimension, the lines concerned, the case's earlier documents and the city
 * government's approval. `actId`: that act's own documents are not "earlier"; `beforeDocumentId`: only documents
 * before it count (a regenerated document says what it said). The act path folds it into its read (apply-case-act.ts).
 */
export function caseContentSql(caseId: number, actId: number | null = null, beforeDocumentId: number | null = null): RawBuilder<Gathered> {
  return sql<Gathered>`
    select c.department_code, c.territory_code, c.dimension, c.finding, c.opened_on, e.name as enterprise_name, e.credit_code, e.address, e.legal_representative,
      t.name as territory_name, dm.name as dimension_name, dm.law, dm.basis_id as dimension_basis,
      coalesce((select json_agg(json_build_object('name', l.name, 'kindName', k.name, 'model', l.model, 'capacity', l.capacity::text, 'capacityUnit', l.capacity_unit) order by l.id)
        from case_line cl join production_line l on l.id = cl.line_id join line_kind k on k.code = l.kind where cl.case_id = c.id), '[]'::json) as lines,
      coalesce((select json_agg(json_build_object('title', d.title, 'number', d.number, 'date', d.doc_date::text) order by d.id)
        from document d where d.case_id = c.id and d.status = 'issued' and (${actId}::bigint is null or d.act_id is null or d.act_id <> ${actId}::bigint)
          and (${beforeDocumentId}::bigint is null or d.id < ${beforeDocumentId}::bigint)), '[]'::json) as earlier,
      (select json_build_object('date', a.act_date::text, 'documentNo', a.payload->>'documentNo') from case_act a
        where a.case_id = c.id and a.kind = 'recordGovernmentApproval' order by a.seq desc limit 1) as approval
    from case_file c join enterprise e on e.id = c.enterprise_id join territory t on t.code = c.territory_code join dimension dm on dm.code = c.dimension
    where c.id = ${caseId}::bigint`;
}

/** The content of the document an act issues, from the data caseContentSql read (pure). */
export function composeCaseContent(c: Gathered, act: ActFacts, rule: ActDocumentRule): CaseContent {
  const payload = (act.payload && typeof act.payload === 'object' ? act.payload : {}) as Record<string, unknown>;
  const totals = new Map<string, number>();
  for (const l of c.lines) totals.set(l.capacityUnit, (totals.get(l.capacityUnit) ?? 0) + Number(l.capacity));
  const references: CaseContent['references'] = c.earlier.map((d) => ({ label: d.title, number: d.number, date: d.date }));
  const facts: Record<string, string> = { ...(rule.facts?.(payload) ?? {}) };
  if (facts.needsApproval) {
    // §2.2: ceasing or closing needs the recorded approval of the city government
    if (c.approval) references.push({ label: '市人民政府批准', number: c.approval.documentNo || null, date: c.approval.date });
    delete facts.needsApproval;
  }
  const fu = followUp(c.dimension, act.date);
  if (fu) facts.followUp = fu;
  const documentNo = str(payload.documentNo);
  if (documentNo) facts.documentNo = documentNo;
  const basisId = act.basisId ?? c.dimension_basis;
  const due = act.deadline
    ? {
        date: act.deadline.due,
        steps: (act.deadline.steps ?? []).map((x) => x.zh),
        citations: [...new Set((act.deadline.basis ?? []).map((b) => b.citationZh))],
      }
    : undefined;
  return {
    enterprise: { name: c.enterprise_name, creditCode: c.credit_code, address: c.address, legalRepresentative: c.legal_representative },
    territoryName: c.territory_name,
    dimension: c.dimension,
    dimensionName: c.dimension_name,
    law: LAW_ZH(c.law),
    finding: { date: str(c.finding.date) || c.opened_on, text: findingText(c.dimension, c.finding) },
    lines: c.lines.map((l) => ({ ...l, capacity: trimNum(l.capacity) })),
    capacityTotal: [...totals].map(([u, n]) => `${trimNum(n.toFixed(4))}${u}`).join('、') || '—',
    act: { kind: act.kind, date: act.date, role: act.role },
    basis: { id: basisId, citationZh: citation(basisId, 'zh'), titleZh: basisById(basisId).titleZh },
    ...(due ? { due } : {}),
    references,
    facts,
  };
}

/** The content of the document an act issues, from the data as it is now (in `q`'s transaction), in one statement. */
export async function gatherCaseContent(
  q: Transaction<DB>,
  act: ActFacts,
  rule: ActDocumentRule,
  beforeDocumentId?: number,
): Promise<{ content: CaseContent; caseRow: { territory_code: string; department_code: string; dimension: string } }> {
  const c = (await caseContentSql(act.caseId, act.actId, beforeDocumentId ?? null).execute(q)).rows[0];
  if (!c) throw new AppError('NOT_FOUND', { caseId: act.caseId });
  return {
    content: composeCaseContent(c, act, rule),
    caseRow: { territory_code: c.territory_code, department_code: c.department_code, dimension: c.dimension },
  };
}

/** Every act kind that issues a document in some dimension (the act path reads the content data only for these). */
export const DOCUMENT_ACT_KINDS: ReadonlySet<string> = new Set(Object.values(ACT_DOCUMENTS).flatMap((m) => Object.keys(m)));

/**
 * The document an act issues, prepared from the data the act's read took (`caseContentSql`) — content composed,
 * checked, titled and hashed before any lock is taken — or null when the act issues none. The issuing unit is the
 * acting account's unit (a territory account: its 县（市）区 government or zone committee; a department account: its
 * department; the city government; the office); the county-level 封存公告 is issued by the case's territory.
 */
export function prepareActDocument(data: Gathered, act: ActFacts & { dimension: string }, meta: AuditMeta, opts: IssueOptions = {}): PreparedDocument | null {
  if (!actIssuesDocument(act.dimension, act.kind)) return null;
  const rule = ACT_DOCUMENTS[act.dimension]![act.kind]!;
  const content = composeCaseContent(data, act, rule);
  const county = rule.unit?.((act.payload ?? {}) as Record<string, unknown>) === 'county';
  const issuingUnit = county
    ? `territory:${data.territory_code}`
    : unitOfActor(meta.actor, { territoryCode: data.territory_code, departmentCode: data.department_code, role: act.role });
  content.facts.issuer = resolveUnit(documentReference(opts.referenceSet), issuingUnit).name;
  return prepareDocument(
    {
      kind: rule.kind,
      issuingUnit,
      date: act.date,
      subject: { caseId: act.caseId, actId: act.actId, territoryCode: data.territory_code, dimension: data.dimension },
      content,
      basisId: act.basisId,
    },
    opts,
  );
}

async function readAct(q: Transaction<DB>, actId: number): Promise<ActFacts | undefined> {
  const r = await q
    .selectFrom('case_act')
    .select(['id', 'case_id', 'kind', 'act_date', 'role', 'payload', 'basis_id', 'due_detail'])
    .where('id', '=', actId)
    .executeTakeFirst();
  return (
    r && {
      actId: Number(r.id),
      caseId: Number(r.case_id),
      kind: r.kind,
      date: r.act_date,
      role: r.role,
      payload: r.payload,
      basisId: r.basis_id,
      deadline: r.due_detail as ActFacts['deadline'],
    }
  );
}

/** Regenerates a case document from the data as it is now (after a correction): a new version, same number. */
export async function regenerateCaseDocument(trx: Transaction<DB>, documentId: number, reason: string, meta: AuditMeta): Promise<RenderedVersion> {
  const doc = await trx.selectFrom('document').select(['act_id', 'case_id', 'dimension']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw new AppError('NOT_FOUND', { documentId });
  if (!doc.act_id || !doc.dimension) return reviseDocument(trx, documentId, { reason }, meta);
  const act = await readAct(trx, Number(doc.act_id));
  const rule = act && ACT_DOCUMENTS[doc.dimension]?.[act.kind];
  if (!act || !rule) return reviseDocument(trx, documentId, { reason }, meta);
  const { content } = await gatherCaseContent(trx, act, rule, documentId);
  return reviseDocument(trx, documentId, { content, reason }, meta);
}
