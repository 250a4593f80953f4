import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextCountingRule } from '../../../../providers/contract.ts';
import { countText } from '../../../../providers/text-count.ts';
import { get, post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { serverMessage } from '../calendar/calendar-api.ts';
import { inboxKeys, type Conversation, type Reply, type Suggestions } from './inbox-api.ts';

const HEARTBEAT_MS = 10_000;

/**
 * The reply box: a saved reply (the tone rules' address form first) fills the text, the counter
 * counts as the network does, and while text is being written the others see "… is replying".
 */
export const ReplyComposer = forwardRef<HTMLTextAreaElement, { ws: string; conv: Conversation }>(function ReplyComposer({ ws, conv }, ref) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const itemId = conv.item.id;
  const [text, setText] = useState('');
  const [savedId, setSavedId] = useState<string | null>(null);
  const suggestions = useQuery({ queryKey: inboxKeys.suggestions(ws, itemId), queryFn: () => get<Suggestions>(`/workspaces/${ws}/inbox/items/${itemId}/saved-replies`) });
  const announced = useRef(false);

  // Presence: a heartbeat while there is text, a stop when it is empty, sent, or the item changes.
  useEffect(() => {
    const writing = text.trim().length > 0;
    const ping = (replying: boolean) => post(`/workspaces/${ws}/inbox/items/${itemId}/presence`, { replying }).catch(() => undefined);
    if (!writing) {
      if (announced.current) void ping(false);
      announced.current = false;
      return;
    }
    if (!announced.current) void ping(true);
    announced.current = true;
    const id = setInterval(() => void ping(true), HEARTBEAT_MS);
    return () => clearInterval(id);
  }, [text, ws, itemId]);
  useEffect(() => () => {
    if (announced.current) void post(`/workspaces/${ws}/inbox/items/${itemId}/presence`, { replying: false }).catch(() => undefined);
    announced.current = false;
  }, [ws, itemId]);

  const send = useMutation({
    mutationFn: () => post<Reply>(`/workspaces/${ws}/inbox/items/${itemId}/replies`, { text, ...(savedId ? { savedReplyId: savedId } : {}) }),
    onSuccess: async (r) => {
      const color = r.state === 'failed' ? 'red' : 'teal';
      notifications.show({ color, message: r.state === 'failed' ? t('inbox.reply.failed', { reason: r.lastError ?? '' }) : t(`inbox.reply.done.${r.state === 'in_review' ? 'review' : 'sent'}`), closeButtonProps: { 'aria-label': t('inbox.close') } });
      if (r.state !== 'failed') {
        setText('');
        setSavedId(null);
      }
      await qc.invalidateQueries({ queryKey: inboxKeys.all(ws) });
    },
  });

  const limit = conv.replyLimit;
  const rule: TextCountingRule | null = limit ? (limit.counting === 'mastodon' ? { kind: 'mastodon', charactersReservedPerUrl: limit.charactersReservedPerUrl ?? 23 } : { kind: 'graphemes' }) : null;
  const count = rule ? countText(text, rule) : text.length;
  const tooLong = limit ? count > limit.maxLength : false;
  const s = suggestions.data;
  const options = (s?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.title} · ${r.language.toUpperCase()} · ${t(`inbox.address.${r.address}`)}${r.isDefault ? ` (${t('inbox.reply.default')})` : ''}`,
  }));

  if (!conv.canReply) return <Alert color="gray" variant="light">{t('inbox.reply.cannot')}</Alert>;
  return (
    <Stack gap="xs">
      <Select label={t('inbox.reply.savedReply')} placeholder={t('inbox.reply.savedReplyPlaceholder')} data={options} value={savedId} clearable searchable data-testid="saved-reply-select"
        description={s ? t('inbox.reply.addressHint', { address: t(`inbox.address.${s.address}`), source: t(`inbox.reply.addressSource.${s.addressSource}`) }) : undefined}
        onChange={(id) => {
          setSavedId(id);
          const chosen = s?.items.find((x) => x.id === id);
          if (chosen) setText(chosen.rendered);
        }} />
      <Textarea ref={ref} label={t('inbox.reply.label')} autosize minRows={3} maxRows={10} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="reply-text"
        error={tooLong ? t('inbox.reply.tooLong', { max: limit!.maxLength }) : undefined} />
      <Group justify="space-between">
        <Text size="xs" c={tooLong ? 'red.8' : 'dimmed'} aria-live="polite" data-testid="reply-count">{limit ? t('inbox.reply.count', { count, max: limit.maxLength }) : ''}</Text>
        <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!text.trim() || tooLong} data-testid="reply-send">
          {conv.approvalRequired ? t('inbox.reply.submitForApproval') : t('inbox.reply.send')}
        </Button>
      </Group>
      {send.error && <Text size="sm" c="red.8" role="alert">{serverMessage(send.error)}</Text>}
      {send.error && !serverMessage(send.error) && <ErrorAlert error={send.error} />}
    </Stack>
  );
});
