/** The accounts a case may be assigned to (assignee.policy.ts): active accounts of the given units, by unit and name. */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AssigneeUnit } from './assignee.policy.ts';
import { unitOfRole } from './case-names.ts';

export async function assigneeCandidates(db: Kysely<DB>, units: readonly AssigneeUnit[]) {
  if (!units.length) return [];
  const conds = units.map((u) =>
    u.role === 'office'
      ? sql<SqlBool>`u.role = 'office'`
      : u.role === 'department'
        ? sql<SqlBool>`(u.role = 'department' and u.department_code = ${u.code})`
        : sql<SqlBool>`(u.role = 'territory' and u.territory_code = ${u.code})`,
  );
  const rows = await db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name', 'u.role', 'u.territory_code', 'u.department_code'])
    .where('u.disabled_at', 'is', null)
    .where(sql<SqlBool>`(${sql.join(conds, sql` or `)})`)
    .orderBy('u.role')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .limit(500)
    .execute();
  const order = new Map(units.map((u, i) => [u.role, i]));
  return rows
    .map((u) => ({
      id: Number(u.id),
      name: u.display_name,
      unit: unitOfRole(u.role as 'office' | 'department' | 'territory', { territoryCode: u.territory_code ?? '', departmentCode: u.department_code ?? '' }),
    }))
    .sort((a, b) => (order.get(a.unit.role as AssigneeUnit['role']) ?? 9) - (order.get(b.unit.role as AssigneeUnit['role']) ?? 9));
}
