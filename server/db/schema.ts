// Every table, for the typed drizzle instance and for drizzle-kit's migration generator.
export * from '../modules/identity/identity.schema.ts';
export * from '../modules/workspaces/workspaces.schema.ts';
export * from '../modules/audit/audit.schema.ts';
export * from '../modules/mail/mail.schema.ts';
export * from '../http/idempotency.schema.ts';
export * from '../modules/publishing/publishing.schema.ts';
export * from '../modules/media/media.schema.ts';
export * from '../modules/listening/listening.schema.ts';
export * from '../modules/strategy/strategy.schema.ts';
export * from '../modules/reporting/reporting.schema.ts';
export * from '../modules/enablement/enablement.schema.ts';
export * from '../modules/notifications/notifications.schema.ts';
export * from '../modules/calendar-feeds/calendar-feeds.schema.ts';
export * from '../modules/crisis/crisis.schema.ts';
export * from '../modules/roster/roster.schema.ts';
export * from '../modules/sla/sla.schema.ts';
export * from '../modules/inbox/inbox.schema.ts';
