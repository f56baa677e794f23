/**
 * The office's criteria for "slow or ineffective" (§3.3) as dated versions in supervision_criteria (the plan names
 * no numbers: each version cites the local basis). Read per request; the table holds a handful of rows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { criteriaAsOf, type CriteriaVersion, type Thresholds } from '../../domain/programme/supervision.ts';

export const DEFAULT_THRESHOLDS: Thresholds = {
  planCompletionBelow: 0.8,
  latePlanItemsAtLeast: 1,
  overdueCasesAtLeast: 5,
  overdueProblemsAtLeast: 3,
  daysSinceProgressAtLeast: 60,
  oldOpenItemDays: 90,
  oldOpenItemsAtLeast: 1,
  atRiskDays: 30,
};

export interface StoredCriteria extends CriteriaVersion {
  id: number;
  createdAt: string;
}

export async function criteriaVersions(db: Kysely<DB>): Promise<StoredCriteria[]> {
  const rows = await db
    .selectFrom('supervision_criteria')
    .select(['id', 'valid_from', 'thresholds', 'basis_id', 'note', 'created_at'])
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    validFrom: r.valid_from,
    thresholds: { ...DEFAULT_THRESHOLDS, ...(r.thresholds as Partial<Thresholds>) },
    basisId: r.basis_id,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The version in force on `date` (the migration's 2020-01-01 default when none is earlier). */
export async function criteriaInForce(db: Kysely<DB>, date: string): Promise<StoredCriteria> {
  const all = await criteriaVersions(db);
  return (
    criteriaAsOf(all, date) ?? {
      id: 0,
      validFrom: date,
      thresholds: DEFAULT_THRESHOLDS,
      basisId: 'phaseout-local-default',
      note: null,
      createdAt: new Date(0).toISOString(),
    }
  );
}
