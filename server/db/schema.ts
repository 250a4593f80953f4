// Every table, for the typed drizzle instance and for drizzle-kit's migration generator.
export * from '../modules/identity/identity.schema.ts';
export * from '../modules/workspaces/workspaces.schema.ts';
export * from '../modules/audit/audit.schema.ts';
export * from '../modules/mail/mail.schema.ts';
export * from '../http/idempotency.schema.ts';
