/**
 * Lists a problem (§3.1 问题清单) for a territory: the office for any territory, a territory account for its own.
 * The enterprise, lines and case it concerns are optional and must belong to that territory.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { moveProblemRollup } from '../../../projections/index.ts';
import type { ProblemLevel, ProblemSource } from '../../../domain/programme/problems.ts';
import { localToday } from '../../../platform/clock.ts';
import { assertWritableTerritory, optText, programmeChanged } from '../programme-common.ts';

export interface ProblemInput {
  territoryCode: string;
  source: ProblemSource;
  sourceRef?: string | null | undefined;
  foundOn: string;
  description: string;
  level: ProblemLevel;
  enterpriseId?: number | null | undefined;
  lineIds?: number[] | undefined;
  caseId?: number | null | undefined;
  responsibleUnit: string;
  responsiblePerson?: string | null | undefined;
  measure?: string | null | undefined;
  dueOn: string;
}

/** Checks the references of an item (enterprise, lines, case) against its territory; INVALID_FIELD names the field. */
export async function checkProblemRefs(
  trx: Kysely<DB> | Transaction<DB>,
  input: Pick<ProblemInput, 'territoryCode' | 'enterpriseId' | 'lineIds' | 'caseId' | 'foundOn' | 'dueOn'>,
): Promise<void> {
  if (input.dueOn < input.foundOn) throw new AppError('INVALID_FIELD', { field: 'dueOn', reason: 'the due date is before the date found' });
  if (input.enterpriseId) {
    const e = await trx.selectFrom('enterprise').select(['territory_code']).where('id', '=', input.enterpriseId).executeTakeFirst();
    if (!e || e.territory_code !== input.territoryCode)
      throw new AppError('INVALID_FIELD', { field: 'enterpriseId', reason: 'no such enterprise in this territory' });
  }
  const lineIds = [...new Set(input.lineIds ?? [])];
  if (lineIds.length) {
    if (!input.enterpriseId) throw new AppError('INVALID_FIELD', { field: 'lineIds', reason: 'lines need their enterprise' });
    const n = await trx
      .selectFrom('production_line')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', lineIds)
      .where('enterprise_id', '=', input.enterpriseId)
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== lineIds.length) throw new AppError('INVALID_FIELD', { field: 'lineIds', reason: "a line is not one of the enterprise's" });
  }
  if (input.caseId) {
    const c = await trx.selectFrom('case_file').select(['territory_code']).where('id', '=', input.caseId).executeTakeFirst();
    if (!c || c.territory_code !== input.territoryCode) throw new AppError('INVALID_FIELD', { field: 'caseId', reason: 'no such case in this territory' });
  }
}

/** Inserts inside `trx` (the route and the import); the caller has checked territory and references. */
export async function insertProblem(trx: Transaction<DB>, input: ProblemInput, meta: AuditMeta, audit = true): Promise<number> {
  const values = {
    territory_code: input.territoryCode,
    source: input.source,
    source_ref: optText(input.sourceRef),
    found_on: input.foundOn,
    description: input.description.trim(),
    level: input.level,
    enterprise_id: input.enterpriseId ?? null,
    line_ids: [...new Set(input.lineIds ?? [])],
    case_id: input.caseId ?? null,
    responsible_unit: input.responsibleUnit.trim(),
    responsible_person: optText(input.responsiblePerson),
    measure: optText(input.measure),
    due_on: input.dueOn,
  };
  programmeChanged();
  const { id } = await trx
    .insertInto('problem_item')
    .values({ ...values, created_at: meta.now, updated_at: meta.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await moveProblemRollup(trx, null, { territoryCode: values.territory_code, state: 'open', foundOn: values.found_on, dueOn: values.due_on, closedOn: null });
  await trx
    .insertInto('problem_event')
    .values({
      problem_id: id,
      kind: 'create',
      on_date: localToday(meta.now),
      from_state: null,
      to_state: 'open',
      actor_id: meta.actor.kind === 'user' ? meta.actor.userId : null,
      at: meta.now,
    })
    .execute();
  if (audit) await writeAudit(trx, meta, { act: 'problem.create', entityType: 'problem', entityId: id, basisId: 'plan-2020-§3.1', after: values });
  return id;
}

export async function createProblem(db: Kysely<DB>, input: ProblemInput, meta: AuditMeta): Promise<number> {
  await assertWritableTerritory(db, meta.actor, input.territoryCode, localToday(meta.now));
  return db.transaction().execute(async (trx) => {
    await checkProblemRefs(trx, input);
    return insertProblem(trx, input, meta);
  });
}
