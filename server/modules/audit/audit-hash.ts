import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  id: number;
  workspaceId: string | null;
  actorUserId: string | null;
  actorTokenId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  diff: unknown;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash_n = sha256(hash_{n-1} + canonical(row_n)). */
export function chainHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}
