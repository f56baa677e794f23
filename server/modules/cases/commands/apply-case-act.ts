/**
 * Takes one act on a case: the domain engine decides (table, role, guards, deadline); this command records the
 * decision in ONE transaction — the act row (with its basis, the parameter values used and the deadline's steps),
 * the case (optimistic: `where version = expected`), evidence links, every line change through changeLineState,
 * the enterprise's derived status, the case roll-up (same rows as bumpCaseRollup: −1 old state, +1 new state) and
 * the audit record. Routes, the sweep and the demo call it.
 *
 * Round trips (the hot path, measured in docs/performance.md "Cases"): BEGIN; one read (the case, the lock on its
 * audit stream's head, the act's id from the sequence); one write statement (case, act, roll-ups, evidence, audit
 * record and head, the enterprise's status); COMMIT — plus the line moves when the act moves lines.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { actPayloadSchemas, allowedActs, applyAct, type ActResult, type CaseState, type Dimension, type Role as DomainRole } from '../../../domain/lifecycle/index.ts';
import type { ParameterTable } from '../../../domain/law/parameters.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { scopeOf, type Scope } from '../../../platform/auth/actor.ts';
import { caseScope } from '../../../platform/auth/scope-sql.ts';
import { auditCtes, auditRecord, headFromRow, lockHeadSql, writeAudit, type AuditEntry, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { refreshEnterpriseStatusWithCaseSql, statusMayChange } from '../../enterprises/enterprise-status.ts';
import { changeLineStates } from '../../lines/change-line-state.ts';
import { slotOf } from '../../overview/rollups.ts';
import { domainRoleOf, localToday } from '../case-context.ts';

export interface ActInput {
  kind: string;
  date: string;
  payload?: unknown;
  /** sha256 of uploaded evidence files */
  evidence?: string[] | undefined;
  /** the case version the client read (409 CONFLICT when it changed meanwhile) */
  version?: number | undefined;
}

export interface ActOptions {
  /** the lifecycle role when the actor is the system (default 'system'); ignored for user actors */
  role?: DomainRole;
  /** parameter history (tests); defaults to server/domain/law/parameters.ts */
  params?: ParameterTable;
  /** defaults to the actor's scope */
  scope?: Scope;
}

export interface ActOutcome {
  caseId: number;
  actId: number;
  seq: number;
  kind: string;
  fromState: string;
  toState: string;
  dueOn: string | null;
  version: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

export async function applyCaseAct(db: Kysely<DB>, caseId: number, input: ActInput, meta: AuditMeta, opts: ActOptions = {}): Promise<ActOutcome> {
  return db.transaction().execute((trx) => applyCaseActIn(trx, caseId, input, meta, opts));
}

/** The same, inside a caller's transaction (the sweep records its deadline event in the same one). */
export async function applyCaseActIn(trx: Transaction<DB>, caseId: number, input: ActInput, meta: AuditMeta, opts: ActOptions = {}): Promise<ActOutcome> {
  const scope = opts.scope ?? scopeOf(meta.actor);
  // One round trip: the case (scoped), the lock on its audit stream's head (the audit record chains from it) and the
  // id the act will have (so that the act, its evidence and its audit record go into one statement below).
  const found = await sql<{ id: number; enterprise_id: number; dimension: string; territory_code: string; state: string; snapshot: unknown; version: number; due_on: string | null; stream: number | null; head_seq: number | null; head_hash: string | null; act_id: string }>`
    with h as (${lockHeadSql('case', caseId)})
    select c.id, c.enterprise_id, c.dimension, c.territory_code, c.state, c.snapshot, c.version, c.due_on, h.stream, h.head_seq, h.head_hash,
      nextval('case_act_id_seq') as act_id
    from case_file c left join h on true
    where c.id = ${caseId} and ${caseScope(scope, 'c.territory_code', 'c.dimension')}`.execute(trx);
  const row = found.rows[0];
  if (!row) throw new AppError('NOT_FOUND', { caseId });
  const head = row.stream !== null && row.head_seq !== null && row.head_hash !== null ? headFromRow({ stream: row.stream, head_seq: row.head_seq, head_hash: row.head_hash }) : undefined;
  if (input.version !== undefined && input.version !== row.version) throw new AppError('CONFLICT', { reason: 'the case changed since it was read', expected: input.version, actual: row.version });
  const role = meta.actor.kind === 'system' ? (opts.role ?? 'system') : domainRoleOf(meta.actor, { dimension: row.dimension, territoryCode: row.territory_code });
  if (!role) throw new AppError('FORBIDDEN', { reason: 'this account may not act on this case' });

  // Evidence: files named in `evidence` and in the payload's evidenceIds must be uploaded files.
  let payload: unknown = input.payload ?? {};
  const evidence = [...new Set(input.evidence ?? [])];
  const schema = actPayloadSchemas[row.dimension as Dimension]?.[input.kind] as { properties?: Record<string, unknown> } | undefined;
  if (evidence.length && payload && typeof payload === 'object' && !Array.isArray(payload) && (payload as Record<string, unknown>).evidenceIds === undefined && schema?.properties?.evidenceIds) {
    payload = { ...(payload as Record<string, unknown>), evidenceIds: evidence };
  }
  const fromPayload = (payload as { evidenceIds?: unknown } | null)?.evidenceIds;
  const linked = [...new Set([...evidence, ...(Array.isArray(fromPayload) ? fromPayload.filter((x): x is string => typeof x === 'string') : [])])];
  if (linked.length) {
    const bad = linked.filter((h) => !SHA256.test(h));
    const known = bad.length ? [] : await trx.selectFrom('evidence_file').select('sha256').where('sha256', 'in', linked).execute();
    const have = new Set(known.map((k) => k.sha256));
    const missing = linked.filter((h) => !have.has(h));
    if (missing.length) throw new AppError('UNKNOWN_EVIDENCE', { missing });
  }

  const before = row.snapshot as CaseState;
  const today = localToday(meta.now);
  let result: ActResult;
  try {
    result = applyAct(before, { kind: input.kind, date: input.date, payload, role }, { role, now: today, ...(opts.params ? { params: opts.params } : {}) });
  } catch (e) {
    // name what this actor may do instead (the console shows it next to the refusal)
    if (isDomainError(e) && e.code !== 'INVALID_ACT_INPUT') e.details.allowedForYou = allowedActs(before, role, today);
    throw e;
  }
  const snap = result.snapshot;
  const seq = snap.actCount;
  const dueOn = snap.due?.due ?? null;
  const closed = snap.state === 'closed';

  // One statement: the case update (optimistic: where version = expected), the act row and the roll-up move
  // (−1 old state, +1 new state); no act row is written when the version check fails.
  const moved = before.state !== snap.state;
  const slot = slotOf(caseId);
  const rollup = moved
    ? sql`, r as (insert into rollup_case (territory_code, dimension, state, slot, n)
          values (${row.territory_code}, ${row.dimension}, ${before.state}, ${slot}, -1), (${row.territory_code}, ${row.dimension}, ${snap.state}, ${slot}, 1)
          on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n)`
    : sql``;
  // Open cases by due date (the dashboard's overdue counts): move the case from its old due date to the new one.
  const wasOpen = row.due_on !== null && before.state !== 'closed';
  const isOpen = dueOn !== null && !closed;
  const dueMoves: Array<[string, number]> = [];
  if (wasOpen && !(isOpen && dueOn === row.due_on)) dueMoves.push([row.due_on!, -1]);
  if (isOpen && !(wasOpen && dueOn === row.due_on)) dueMoves.push([dueOn, 1]);
  const dueRollup = dueMoves.length
    ? sql`, d as (insert into rollup_due (territory_code, dimension, due_on, slot, n)
          values ${sql.join(dueMoves.map(([day, n]) => sql`(${row.territory_code}, ${row.dimension}, ${day}::date, ${slot}, ${n})`))}
          on conflict (territory_code, dimension, due_on, slot) do update set n = rollup_due.n + excluded.n)`
    : sql``;
  const actId = Number(row.act_id);
  const audit: AuditEntry = {
    act: `case.act.${input.kind}`,
    entityType: 'case',
    entityId: caseId,
    basisId: result.basisId,
    before: { state: before.state, version: row.version, dueOn: row.due_on },
    after: {
      state: snap.state,
      version: row.version + 1,
      dueOn,
      seq,
      actId,
      role,
      date: input.date,
      ...(snap.outcome ? { outcome: snap.outcome } : {}),
      ...(result.paramsUsed.length ? { params: result.paramsUsed } : {}),
      ...(result.lineChanges.length ? { lineChanges: result.lineChanges } : {}),
    },
  };
  // the audit record rides on this statement when the head is already locked (always, once migration 0006 made the
  // 64 heads); line changes refresh the enterprise's status themselves, after this statement
  const auditHere = head ? auditRecord(meta, audit, head) : undefined;
  const extra: RawBuilder<unknown>[] = [];
  if (linked.length) extra.push(sql`ev as (insert into act_evidence (act_id, sha256) select ${actId}::bigint, unnest(${linked}::text[]) from a)`);
  if (auditHere) extra.push(auditCtes(auditHere, 'u'));
  if (result.lineChanges.length === 0 && statusMayChange(before, snap)) {
    extra.push(sql`st as (${refreshEnterpriseStatusWithCaseSql(row.enterprise_id, caseId, { state: snap.state, closed, outcome: snap.outcome ?? null })})`);
  }
  const written = await sql<{ id: number }>`
    with u as (
      update case_file set snapshot = ${JSON.stringify(snap)}::jsonb, state = ${snap.state}, closed = ${closed}, outcome = ${snap.outcome ?? null},
        due_on = ${dueOn}::date, due_basis_id = ${snap.due?.basisId ?? null}, version = ${row.version + 1}, updated_at = ${meta.now}
      where id = ${caseId} and version = ${row.version}
      returning id
    )${rollup}${dueRollup}, a as (
      insert into case_act (id, case_id, seq, kind, act_date, actor_id, role, payload, basis_id, params, from_state, to_state, due_on, due_detail, request_id, created_at)
      select ${actId}::bigint, u.id, ${seq}, ${input.kind}, ${input.date}::date, ${meta.actor.kind === 'user' ? meta.actor.userId : null}::bigint, ${role}, ${JSON.stringify(payload ?? {})}::jsonb,
        ${result.basisId}, ${JSON.stringify(result.paramsUsed)}::jsonb, ${before.state}, ${snap.state}, ${result.deadline?.due ?? null}::date,
        ${result.deadline ? JSON.stringify(result.deadline) : null}::jsonb, ${meta.requestId ?? null}, ${meta.now}
      from u
      returning id
    )${extra.length ? sql`, ${sql.join(extra, sql`, `)}` : sql``}
    select id from a`.execute(trx);
  const act = written.rows[0];
  // a version conflict writes nothing that survives: the error rolls the transaction back
  if (!act) throw new AppError('CONFLICT', { reason: 'the case changed meanwhile', caseId });

  if (result.lineChanges.length > 0) {
    await changeLineStates(trx, result.lineChanges.map((ch) => ({ lineId: Number(ch.lineId), to: ch.to })), { onDate: input.date, caseId, actId });
  }
  if (!auditHere) await writeAudit(trx, meta, audit);
  return { caseId, actId, seq, kind: input.kind, fromState: before.state, toState: snap.state, dueOn, version: row.version + 1 };
}
