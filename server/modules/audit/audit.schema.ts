import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail with a hash chain: `hash = sha256(prevHash || canonical(row))`.
 * Rows are written in the same transaction as the change they describe; a trigger (migration
 * 0001) rejects UPDATE and DELETE so tampering needs a superuser and leaves a broken chain.
 */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: uuid('workspace_id'),
  actorUserId: uuid('actor_user_id'),
  actorTokenId: uuid('actor_token_id'),
  action: text('action').notNull(),
  objectType: text('object_type').notNull(),
  objectId: text('object_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  diff: jsonb('diff'),
  requestId: text('request_id'),
  ip: text('ip'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 6 }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_log_workspace_idx').on(t.workspaceId, t.id),
  index('audit_log_object_idx').on(t.objectType, t.objectId),
]);
