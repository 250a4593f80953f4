/**
 * The item store: one row per network post however often it arrives, German and simple full-text
 * search on the generated vector, urgency from the SLA due dates, moderation state with audit.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { inboxItems } from './inbox.schema.ts';
import { getItem, insertItem, setModerationState, setSlaDueDates, upsertAuthor, type NewItem } from './item-store.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const other = await buildWorkspace(t.ctx.database);
const now = new Date('2026-03-02T09:00:00Z');

function item(over: Partial<NewItem> = {}): NewItem {
  return {
    workspaceId: workspace.id, channelId: null, network: 'bluesky', externalId: 'at://did:plc:a/app.bsky.feed.post/1',
    kind: 'reply', text: 'Wann öffnen die Bürgerämter wieder?', language: 'de', sentiment: 0, sentimentScore: 0,
    authorId: null, receivedAt: now, ...over,
  };
}

describe('inbox item store', () => {
  it('stores a post once, however often it arrives', async () => {
    const db = t.ctx.database.db;
    const a = await insertItem(db, item(), now);
    const b = await insertItem(db, item({ text: 'changed' }), now);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.item.id).toBe(a.item.id);
    expect(b.item.text).toBe('Wann öffnen die Bürgerämter wieder?');
    expect(a.item.conversationKey).toBe(a.item.externalId);
  });

  it('finds German inflections and exact words through the search vector', async () => {
    const db = t.ctx.database.db;
    const found = await db.select({ id: inboxItems.id }).from(inboxItems)
      .where(and(eq(inboxItems.workspaceId, workspace.id), sql`${inboxItems.search} @@ (websearch_to_tsquery('german', 'Bürgeramt') || websearch_to_tsquery('simple', 'Bürgeramt'))`));
    expect(found).toHaveLength(1);
  });

  it('keeps a pseudonymised author pseudonymised when the profile arrives again', async () => {
    const db = t.ctx.database.db;
    const id = await upsertAuthor(db, workspace.id, { network: 'bluesky', externalId: 'did:plc:x', handle: 'anna.bsky.social', displayName: 'Anna' }, now);
    await db.execute(sql`update inbox_authors set handle = 'pseudonym-1', display_name = null, pseudonymised_at = now() where id = ${id}`);
    const again = await upsertAuthor(db, workspace.id, { network: 'bluesky', externalId: 'did:plc:x', handle: 'anna.bsky.social', displayName: 'Anna', followerCount: 12 }, now);
    expect(again).toBe(id);
    const [row] = await db.execute<{ handle: string; follower_count: number }>(sql`select handle, follower_count from inbox_authors where id = ${id}`).then((r) => r.rows);
    expect(row).toEqual({ handle: 'pseudonym-1', follower_count: 12 });
  });

  it('derives urgency from the first-response due date until answered', async () => {
    const db = t.ctx.database.db;
    const { item: it1 } = await insertItem(db, item({ externalId: 'u1' }), now);
    expect((await getItem(db, workspace.id, it1.id))!.urgencyAt.toISOString()).toBe('9999-12-31T00:00:00.000Z');
    const first = new Date(now.getTime() + 3600_000);
    const resolve = new Date(now.getTime() + 86400_000);
    await setSlaDueDates(db, it1.id, { firstResponseDueAt: first, resolutionDueAt: resolve, firstResponseWarnAt: null, resolutionWarnAt: null });
    expect((await getItem(db, workspace.id, it1.id))!.urgencyAt.toISOString()).toBe(first.toISOString());
    await db.update(inboxItems).set({ firstResponseAt: now }).where(eq(inboxItems.id, it1.id));
    expect((await getItem(db, workspace.id, it1.id))!.urgencyAt.toISOString()).toBe(resolve.toISOString());
  });

  it('records the moderation state with an audit row and does not find foreign items', async () => {
    const db = t.ctx.database.db;
    const { item: it1 } = await insertItem(db, item({ externalId: 'm1' }), now);
    expect(await getItem(db, other.workspace.id, it1.id)).toBeNull();
    expect(await setModerationState(db, t.ctx, { userId: owner.id }, { workspaceId: other.workspace.id, itemId: it1.id, state: 'hidden', hidden: true }, now)).toBeNull();
    const after = await db.transaction((tx) => setModerationState(tx, t.ctx, { userId: owner.id }, { workspaceId: workspace.id, itemId: it1.id, state: 'hidden', hidden: true }, now));
    expect(after!.hiddenAt?.toISOString()).toBe(now.toISOString());
    expect(after!.moderationState).toBe('hidden');
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.objectId, it1.id), eq(auditLog.action, 'inbox.item.moderation')));
    expect(audits).toHaveLength(1);
  });
});
