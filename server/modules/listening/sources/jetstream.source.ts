/**
 * Bluesky Jetstream over WebSocket. The cursor (time_us of the last stored event) is persisted by
 * the supervisor once the pipeline has committed the event, so a restart resumes without loss.
 * Reading pauses while the pipeline is full (back-pressure through TCP).
 */
import WebSocket from 'ws';
import { jetstreamToMention, jetstreamUrl, parseJetstreamMessage } from './jetstream.normalize.ts';
import type { Source, SourceEnv } from './source-types.ts';

const MAX_HANDLES = 50_000;
const HIGH_WATER = 200;
const LOW_WATER = 20;

export const jetstreamSource: Source = {
  run(env: SourceEnv): Promise<void> {
    const cfg = env.source.config as { endpoint?: string; wantedDids?: string[] };
    const url = jetstreamUrl(cfg.endpoint ?? 'wss://jetstream2.us-east.bsky.network/subscribe', env.source.cursor, cfg.wantedDids ?? []);
    const handles = new Map<string, string>();
    return new Promise<void>((resolve, reject) => {
      env.setStatus('connecting');
      const ws = new WebSocket(url, { handshakeTimeout: 15_000, ...env.connectOptions(url) });
      let pending = 0;
      let chain: Promise<void> = Promise.resolve();
      let lastMessage = Date.now();
      const idle = setInterval(() => {
        // A silent socket is a dead socket: Jetstream carries posts every second.
        if (Date.now() - lastMessage > 120_000) ws.terminate();
      }, 10_000);
      const finish = (err?: Error) => {
        clearInterval(idle);
        env.signal.removeEventListener('abort', onAbort);
        chain.finally(() => (err ? reject(err) : resolve()));
      };
      const onAbort = () => ws.close(1000);
      env.signal.addEventListener('abort', onAbort);
      ws.on('open', () => env.setStatus('running'));
      ws.on('message', (data) => {
        lastMessage = Date.now();
        const e = parseJetstreamMessage(data.toString());
        if (!e) return;
        if (e.kind === 'identity' && e.identity?.handle) {
          if (handles.size >= MAX_HANDLES) handles.clear();
          handles.set(e.did, e.identity.handle);
          return;
        }
        const m = jetstreamToMention(e, env.source.workspaceId, env.source.id, handles, env.now());
        if (!m) return;
        pending++;
        if (pending >= HIGH_WATER) ws.pause();
        chain = chain.then(() => env.emit(m, String(e.time_us))).finally(() => {
          pending--;
          if (pending <= LOW_WATER && ws.isPaused) ws.resume();
        });
      });
      ws.on('close', (code) => finish(env.signal.aborted || code === 1000 ? undefined : new Error(`jetstream closed (${code})`)));
      ws.on('error', (err) => {
        ws.terminate();
        finish(err);
      });
    });
  },
};
