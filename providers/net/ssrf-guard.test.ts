import { describe, expect, it } from 'vitest';
import { assertPublicServerUrl, createFetch, createRequest, isPrivateAddress } from './ssrf-guard.ts';

const resolvesTo = (address: string) => async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('SSRF guard', () => {
  it('classifies private, loopback and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '0.0.0.0']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['194.95.1.1', '2a01:4f8::1', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses instance URLs resolving to private addresses unless allowed', async () => {
    await expect(assertPublicServerUrl('https://intern.example', { lookupAll: resolvesTo('10.0.0.5') })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(assertPublicServerUrl('http://127.0.0.1:3000')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(assertPublicServerUrl('https://[::1]/')).rejects.toMatchObject({ kind: 'invalid' });
    expect(await assertPublicServerUrl('http://127.0.0.1:3000/x', { allowPrivateNetwork: true })).toBe('http://127.0.0.1:3000');
  });

  it('normalises public URLs and rejects bad schemes and credentials', async () => {
    expect(await assertPublicServerUrl('social.bund.de/', { lookupAll: resolvesTo('194.95.1.1') })).toBe('https://social.bund.de');
    await expect(assertPublicServerUrl('ftp://social.bund.de', { lookupAll: resolvesTo('194.95.1.1') })).rejects.toThrow(/https/);
    await expect(assertPublicServerUrl('https://u:p@social.bund.de', { lookupAll: resolvesTo('194.95.1.1') })).rejects.toThrow(/credentials/);
    const unresolvable = async () => { throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }); };
    await expect(assertPublicServerUrl('https://nope.invalid', { lookupAll: unresolvable })).rejects.toThrow(/could not be resolved/);
  });
});

describe('guarded fetch (connect-time check)', () => {
  it('refuses loopback connections by IP literal and by name', async () => {
    const guarded = createFetch();
    for (const url of ['http://127.0.0.1:1234/', 'http://[::1]:1234/', 'http://localhost:1234/']) {
      const err = await guarded(url).then(() => null, (e: unknown) => e as Error & { cause?: { code?: string } });
      expect(err?.cause?.code, url).toBe('ERR_SSRF_BLOCKED');
    }
  });

  it('guards the plain request client the same way', async () => {
    const guarded = createRequest();
    for (const url of ['http://127.0.0.1:1234/', 'http://localhost:1234/']) {
      const err = await guarded(url, { method: 'GET', headers: {} }).then(() => null, (e: unknown) => e as Error & { code?: string });
      expect(err?.code, url).toBe('ERR_SSRF_BLOCKED');
    }
  });
});
