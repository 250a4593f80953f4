/**
 * The one permission table. Deny by default: a role may do exactly what is listed here, checked on
 * the server for every endpoint (routes declare the permission they need) and used by the web app
 * only to hide what would be refused anyway. docs/permissions.md is rendered from this file.
 */
export const ROLES = [
  'owner',
  'admin',
  'strategist',
  'editor',
  'approver',
  'community_manager',
  'duty_editor',
  'analyst',
  'employee',
] as const;
export type Role = (typeof ROLES)[number];

/** Role names for texts rendered on the server (e-mails, documents); the web app has its own in i18n. */
export const ROLE_NAMES: Record<Role, { de: string; en: string }> = {
  owner: { de: 'Inhaber/in', en: 'Owner' },
  admin: { de: 'Administration', en: 'Admin' },
  strategist: { de: 'Strategie', en: 'Strategist' },
  editor: { de: 'Redaktion', en: 'Editor' },
  approver: { de: 'Freigabe', en: 'Approver' },
  community_manager: { de: 'Community-Management', en: 'Community manager' },
  duty_editor: { de: 'Chef/in vom Dienst', en: 'Duty editor' },
  analyst: { de: 'Analyse', en: 'Analyst' },
  employee: { de: 'Mitarbeitende', en: 'Employee' },
};

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ['owner', 'admin'];
const COMMUNITY: readonly Role[] = ['owner', 'admin', 'community_manager', 'duty_editor'];
const READERS_OF_OPERATIONS: readonly Role[] = ['owner', 'admin', 'strategist', 'editor', 'approver', 'community_manager', 'duty_editor', 'analyst'];

export const PERMISSIONS = {
  'workspace.read': { roles: ALL, de: 'Arbeitsbereich sehen', en: 'See the workspace' },
  'workspace.update': { roles: MANAGERS, de: 'Arbeitsbereich ändern', en: 'Change workspace settings' },
  'members.read': { roles: ALL, de: 'Team sehen', en: 'See the team' },
  'members.manage': { roles: MANAGERS, de: 'Mitglieder einladen, Rollen ändern, entfernen', en: 'Invite members, change roles, remove' },
  'audit.read': { roles: MANAGERS, de: 'Audit-Protokoll lesen und exportieren', en: 'Read and export the audit trail' },
  'strategy.read': { roles: READERS_OF_OPERATIONS, de: 'Strategie lesen', en: 'Read the strategy' },
  'strategy.write': { roles: ['owner', 'admin', 'strategist'], de: 'Strategie, Ziele, Zielgruppen bearbeiten', en: 'Edit strategy, goals, target groups' },
  'posts.read': { roles: READERS_OF_OPERATIONS, de: 'Redaktionsplan lesen', en: 'Read the editorial plan' },
  'posts.write': { roles: ['owner', 'admin', 'editor', 'duty_editor'], de: 'Beiträge entwerfen und planen', en: 'Draft and schedule posts' },
  'posts.approve': { roles: ['owner', 'admin', 'approver', 'duty_editor'], de: 'Beiträge freigeben', en: 'Approve posts' },
  'channels.manage': { roles: MANAGERS, de: 'Kanäle verbinden und verwalten', en: 'Connect and manage channels' },
  'publishing.pause': { roles: ['owner', 'admin', 'duty_editor'], de: 'Veröffentlichung pausieren', en: 'Pause publishing' },
  'inbox.read': { roles: ['owner', 'admin', 'community_manager', 'duty_editor', 'analyst'], de: 'Posteingang lesen', en: 'Read the inbox' },
  'inbox.work': { roles: COMMUNITY, de: 'Posteingang bearbeiten und antworten', en: 'Work the inbox and reply' },
  'moderation.act': { roles: COMMUNITY, de: 'Moderieren (verbergen, löschen, verwarnen)', en: 'Moderate (hide, delete, warn)' },
  'moderation.ban': { roles: ['owner', 'admin', 'duty_editor'], de: 'Nutzer sperren', en: 'Ban users' },
  'community.manage': { roles: ['owner', 'admin', 'duty_editor'], de: 'Dienstplan, Reaktionszeiten, Netiquette und Moderationsregeln verwalten', en: 'Manage the duty roster, response-time targets, netiquette and moderation rules' },
  'listening.read': { roles: READERS_OF_OPERATIONS, de: 'Monitoring lesen', en: 'Read monitoring' },
  'listening.write': { roles: ['owner', 'admin', 'strategist', 'analyst'], de: 'Suchanfragen und Alarme verwalten', en: 'Manage queries and alerts' },
  'crisis.read': { roles: READERS_OF_OPERATIONS, de: 'Krisenraum sehen', en: 'See the crisis room' },
  'crisis.decide': { roles: ['owner', 'duty_editor'], de: 'Krisenfall ausrufen und beenden', en: 'Declare and end a crisis' },
  'crisis.prepare': { roles: ['owner', 'admin', 'strategist', 'duty_editor'], de: 'Playbooks und Übungen vorbereiten', en: 'Prepare playbooks and drills' },
  'reports.read': { roles: ['owner', 'admin', 'strategist', 'analyst', 'duty_editor'], de: 'Berichte lesen', en: 'Read reports' },
  'reports.write': { roles: ['owner', 'admin', 'strategist', 'analyst'], de: 'Berichte erstellen und versenden', en: 'Build and send reports' },
  'guidelines.read': { roles: ALL, de: 'Leitfaden und Schulungen', en: 'Guidelines and training' },
  'guidelines.write': { roles: ['owner', 'admin', 'strategist'], de: 'Leitfaden und Schulungen bearbeiten', en: 'Edit guidelines and training' },
} as const satisfies Record<string, { roles: readonly Role[]; de: string; en: string }>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** True when any of `roles` grants `permission`. Unknown roles grant nothing. */
export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission].roles;
  return roles.some((r) => allowed.includes(r));
}

/** Every permission granted by `roles`, for the session payload of the web app. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return PERMISSION_NAMES.filter((p) => can(roles, p));
}

/**
 * Roles an API token may carry for a member holding `held`: a role qualifies when every permission
 * it grants is also granted by `held` (so an owner can mint a read-only `analyst` token, but an
 * editor cannot mint an `approver` one). Re-applied on every request, so a later demotion of the
 * member narrows their tokens too.
 */
export function rolesCoveredBy(requested: readonly Role[], held: readonly string[]): Role[] {
  const mine = new Set(permissionsOf(held));
  return requested.filter((r) => permissionsOf([r]).every((p) => mine.has(p)));
}
