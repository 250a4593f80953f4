import { describe, expect, it } from 'vitest';
import { checkJsonRequest, checkResponse, templateFor } from './openapi-validator.ts';
import { RecordedInstance } from './recorded-instance.ts';
import { INSTANCE, status } from './recordings.ts';

describe('recording validator', () => {
  it('accepts a documented status and reports drift in a recorded body', () => {
    expect(checkResponse('POST', '/api/v1/statuses', 200, status('1'))).toBeNull();
    const { account: _omitted, ...withoutAccount } = status('1');
    expect(checkResponse('POST', '/api/v1/statuses', 200, withoutAccount)).toMatch(/account/);
    expect(checkResponse('POST', '/api/v1/statuses', 200, { ...status('1'), visibility: 'everyone' })).toMatch(/visibility|enum|allowed/);
  });

  it('checks request bodies and documented status codes', () => {
    expect(checkJsonRequest('POST', '/oauth/token', { grant_type: 'authorization_code' })).toMatch(/client_id/);
    expect(checkResponse('DELETE', '/api/v1/statuses/5', 418, {})).toMatch(/not documented/);
    expect(templateFor('/api/v1/statuses/123')).toBe('/api/v1/statuses/{id}');
  });

  it('refuses to record an exchange that contradicts the spec', () => {
    const server = new RecordedInstance(INSTANCE);
    expect(() => server.expect({ method: 'GET', path: '/api/v1/statuses/1', status: 200, body: { id: '1' } })).toThrow(/does not follow/);
  });

  it('fails requests that match no recording (network disabled)', async () => {
    const server = new RecordedInstance(INSTANCE);
    await expect(server.fetch(`${INSTANCE}/api/v1/statuses/1`)).rejects.toThrow();
    await server.verify();
  });
});
