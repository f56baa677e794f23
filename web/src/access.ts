/**
 * Which pages each role may use (menus and route guards only; per-record buttons come from the server's
 * `allowedActs`). Mirrors the server's role access; the server remains the authority.
 */
import type { Role } from './api/types.ts';
import type { DictKey } from './i18n/dict.ts';

export type PageKey =
  | 'workbench'
  | 'enterprises'
  | 'import'
  | 'lines'
  | 'cases'
  | 'overview'
  | 'audit'
  | 'users'
  | 'problems'
  | 'exitPlans'
  | 'supervision'
  | 'publications'
  | 'tips'
  | 'credit'
  | 'approvals'
  | 'resettlement'
  | 'powerPrices'
  | 'land'
  | 'yearend'
  | 'jobs'
  | 'calendar'
  | 'registrations';

export const PAGES_BY_ROLE: Record<Role, readonly PageKey[]> = {
  office: [
    'workbench',
    'enterprises',
    'import',
    'lines',
    'cases',
    'overview',
    'audit',
    'users',
    'problems',
    'exitPlans',
    'supervision',
    'publications',
    'tips',
    'credit',
    'approvals',
    'resettlement',
    'powerPrices',
    'land',
    'yearend',
    'jobs',
    'calendar',
    'registrations',
  ],
  territory: [
    'workbench',
    'enterprises',
    'import',
    'lines',
    'cases',
    'problems',
    'exitPlans',
    'supervision',
    'publications',
    'tips',
    'resettlement',
    'land',
    'yearend',
  ],
  department: [
    'workbench',
    'enterprises',
    'cases',
    'problems',
    'exitPlans',
    'supervision',
    'publications',
    'tips',
    'resettlement',
    'powerPrices',
    'land',
    'yearend',
  ],
  government: [
    'workbench',
    'cases',
    'overview',
    'problems',
    'exitPlans',
    'supervision',
    'publications',
    'approvals',
    'enterprises',
    'resettlement',
    'powerPrices',
    'land',
    'yearend',
  ],
  // the bank's workbench forwards to its credit list (issue 15): it sees nothing else
  bank: ['workbench', 'credit'],
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
    { key: 'problems', path: '/problems', label: 'menu.problems' },
    { key: 'exitPlans', path: '/exit-plans', label: 'menu.exitPlans' },
    { key: 'supervision', path: '/supervision', label: 'menu.supervision' },
    { key: 'audit', path: '/audit', label: 'menu.audit' },
    { key: 'users', path: '/users', label: 'menu.users' },
    { key: 'approvals', path: '/approvals', label: 'menu.approvals' },
    { key: 'credit', path: '/credit', label: 'menu.credit' },
    { key: 'resettlement', path: '/resettlement', label: 'menu.resettlement' },
    { key: 'powerPrices', path: '/power-prices', label: 'menu.powerPrices' },
    { key: 'land', path: '/land', label: 'menu.land' },
    { key: 'publications', path: '/publications', label: 'menu.publications' },
    { key: 'tips', path: '/tips', label: 'menu.tips' },
    { key: 'yearend', path: '/yearend', label: 'menu.yearend' },
    { key: 'jobs', path: '/jobs', label: 'menu.jobs' },
    { key: 'calendar', path: '/calendar', label: 'menu.calendar' },
    { key: 'registrations', path: '/enterprise-registrations', label: 'menu.registrations' },
  ];
  return all.filter((m) => mayOpen(role, m.key) && !(role === 'bank' && m.key === 'workbench'));
}
