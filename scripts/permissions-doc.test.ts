import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PERMISSION_NAMES, ROLES } from '../common/permissions.ts';
import { PERMISSIONS_DOC_PATH, renderPermissionsDoc } from './permissions-doc.ts';

describe('docs/permissions.md', () => {
  it('is up to date with common/permissions.ts (run `npm run docs:permissions` after changing the table)', () => {
    const committed = readFileSync(fileURLToPath(new URL(`../${PERMISSIONS_DOC_PATH}`, import.meta.url)), 'utf8');
    expect(committed).toBe(renderPermissionsDoc());
  });

  it('has one row per permission and one column per role', () => {
    const rows = renderPermissionsDoc().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => /^\| `([\w.]+)`/.exec(r)![1])).toEqual(PERMISSION_NAMES);
    for (const r of rows) expect(r.split(' | ').length).toBe(2 + ROLES.length);
    const audit = rows.find((r) => r.startsWith('| `audit.read`'))!;
    expect(audit.split(' | ').slice(2).map((c) => c.replace(' |', ''))).toEqual(ROLES.map((r) => (r === 'owner' || r === 'admin' ? '✓' : '–')));
  });
});
