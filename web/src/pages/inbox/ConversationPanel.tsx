import { Alert, Anchor, Avatar, Badge, Button, Card, Group, Loader, Select, Stack, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { IconHeart, IconRepeat, IconSend, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ITEM_STATUSES, PRIORITIES } from '../../../../common/schemas/inbox.ts';
import { patch, post } from '../../api/client.ts';
import { useCan, useWorkspaceState } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { EscalateModal } from './EscalateModal.tsx';
import { inboxKeys, useConversation, type Item } from './inbox-api.ts';
import { ItemTimeline } from './ItemTimeline.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';
import { SlaTimer } from './SlaTimer.tsx';

export interface ConversationHandle {
  focusReply(): void;
  focusNote(): void;
}

function ThreadItem({ i, own }: { i: Item; own?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" bg={own ? 'blue.0' : undefined}>
      <Group gap="xs" mb={4}>
        <Avatar src={i.author?.avatarUrl ?? undefined} alt="" size="sm" radius="xl">{(i.author?.displayName || i.author?.handle || '?').replace('@', '').slice(0, 1).toUpperCase()}</Avatar>
        <Text size="sm" fw={600}>{i.author?.displayName || i.author?.handle || t('inbox.unknownAuthor')}</Text>
        {i.author?.displayName && <Text size="xs" c="dimmed">{i.author.handle}</Text>}
        <Text size="xs" c="dimmed">{formatDateTime(i.receivedAt, currentLanguage())}</Text>
      </Group>
      <Text size="sm" className="inbox-text">{i.text}</Text>
    </Card>
  );
}

/** One item with its thread, triage controls, the reply box, notes and escalation. */
export const ConversationPanel = forwardRef<ConversationHandle, {
  ws: string; itemId: string; names: Map<string, string>; workers: { value: string; label: string }[]; onAssigneePickerOpen?: () => void; everyone: { value: string; label: string }[];
  channelName: (id: string | null) => string; now: number;
}>(function ConversationPanel({ ws, itemId, names, workers, onAssigneePickerOpen, everyone, channelName, now }, ref) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const me = useWorkspaceState().me.user.id;
  const lang = currentLanguage();
  const conv = useConversation(ws, itemId);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [escalate, setEscalate] = useState(false);
  useImperativeHandle(ref, () => ({ focusReply: () => replyRef.current?.focus(), focusNote: () => noteRef.current?.focus() }), []);
  const refresh = () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws) });
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => patch(`/workspaces/${ws}/inbox/items/${itemId}`, { ...body, version: conv.data?.item.version }),
    onSettled: refresh,
  });
  const addNote = useMutation({ mutationFn: () => post(`/workspaces/${ws}/inbox/items/${itemId}/notes`, { body: note }), onSuccess: async () => { setNote(''); await refresh(); } });
  const engage = useMutation({ mutationFn: (k: 'like' | 'boost') => post(`/workspaces/${ws}/inbox/items/${itemId}/${k}`, {}), onSettled: refresh });

  if (conv.isPending) return <Loader role="status" aria-label={t('inbox.loading')} />;
  if (conv.error || !conv.data) return <ErrorAlert error={conv.error} />;
  const c = conv.data;
  const i = c.item;
  const others = i.replying.filter((u) => u !== me);
  const work = can('inbox.work');
  const a = i.author;
  return (
    <Stack gap="sm" data-testid="conversation">
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Avatar src={a?.avatarUrl ?? undefined} alt="" radius="xl">{(a?.displayName || a?.handle || '?').replace('@', '').slice(0, 1).toUpperCase()}</Avatar>
          <div>
            <Title order={2} size="h4">{a?.displayName || a?.handle || t('inbox.unknownAuthor')}</Title>
            <Text size="sm" c="dimmed">
              {[a?.displayName ? a.handle : null, a?.followerCount != null ? t('inbox.followers', { count: a.followerCount, n: formatNumber(a.followerCount, lang) }) : null, channelName(i.channelId), t(`inbox.kind.${i.kind}`)].filter(Boolean).join(' · ')}
            </Text>
          </div>
        </Group>
        <SlaTimer sla={i.sla} now={now} />
      </Group>

      {c.assigneeAbsence && (
        <Alert color="orange" variant="light" role="status" data-testid="assignee-absent">
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {c.assigneeAbsence.substituteId
                ? t('inbox.assigneeAbsent', { name: names.get(i.assigneeId ?? '') ?? '–', until: formatDateTime(c.assigneeAbsence.until, lang), substitute: names.get(c.assigneeAbsence.substituteId) ?? '–' })
                : t('inbox.assigneeAbsentNobody', { name: names.get(i.assigneeId ?? '') ?? '–', until: formatDateTime(c.assigneeAbsence.until, lang) })}
            </Text>
            {work && c.assigneeAbsence.substituteId && (
              <Button size="compact-sm" variant="default" loading={update.isPending} onClick={() => update.mutate({ assigneeId: c.assigneeAbsence!.substituteId })}>
                {t('inbox.assignTo', { name: names.get(c.assigneeAbsence.substituteId) ?? '–' })}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {others.length > 0 && (
        <Alert color="orange" variant="light" role="status" data-testid="collision-warning">{t('inbox.collision', { names: others.map((u) => names.get(u) ?? '–').join(', ') })}</Alert>
      )}

      {c.ourPost && (
        <Card withBorder padding="sm" component="section" aria-label={t('inbox.ourPostRegion')} data-testid="our-post" style={{ borderLeft: '4px solid var(--mantine-color-blue-8)' }}>
          <Group gap="xs" mb={4}>
            <Text size="sm" fw={600}>{t('inbox.ourPost')}</Text>
            {c.ourPost.publishedAt && <Text size="xs" c="dimmed">{formatDateTime(c.ourPost.publishedAt, lang)}</Text>}
            {c.ourPost.url && <Anchor size="xs" href={c.ourPost.url} target="_blank" rel="noreferrer">{t('inbox.openOriginal')}</Anchor>}
          </Group>
          <Text size="sm" className="inbox-text" lineClamp={6}>{c.ourPost.text}</Text>
        </Card>
      )}
      {c.thread.filter((x) => x.receivedAt < i.receivedAt).map((x) => <ThreadItem key={x.id} i={x} />)}
      <Card withBorder padding="md" shadow="xs">
        <Text className="inbox-text" data-testid="item-text">{i.text}</Text>
        <Group gap="xs" mt="xs">
          <Text size="xs" c="dimmed">{formatDateTime(i.receivedAt, lang)}</Text>
          {i.url && <Anchor size="xs" href={i.url} target="_blank" rel="noreferrer">{t('inbox.openOriginal')}</Anchor>}
          {i.language && <Badge variant="outline" color="gray.8" tt="none">{t(`inbox.languages.${i.language}`, { defaultValue: i.language })}</Badge>}
          <Badge variant="outline" color={i.sentiment === 'negative' ? 'red.9' : i.sentiment === 'positive' ? 'teal.9' : 'gray.8'} tt="none">{t(`inbox.sentiment.${i.sentiment}`)}</Badge>
          {i.hidden && <Badge color="gray.7" tt="none">{t('inbox.hidden')}</Badge>}
        </Group>
      </Card>
      {c.thread.filter((x) => x.receivedAt >= i.receivedAt).map((x) => <ThreadItem key={x.id} i={x} />)}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t('inbox.fields.status')} data={ITEM_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))} value={i.status} allowDeselect={false} disabled={!work} w={150}
          onChange={(v) => v && update.mutate({ status: v })} data-testid="status-select" />
        <Select label={t('inbox.fields.assignee')} data={workers} value={i.assigneeId} clearable disabled={!work} w={190} comboboxProps={{ width: 340, position: 'bottom-start' }} onDropdownOpen={onAssigneePickerOpen} placeholder={t('inbox.filters.unassigned')}
          onChange={(v) => update.mutate({ assigneeId: v ?? null })} data-testid="assignee-select" />
        <Select label={t('inbox.fields.priority')} data={PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))} value={i.priority} allowDeselect={false} disabled={!work} w={140}
          onChange={(v) => v && update.mutate({ priority: v })} />
        <TagsInput label={t('inbox.fields.tags')} value={i.tags} disabled={!work} w={220} onChange={(tags) => update.mutate({ tags })} />
        {work && i.assigneeId !== me && <Button variant="default" leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => update.mutate({ assigneeId: me })}>{t('inbox.actions.assignMe')}</Button>}
      </Group>
      <ErrorAlert error={update.error ?? engage.error} />

      {work && (
        <Group gap="xs">
          {c.canEngage && <Button size="xs" variant="default" leftSection={<IconHeart size={14} aria-hidden />} onClick={() => engage.mutate('like')}>{t('inbox.actions.like')}</Button>}
          {c.canEngage && <Button size="xs" variant="default" leftSection={<IconRepeat size={14} aria-hidden />} onClick={() => engage.mutate('boost')}>{t('inbox.actions.boost')}</Button>}
          <Button size="xs" variant="default" leftSection={<IconSend size={14} aria-hidden />} onClick={() => setEscalate(true)}>{t('inbox.actions.escalate')}</Button>
          {can('moderation.act') && <Button size="xs" variant="default" component={Link} to={`/community/moderation/items/${i.id}`}>{t('inbox.actions.moderate')}</Button>}
        </Group>
      )}

      <ItemTimeline ws={ws} conv={c} names={names} />

      {work && <ReplyComposer key={i.id} ref={replyRef} ws={ws} conv={c} />}
      {work && (
        <form onSubmit={(e) => { e.preventDefault(); if (note.trim()) addNote.mutate(); }}>
          <Stack gap="xs">
            <Textarea ref={noteRef} label={t('inbox.note.label')} description={t('inbox.note.hint')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="note-text" />
            <Group justify="flex-end"><Button type="submit" variant="default" loading={addNote.isPending} disabled={!note.trim()}>{t('inbox.note.add')}</Button></Group>
            <ErrorAlert error={addNote.error} />
          </Stack>
        </form>
      )}
      <EscalateModal ws={ws} itemId={i.id} opened={escalate} onClose={() => setEscalate(false)} members={everyone} />
    </Stack>
  );
});
