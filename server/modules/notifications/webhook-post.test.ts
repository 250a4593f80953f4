import { describe, expect, it } from 'vitest';
import { postWebhook, type WebhookFetch as FetchLike } from './webhook-post.ts';

/** A receiver answering with the given statuses in turn (an Error is a transport failure). */
function receiver(answers: (number | Error)[]) {
  const calls: string[] = [];
  const fetch: FetchLike = async (_url, init) => {
    calls.push(init.body);
    const a = answers.shift() ?? 200;
    if (a instanceof Error) throw a;
    return { ok: a >= 200 && a < 300, status: a };
  };
  return { fetch, calls };
}

describe('webhook delivery', () => {
  it('retries a 503, a 429 and a refused connection, then delivers', async () => {
    const r = receiver([503, new Error('connect ECONNREFUSED')]);
    await postWebhook(r.fetch, 'https://hooks.example.org/x', {}, '{"a":1}', [0, 0]);
    expect(r.calls).toHaveLength(3);
    const limited = receiver([429]);
    await postWebhook(limited.fetch, 'https://hooks.example.org/x', {}, '{}', [0, 0]);
    expect(limited.calls).toHaveLength(2);
  });

  it('gives up after the last retry with the last error', async () => {
    const r = receiver([502, 502, 502]);
    await expect(postWebhook(r.fetch, 'https://hooks.example.org/x', {}, '{}', [0, 0])).rejects.toThrow('HTTP 502');
    expect(r.calls).toHaveLength(3);
  });

  it('does not retry an answer that will not change (404, 401)', async () => {
    const r = receiver([404]);
    await expect(postWebhook(r.fetch, 'https://hooks.example.org/x', {}, '{}', [0, 0])).rejects.toThrow('HTTP 404');
    expect(r.calls).toHaveLength(1);
  });
});
