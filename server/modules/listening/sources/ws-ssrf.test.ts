/**
 * The WebSocket sources (Jetstream, firehose) go through the SSRF guard like feed and Mastodon
 * sources: an endpoint on a private or loopback address is refused before any connection, whether it
 * is written as an IP literal or as a host name that resolves there.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { guardedSocketOptions } from '../../../../providers/net/ssrf-guard.ts';
import { firehoseSource } from './firehose.source.ts';
import { jetstreamSource } from './jetstream.source.ts';
import type { Source, SourceEnv } from './source-types.ts';

let wss: WebSocketServer;
let port: number;
let connections = 0;
beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (s) => {
    connections++;
    s.close();
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  port = (wss.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

function env(kind: string, endpoint: string, allowPrivateNetwork: boolean): SourceEnv {
  return {
    source: { id: 's', workspaceId: 'w', kind, config: { endpoint }, cursor: null },
    emit: async () => undefined, saveCursor: () => undefined, setStatus: () => undefined,
    signal: new AbortController().signal, now: () => new Date(), fetch, sleep: async () => undefined,
    connectOptions: (url) => guardedSocketOptions(url, { allowPrivateNetwork }),
  };
}
const run = (source: Source, e: SourceEnv) => Promise.resolve().then(() => source.run(e)).then(() => 'returned', (err: NodeJS.ErrnoException) => err.code ?? err.message);

describe('WebSocket listening sources and the SSRF guard', () => {
  it.each([['jetstream', jetstreamSource], ['firehose', firehoseSource]] as const)('%s: refuses loopback by IP literal and by name, connecting nowhere', async (kind, source) => {
    expect(await run(source, env(kind, `ws://127.0.0.1:${port}`, false))).toBe('ERR_SSRF_BLOCKED');
    expect(await run(source, env(kind, `ws://localhost:${port}`, false))).toBe('ERR_SSRF_BLOCKED');
    expect(connections).toBe(0);
  });

  it('connects where private networks are allowed (development, tests)', async () => {
    const before = connections;
    await run(jetstreamSource, env('jetstream', `ws://127.0.0.1:${port}`, true));
    expect(connections).toBe(before + 1);
  });
});
