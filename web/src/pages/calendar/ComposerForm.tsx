import { Alert, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, serverMessage, type Channel, type Post, type PostInput } from './calendar-api.ts';
import { checkChannelText } from './text-limits.ts';

interface Draft {
  text: string;
  variants: Record<string, string>;
  channelIds: string[];
  local: string;
  contentWarning: string;
  campaign: string;
  topic: string;
  targetGroups: string[];
  notes: string;
}

function draftOf(p: Post | undefined): Draft {
  return {
    text: p?.text ?? '',
    variants: Object.fromEntries(Object.entries(p?.variants ?? {}).map(([k, v]) => [k, v.text])),
    channelIds: p ? p.targets.map((t) => t.channelId) : [],
    local: p?.scheduledLocal?.slice(0, 16) ?? '',
    contentWarning: p?.contentWarning ?? '',
    campaign: p?.campaign ?? '',
    topic: p?.topic ?? '',
    targetGroups: p?.targetGroups ?? [],
    notes: p?.notes ?? '',
  };
}

function bodyOf(d: Draft, mediaOf: Post['media']): PostInput {
  const variants: PostInput['variants'] = {};
  for (const id of d.channelIds) if (d.variants[id]?.trim()) variants[id] = { text: d.variants[id]! };
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    text: d.text, variants, channelIds: d.channelIds, media: mediaOf, schedule: d.local ? { local: d.local } : null,
    contentWarning: orNull(d.contentWarning), campaign: orNull(d.campaign), topic: orNull(d.topic), targetGroups: d.targetGroups, notes: orNull(d.notes),
  };
}

/**
 * The composer: a shared text with optional per-channel variants and a live counter per network,
 * channels, schedule (wall-clock time in the workspace zone), metadata; save as draft or submit.
 */
export function ComposerForm({ existing, channels, readOnly }: { existing?: Post; channels: Channel[]; readOnly?: boolean }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [d, setD] = useState<Draft>(() => draftOf(existing));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const chosen = channels.filter((c) => d.channelIds.includes(c.id));
  const checks = chosen.map((c) => ({ c, r: checkChannelText(c, d.text, d.variants[c.id], d.contentWarning) }));
  const tooLong = checks.some((x) => !x.r.ok);
  const canSubmit = !existing || existing.targets.some((x) => x.state === 'draft');

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const body = bodyOf(d, existing?.media ?? []);
      let saved = existing ? await patch<Post>(`/workspaces/${ws.id}/posts/${existing.id}`, body) : await post<Post>(`/workspaces/${ws.id}/posts`, body);
      if (submit) saved = await post<Post>(`/workspaces/${ws.id}/posts/${saved.id}/submit`);
      return { saved, submit };
    },
    onSuccess: async ({ saved, submit }) => {
      notifications.show({ color: 'teal', message: t(submit ? 'calendar.composer.submitted' : 'calendar.composer.saved'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      qc.setQueryData(calendarKeys.post(ws.id, saved.id), saved);
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
      if (!existing) void navigate(`/calendar/posts/${saved.id}`);
    },
  });
  const detail = serverMessage(save.error);

  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(false); }}>
      <Stack gap="md">
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">{t('calendar.composer.content')}</Title>
            <Textarea label={t('calendar.composer.text')} description={t('calendar.composer.textHelp')} autosize minRows={4} value={d.text} onChange={(e) => set('text', e.currentTarget.value)} readOnly={readOnly} data-testid="composer-text" />
            <Checkbox.Group label={t('calendar.composer.channels')} value={d.channelIds} onChange={(v) => set('channelIds', v)}>
              <Group mt="xs">
                {channels.map((c) => <Checkbox key={c.id} value={c.id} label={c.name} disabled={readOnly} />)}
              </Group>
            </Checkbox.Group>
            {channels.length === 0 && <Text size="sm" c="dimmed">{t('calendar.composer.noChannels')}</Text>}
            {checks.map(({ c, r }) => (
              <Stack key={c.id} gap={4}>
                {(!readOnly || d.variants[c.id]?.trim()) && <Textarea
                  label={t('calendar.composer.variant', { channel: c.name })}
                  description={t('calendar.composer.variantHelp')}
                  autosize minRows={2} value={d.variants[c.id] ?? ''} readOnly={readOnly}
                  onChange={(e) => { const v = e.currentTarget.value; setD((x) => ({ ...x, variants: { ...x.variants, [c.id]: v } })); }}
                />}
                <Group gap="xs" aria-live="polite" data-testid={`counter-${c.network}`}>
                  <Badge color={r.ok ? 'teal' : 'red.9'} variant={r.ok ? 'light' : 'filled'} tt="none">
                    {t(c.network === 'bluesky' ? 'calendar.composer.counterBluesky' : 'calendar.composer.counterMastodon', { count: r.count, max: r.max })}
                  </Badge>
                  {!r.ok && <Text size="sm" c="red.8">{t('calendar.composer.tooLong', { over: -r.remaining })}</Text>}
                </Group>
              </Stack>
            ))}
            <TextInput label={t('calendar.composer.contentWarning')} description={t('calendar.composer.contentWarningHelp')} value={d.contentWarning} onChange={(e) => set('contentWarning', e.currentTarget.value)} readOnly={readOnly} />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">{t('calendar.composer.planning')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="datetime-local" label={t('calendar.composer.schedule')} description={t('calendar.composer.scheduleHelp', { zone: ws.timezone })} value={d.local} onChange={(e) => set('local', e.currentTarget.value)} readOnly={readOnly} />
              <TextInput label={t('calendar.composer.campaign')} value={d.campaign} onChange={(e) => set('campaign', e.currentTarget.value)} readOnly={readOnly} />
              <TextInput label={t('calendar.composer.topic')} value={d.topic} onChange={(e) => set('topic', e.currentTarget.value)} readOnly={readOnly} />
              <TagsInput label={t('calendar.composer.targetGroups')} description={t('calendar.composer.targetGroupsHelp')} value={d.targetGroups} onChange={(v) => set('targetGroups', v)} readOnly={readOnly} />
            </SimpleGrid>
            <Textarea label={t('calendar.composer.notes')} autosize minRows={2} value={d.notes} onChange={(e) => set('notes', e.currentTarget.value)} readOnly={readOnly} />
          </Stack>
        </Card>
        <ErrorAlert error={save.error} />
        {detail && <Alert color="red" variant="light" title={t('calendar.serverSays')}>{detail}</Alert>}
        {tooLong && <Text size="sm" c="red.8">{t('calendar.composer.fixLength')}</Text>}
        {!readOnly && (
          <Group>
            <Button type="submit" variant="default" loading={save.isPending && save.variables === false}>{t('calendar.composer.saveDraft')}</Button>
            {canSubmit && (
              <Button onClick={() => save.mutate(true)} disabled={tooLong || d.channelIds.length === 0} loading={save.isPending && save.variables === true}>
                {t('calendar.composer.submit')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
