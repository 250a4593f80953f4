import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { emailSchema, localeSchema, roleSchema, rolesSchema, uuidSchema } from './common.ts';

export const memberSchema = z.object({
  userId: uuidSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  totpEnabled: z.boolean(),
  joinedAt: z.string(),
});
export const invitationSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  roles: z.array(roleSchema),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export const teamSchema = z.object({ members: z.array(memberSchema), invitations: z.array(invitationSchema) });
export const inviteBodySchema = z.strictObject({ email: emailSchema, roles: rolesSchema, name: z.string().trim().max(LIMITS.name).optional() });
export const rolesBodySchema = z.strictObject({ roles: rolesSchema });
export const memberParamsSchema = z.object({ workspaceId: uuidSchema, userId: uuidSchema });
export const invitationParamsSchema = z.object({ workspaceId: uuidSchema, invitationId: uuidSchema });

export const workspaceCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name),
  locale: localeSchema.default('de'),
  timezone: z.string().min(1).max(64).default('Europe/Berlin'),
});
export const workspaceUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  locale: localeSchema.optional(),
  timezone: z.string().min(1).max(64).optional(),
});
export const workspaceSchema = z.object({ id: uuidSchema, name: z.string(), slug: z.string(), locale: localeSchema, timezone: z.string() });

export const acceptInvitationSchema = z.strictObject({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax).optional(),
});
export const invitationInfoSchema = z.object({ email: z.string(), workspaceName: z.string(), existingUser: z.boolean() });
