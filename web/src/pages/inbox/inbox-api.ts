/** Types and query hooks of the inbox, inferred from the shared inbox schemas. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { can } from '../../../../common/permissions.ts';
import type {
  conversationSchema, escalationSchema, expertContactsSchema, inboxSettingsSchema, itemPageSchema, itemSchema, noteSchema, replySchema, ruleCreateSchema, ruleSchema,
  savedReplySchema, savedReplySuggestionsSchema,
} from '../../../../common/schemas/inbox.ts';
import { get } from '../../api/client.ts';
import type { Team } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { OnDuty } from '../community/community-api.ts';

export type Item = z.infer<typeof itemSchema>;
export type ItemPage = z.infer<typeof itemPageSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Reply = z.infer<typeof replySchema>;
export type Note = z.infer<typeof noteSchema>;
export type Escalation = z.infer<typeof escalationSchema>;
export type ExpertContacts = z.infer<typeof expertContactsSchema>;
export type SavedReply = z.infer<typeof savedReplySchema>;
export type Suggestions = z.infer<typeof savedReplySuggestionsSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleCreateSchema>;
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;

export interface ListFilter {
  status?: string;
  channelId?: string;
  assignee?: string;
  priority?: string;
  kind?: string;
  language?: string;
  sentiment?: string;
  tag?: string;
  sla?: string;
  q?: string;
  sort?: string;
}

export const inboxKeys = {
  all: (ws: string) => ['inbox', ws] as const,
  list: (ws: string, f: ListFilter) => ['inbox', ws, 'list', f] as const,
  item: (ws: string, id: string) => ['inbox', ws, 'item', id] as const,
  suggestions: (ws: string, id: string) => ['inbox', ws, 'suggestions', id] as const,
  savedReplies: (ws: string) => ['inbox', ws, 'saved-replies'] as const,
  rules: (ws: string) => ['inbox', ws, 'rules'] as const,
  settings: (ws: string) => ['inbox', ws, 'settings'] as const,
  expertContacts: (ws: string) => ['inbox', ws, 'expert-contacts'] as const,
};

export function useConversation(ws: string, id: string | undefined) {
  return useQuery({ queryKey: inboxKeys.item(ws, id ?? ''), queryFn: () => get<Conversation>(`/workspaces/${ws}/inbox/items/${id}`), enabled: !!id });
}

/**
 * Members who may work the inbox (assignment, experts) and everyone's names. With `absences`,
 * `assignable` is `workers` for the assignee picker: people absent now come last, labelled with until
 * when and who stands in, so nobody hands an item to someone on leave by accident (only the inbox
 * view asks, so the rules page does not poll the roster).
 */
export function useInboxTeam(ws: string, opts: { absences?: boolean } = {}) {
  const { t } = useTranslation();
  const team = useQuery({ queryKey: ['team', ws], queryFn: () => get<Team>(`/workspaces/${ws}/members`) });
  const now = useQuery({ queryKey: ['roster-now', ws], queryFn: () => get<OnDuty>(`/workspaces/${ws}/roster/on-duty`), refetchInterval: 60_000, enabled: opts.absences === true });
  const members = team.data?.members ?? [];
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const workers = members.filter((m) => can(m.roles, 'inbox.work')).map((m) => ({ value: m.userId, label: m.name }));
  const absent = new Map((now.data?.absent ?? []).map((a) => [a.userId, a]));
  const label = (w: { value: string; label: string }): string => {
    const a = absent.get(w.value);
    if (!a) return w.label;
    const until = formatDateTime(a.until, currentLanguage());
    return a.substituteId
      ? t('inbox.absentOption', { name: w.label, until, substitute: names.get(a.substituteId) ?? '–' })
      : t('inbox.absentOptionNobody', { name: w.label, until });
  };
  return {
    names,
    workers,
    assignable: [...workers.filter((w) => !absent.has(w.value)), ...workers.filter((w) => absent.has(w.value))].map((w) => ({ value: w.value, label: label(w) })),
    everyone: members.map((m) => ({ value: m.userId, label: m.name })),
    /** Re-reads who is absent (the picker calls it when it opens, so an absence entered a minute ago shows). */
    refreshAbsences: () => void now.refetch(),
  };
}

export const STATUS_COLOURS: Record<string, string> = { new: 'blue', assigned: 'grape', waiting: 'yellow', done: 'teal', spam: 'gray' };
// Dark shades: outline badges keep ≥ 4.5:1 against white and the selected row's tint.
export const PRIORITY_COLOURS: Record<string, string> = { low: '#495057', normal: '#1c4e80', high: '#9a3412', urgent: '#a61b1b', crisis: '#7f1d1d' };
