/**
 * What crisis mode asks of the inbox and the SLA clock, as a small contract both sides can call
 * without knowing each other's tables:
 *
 * - the inbox asks {@link crisisInboxPolicy} when an item arrives (or is re-routed): while a real
 *   crisis is active, items matching the crisis query (boolean query engine, common/query) get the
 *   priority `crisis`, are routed to the crisis team, and run on the playbook's crisis SLA targets;
 * - the SLA module asks {@link crisisSlaTargets} for an item's targets (a registry-style override:
 *   null means "use your normal targets");
 * - the inbox registers an {@link InboxCrisisAdapter} so the crisis room shows inbox items, the
 *   report counts them, and an inbox volume anomaly can propose a crisis.
 */
import { and, eq } from 'drizzle-orm';
import { analyzePost, matches, parseQuery, type QueryNode } from '../../../common/query/index.ts';
import type { Tx } from '../../db/client.ts';
import { crisisContacts } from './crisis.schema.ts';
import { activeCrisis, covers } from './crisis-state.ts';
import { contentOfPlaybook, loadPlaybook } from './playbook.service.ts';

export interface InboxItemForCrisis {
  text: string;
  channelId?: string | null;
  lang?: string | null;
  author?: string | null;
  /** Network name (`bluesky`, `mastodon`) for `source:` terms. */
  source?: string | null;
  url?: string | null;
}

export interface CrisisInboxPolicy {
  crisisId: string;
  priority: 'crisis';
  /** The crisis team in chain order (route to the first available). */
  teamUserIds: string[];
  sla: { firstResponseMinutes: number; resolutionMinutes: number };
  matches(item: InboxItemForCrisis): boolean;
}

const astCache = new Map<string, QueryNode | null>();
function compiled(query: string | null): QueryNode | null {
  if (!query) return null;
  let ast = astCache.get(query);
  if (ast === undefined) {
    const r = parseQuery(query);
    ast = r.ok ? r.ast : null;
    if (astCache.size > 500) astCache.clear();
    astCache.set(query, ast);
  }
  return ast;
}

/** The policy while a real crisis is active, else null. Items outside the crisis scope never match. */
export async function crisisInboxPolicy(tx: Tx, workspaceId: string): Promise<CrisisInboxPolicy | null> {
  const c = await activeCrisis(tx, workspaceId);
  if (!c) return null;
  const ast = compiled(c.queryText);
  const team = await tx.select({ userId: crisisContacts.userId }).from(crisisContacts).where(and(eq(crisisContacts.crisisId, c.id))).orderBy(crisisContacts.position);
  const sla = c.playbookId ? contentOfPlaybook(await loadPlaybook(tx, workspaceId, c.playbookId)).sla : { firstResponseMinutes: 15, resolutionMinutes: 120 };
  return {
    crisisId: c.id, priority: 'crisis', teamUserIds: [...new Set(team.map((t) => t.userId))], sla,
    matches: (item) => ast !== null && (!item.channelId || covers(c, [item.channelId]))
      && matches(ast, analyzePost({ text: item.text, lang: item.lang, author: item.author, source: item.source, url: item.url })),
  };
}

/** For the SLA module: crisis targets for a matching item while a crisis is active; null = normal targets. */
export async function crisisSlaTargets(tx: Tx, workspaceId: string, item: InboxItemForCrisis): Promise<{ firstResponseMinutes: number; resolutionMinutes: number } | null> {
  const p = await crisisInboxPolicy(tx, workspaceId);
  return p && p.matches(item) ? p.sla : null;
}

export interface CrisisFeedItem {
  id: string;
  network: string;
  author: string | null;
  text: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  at: Date;
  url: string | null;
  /** First response (or done) time, for response times in the report. */
  handledAt: Date | null;
}

export interface InboxCrisisAdapter {
  /** Items that arrived since `since` (volume anomaly trigger). */
  countSince(tx: Tx, workspaceId: string, since: Date): Promise<number>;
  /** Items in [from, to] matching the crisis (the inbox applies {@link crisisInboxPolicy}'s match or its own crisis flag). */
  crisisItems(tx: Tx, workspaceId: string, crisisId: string, from: Date, to: Date, limit: number): Promise<CrisisFeedItem[]>;
}

let adapter: InboxCrisisAdapter | null = null;
export function registerInboxCrisisAdapter(a: InboxCrisisAdapter): void {
  adapter = a;
}
export const inboxAdapter = () => adapter;
