/**
 * Which pages each role may use (menus and route guards only; per-record buttons come from the server's
 * `allowedActs`). Mirrors the server's role access; the server remains the authority.
 */
import type { Role } from './api/types.ts';
import type { DictKey } from './i18n/dict.ts';

export type PageKey = 'workbench' | 'enterprises' | 'import' | 'lines' | 'cases' | 'overview' | 'audit' | 'users' | 'calendar';

export const PAGES_BY_ROLE: Record<Role, readonly PageKey[]> = {
  office: ['workbench', 'enterprises', 'import', 'lines', 'cases', 'overview', 'audit', 'users', 'calendar'],
  territory: ['workbench', 'enterprises', 'import', 'lines', 'cases'],
  department: ['workbench', 'enterprises', 'cases'],
  government: ['workbench', 'cases', 'overview'],
  bank: ['workbench'],
};

/** Roles that may register enterprises at all (the server decides per territory). */
export const REGISTRY_WRITERS: readonly Role[] = ['office', 'territory'];

export function mayOpen(role: Role, page: PageKey): boolean {
  return PAGES_BY_ROLE[role].includes(page);
}

export interface MenuEntry {
  key: PageKey;
  path: string;
  label: DictKey;
}

/** The sider menu of a role (import is reached from the enterprise list, not the menu). */
export function menuOf(role: Role): MenuEntry[] {
  const all: MenuEntry[] = [
    { key: 'workbench', path: '/workbench', label: 'menu.workbench' },
    { key: 'enterprises', path: '/enterprises', label: role === 'department' ? 'menu.enterprisesReadonly' : 'menu.enterprises' },
    { key: 'lines', path: '/lines', label: 'menu.lines' },
    { key: 'cases', path: '/cases', label: 'menu.cases' },
    { key: 'overview', path: '/overview', label: 'menu.overview' },
    { key: 'audit', path: '/audit', label: 'menu.audit' },
    { key: 'users', path: '/users', label: 'menu.users' },
    { key: 'calendar', path: '/calendar', label: 'menu.calendar' },
  ];
  return all.filter((m) => mayOpen(role, m.key));
}
