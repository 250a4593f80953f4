/**
 * The demo seed's images: rendered at seed time, in the library with alt text (one draft's image
 * deliberately without), attached to posts of the plan, and their files readable.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../../seed/demo.seed.ts';
import { posts } from '../publishing/publishing.schema.ts';
import { mediaAssets } from './media.schema.ts';
import { fileMediaStore, mediaRootOf } from './media-store.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ DEMO_PASSWORD: 'demo-password-123' });
  await seedDemo(t.ctx);
});
afterAll(async () => t.close());

describe('demo images', () => {
  it('puts four rendered images with alt text into the library and onto posts', async () => {
    const rows = await t.ctx.database.db.select().from(mediaAssets);
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.altText).length).toBe(3);
    const store = fileMediaStore(mediaRootOf(t.ctx.config));
    for (const r of rows) {
      expect((await store.read(r.storageKey)).length).toBe(r.bytes);
      expect(r.width).toBe(1200);
    }
    const withImages = (await t.ctx.database.db.select().from(posts).where(eq(posts.workspaceId, rows[0]!.workspaceId))).filter((p) => (p.media as unknown[]).length > 0);
    expect(withImages).toHaveLength(4);
    const draft = withImages.find((p) => p.text.startsWith('Azubi'))!;
    expect((draft.media as { altText: string }[])[0]!.altText).toBe('');
  });
});
