/**
 * Opens a case (plan §2.1–§2.5): one finding against one enterprise in one dimension, optionally naming production
 * lines of that enterprise. Owned by the enterprise's territory and the dimension's first lead department.
 * One transaction: case_file + case_line rows, the roll-up, the enterprise's derived status, the audit record.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { openCase, type Dimension, type Finding } from '../../../domain/lifecycle/index.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import { scopeOf, type Scope } from '../../../platform/auth/actor.ts';
import { territoryScope } from '../../../platform/auth/scope-sql.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { bumpCaseRollup, refreshEnterpriseStatus } from '../../../projections/index.ts';
import { domainLineKind, leadDepartments, localToday, mayOpenCase } from '../case-context.ts';

export interface OpenCaseInput {
  enterpriseId: number;
  dimension: Dimension;
  lineIds?: number[] | undefined;
  /** the dimension's finding fields; `dimension`, `lines` and `enterpriseId` are filled in here, `date` defaults to openedOn */
  finding: Record<string, unknown>;
  openedOn: string;
}

export interface CaseCommandOptions {
  /** reference data set naming each dimension's lead departments (config.referenceSet) */
  referenceSet?: string;
  /** defaults to the actor's scope */
  scope?: Scope;
}

/** The plan section of each dimension (the basis of opening a case). */
export const DIMENSION_BASIS: Record<Dimension, string> = {
  energy: 'plan-2020-§2.1',
  environment: 'plan-2020-§2.2',
  quality: 'plan-2020-§2.3',
  safety: 'plan-2020-§2.4',
  technology: 'plan-2020-§2.5',
};

export async function openCaseCommand(db: Kysely<DB>, input: OpenCaseInput, meta: AuditMeta, opts: CaseCommandOptions = {}): Promise<number> {
  const actor = meta.actor;
  const scope = opts.scope ?? scopeOf(actor);
  const today = localToday(meta.now);
  if (!isIsoDate(input.openedOn)) throw new AppError('INVALID_FIELD', { field: 'openedOn', reason: 'YYYY-MM-DD' });
  if (input.openedOn > today) throw new AppError('INVALID_FIELD', { field: 'openedOn', reason: 'a case cannot be opened after today', today });

  const ent = await db
    .selectFrom('enterprise as e')
    .select(['e.id', 'e.territory_code', 'e.name'])
    .where('e.id', '=', input.enterpriseId)
    .where(territoryScope(scope, 'e.territory_code'))
    .executeTakeFirst();
  if (!ent) throw new AppError('NOT_FOUND', { enterpriseId: input.enterpriseId });
  if (!mayOpenCase(actor, input.dimension, ent.territory_code, opts.referenceSet)) {
    throw new AppError('FORBIDDEN', {
      reason: "only the office, the enterprise's territory or a department leading this dimension may open the case",
      dimension: input.dimension,
    });
  }
  const lineIds = [...new Set(input.lineIds ?? [])];
  const lines = lineIds.length
    ? await db
        .selectFrom('production_line')
        .select(['id', 'kind', 'state'])
        .where('enterprise_id', '=', ent.id)
        .where('id', 'in', lineIds)
        .orderBy('id')
        .execute()
    : [];
  if (lines.length !== lineIds.length) {
    const found = new Set(lines.map((l) => l.id));
    throw new AppError('INVALID_FIELD', { field: 'lineIds', reason: 'not lines of this enterprise', lineIds: lineIds.filter((id) => !found.has(id)) });
  }
  const gone = lines.filter((l) => l.state === 'exited');
  if (gone.length) throw new AppError('INVALID_FIELD', { field: 'lineIds', reason: 'line already exited', lineIds: gone.map((l) => l.id) });

  const date = typeof input.finding.date === 'string' ? input.finding.date : input.openedOn;
  if (date > input.openedOn) throw new AppError('INVALID_FIELD', { field: 'finding.date', reason: 'the finding cannot be dated after the case is opened' });
  const finding = {
    ...input.finding,
    dimension: input.dimension,
    date,
    enterpriseId: String(ent.id),
    lines: lines.map((l) => ({ id: String(l.id), kind: domainLineKind(l.kind) })),
  } as Finding;
  const snap = openCase(finding, { now: today });
  snap.openedOn = input.openedOn;
  snap.lastActOn = input.openedOn;
  const department = leadDepartments(input.dimension, opts.referenceSet)[0];
  if (!department) throw new AppError('INVALID_FIELD', { field: 'dimension', reason: 'no lead department in the reference data' });

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_file')
      .values({
        enterprise_id: ent.id,
        dimension: input.dimension,
        territory_code: ent.territory_code,
        department_code: department,
        state: snap.state,
        closed: false,
        outcome: null,
        finding: JSON.stringify(finding),
        snapshot: JSON.stringify(snap),
        opened_on: input.openedOn,
        due_on: null,
        due_basis_id: null,
        created_at: meta.now,
        updated_at: meta.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (lines.length)
      await trx
        .insertInto('case_line')
        .values(lines.map((l) => ({ case_id: row.id, line_id: l.id })))
        .execute();
    await bumpCaseRollup(trx, { territoryCode: ent.territory_code, dimension: input.dimension, state: snap.state, caseId: row.id }, 1);
    await refreshEnterpriseStatus(trx, ent.id);
    await writeAudit(trx, meta, {
      act: 'case.open',
      entityType: 'case',
      entityId: row.id,
      basisId: DIMENSION_BASIS[input.dimension],
      before: null,
      after: {
        state: snap.state,
        enterpriseId: ent.id,
        dimension: input.dimension,
        territoryCode: ent.territory_code,
        departmentCode: department,
        lineIds,
        openedOn: input.openedOn,
      },
    });
    return row.id;
  });
}
