/**
 * Versions and comments of one strategy item, in a drawer: every stored version with who changed
 * what (fields that differ from the version before), and the discussion with a comment box.
 */
import { Badge, Button, Drawer, Group, Stack, Tabs, Text, Textarea, Timeline } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { useWorkspace } from '../../../api/session.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useMembers } from '../use-members.ts';

interface Version { version: number; snapshot: Record<string, unknown>; actorUserId: string | null; createdAt: string }
interface Comment { id: string; authorId: string | null; authorName: string | null; body: string; createdAt: string }

const historyKey = (wsId: string, itemId: string, what: 'versions' | 'comments') => ['strategy', wsId, 'history', itemId, what] as const;

/** Field names whose value differs between two snapshots. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  if (!before) return [];
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function ItemHistory({ itemId, title, opened, onClose }: { itemId: string | null; title: string; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const { nameOf } = useMembers();
  const [body, setBody] = useState('');
  const versions = useQuery({ queryKey: historyKey(ws.id, itemId ?? '', 'versions'), enabled: opened && Boolean(itemId), queryFn: () => get<{ items: Version[] }>(`/workspaces/${ws.id}/strategy/items/${itemId}/versions`) });
  const comments = useQuery({ queryKey: historyKey(ws.id, itemId ?? '', 'comments'), enabled: opened && Boolean(itemId), queryFn: () => get<{ items: Comment[] }>(`/workspaces/${ws.id}/strategy/items/${itemId}/comments`) });
  const add = useMutation({
    mutationFn: () => post<Comment>(`/workspaces/${ws.id}/strategy/items/${itemId}/comments`, { body }),
    onSuccess: async () => {
      setBody('');
      await qc.invalidateQueries({ queryKey: historyKey(ws.id, itemId ?? '', 'comments') });
    },
  });
  const list = versions.data?.items ?? [];
  const field = (k: string) => (i18n.exists(`strategy.items.field.${k}`) ? t(`strategy.items.field.${k}`) : k);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) add.mutate();
  };

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('strategy.items.historyTitle', { title })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Tabs defaultValue="comments">
        <Tabs.List>
          <Tabs.Tab value="comments">{t('strategy.items.comments', { count: comments.data?.items.length ?? 0 })}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('strategy.items.versions', { count: list.length })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comments" pt="md">
          <ErrorAlert error={comments.error ?? add.error} />
          <Stack gap="sm">
            {comments.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('strategy.items.noComments')}</Text>}
            {comments.data?.items.map((c) => (
              <div key={c.id} data-testid="comment">
                <Text size="sm" fw={600}>{c.authorName ?? t('strategy.items.unknownAuthor')} <Text span size="xs" c="dimmed">{formatDateTime(c.createdAt, lang, ws.timezone)}</Text></Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
              </div>
            ))}
            <form onSubmit={submit}>
              <Textarea label={t('strategy.items.newComment')} value={body} onChange={(e) => setBody(e.currentTarget.value)} maxLength={5000} autosize minRows={2} />
              <Group justify="flex-end" mt="xs"><Button type="submit" loading={add.isPending} disabled={!body.trim()}>{t('strategy.items.addComment')}</Button></Group>
            </form>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <ErrorAlert error={versions.error} />
          <Timeline active={0} bulletSize={18} lineWidth={2} color="indigo.7">
            {list.map((v, i) => {
              const changed = changedFields(list[i + 1]?.snapshot, v.snapshot);
              return (
                <Timeline.Item key={v.version} title={<Group gap="xs"><Text size="sm" fw={600}>{t('strategy.items.version', { version: v.version })}</Text>{i === 0 && <Badge size="xs" variant="outline" color="teal.9">{t('strategy.items.current')}</Badge>}</Group>}>
                  <Text size="xs" c="dimmed">{formatDateTime(v.createdAt, lang, ws.timezone)} · {nameOf(v.actorUserId) ?? t('strategy.items.system')}</Text>
                  <Text size="sm">{i === list.length - 1 ? t('strategy.items.created') : changed.length ? t('strategy.items.changed', { fields: changed.map(field).join(', ') }) : t('strategy.items.unchanged')}</Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
