/**
 * Takes one act on a case: the domain engine decides (table, role, guards, deadline); this command records the
 * decision in ONE transaction — the act row (with its basis, the parameter values used and the deadline's steps),
 * the case (optimistic: `where version = expected`), evidence links, every line change through changeLineState,
 * and the projections (server/projections/: the case and due-date roll-ups and the enterprise's derived status,
 * folded into the act's statement as CTEs) and the audit record. Routes, the sweep and the demo call it.
 *
 * Round trips (the hot path, measured in docs/performance.md "Cases"): one read (the case and the act's id from
 * the sequence) and one write statement (case, act, roll-ups, evidence, the numbered document, the line moves with
 * their history, ledger and roll-ups, the audit record and head, the enterprise's status); an act that takes lines out
 * for good (exited, dismantled) adds BEGIN, the check against earlier registrations (relocation) and COMMIT.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  actPayloadSchemas,
  allowedActs,
  applyAct,
  type ActResult,
  type CaseState,
  type Dimension,
  type Role as DomainRole,
} from '../../../domain/lifecycle/index.ts';
import type { ParameterTable } from '../../../domain/law/parameters.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { scopeOf, type Scope } from '../../../platform/auth/actor.ts';
import { caseReadScope, isLicenceAuthority, LICENCE_AUTHORITY_ACT } from '../licence-authority.ts';
import { auditCtes, type AuditEntry, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { statusMayChange } from '../../../domain/enterprise-status.ts';
import {
  caseRollupMoveSql,
  dueMoves,
  dueRollupMoveSql,
  refreshEnterpriseStatusWithCaseAndLinesSql,
  refreshEnterpriseStatusWithCaseSql,
  rollupsChanged,
} from '../../../projections/index.ts';
import { checkLineMove, detectReappearanceOnExit, moveLinesCtes } from '../../lines/index.ts';
import { actingContext, domainRoleOf, localToday } from '../case-context.ts';
import { CALENDAR_REV_SQL, calendarAt } from '../../calendar/index.ts';
import {
  actIssuesDocument,
  caseContentSql,
  documentInsertCtes,
  DOCUMENT_ACT_KINDS,
  numberWith,
  prepareActDocument,
  type CaseContentData,
  type PreparedDocument,
} from '../../documents/index.ts';
import { requireCompleteCertificate } from '../../yearend/index.ts';

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
  /** the reference set whose documents.json numbers the act's document (default 'wuhu') */
  referenceSet?: string;
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
/** Optimistic attempts before an act falls back to the locking path (see applyCaseAct). */
const OPTIMISTIC_ATTEMPTS = 4;

/** Counters of the two paths since start (tests and diagnostics). */
export const actPathStats = { optimistic: 0, retried: 0, locked: 0 };

/**
 * Takes one act. The common act is ONE read and ONE write statement, no explicit transaction: the
 * read takes the case and the act's id without locks; the write applies the case update only at the version read,
 * and `phaseout_guard` (migration 0007) aborts the whole statement — nothing written — when the case moved
 * meanwhile; the act is then decided again on a fresh read. The audit record chains from its stream's head inside
 * the statement (auditCtes), so acts on different cases never conflict. An act that takes lines out for good runs the
 * same write and the relocation check in one transaction. An act that lost the race OPTIMISTIC_ATTEMPTS times takes the locking path
 * (applyCaseActIn), which always proceeds.
 */
export async function applyCaseAct(db: Kysely<DB>, caseId: number, input: ActInput, meta: AuditMeta, opts: ActOptions = {}): Promise<ActOutcome> {
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    if (attempt > 0) actPathStats.retried++;
    const row = await readCase(db, caseId, opts.scope ?? scopeOf(meta.actor), input.kind);
    const d = await decide(db, row, caseId, input, meta, opts);
    try {
      if (goneLines(d).length === 0) {
        // one statement: the act's numbered document (documentInsertCtes) and its line moves (moveLinesCtes) included
        await writeAct(d, caseId, input, meta, 'optimistic').execute(db);
      } else {
        // lines that exit or are dismantled are then checked against earlier registrations: the same write, then that
        // check, in one transaction
        await db.transaction().execute(async (trx) => {
          await writeAct(d, caseId, input, meta, 'optimistic').execute(trx);
          await detectAfterExit(trx, d, meta);
        });
      }
      actPathStats.optimistic++;
      rollupsChanged(); // committed (a dashboard answer built while it ran may have missed it)
      return outcome(d, caseId, input);
    } catch (e) {
      // the case moved meanwhile (or two acts deadlocked on roll-up rows): decide again
      if (!RETRY_SQLSTATES.includes((e as { code?: string }).code ?? '')) throw e;
    }
  }
  actPathStats.locked++;
  const done = await db.transaction().execute((trx) => applyCaseActIn(trx, caseId, input, meta, opts));
  rollupsChanged(); // committed
  return done;
}

/** The same, inside a caller's transaction, with the case row locked (the sweep records its deadline event in the same one). */
export async function applyCaseActIn(trx: Transaction<DB>, caseId: number, input: ActInput, meta: AuditMeta, opts: ActOptions = {}): Promise<ActOutcome> {
  const row = await sql<CaseRead>`${readCaseSql(caseId, opts.scope ?? scopeOf(meta.actor), input.kind)} for update of c`
    .execute(trx)
    .then((r) => found(r.rows[0], caseId));
  const d = await decide(trx, row, caseId, input, meta, opts);
  const written = await writeAct(d, caseId, input, meta, 'locked').execute(trx);
  // a version conflict writes nothing that survives: the error rolls the transaction back
  if (!written.rows[0]?.id) throw new AppError('CONFLICT', { reason: 'the case changed meanwhile', caseId });
  await detectAfterExit(trx, d, meta);
  rollupsChanged(); // the caller's transaction has yet to commit: an answer built before it does may miss it (≤ OVERVIEW_CACHE_MS)
  return outcome(d, caseId, input);
}

/** The lines the act takes out for good (exited or dismantled). */
function goneLines(d: Decision): number[] {
  return d.result.lineChanges.filter((ch) => ch.to === 'exited' || ch.to === 'dismantled').map((ch) => Number(ch.lineId));
}

/**
 * After the act's write (which moved its lines): lines that exit or are dismantled are checked against lines
 * registered earlier with the same marks (relocation/restart, both ways), in the act's transaction.
 */
async function detectAfterExit(trx: Transaction<DB>, d: Decision, meta: AuditMeta): Promise<void> {
  const gone = goneLines(d);
  if (gone.length) await detectReappearanceOnExit(trx, gone, meta);
}

/** Where the act's audit record names its document's number, the sequence number the write statement takes goes here. */
const DOCUMENT_SEQ_MARKER = '@@document-seq@@';

/** phaseout_guard raises serialization_failure (40001); deadlock_detected (40P01) is retried the same way. */
const RETRY_SQLSTATES = ['40001', '40P01'];

export interface CaseRead {
  id: number;
  enterprise_id: number;
  dimension: string;
  territory_code: string;
  state: string;
  snapshot: unknown;
  version: number;
  due_on: string | null;
  act_id: string;
  /** the holiday calendar's revision (deadlines use the calendar in force, loaded without a restart) */
  cal_rev: string;
  /** acts that may issue a document: the data its content is filled from, and the document's id (documents/case-documents.ts) */
  doc_data?: CaseContentData | null;
  doc_id?: string | null;
}

/**
 * The case (scoped) and the id the act will have (so that the act, its evidence and its audit record go into one
 * statement); for an act kind that issues a document, also the data the document's content is filled from and the
 * document's id, so that the content is composed and hashed before the write and the document recorded inside it.
 * The content is then as of this read: the write's version guard makes sure the case did not move meanwhile.
 */
function readCaseSql(caseId: number, scope: Scope, kind: string) {
  const doc = DOCUMENT_ACT_KINDS.has(kind)
    ? sql`, (select row_to_json(g) from (${caseContentSql(caseId)}) g) as doc_data, nextval('document_id_seq') as doc_id`
    : sql``;
  return sql`select c.id, c.enterprise_id, c.dimension, c.territory_code, c.state, c.snapshot, c.version, c.due_on, nextval('case_act_id_seq') as act_id, ${CALENDAR_REV_SQL} as cal_rev${doc}
    from case_file c where c.id = ${caseId} and ${caseReadScope(scope, 'c.territory_code', 'c.dimension', 'c.snapshot')}`;
}

function found(row: CaseRead | undefined, caseId: number): CaseRead {
  if (!row) throw new AppError('NOT_FOUND', { caseId });
  return row;
}

async function readCase(q: Kysely<DB>, caseId: number, scope: Scope, kind: string): Promise<CaseRead> {
  return found((await sql<CaseRead>`${readCaseSql(caseId, scope, kind)}`.execute(q)).rows[0], caseId);
}

export interface Decision {
  row: CaseRead;
  role: DomainRole;
  payload: unknown;
  linked: string[];
  before: CaseState;
  result: ActResult;
  actId: number;
  audit: AuditEntry;
  /** the numbered document the act issues (recorded in the act's write statement) */
  document: PreparedDocument | null;
}

/** Checks the caller's version, role and evidence, and lets the domain engine decide the act. */
async function decide(q: Kysely<DB>, row: CaseRead, caseId: number, input: ActInput, meta: AuditMeta, opts: ActOptions): Promise<Decision> {
  if (input.version !== undefined && input.version !== row.version)
    throw new AppError('CONFLICT', { reason: 'the case changed since it was read', expected: input.version, actual: row.version });
  let role = meta.actor.kind === 'system' ? (opts.role ?? 'system') : domainRoleOf(meta.actor, { dimension: row.dimension, territoryCode: row.territory_code });
  // §2.4: the issuing department of a licence on the case records its revocation, and only that (licence-authority.ts)
  if (!role && isLicenceAuthority(meta.actor, row.snapshot)) {
    if (input.kind !== LICENCE_AUTHORITY_ACT)
      throw new AppError('FORBIDDEN', {
        reason: 'as the issuing authority of a licence on this case, this account may only record its revocation',
        allowed: [LICENCE_AUTHORITY_ACT],
      });
    role = 'department';
  }
  if (!role) throw new AppError('FORBIDDEN', { reason: 'this account may not act on this case' });

  // An act that issues its own document is numbered by the numbering service in this transaction: a typed number
  // would print nowhere and could contradict the issued one (issue 11), so it is refused, naming the field.
  if (actIssuesDocument(row.dimension, input.kind) && input.payload && typeof input.payload === 'object' && 'documentNo' in input.payload) {
    throw new AppError('INVALID_FIELD', {
      field: '/payload/documentNo',
      reason: '该文书的文号由系统在登记时自动编发，无需填写 / the document number is issued automatically with the act',
    });
  }
  // Evidence: files named in `evidence` and in the payload's evidenceIds must be uploaded files.
  let payload: unknown = input.payload ?? {};
  const evidence = [...new Set(input.evidence ?? [])];
  const schema = actPayloadSchemas[row.dimension as Dimension]?.[input.kind] as { properties?: Record<string, unknown> } | undefined;
  if (
    evidence.length &&
    payload &&
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    (payload as Record<string, unknown>).evidenceIds === undefined &&
    schema?.properties?.evidenceIds
  ) {
    payload = { ...(payload as Record<string, unknown>), evidenceIds: evidence };
  }
  const fromPayload = (payload as { evidenceIds?: unknown } | null)?.evidenceIds;
  const linked = [...new Set([...evidence, ...(Array.isArray(fromPayload) ? fromPayload.filter((x): x is string => typeof x === 'string') : [])])];
  if (linked.length) {
    const bad = linked.filter((h) => !SHA256.test(h));
    // only through scope (issue #19, item 6): a file the caller's own unit uploaded, or one already linked to this
    // case; any other hash — another territory's file included — answers exactly as an unknown one
    const actor = meta.actor;
    const known = bad.length
      ? []
      : await q
          .selectFrom('evidence_file as f')
          .select('f.sha256')
          .where('f.sha256', 'in', linked)
          .$if(actor.kind === 'user', (qb) =>
            qb.where((eb) =>
              eb.or([
                eb.exists(
                  eb
                    .selectFrom('evidence_upload as eu')
                    .innerJoin('app_user as u', 'u.id', 'eu.user_id')
                    .select(sql<number>`1`.as('one'))
                    .whereRef('eu.sha256', '=', 'f.sha256')
                    .where('u.role', '=', actor.kind === 'user' ? actor.role : 'office')
                    .where(sql<string>`coalesce(u.territory_code, '')`, '=', actor.kind === 'user' ? (actor.territoryCode ?? '') : '')
                    .where(sql<string>`coalesce(u.department_code, '')`, '=', actor.kind === 'user' ? (actor.departmentCode ?? '') : ''),
                ),
                eb.exists(
                  eb
                    .selectFrom('act_evidence as ae')
                    .innerJoin('case_act as a', 'a.id', 'ae.act_id')
                    .select(sql<number>`1`.as('one'))
                    .whereRef('ae.sha256', '=', 'f.sha256')
                    .where('a.case_id', '=', caseId),
                ),
              ]),
            ),
          )
          .execute();
    const have = new Set(known.map((k) => k.sha256));
    const missing = linked.filter((h) => !have.has(h));
    if (missing.length) throw new AppError('UNKNOWN_EVIDENCE', { missing });
  }

  const before = row.snapshot as CaseState;
  const today = localToday(meta.now);
  let result: ActResult;
  try {
    const who = actingContext(meta.actor);
    const calendar = await calendarAt(q, row.cal_rev);
    result = applyAct(
      before,
      { kind: input.kind, date: input.date, payload, role },
      { role, now: today, calendar, ...who, ...(opts.params ? { params: opts.params } : {}) },
    );
  } catch (e) {
    // name what this actor may do instead (the console shows it next to the refusal)
    if (isDomainError(e) && e.code !== 'INVALID_ACT_INPUT') e.details.allowedForYou = allowedActs(before, role, today, actingContext(meta.actor));
    throw e;
  }
  // acceptance only through a complete certificate (issue 12: the certificate's last sign-off takes this act);
  // checked once the law allows the act to this role on this day, so a role that may never accept hears that first
  if (input.kind === 'accept') await requireCompleteCertificate(q, caseId, input.payload);
  const snap = result.snapshot;
  const actId = Number(row.act_id);
  const document =
    row.doc_data && row.doc_id
      ? prepareActDocument(
          row.doc_data,
          {
            actId,
            caseId,
            dimension: row.dimension,
            kind: input.kind,
            date: input.date,
            role,
            payload,
            basisId: result.basisId,
            deadline: result.deadline ?? null,
          },
          meta,
          opts,
        )
      : null;
  const audit: AuditEntry = {
    act: `case.act.${input.kind}`,
    entityType: 'case',
    entityId: caseId,
    basisId: result.basisId,
    before: { state: before.state, version: row.version, dueOn: row.due_on },
    after: {
      state: snap.state,
      version: row.version + 1,
      dueOn: snap.due?.due ?? null,
      seq: snap.actCount,
      actId,
      role,
      date: input.date,
      ...(snap.outcome ? { outcome: snap.outcome } : {}),
      ...(result.paramsUsed.length ? { params: result.paramsUsed } : {}),
      ...(result.lineChanges.length ? { lineChanges: result.lineChanges } : {}),
      // the document the act issued, in the act's own record (docs/decisions/0012): its number is taken in the write
      // statement and fills DOCUMENT_SEQ_MARKER there
      ...(document
        ? {
            document: {
              documentId: Number(row.doc_id),
              number: numberWith(document, DOCUMENT_SEQ_MARKER),
              kind: document.input.kind,
              title: document.title,
              contentSha256: document.contentSha256,
              unit: document.input.issuingUnit,
            },
          }
        : {}),
    },
  };
  return { row, role, payload, linked, before, result, actId, audit, document };
}

/**
 * The act's one write statement: the case update (only at the version read), the act row, the roll-up moves
 * (−1 old state, +1 new state; open cases by due date), evidence links, the numbered document, the line moves
 * (moveLinesCtes), the audit record and its stream's head, and the enterprise's derived status. `locked` (the case row is locked by the caller's
 * transaction): an empty result means a version conflict. `optimistic`: phaseout_guard aborts the statement when the
 * case moved since it was read.
 */
export function writeAct(d: Decision, caseId: number, input: ActInput, meta: AuditMeta, mode: 'locked' | 'optimistic') {
  const { row, before, result } = d;
  const snap = result.snapshot;
  const dueOn = snap.due?.due ?? null;
  const closed = snap.state === 'closed';
  const key = { territoryCode: row.territory_code, dimension: row.dimension, caseId };
  const parts: RawBuilder<unknown>[] = [];
  if (before.state !== snap.state) parts.push(sql`r as (${caseRollupMoveSql(key, before.state, snap.state)})`);
  // Open cases by due date (the dashboard's overdue counts): move the case from its old due date to the new one.
  const moves = dueMoves({ dueOn: row.due_on, closed: before.state === 'closed' }, { dueOn, closed });
  if (moves.length) parts.push(sql`d as (${dueRollupMoveSql(key, moves)})`);
  parts.push(sql`a as (
      insert into case_act (id, case_id, seq, kind, act_date, actor_id, role, payload, basis_id, params, from_state, to_state, due_on, due_detail, request_id, created_at)
      select ${d.actId}::bigint, u.id, ${snap.actCount}, ${input.kind}, ${input.date}::date, ${meta.actor.kind === 'user' ? meta.actor.userId : null}::bigint, ${d.role}, ${JSON.stringify(d.payload ?? {})}::jsonb,
        ${result.basisId}, ${JSON.stringify(result.paramsUsed)}::jsonb, ${before.state}, ${snap.state}, ${result.deadline?.due ?? null}::date,
        ${result.deadline ? JSON.stringify(result.deadline) : null}::jsonb, ${meta.requestId ?? null}, ${meta.now}
      from u
      returning id
    )`);
  if (d.linked.length) parts.push(sql`ev as (insert into act_evidence (act_id, sha256) select ${d.actId}::bigint, unnest(${d.linked}::text[]) from a)`);
  // the act's numbered document: its number (the counter row of unit × kind × year, locked until commit) and its row
  if (d.document) parts.push(documentInsertCtes(d.document, meta, Number(d.row.doc_id), 'a'));
  // the audit record and its stream's head (chained under the head's row lock: concurrent acts on one stream wait,
  // never fail); it names the act's document with the number the statement took
  parts.push(
    auditCtes(meta, d.audit, {
      onlyIf: 'u',
      ...(d.document ? { fill: { marker: DOCUMENT_SEQ_MARKER, value: sql`(select seq::text from doc)` } } : {}),
    }),
  );
  const after = { state: snap.state, closed, outcome: snap.outcome ?? null };
  if (result.lineChanges.length > 0) {
    // the act's line moves (lock, history, line roll-up, capacity ledger, plans' roll-up) in this statement; the
    // enterprise's status is derived there from this case's new state and the lines' new states
    for (const ch of result.lineChanges) checkLineMove(ch.to, { onDate: input.date });
    const moved = sql.join(result.lineChanges.map((ch) => sql`(${Number(ch.lineId)}::bigint, ${ch.to}::text)`));
    const source = sql`select v.line_id, v.to_state, ${input.date}::date as on_date, ${caseId}::bigint as case_id, ${d.actId}::bigint as act_id
      from (values ${moved}) as v(line_id, to_state)`;
    parts.push(moveLinesCtes(source, 'ln_', refreshEnterpriseStatusWithCaseAndLinesSql(row.enterprise_id, caseId, after, 'ln_l')));
  } else if (statusMayChange(before, snap)) {
    parts.push(sql`st as (${refreshEnterpriseStatusWithCaseSql(row.enterprise_id, caseId, after)})`);
  }
  return sql<{ id: number | null }>`
    with u as (
      update case_file set snapshot = ${JSON.stringify(snap)}::jsonb, state = ${snap.state}, closed = ${closed}, outcome = ${snap.outcome ?? null},
        due_on = ${dueOn}::date, due_basis_id = ${snap.due?.basisId ?? null}, version = ${row.version + 1}, updated_at = ${meta.now}
      where id = ${caseId} and version = ${row.version}
      returning id
    ), ${sql.join(parts, sql`, `)}
    ${mode === 'locked' ? sql`select id from a` : sql`select (select id from a) as id, phaseout_guard(exists (select 1 from u)) as ok`}`;
}

function outcome(d: Decision, caseId: number, input: ActInput): ActOutcome {
  const snap = d.result.snapshot;
  return {
    caseId,
    actId: d.actId,
    seq: snap.actCount,
    kind: input.kind,
    fromState: d.before.state,
    toState: snap.state,
    dueOn: snap.due?.due ?? null,
    version: d.row.version + 1,
  };
}
