import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: 'Resonanz', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/**
 * Accepts the current code and one step either side (clock drift of phones). Returns the 30-second
 * step the code belongs to (callers store it to refuse a replay), or null.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret, 'x').validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

export function checkTotp(secret: string, code: string, now: Date): boolean {
  return totpStep(secret, code, now) !== null;
}

export function totpCode(secret: string, now: Date): string {
  return totp(secret, 'x').generate({ timestamp: now.getTime() });
}

export async function otpauthUrlAndQr(secret: string, email: string): Promise<{ url: string; svg: string }> {
  const url = totp(secret, email).toString();
  return { url, svg: await QRCode.toString(url, { type: 'svg', margin: 1 }) };
}

/** Ten one-time recovery codes like `k7f2-9xqa-m3pd`. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}
