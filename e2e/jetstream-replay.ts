/**
 * A local Jetstream: a WebSocket server that replays recorded Jetstream messages
 * (e2e/fixtures/*.jsonl) to whoever subscribes, paced as recorded (optionally faster) and shifted
 * to the present — `time_us` and the posts' `createdAt` become the moment of sending, as a live
 * stream would carry them. A reconnect with `cursor` gets what was sent after it, then the rest.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface Recorded {
  time_us: number;
  kind: string;
  commit?: { record?: { createdAt?: string } };
}

export interface JetstreamReplay {
  /** `ws://127.0.0.1:<port>/subscribe` — what the source is configured with. */
  url: string;
  /** The query strings of every subscription, in order. */
  requests: URLSearchParams[];
  /** Resolves when every recorded message was sent once. */
  finished: Promise<void>;
  close(): Promise<void>;
}

export async function startJetstreamReplay(file: URL, opts: { speed?: number; startDelayMs?: number } = {}): Promise<JetstreamReplay> {
  const recorded = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Recorded);
  const speed = opts.speed ?? 1;
  const sent: { timeUs: number; data: string }[] = [];
  const requests: URLSearchParams[] = [];
  let next = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  let timer: NodeJS.Timeout | null = null;
  let current: WebSocket | null = null;
  let lastUs = 0;

  const sendNext = () => {
    timer = null;
    if (!current || next >= recorded.length) return;
    const e = structuredClone(recorded[next]!);
    // Strictly increasing time_us, as Jetstream's cursor needs.
    lastUs = Math.max(Date.now() * 1000, lastUs + 1);
    e.time_us = lastUs;
    if (e.commit?.record) e.commit.record.createdAt = new Date(Math.floor(lastUs / 1000)).toISOString();
    const data = JSON.stringify(e);
    sent.push({ timeUs: lastUs, data });
    current.send(data);
    next++;
    if (next >= recorded.length) {
      done();
      return;
    }
    const gapUs = recorded[next]!.time_us - recorded[next - 1]!.time_us;
    timer = setTimeout(sendNext, Math.max(0, gapUs / 1000 / speed));
  };

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/subscribe' });
  server.on('connection', (socket, req) => {
    const params = new URL(req.url ?? '/', 'ws://localhost').searchParams;
    requests.push(params);
    if (timer) clearTimeout(timer);
    current = socket;
    const cursor = Number(params.get('cursor') ?? 0);
    if (cursor > 0) for (const s of sent) if (s.timeUs > cursor) socket.send(s.data);
    socket.on('close', () => {
      if (current === socket) current = null;
    });
    timer = setTimeout(sendNext, sent.length === 0 ? (opts.startDelayMs ?? 0) : 0);
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    requests,
    finished,
    close: () => new Promise<void>((r) => {
      if (timer) clearTimeout(timer);
      for (const c of server.clients) c.terminate();
      server.close(() => r());
    }),
  };
}
