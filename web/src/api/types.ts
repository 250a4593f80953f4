/** Response types of the API, inferred from the zod schemas the server validates with. */
import type { z } from 'zod';
import type { auditEntrySchema } from '../../../common/schemas/audit.ts';
import type { apiTokenCreatedSchema, apiTokenSchema, meSchema, recoveryCodesSchema, setupStatusSchema, totpSetupSchema, workspaceSummarySchema } from '../../../common/schemas/auth.ts';
import type { invitationInfoSchema, invitationSchema, memberSchema, teamSchema, workspaceSchema } from '../../../common/schemas/workspaces.ts';

export type Me = z.infer<typeof meSchema>;
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
export type SetupStatus = z.infer<typeof setupStatusSchema>;
export type TotpSetup = z.infer<typeof totpSetupSchema>;
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;
export type Team = z.infer<typeof teamSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
export interface LoginResult {
  status: 'ok' | 'totp_required';
  csrfToken: string;
}
export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}
