/** Items and authors as the API shows them (SLA state computed for `now`). */
import type { InboxItemDto } from '../../../common/schemas/inbox.ts';
import { slaState } from '../sla/sla-state.ts';
import type { InboxAuthorRow, InboxItemRow } from './item-store.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const SENTIMENT = { '-1': 'negative', '0': 'neutral', '1': 'positive' } as const;
type SlaRow = Pick<InboxItemRow, 'slaFirstDueAt' | 'slaFirstWarnAt' | 'firstResponseAt' | 'slaResolveDueAt' | 'slaResolveWarnAt' | 'resolvedAt' | 'urgencyAt'>;
export type PresentableItem = SlaRow & Pick<InboxItemRow, 'id' | 'sourceKind' | 'channelId' | 'network' | 'kind' | 'text' | 'url' | 'language' | 'sentiment' | 'sentimentScore' | 'status' | 'assigneeId' | 'priority' | 'tags' | 'receivedAt' | 'hiddenAt' | 'moderationState' | 'conversationKey' | 'publishTargetId' | 'version'>;

/** The generated urgency column's "no due date" value. */
export const NO_DUE = new Date('9999-12-31T00:00:00Z').getTime();

export function presentAuthor(a: Pick<InboxAuthorRow, 'id' | 'handle' | 'displayName' | 'avatarUrl' | 'profileUrl' | 'followerCount' | 'pseudonymisedAt'> | null) {
  if (!a) return null;
  return {
    id: a.id, handle: a.handle, displayName: a.displayName, avatarUrl: a.avatarUrl, profileUrl: a.profileUrl,
    followerCount: a.followerCount, pseudonymised: a.pseudonymisedAt !== null,
  };
}

export function presentSla(r: SlaRow, now: Date): InboxItemDto['sla'] {
  const state = slaState({
    firstResponseDueAt: r.slaFirstDueAt, firstResponseWarnAt: r.slaFirstWarnAt, firstResponseAt: r.firstResponseAt,
    resolutionDueAt: r.slaResolveDueAt, resolutionWarnAt: r.slaResolveWarnAt, resolvedAt: r.resolvedAt,
  }, now);
  const running = r.resolvedAt === null && r.urgencyAt.getTime() !== NO_DUE;
  return {
    state, firstDueAt: iso(r.slaFirstDueAt), firstWarnAt: iso(r.slaFirstWarnAt), resolveDueAt: iso(r.slaResolveDueAt),
    resolveWarnAt: iso(r.slaResolveWarnAt), dueAt: running ? r.urgencyAt.toISOString() : null,
  };
}

export function presentItem(r: PresentableItem, author: Parameters<typeof presentAuthor>[0], now: Date, replying: string[] = []): InboxItemDto {
  return {
    id: r.id, sourceKind: r.sourceKind, channelId: r.channelId, network: r.network, kind: r.kind as InboxItemDto['kind'],
    text: r.text, url: r.url, language: r.language, sentiment: SENTIMENT[String(r.sentiment) as '-1' | '0' | '1'] ?? 'neutral',
    sentimentScore: r.sentimentScore, author: presentAuthor(author), status: r.status as InboxItemDto['status'], assigneeId: r.assigneeId,
    priority: r.priority as InboxItemDto['priority'], tags: r.tags, receivedAt: r.receivedAt.toISOString(),
    firstResponseAt: iso(r.firstResponseAt), resolvedAt: iso(r.resolvedAt), sla: presentSla(r, now),
    hidden: r.hiddenAt !== null, moderationState: r.moderationState, conversationKey: r.conversationKey,
    inReplyToOurPost: r.publishTargetId !== null || r.kind === 'comment', replying, version: r.version,
  };
}
