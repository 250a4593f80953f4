import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { emailSchema, localeSchema, roleSchema, uuidSchema } from './common.ts';

export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export const totpBodySchema = z.strictObject({
  code: z.string().trim().min(6).max(32),
});
export const signupBodySchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(LIMITS.name),
  password: passwordSchema,
  organisationName: z.string().trim().min(1).max(LIMITS.name),
  workspaceName: z.string().trim().min(1).max(LIMITS.name),
  locale: localeSchema.default('de'),
});
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetSchema = z.strictObject({ token: z.string().min(10).max(200), password: passwordSchema });
export const passwordChangeSchema = z.strictObject({ currentPassword: z.string().min(1).max(LIMITS.passwordMax), newPassword: passwordSchema });
export const profileUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  locale: localeSchema.optional(),
});

export const workspaceSummarySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  slug: z.string(),
  organisationName: z.string(),
  locale: localeSchema,
  timezone: z.string(),
  roles: z.array(roleSchema),
  permissions: z.array(z.string()),
});

export const meSchema = z.object({
  user: z.object({ id: uuidSchema, email: z.string(), name: z.string(), locale: localeSchema, totpEnabled: z.boolean() }),
  workspaces: z.array(workspaceSummarySchema),
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResultSchema = z.object({ status: z.enum(['ok', 'totp_required']), csrfToken: z.string() });
export const setupStatusSchema = z.object({ needsSetup: z.boolean(), devMailbox: z.boolean() });

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const totpEnableSchema = z.strictObject({ code: z.string().trim().min(6).max(8) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const totpDisableSchema = z.strictObject({ password: z.string().min(1).max(LIMITS.passwordMax) });

export const apiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.tokenName),
  workspaceId: uuidSchema,
  roles: z.array(roleSchema).min(1),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const apiTokenSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  workspaceId: uuidSchema,
  prefix: z.string(),
  roles: z.array(roleSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });
