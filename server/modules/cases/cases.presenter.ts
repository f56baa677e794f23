/**
 * Case rows → API shape. `allowedActs` comes from the domain's allowedActs for the actor's lifecycle role on this
 * case, as of today, so the console renders exactly the buttons and forms the law allows this user now.
 * Deadline words are derived here from the snapshot and today, never stored.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { hasPendingRevocation, isLicenceAuthority, LICENCE_AUTHORITY_ACT } from './licence-authority.ts';
import { actPayloadSchemas, allowedActs, deadlineStatus, transitionTable, type CaseState, type Dimension } from '../../domain/lifecycle/index.ts';
import { basisById, basisRef } from '../../domain/law/basis.ts';
import { programmeWarnings } from '../../domain/law/programmes.ts';
import { actingContext, domainRoleOf } from './case-context.ts';
import { actIssuesDocument } from '../documents/index.ts';
import { nextActions } from '../../domain/lifecycle/next-actions.ts';
import { departmentName, territoryName, unitOfRole } from './case-names.ts';
import { mayAssign } from './assignee.policy.ts';
import type { CaseActRow, CaseDetailRow, CaseRow } from './cases.repository.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The act kinds this actor may take on the case on `day` (today, or the `asOf` day asked: officials record past acts
 * after the fact). Empty for closed cases, for roles with no part, and for a day before the case's last act (an act
 * cannot be dated before it).
 */
export function actorAllowedActs(actor: Actor, c: { dimension: string; territory_code: string; snapshot: unknown }, day: string): string[] {
  const role = domainRoleOf(actor, { dimension: c.dimension, territoryCode: c.territory_code });
  const snap = c.snapshot as CaseState;
  if (!role) {
    // the issuing department of a licence on the case: only the revocation (licence-authority.ts)
    if (!isLicenceAuthority(actor, snap) || !hasPendingRevocation(actor, snap) || day < snap.lastActOn) return [];
    return allowedActs(snap, 'department', day, actingContext(actor)).filter((k) => k === LICENCE_AUTHORITY_ACT);
  }
  if (day < snap.lastActOn) return [];
  return allowedActs(snap, role, day, actingContext(actor));
}

/** The allowed acts with their basis and payload schema (for the console's forms). */
/**
 * An act that issues its own document takes its number (发文字号) from the numbering service in the act's
 * transaction (server/modules/documents): its form asks for no document number (issue 11).
 */
function withoutDocumentNo(schema: object): object {
  const s = schema as { properties?: Record<string, unknown>; required?: string[] };
  if (!s.properties || !('documentNo' in s.properties)) return schema;
  const { documentNo: _drop, ...properties } = s.properties;
  return { ...s, properties, ...(s.required ? { required: s.required.filter((r) => r !== 'documentNo') } : {}) };
}

export function describeActs(dimension: string, state: string, kinds: string[]) {
  const row = transitionTable(dimension as Dimension)[state] ?? {};
  return kinds.map((kind) => {
    const basisId = row[kind]?.basisId ?? '';
    const ref = basisId ? basisRef(basisId) : { citation: '', citationZh: '' };
    const schema = actPayloadSchemas[dimension as Dimension]?.[kind] ?? {};
    return {
      kind,
      basisId,
      citation: ref.citation,
      citationZh: ref.citationZh,
      payloadSchema: actIssuesDocument(dimension, kind) ? withoutDocumentNo(schema) : schema,
    };
  });
}

export function presentCaseItem(row: CaseRow, actor: Actor, today: string) {
  const snap = row.snapshot as CaseState;
  return {
    id: row.id,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, creditCode: row.enterprise_credit_code },
    dimension: row.dimension,
    state: row.state,
    closed: row.closed,
    outcome: row.outcome,
    territoryCode: row.territory_code,
    departmentCode: row.department_code,
    openedOn: row.opened_on,
    dueOn: row.due_on,
    deadlineStatus: deadlineStatus(snap, today),
    allowedActs: actorAllowedActs(actor, row, today),
    version: row.version,
    territoryName: territoryName(row.territory_code),
    departmentName: departmentName(row.department_code),
    assigneeId: row.assignee_id === null ? null : Number(row.assignee_id),
    assigneeName: row.assignee_name,
    mayAssign: !row.closed && mayAssign(actor, { territoryCode: row.territory_code, departmentCode: row.department_code }),
    next: presentNext(snap, { territoryCode: row.territory_code, departmentCode: row.department_code }, today),
  };
}

/** Who acts next (issue 17): the awaited acts with the units behind each role, and the days left. */
export function presentNext(snap: CaseState, c: { territoryCode: string; departmentCode: string }, today: string) {
  const n = nextActions(snap, today);
  return {
    waitingFor: n.waitingFor.map((a) => ({ act: a.act, basisId: a.basisId, actors: a.roles.map((r) => unitOfRole(r, c)) })),
    due: n.due,
    daysLeft: n.daysLeft,
    automatic: n.automatic,
  };
}

export function presentDeadline(snap: CaseState, today: string) {
  if (!snap.due) return null;
  const ref = basisRef(snap.due.basisId);
  return {
    due: snap.due.due,
    status: deadlineStatus(snap, today),
    basisId: snap.due.basisId,
    basisKind: basisById(snap.due.basisId).kind,
    citation: ref.citation,
    citationZh: ref.citationZh,
    steps: snap.due.steps,
    warnings: snap.due.warnings,
    setByAct: snap.due.setByAct,
    setOn: snap.due.setOn,
  };
}

export function presentAct(a: CaseActRow) {
  const ref = a.basis_id ? basisRef(a.basis_id) : null;
  return {
    id: a.id,
    seq: a.seq,
    kind: a.kind,
    date: a.act_date,
    actor: a.actor_id === null ? null : { id: a.actor_id, displayName: a.display_name ?? a.username ?? String(a.actor_id) },
    role: a.role,
    payload: a.payload,
    fromState: a.from_state,
    toState: a.to_state,
    basisId: a.basis_id,
    citation: ref?.citation ?? null,
    citationZh: ref?.citationZh ?? null,
    params: a.params,
    dueOn: a.due_on,
    evidence: a.evidence.map((f) => ({ sha256: f.sha256, originalName: f.original_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes) })),
    recordedAt: iso(a.created_at),
  };
}

/** The legal facts the case keeps (what the government approved, what was ordered, licences, acceptance…), for display. */
export function presentLegalFacts(snap: CaseState) {
  const pick = <K extends keyof CaseState>(...keys: K[]) => Object.fromEntries(keys.filter((k) => snap[k] !== undefined).map((k) => [k, snap[k]]));
  return {
    ...pick(
      'rectificationDue',
      'nonConformities',
      'extension',
      'lastInspection',
      'serious',
      'governmentApproval',
      'ceaseOrClose',
      'penalty',
      'noLicencesHeld',
      'acceptance',
      'served',
    ),
    ...(snap.licences.length ? { licences: snap.licences } : {}),
  };
}

/** Warnings about the law applied: the finding falls after the programme's period (issue 10 item 7). */
export function caseWarnings(snap: CaseState) {
  return programmeWarnings(snap.finding.date).map((w) => ({ code: w.code, zh: w.zh, en: w.en }));
}

export function presentCaseDetail(
  row: CaseDetailRow,
  lines: Array<{ id: number; name: string; kind: string; state: string; capacity: string; capacity_unit: string }>,
  acts: CaseActRow[],
  actor: Actor,
  today: string,
  asOf: string = today,
) {
  const snap = row.snapshot as CaseState;
  const kinds = actorAllowedActs(actor, row, asOf);
  return {
    ...presentCaseItem(row, actor, today),
    asOf,
    warnings: caseWarnings(snap),
    legalFacts: presentLegalFacts(snap),
    finding: row.finding,
    lines: lines.map((l) => ({ id: l.id, name: l.name, kind: l.kind, state: l.state, capacity: l.capacity, capacityUnit: l.capacity_unit })),
    timeline: acts.map(presentAct),
    deadline: presentDeadline(snap, today),
    allowedActs: describeActs(row.dimension, row.state, kinds),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
