/** Idempotency keys as the networks see them (kept in one place so the stored key matches the sent one). */
export { mastodonIdempotencyKey as createMastodonIdempotencyKey } from '../../../providers/mastodon/mastodon.provider.ts';
