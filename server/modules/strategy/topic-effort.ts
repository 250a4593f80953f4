/**
 * How much of the editorial plan goes to each topic and, through the topics' links, to each goal
 * and target group: posts planned or published in a window around today (by `scheduled_at`, else
 * `created_at`), matched to a topic by name (case and spacing ignored — the composer's topic field
 * is free text). A post has one topic, so it counts once for each goal and target group its topic
 * is linked to.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { strategyTopics } from './strategy.schema.ts';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export async function topicEffort(tx: Tx, workspaceId: string, now: Date, days: number) {
  const from = new Date(now.getTime() - days * 86_400_000);
  const to = new Date(now.getTime() + days * 86_400_000);
  const rows = (await tx.execute<{ topic: string | null; n: number }>(sql`
    SELECT topic, count(*)::int AS n FROM posts
    WHERE workspace_id = ${workspaceId} AND coalesce(scheduled_at, created_at) >= ${from} AND coalesce(scheduled_at, created_at) < ${to}
    GROUP BY topic`)).rows;
  const topics = await tx.select().from(strategyTopics).where(and(eq(strategyTopics.workspaceId, workspaceId)));
  const byName = new Map(topics.map((t) => [norm(t.name), t]));
  const perTopic = new Map<string, number>();
  let untagged = 0;
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    const t = r.topic ? byName.get(norm(r.topic)) : undefined;
    if (t) perTopic.set(t.id, (perTopic.get(t.id) ?? 0) + n);
    else untagged += n;
  }
  const sum = (ids: (t: (typeof topics)[number]) => string[]) => {
    const m = new Map<string, number>();
    for (const t of topics) for (const id of ids(t)) m.set(id, (m.get(id) ?? 0) + (perTopic.get(t.id) ?? 0));
    return m;
  };
  const share = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);
  return {
    days,
    total,
    untagged,
    topics: topics.map((t) => ({ topicId: t.id, posts: perTopic.get(t.id) ?? 0, share: share(perTopic.get(t.id) ?? 0) })),
    goals: [...sum((t) => t.goalIds).entries()].map(([goalId, posts]) => ({ goalId, posts, share: share(posts) })),
    targetGroups: [...sum((t) => t.targetGroupIds).entries()].map(([targetGroupId, posts]) => ({ targetGroupId, posts, share: share(posts) })),
  };
}
