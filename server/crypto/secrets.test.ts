import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecrets, loadMasterKey } from './secrets.ts';

describe('secrets', () => {
  const s = createSecrets(loadMasterKey('x'.repeat(40), '/nonexistent'));

  it('seals and opens a value, with a fresh IV each time', () => {
    const a = s.seal('app-password-123');
    const b = s.seal('app-password-123');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('app-password');
    expect(s.open(a)).toBe('app-password-123');
  });

  it('rejects a tampered ciphertext', () => {
    const sealed = s.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => s.open(parts.join('.'))).toThrow();
  });

  it('a different master key cannot open the value', () => {
    const other = createSecrets(loadMasterKey('y'.repeat(40), '/nonexistent'));
    expect(() => other.open(s.seal('secret'))).toThrow();
  });

  it('MACs are purpose-bound', () => {
    const m = s.mac('csrf', 'session');
    expect(s.verifyMac('csrf', 'session', m)).toBe(true);
    expect(s.verifyMac('other', 'session', m)).toBe(false);
  });

  it('generates a 0600 key file when no secret is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rz-key-'));
    const k1 = loadMasterKey(undefined, dir);
    const k2 = loadMasterKey(undefined, dir);
    expect(k1.equals(k2)).toBe(true);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
