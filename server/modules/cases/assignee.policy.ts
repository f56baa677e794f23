/**
 * Who may assign a case to a person (承办人, issue 17 item 2), and to whom — a LOCAL CHOICE: the plan names units
 * (属地, 牵头部门, 市领导小组办公室), never persons, so the city decides (docs/decisions/0014-case-assignee.md).
 *
 * - May assign: the office (it coordinates every case, plan §4 组织领导); a user of the unit that carries the case —
 *   its lead department (`department_code`) or its territory. Not the city government (it approves, it does not
 *   carry cases), not a second lead department of the dimension, not a licence authority that only reads the case.
 * - To whom: an ACTIVE account (not disabled) of a unit that may act on or read the case, as the assigner sees it —
 *   a department: its own department's users; a territory: its own territory's users; the office: the case's lead
 *   department's, the case's territory's, or the office's users.
 * - A closed case takes no new assignee (nothing remains to carry).
 * Pure: no I/O; the command (commands/assign-case.ts) reads the rows and asks.
 */
import type { Actor } from '../../platform/auth/actor.ts';

export interface AssignableCase {
  territoryCode: string;
  departmentCode: string;
  closed: boolean;
}

export type AssigneeUnit = { role: 'office'; code: null } | { role: 'department' | 'territory'; code: string };

export interface AssigneeAccount {
  role: string;
  territoryCode: string | null;
  departmentCode: string | null;
  active: boolean;
}

/** Whether the actor may set or clear the case's assignee (a closed case aside). */
export function mayAssign(actor: Actor, c: Pick<AssignableCase, 'territoryCode' | 'departmentCode'>): boolean {
  if (actor.kind === 'system') return true;
  switch (actor.role) {
    case 'office':
      return true;
    case 'department':
      return actor.departmentCode !== null && actor.departmentCode === c.departmentCode;
    case 'territory':
      return actor.territoryCode !== null && actor.territoryCode === c.territoryCode;
    default:
      return false;
  }
}

/** The units whose accounts the actor may name as the case's assignee (empty: none). */
export function assignableUnits(actor: Actor, c: Pick<AssignableCase, 'territoryCode' | 'departmentCode'>): AssigneeUnit[] {
  if (!mayAssign(actor, c)) return [];
  if (actor.kind === 'system' || actor.role === 'office') {
    return [
      { role: 'department', code: c.departmentCode },
      { role: 'territory', code: c.territoryCode },
      { role: 'office', code: null },
    ];
  }
  if (actor.role === 'department') return [{ role: 'department', code: c.departmentCode }];
  return [{ role: 'territory', code: c.territoryCode }];
}

/** The units an actor's colleagues belong to (for many cases at once: the bulk modal's candidates). */
export function ownUnit(actor: Actor): AssigneeUnit | null {
  if (actor.kind === 'system') return null;
  if (actor.role === 'office') return { role: 'office', code: null };
  if (actor.role === 'department' && actor.departmentCode) return { role: 'department', code: actor.departmentCode };
  if (actor.role === 'territory' && actor.territoryCode) return { role: 'territory', code: actor.territoryCode };
  return null;
}

/** Whether the account belongs to one of the units. */
export function inUnits(account: Omit<AssigneeAccount, 'active'>, units: readonly AssigneeUnit[]): boolean {
  return units.some((u) =>
    u.role === 'office'
      ? account.role === 'office'
      : u.role === 'department'
        ? account.role === 'department' && account.departmentCode === u.code
        : account.role === 'territory' && account.territoryCode === u.code,
  );
}

/** Whether the actor may name this account as the case's assignee. */
export function mayBeAssigned(actor: Actor, c: Pick<AssignableCase, 'territoryCode' | 'departmentCode'>, account: AssigneeAccount): boolean {
  return account.active && inUnits(account, assignableUnits(actor, c));
}

/** The list filter `assignee` (me | none | an account id) as the repository's filter; 'me' is the caller's account. */
export function assigneeFilterOf(value: string | undefined, actor: Actor): number | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return 'none';
  if (value === 'me') return actor.kind === 'user' ? actor.userId : -1;
  return Number(value);
}
