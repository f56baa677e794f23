/**
 * The deadline sweep. Deadline words are derived from the due date and today whenever a case is read; the sweep
 * only records that a threshold was reached (deadline_event: due30/due7/due1 before the due date, 'passed' from the
 * day after it — the unique key makes a second run a no-op), tells the responsible units (the case's territory and
 * department; passed → also the office), and applies the system act the law prescribes when a period ran out
 * (markOverdue for energy §2.1 and technology §2.5) through the same act command as everyone else.
 * Bounded (`limit` cases per run), one transaction per case with its audit record, and single-flight: a PostgreSQL
 * advisory lock makes a second concurrent sweep return { skipped: 'locked' }. A dry run writes nothing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { addDays, isIsoDate } from '../../../domain/dates.ts';
import { allowedActs, applyAct, DIMENSIONS, transitionTable, type CaseState } from '../../../domain/lifecycle/index.ts';
import { SYSTEM_ACTOR } from '../../../platform/auth/actor.ts';
import { foldPastDue } from '../../../projections/index.ts';
import { checkpointAudit, writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyCaseActIn } from './apply-case-act.ts';

export type DeadlineEventKind = 'due30' | 'due7' | 'due1' | 'passed';

export interface SweepOptions {
  /** the day the sweep stands on (YYYY-MM-DD, local date) */
  asOf: string;
  dryRun?: boolean;
  /** at most this many cases per run (default 500) */
  limit?: number;
  /** the instant recorded on rows and audit records (default: noon of asOf, China Standard Time) */
  now?: Date;
  /** chain an audit checkpoint after a run that wrote something (default true) */
  checkpoint?: boolean;
}

export interface SweepReport {
  asOf: string;
  examined: number;
  events: Array<{ caseId: number; kind: DeadlineEventKind; dueOn: string }>;
  actsApplied: Array<{ caseId: number; kind: string; fromState: string; toState: string }>;
  notifications: number;
  dryRun: boolean;
  errors: Array<{ caseId: number; code: string; message: string }>;
}

export type SweepResult = SweepReport | { skipped: 'locked'; asOf: string };

/** pg advisory lock key (two int4): "phaseout", "sweep". */
const LOCK = [0x50485345, 1] as const;

/** `dimension:state` pairs where the system may mark a case overdue (from the transition tables). */
export const OVERDUE_STATES: readonly string[] = DIMENSIONS.flatMap((dim) =>
  Object.entries(transitionTable(dim))
    .filter(([, row]) => row.markOverdue?.roles.includes('system'))
    .map(([state]) => `${dim}:${state}`),
);

const WORDS: Record<DeadlineEventKind, { zh: (d: string) => string; en: (d: string) => string }> = {
  due30: { zh: (d) => `整改期限 ${d} 将在 30 日内届满`, en: (d) => `due ${d}: within 30 days` },
  due7: { zh: (d) => `整改期限 ${d} 将在 7 日内届满`, en: (d) => `due ${d}: within 7 days` },
  due1: { zh: (d) => `整改期限 ${d} 即将届满（1 日内）`, en: (d) => `due ${d}: within a day` },
  passed: { zh: (d) => `整改期限 ${d} 已届满`, en: (d) => `due ${d}: the period has run out` },
};

interface Candidate {
  id: number;
  dimension: string;
  territory_code: string;
  department_code: string;
  state: string;
  due_on: string;
  snapshot: unknown;
  enterprise_name: string;
  kind: DeadlineEventKind;
  recorded: boolean;
}

async function candidates(db: Kysely<DB>, asOf: string, limit: number): Promise<Candidate[]> {
  const horizon = addDays(asOf, 30);
  const r = await sql<Candidate>`
    with c as (
      select c.id, c.dimension, c.territory_code, c.department_code, c.state, c.due_on, c.snapshot, e.name as enterprise_name,
        case when c.due_on < ${asOf}::date then 'passed'
             when c.due_on - ${asOf}::date <= 1 then 'due1'
             when c.due_on - ${asOf}::date <= 7 then 'due7'
             else 'due30' end as kind
      from case_file c join enterprise e on e.id = c.enterprise_id
      where not c.closed and c.due_on is not null and c.due_on <= ${horizon}::date
    )
    select c.*, exists (select 1 from deadline_event d where d.case_id = c.id and d.due_on = c.due_on and d.kind = c.kind) as recorded
    from c
    where not exists (select 1 from deadline_event d where d.case_id = c.id and d.due_on = c.due_on and d.kind = c.kind)
       or (c.kind = 'passed' and (c.dimension || ':' || c.state) = any(${[...OVERDUE_STATES]}::text[]))
    order by c.due_on, c.id
    limit ${limit}`.execute(db);
  return r.rows;
}

function units(c: Candidate): Array<{ unit_kind: 'territory' | 'department' | 'office'; unit_code: string }> {
  const u: Array<{ unit_kind: 'territory' | 'department' | 'office'; unit_code: string }> = [
    { unit_kind: 'territory', unit_code: c.territory_code },
    { unit_kind: 'department', unit_code: c.department_code },
  ];
  if (c.kind === 'passed') u.push({ unit_kind: 'office', unit_code: 'office' });
  return u;
}

function wouldMarkOverdue(c: Candidate, asOf: string): boolean {
  if (c.kind !== 'passed' || !OVERDUE_STATES.includes(`${c.dimension}:${c.state}`)) return false;
  const snap = c.snapshot as CaseState;
  if (!allowedActs(snap, 'system', asOf).includes('markOverdue')) return false;
  try {
    applyAct(snap, { kind: 'markOverdue', date: asOf, payload: {} }, { role: 'system', now: asOf });
    return true;
  } catch {
    return false;
  }
}

async function sweepOne(trx: Transaction<DB>, c: Candidate, asOf: string, meta: AuditMeta, report: SweepReport): Promise<void> {
  if (!c.recorded) {
    const ins = await trx
      .insertInto('deadline_event')
      .values({ case_id: c.id, due_on: c.due_on, kind: c.kind, as_of: asOf, recorded_at: meta.now })
      .onConflict((oc) => oc.columns(['case_id', 'due_on', 'kind']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (ins) {
      const w = WORDS[c.kind];
      const rows = units(c).map((u) => ({
        ...u,
        case_id: c.id,
        kind: `deadline.${c.kind}`,
        title: `案件 #${c.id}（${c.enterprise_name}）：${w.zh(c.due_on)}`,
        title_en: `Case #${c.id} (${c.enterprise_name}): ${w.en(c.due_on)}`,
        created_at: meta.now,
      }));
      await trx.insertInto('notification').values(rows).execute();
      await writeAudit(trx, meta, {
        act: `case.deadline.${c.kind}`,
        entityType: 'case',
        entityId: c.id,
        basisId: (c.snapshot as CaseState).due?.basisId ?? null,
        after: { kind: c.kind, dueOn: c.due_on, asOf, notified: rows.map((r) => `${r.unit_kind}:${r.unit_code}`) },
      });
      report.events.push({ caseId: c.id, kind: c.kind, dueOn: c.due_on });
      report.notifications += rows.length;
    }
  }
  if (wouldMarkOverdue(c, asOf)) {
    const r = await applyCaseActIn(trx, c.id, { kind: 'markOverdue', date: asOf, payload: {} }, meta, {
      role: 'system',
      scope: { territories: null, dimensions: null, registry: true },
    });
    report.actsApplied.push({ caseId: c.id, kind: r.kind, fromState: r.fromState, toState: r.toState });
  }
}

export async function sweepDeadlines(db: Kysely<DB>, opts: SweepOptions): Promise<SweepResult> {
  const { asOf } = opts;
  if (!isIsoDate(asOf)) throw new AppError('INVALID_FIELD', { field: 'asOf', reason: 'YYYY-MM-DD' });
  const dryRun = opts.dryRun ?? false;
  const limit = Math.max(1, Math.min(opts.limit ?? 500, 100_000));
  const now = opts.now ?? new Date(`${asOf}T04:00:00Z`);
  const meta: AuditMeta = { actor: SYSTEM_ACTOR, now };
  return db.connection().execute(async (conn) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK[0]}::int, ${LOCK[1]}::int) as ok`.execute(conn);
    if (!lock.rows[0]?.ok) return { skipped: 'locked' as const, asOf };
    try {
      const list = await candidates(db, asOf, limit);
      const report: SweepReport = { asOf, examined: list.length, events: [], actsApplied: [], notifications: 0, dryRun, errors: [] };
      for (const c of list) {
        if (dryRun) {
          if (!c.recorded) {
            report.events.push({ caseId: c.id, kind: c.kind, dueOn: c.due_on });
            report.notifications += units(c).length;
          }
          if (wouldMarkOverdue(c, asOf)) report.actsApplied.push({ caseId: c.id, kind: 'markOverdue', fromState: c.state, toState: 'overdue' });
          continue;
        }
        // each case in its own transaction; its part of the report counts only once it committed
        const part: SweepReport = { ...report, events: [], actsApplied: [], notifications: 0, errors: [] };
        try {
          await db.transaction().execute((trx) => sweepOne(trx, c, asOf, meta, part));
          report.events.push(...part.events);
          report.actsApplied.push(...part.actsApplied);
          report.notifications += part.notifications;
        } catch (e) {
          const err = e as { code?: string; message?: string };
          report.errors.push({ caseId: c.id, code: String(err.code ?? 'INTERNAL'), message: String(err.message ?? e) });
        }
      }
      if (!dryRun && opts.checkpoint !== false && (report.events.length || report.actsApplied.length)) await checkpointAudit(db);
      if (!dryRun) await foldPastDue(db, asOf);
      return report;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK[0]}::int, ${LOCK[1]}::int)`.execute(conn);
    }
  });
}
