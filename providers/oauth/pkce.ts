/**
 * OAuth 2 PKCE (RFC 7636, S256) and state helpers.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 43–128 chars from the unreserved set; 32 random bytes give 43 base64url chars. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** `BASE64URL(SHA256(verifier))`, the S256 challenge. */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Unguessable value binding the callback to the session that started the flow (CSRF defence). */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison so the state check leaks nothing through timing. */
export function stateMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
