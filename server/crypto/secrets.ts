/**
 * Instance secrets: one 256-bit master key from RESONANZ_SECRET or, when unset, a generated key
 * file (0600) in the data directory. Sub-keys are derived per purpose with HKDF so a leaked CSRF
 * MAC key never decrypts tokens.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** AES-256-GCM: returns `v1.<iv>.<tag>.<ciphertext>` (base64url). */
  seal(plain: string): string;
  open(sealed: string): string;
  /** HMAC-SHA256 under a purpose-specific key, base64url. */
  mac(purpose: string, value: string): string;
  verifyMac(purpose: string, value: string, mac: string): boolean;
}

export function loadMasterKey(secret: string | undefined, dataDir: string): Buffer {
  if (secret) return createHash('sha256').update(secret).digest();
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

export function createSecrets(master: Buffer): Secrets {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `resonanz:${purpose}`, 32));
  const encKey = derive('seal');
  const macKeys = new Map<string, Buffer>();
  const macKey = (p: string) => {
    let k = macKeys.get(p);
    if (!k) macKeys.set(p, (k = derive(`mac:${p}`)));
    return k;
  };
  const mac = (purpose: string, value: string) => createHmac('sha256', macKey(purpose)).update(value).digest('base64url');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
      const d = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
    mac,
    verifyMac(purpose, value, given) {
      const a = Buffer.from(mac(purpose, value));
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}

/** SHA-256 hex of a high-entropy token (session ids, API tokens, invitation links). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random token for links and cookies. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
