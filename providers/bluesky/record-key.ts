/**
 * Deterministic record keys: the post for a publish target always lands at the same rkey, so a retry
 * after a crash cannot create a second post.
 */
import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const TID_RE = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
// Timestamps land between Bluesky's launch year and ~13 months later: in the past (never "future"
// records) and well after the TID epoch, so the key looks like any other post key.
const BASE_US = BigInt(Date.UTC(2023, 0, 1)) * 1000n;
const OFFSET_BITS = 45n;

/** True for syntactically valid TIDs (13 chars, base32-sortable, top bit zero). */
export function isValidTid(value: string): boolean {
  return TID_RE.test(value);
}

/**
 * A valid TID derived from `targetId`: 45 hash bits pick the microsecond timestamp, 10 more the clock id
 * (55 bits in all; a collision needs ~10^8 targets on one account).
 */
export function recordKeyForTarget(targetId: string): string {
  const h = createHash('sha256').update(`resonanz-rkey:${targetId}`).digest();
  const n = h.readBigUInt64BE(0);
  const offsetUs = n & ((1n << OFFSET_BITS) - 1n);
  const clockId = (n >> OFFSET_BITS) & 1023n;
  let v = ((BASE_US + offsetUs) << 10n) | clockId;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

/** The timestamp encoded in a TID (for checks and debugging). */
export function tidTimestamp(tid: string): Date {
  let v = 0n;
  for (const c of tid) v = (v << 5n) | BigInt(S32.indexOf(c));
  return new Date(Number((v >> 10n) / 1000n));
}
