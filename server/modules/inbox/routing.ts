/**
 * Routing rules (pure): each rule has conditions — a boolean query (common/query, the language of
 * listening), channels, languages, sentiments, kinds, author handles, a follower minimum — all of
 * which must hold, and actions. Rules run in position order; for assignment, priority and status
 * the first matching rule that sets one wins, tags add up; a matching rule with `stop` ends the run.
 * A rule without actions but with `stop` is an exclusion: what it matches is left to people.
 */
import { analyzePost, matches, parseQuery, type AnalyzedPost, type QueryNode } from '../../../common/query/index.ts';

export interface RuleConditions {
  query?: string;
  channelIds?: string[];
  languages?: string[];
  sentiments?: ('negative' | 'neutral' | 'positive')[];
  kinds?: string[];
  authorHandles?: string[];
  minFollowers?: number;
}

export type AssignAction = { type: 'user'; userId: string } | { type: 'on_duty' };

export interface RuleActions {
  assign?: AssignAction;
  priority?: string;
  tags?: string[];
  status?: 'spam' | 'done';
}

export interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  stop: boolean;
}

export interface CompiledRule extends RuleRow {
  ast: QueryNode | null;
  handles: Set<string> | null;
}

export interface RoutableItem {
  text: string;
  channelId: string | null;
  network: string;
  language: string | null;
  sentiment: -1 | 0 | 1;
  kind: string;
  authorHandle: string | null;
  followerCount: number | null;
  url?: string | null;
  /** Reuse an analysis already made (ingestion analyses each post once). */
  post?: AnalyzedPost;
}

export interface RoutingDecision {
  assign: AssignAction | null;
  priority: string | null;
  tags: string[];
  status: 'spam' | 'done' | null;
  ruleIds: string[];
}

const SENTIMENT_NAME = { '-1': 'negative', '0': 'neutral', '1': 'positive' } as const;
/** `@anna.bsky.social`, `anna.bsky.social` and `ANNA.bsky.social` are one handle. */
export const normaliseHandle = (h: string) => h.trim().replace(/^@/, '').toLowerCase();

/** Parses the rules once; a rule whose query does not parse (saved before a change) never matches. */
export function compileRules(rows: readonly RuleRow[]): CompiledRule[] {
  return rows.filter((r) => r.enabled).sort((a, b) => a.position - b.position).map((r) => {
    let ast: QueryNode | null = null;
    if (r.conditions.query) {
      const p = parseQuery(r.conditions.query);
      ast = p.ok ? p.ast : null;
    }
    return { ...r, ast, handles: r.conditions.authorHandles?.length ? new Set(r.conditions.authorHandles.map(normaliseHandle)) : null };
  });
}

export function ruleMatches(rule: CompiledRule, item: RoutableItem, post: () => AnalyzedPost): boolean {
  const c = rule.conditions;
  if (c.query && (!rule.ast || !matches(rule.ast, post()))) return false;
  if (c.channelIds?.length && (!item.channelId || !c.channelIds.includes(item.channelId))) return false;
  if (c.languages?.length && (!item.language || !c.languages.includes(item.language))) return false;
  if (c.sentiments?.length && !c.sentiments.includes(SENTIMENT_NAME[String(item.sentiment) as '-1' | '0' | '1'])) return false;
  if (c.kinds?.length && !c.kinds.includes(item.kind)) return false;
  if (rule.handles && (!item.authorHandle || !rule.handles.has(normaliseHandle(item.authorHandle)))) return false;
  if (c.minFollowers !== undefined && (item.followerCount ?? 0) < c.minFollowers) return false;
  return true;
}

export function route(rules: readonly CompiledRule[], item: RoutableItem): RoutingDecision {
  const d: RoutingDecision = { assign: null, priority: null, tags: [], status: null, ruleIds: [] };
  let analysed = item.post;
  const post = () => (analysed ??= analyzePost({ text: item.text, lang: item.language, author: item.authorHandle, source: item.network, url: item.url }));
  for (const rule of rules) {
    if (!ruleMatches(rule, item, post)) continue;
    d.ruleIds.push(rule.id);
    const a = rule.actions;
    if (a.assign && !d.assign) d.assign = a.assign;
    if (a.priority && !d.priority) d.priority = a.priority;
    if (a.status && !d.status) d.status = a.status;
    for (const t of a.tags ?? []) if (!d.tags.includes(t)) d.tags.push(t);
    if (rule.stop) break;
  }
  return d;
}
