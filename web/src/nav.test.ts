import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLES } from '../../common/permissions.ts';
import { ADMIN, AREAS, visibleItems } from './nav.ts';

const keys = (roles: string[]) => [...visibleItems(AREAS, permissionsOf(roles)), ...visibleItems(ADMIN, permissionsOf(roles))].map((i) => i.key);

describe('navigation by permission', () => {
  it('shows an employee only the guidelines', () => {
    expect(keys(['employee'])).toEqual(['guidelines']);
  });

  it('shows owners and admins every area and the administration', () => {
    expect(keys(['owner'])).toEqual(['strategy', 'calendar', 'inbox', 'community', 'monitoring', 'crisis', 'reports', 'guidelines', 'team', 'audit', 'settings']);
    expect(keys(['admin'])).toEqual(keys(['owner']));
  });

  it('derives every item from the permission table (a role sees an item iff it holds a listed permission)', () => {
    for (const role of ROLES) {
      const perms = permissionsOf([role]);
      for (const item of [...AREAS, ...ADMIN]) {
        expect(keys([role]).includes(item.key), `${role} / ${item.key}`).toBe(item.anyOf.some((p) => perms.includes(p)));
      }
    }
  });

  it('combines several roles', () => {
    expect(keys(['employee', 'analyst'])).toEqual(expect.arrayContaining(['reports', 'monitoring', 'guidelines']));
    expect(keys(['employee', 'analyst'])).not.toContain('team');
  });
});
