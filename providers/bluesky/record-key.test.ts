import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTid, recordKeyForTarget, tidTimestamp } from './record-key.ts';

describe('deterministic record keys', () => {
  it('are valid TIDs with a plausible past timestamp, stable per target', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (targetId) => {
        const key = recordKeyForTarget(targetId);
        expect(isValidTid(key)).toBe(true);
        expect(recordKeyForTarget(targetId)).toBe(key);
        const ts = tidTimestamp(key).getTime();
        expect(ts).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
        expect(ts).toBeLessThan(Date.UTC(2024, 2, 1));
      }),
    );
  });

  it('differ between targets', () => {
    const keys = new Set(Array.from({ length: 5000 }, (_, i) => recordKeyForTarget(`target-${i}`)));
    expect(keys.size).toBe(5000);
  });

  it('rejects malformed TIDs', () => {
    expect(isValidTid('3jzfcijpj2z2a')).toBe(true);
    expect(isValidTid('kjzfcijpj2z2a')).toBe(false); // top bit set
    expect(isValidTid('3jzfcijpj2z2')).toBe(false);
    expect(isValidTid('3jzfcijpj2z21')).toBe(false);
  });
});
