import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { createAnalyzer } from '../nlp/sentiment-analyzer.ts';
import type { WorkspaceMatcher } from '../workspace-matcher.ts';
import { IngestPipeline } from './ingest-pipeline.ts';

/** A database whose writes hang until `release()`; counts the batches that reached it. */
function slowDatabase() {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((r) => (open = r));
  const state = { batches: 0, failNext: 0 };
  const client = {
    async query(text: string) {
      if (text === 'BEGIN') {
        state.batches++;
        await gate;
        if (state.failNext > 0) {
          state.failNext--;
          throw new Error('connection lost');
        }
      }
      return { rows: [] };
    },
    release() {},
  };
  const database = { pool: { connect: async () => client } } as unknown as Database;
  return { database, state, release: () => open(), block: () => (gate = new Promise<void>((r) => (open = r))) };
}

const mention = (i: number) => ({ workspaceId: 'w', sourceId: null, network: 'import', externalId: String(i), url: null, author: null, authorName: null, title: null, text: `Beitrag ${i}`, lang: 'de', publishedAt: new Date(0) });

describe('ingest pipeline back-pressure', () => {
  it('never queues more than its capacity while the database is slow, and acknowledges only after storing', async () => {
    const db = slowDatabase();
    const matcher = { match: async () => [] } as unknown as WorkspaceMatcher;
    const p = new IngestPipeline({ database: db.database, analyzer: createAnalyzer(), matcher, clock: { now: () => new Date(0) }, capacity: 10, batchSize: 4, flushMs: 1 });
    p.start();
    const acked: number[] = [];
    let pushed = 0;
    const producer = (async () => {
      for (let i = 0; i < 100; i++) {
        await p.push({ mention: mention(i), ack: () => acked.push(i) });
        pushed++;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    // Blocked: the producer waits at capacity; nothing is acknowledged.
    expect(pushed).toBe(10);
    expect(p.queued).toBe(10);
    expect(acked).toEqual([]);
    db.release();
    await producer;
    await p.drain();
    await p.stop();
    expect(p.maxQueued).toBeLessThanOrEqual(10);
    expect(acked).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('retries a failed batch without losing or reordering items', async () => {
    const db = slowDatabase();
    db.release();
    db.state.failNext = 2;
    const errors: unknown[] = [];
    const p = new IngestPipeline({ database: db.database, analyzer: createAnalyzer(), matcher: { match: async () => [] } as unknown as WorkspaceMatcher, clock: { now: () => new Date(0) }, capacity: 50, batchSize: 5, flushMs: 1, onError: (e) => errors.push(e) });
    p.start();
    const acked: number[] = [];
    for (let i = 0; i < 12; i++) await p.push({ mention: mention(i), ack: () => acked.push(i) });
    await p.drain();
    await p.stop();
    expect(errors).toHaveLength(2);
    expect(acked).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
