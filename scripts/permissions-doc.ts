/**
 * Renders docs/permissions.md from the one permission table (common/permissions.ts), so the
 * documentation cannot drift from what the server enforces.
 */
import { PERMISSION_NAMES, PERMISSIONS, ROLES, can } from '../common/permissions.ts';

export const PERMISSIONS_DOC_PATH = 'docs/permissions.md';

/** The Markdown document: one row per permission, one column per role. */
export function renderPermissionsDoc(): string {
  const head = `| Permission | Beschreibung / Description | ${ROLES.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = PERMISSION_NAMES.map((p) => {
    const { de, en } = PERMISSIONS[p];
    return `| \`${p}\` | ${de} / ${en} | ${ROLES.map((r) => (can([r], p) ? '✓' : '–')).join(' | ')} |`;
  });
  return [
    '# Roles and permissions',
    '',
    '<!-- Generated from common/permissions.ts by `npm run docs:permissions`. Do not edit by hand. -->',
    '',
    'Deny by default: a role may do exactly what is marked ✓ below. The server checks the permission',
    'of every endpoint (routes declare it in `config.access.permission`); a member may hold several',
    'roles and gets the union of their permissions. Personal API tokens carry a subset of the',
    "member's roles in one workspace. A user who is not a member of a workspace gets 404 for it, a",
    'member without the permission 403.',
    '',
    head,
    rule,
    ...rows,
    '',
  ].join('\n');
}
