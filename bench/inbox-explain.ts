/**
 * Diagnostic for the inbox list: loads BENCH_ITEMS items (default 1,000,000) like the benchmark,
 * then prints the time per call of the three benchmark views and their EXPLAIN (ANALYZE, BUFFERS)
 * plans. Usage: npx node bench/inbox-explain.ts
 */
import { performance } from 'node:perf_hooks';
import { listItems, listSql } from '../server/modules/inbox/item-list.ts';
import { itemListQuerySchema } from '../common/schemas/inbox.ts';
import { openBenchDb } from './listening-bench-db.ts';
import { buildMember, buildWorkspace } from '../server/test/factories.ts';
import { channels } from '../server/modules/publishing/publishing.schema.ts';
import { loadItems } from './inbox-load.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const end = new Date('2026-03-16T10:00:00Z');
const bench = await openBenchDb();
const { pool, db } = bench.database;
const { workspace } = await buildWorkspace(bench.database, 'bench');
const cm = await buildMember(bench.database, workspace.id, ['community_manager']);
const [ch1, ch2] = await db.insert(channels).values([{ workspaceId: workspace.id, network: 'bluesky', name: 'B', status: 'connected' }, { workspaceId: workspace.id, network: 'mastodon', name: 'M', status: 'connected' }]).returning();
await loadItems(pool, workspace.id, ch1!.id, ch2!.id, cm.id, ITEMS, end);
for (const qs of [{}, { q: 'antrag', status: 'new,assigned,waiting,done,spam', sort: 'newest' }, { channelId: ch1!.id, sentiment: 'negative', assignee: 'none', sla: 'breached' }]) {
  const f = itemListQuerySchema.parse(qs);
  await listItems(pool, workspace.id, cm.id, f, end);
  const t = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < 50; i++) await listItems(pool, workspace.id, cm.id, f, end);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify(qs), ((performance.now() - t) / 50).toFixed(2), 'ms wall', ((c.user + c.system) / 50 / 1000).toFixed(2), 'ms node cpu');
  const q = listSql(workspace.id, cm.id, f, end);
  const r = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
await bench.close();
