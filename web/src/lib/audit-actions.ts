/** Audit actions and object types the server records today; the UI labels them, unknown ones show raw. */
export const AUDIT_ACTIONS = [
  'api_token.created', 'api_token.revoked', 'invitation.created', 'invitation.revoked', 'member.joined', 'member.removed',
  'member.roles_changed', 'organisation.created', 'user.created', 'user.locked', 'user.login', 'user.password_changed',
  'user.password_reset', 'user.recovery_code_used', 'user.recovery_codes_regenerated', 'user.totp_disabled', 'user.totp_enabled',
  'user.updated', 'workspace.created', 'workspace.updated',
] as const;

export const AUDIT_OBJECT_TYPES = ['api_token', 'invitation', 'membership', 'organisation', 'user', 'workspace'] as const;

/** i18n key of an action ("member.roles_changed" → "audit.actions.member_roles_changed"); dots would nest keys. */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/\./g, '_')}`;
}

/** The audit API query for the filters; the CSV export uses the same filters. */
export function auditQuery(f: { action?: string | null; objectType?: string | null; actorUserId?: string | null; from?: string; to?: string }) {
  return {
    action: f.action || undefined,
    objectType: f.objectType || undefined,
    actorUserId: f.actorUserId || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}
