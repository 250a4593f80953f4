/** Security headers (helmet) on API answers, pages and errors alike, built once per app. */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../test/harness.ts';

const t = await createTestApp();
afterAll(async () => t.close());

describe('security headers', () => {
  it.each(['/healthz', '/api/v1/me', '/does-not-exist'])('are set on %s', async (url) => {
    const r = await t.app.inject({ method: 'GET', url });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
