/**
 * The areas of the app and which permission shows them. The server enforces every permission; the
 * navigation only hides what would be refused, so an employee sees guidelines and their profile.
 */
import type { Permission } from '../../common/permissions.ts';

export type AreaKey = 'strategy' | 'calendar' | 'inbox' | 'community' | 'monitoring' | 'crisis' | 'reports' | 'guidelines';
export type AdminKey = 'team' | 'audit' | 'settings';

export interface NavItem<K extends string = string> {
  key: K;
  path: string;
  /** Shown when the user holds any of these in the current workspace. */
  anyOf: Permission[];
}

export const AREAS: NavItem<AreaKey>[] = [
  { key: 'strategy', path: '/strategy', anyOf: ['strategy.read'] },
  { key: 'calendar', path: '/calendar', anyOf: ['posts.read'] },
  { key: 'inbox', path: '/inbox', anyOf: ['inbox.read'] },
  { key: 'community', path: '/community', anyOf: ['inbox.read'] },
  { key: 'monitoring', path: '/monitoring', anyOf: ['listening.read'] },
  { key: 'crisis', path: '/crisis', anyOf: ['crisis.read'] },
  { key: 'reports', path: '/reports', anyOf: ['reports.read'] },
  { key: 'guidelines', path: '/guidelines', anyOf: ['guidelines.read'] },
];

export const ADMIN: NavItem<AdminKey>[] = [
  // Every member may read the team list through the API, but the page is a management tool.
  { key: 'team', path: '/team', anyOf: ['members.manage'] },
  { key: 'audit', path: '/audit', anyOf: ['audit.read'] },
  { key: 'settings', path: '/settings', anyOf: ['workspace.update'] },
];

/** The items a holder of `permissions` may see, in menu order. */
export function visibleItems<K extends string>(items: NavItem<K>[], permissions: readonly string[]): NavItem<K>[] {
  return items.filter((i) => i.anyOf.some((p) => permissions.includes(p)));
}
