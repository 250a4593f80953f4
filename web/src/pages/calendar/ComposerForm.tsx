import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, patch, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, serverMessage, usePublishingSettings, type Channel, type Post } from './calendar-api.ts';
import { bodyOf, draftOf, hasProblems, problemsOf, type Draft } from './composer-draft.ts';
import { MediaField } from './MediaField.tsx';
import { NetworkPreview } from './NetworkPreview.tsx';
import { ScheduleField } from './ScheduleField.tsx';
import { channelFit, checkChannelText, limitsOf } from './text-limits.ts';

const LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'pl', 'tr', 'uk', 'ru', 'ar'] as const;

/**
 * The composer: a shared text with optional per-channel versions and a live counter per network,
 * images with alt text, a preview per network, schedule (wall-clock time in the workspace zone, with
 * the channels' next free slots), language, content warning and metadata; save or submit for review.
 */
export function ComposerForm({ existing, channels, readOnly }: { existing?: Post; channels: Channel[]; readOnly?: boolean }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const settings = usePublishingSettings(ws.id);
  const altRequired = settings.data?.altTextRequired ?? true;
  const [d, setD] = useState<Draft>(() => draftOf(existing));
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const chosen = channels.filter((c) => d.channelIds.includes(c.id));
  // A too-long text that goes out as a thread is fine when every part fits.
  const checks = chosen.map((c) => {
    const fit = channelFit(c, d.text, d.variants[c.id], d.contentWarning, d.thread);
    return { c, r: checkChannelText(c, d.text, d.variants[c.id], d.contentWarning), asThread: fit.asThread, parts: fit.parts.length, fits: fit.fits };
  });
  const problems = problemsOf(d, chosen, altRequired);
  const canSubmit = !existing || existing.targets.some((x) => x.state === 'draft');
  const altMax = Math.min(...chosen.map((c) => limitsOf(c).media.altTextMaxLength), 2000);
  const maxImages = Math.min(...chosen.map((c) => limitsOf(c).media.maxCount), 4);
  const hasMastodon = chosen.some((c) => c.network === 'mastodon');

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const body = bodyOf(d);
      let saved = existing ? await patch<Post>(`/workspaces/${ws.id}/posts/${existing.id}`, body) : await post<Post>(`/workspaces/${ws.id}/posts`, body);
      if (submit) {
        try {
          saved = await post<Post>(`/workspaces/${ws.id}/posts/${saved.id}/submit`);
        } catch (e) {
          // Saved, but not submitted: keep the saved version and show why.
          if (!existing) void navigate(`/calendar/posts/${saved.id}`, { replace: true });
          throw e;
        }
      }
      return { saved, submit };
    },
    onSuccess: async ({ saved, submit }) => {
      notifications.show({ color: 'teal', message: t(submit ? 'calendar.composer.submitted' : 'calendar.composer.saved'), closeButtonProps: { 'aria-label': t('calendar.close') } });
      qc.setQueryData(calendarKeys.post(ws.id, saved.id), saved);
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
      if (!existing) void navigate(`/calendar/posts/${saved.id}`);
    },
  });
  const submit = () => {
    setTried(true);
    if (hasProblems(problems)) {
      // Take the author to the first field that needs attention.
      const i = problems.missingAlt[0] ?? problems.altTooLong[0];
      if (i !== undefined) document.querySelector<HTMLTextAreaElement>(`[data-testid="alt-text-${i}"]`)?.focus();
      return;
    }
    save.mutate(true);
  };
  const detail = serverMessage(save.error);
  const serverAltErrors = save.error instanceof ApiError ? save.error.errors.filter((e) => /^body\.media\.\d+\.altText$/.test(e.path)) : [];

  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(false); }} noValidate>
      <Stack gap="md">
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">{t('calendar.composer.content')}</Title>
            <Textarea label={t('calendar.composer.text')} description={t('calendar.composer.textHelp')} autosize minRows={4} value={d.text} onChange={(e) => set('text', e.currentTarget.value)} readOnly={readOnly} data-testid="composer-text" />
            <Switch label={t('calendar.composer.thread')} description={t('calendar.composer.threadHelp')} checked={d.thread} onChange={(e) => set('thread', e.currentTarget.checked)} disabled={readOnly} data-testid="composer-thread" />
            <Checkbox.Group label={t('calendar.composer.channels')} value={d.channelIds} onChange={(v) => set('channelIds', v)}>
              <Group mt="xs">
                {channels.map((c) => <Checkbox key={c.id} value={c.id} label={c.name} disabled={readOnly} />)}
              </Group>
            </Checkbox.Group>
            {channels.length === 0 && <Text size="sm" c="dimmed">{t('calendar.composer.noChannels')}</Text>}
            {checks.map(({ c, r, asThread, parts, fits }) => (
              <Stack key={c.id} gap={4}>
                {(!readOnly || d.variants[c.id]?.trim()) && <Textarea
                  label={t('calendar.composer.variant', { channel: c.name })}
                  description={t('calendar.composer.variantHelp')}
                  autosize minRows={2} value={d.variants[c.id] ?? ''} readOnly={readOnly}
                  onChange={(e) => { const v = e.currentTarget.value; setD((x) => ({ ...x, variants: { ...x.variants, [c.id]: v } })); }}
                />}
                <Group gap="xs" aria-live="polite" data-testid={`counter-${c.network}`}>
                  <Badge color={fits ? 'teal' : 'red.9'} variant={fits ? 'light' : 'filled'} tt="none">
                    {t(c.network === 'bluesky' ? 'calendar.composer.counterBluesky' : 'calendar.composer.counterMastodon', { count: r.count, max: r.max })}
                  </Badge>
                  {asThread && fits && <Text size="sm" c="teal.9">{t('calendar.composer.threadParts', { count: parts })}</Text>}
                  {asThread && !fits && <Text size="sm" c="red.8">{t('calendar.composer.threadTooLong')}</Text>}
                  {!r.ok && !asThread && <Text size="sm" c="red.8">{t('calendar.composer.tooLong', { over: -r.remaining })}</Text>}
                </Group>
              </Stack>
            ))}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('calendar.composer.contentWarning')} description={t(hasMastodon ? 'calendar.composer.contentWarningHelp' : 'calendar.composer.contentWarningNone')} value={d.contentWarning} onChange={(e) => set('contentWarning', e.currentTarget.value)} readOnly={readOnly} />
              <Select label={t('calendar.composer.language')} description={t('calendar.composer.languageHelp')} data={LANGUAGES.map((l) => ({ value: l, label: t(`calendar.languages.${l}`) }))} value={d.language} onChange={(v) => set('language', v ?? 'de')} allowDeselect={false} readOnly={readOnly} />
            </SimpleGrid>
            <MediaField workspaceId={ws.id} images={d.media} onChange={(m) => set('media', m)} altRequired={altRequired} showErrors={tried || serverAltErrors.length > 0} altMax={altMax} maxCount={maxImages} readOnly={readOnly} />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">{t('calendar.preview.title')}</Title>
          <NetworkPreview draft={d} channels={chosen} workspaceId={ws.id} />
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">{t('calendar.composer.planning')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ScheduleField workspaceId={ws.id} timezone={ws.timezone} channels={chosen} value={d.local} onChange={(v) => set('local', v)} readOnly={readOnly} />
              <TextInput label={t('calendar.composer.campaign')} value={d.campaign} onChange={(e) => set('campaign', e.currentTarget.value)} readOnly={readOnly} />
              <TextInput label={t('calendar.composer.topic')} value={d.topic} onChange={(e) => set('topic', e.currentTarget.value)} readOnly={readOnly} />
              <TagsInput label={t('calendar.composer.targetGroups')} description={t('calendar.composer.targetGroupsHelp')} value={d.targetGroups} onChange={(v) => set('targetGroups', v)} readOnly={readOnly} />
            </SimpleGrid>
            <Textarea label={t('calendar.composer.notes')} description={t('calendar.composer.notesHelp')} autosize minRows={2} value={d.notes} onChange={(e) => set('notes', e.currentTarget.value)} readOnly={readOnly} />
          </Stack>
        </Card>
        <ErrorAlert error={save.error} />
        {detail && <Alert color="red" variant="light" title={t('calendar.serverSays')}>{detail}</Alert>}
        {tried && hasProblems(problems) && (
          <Alert color="red" variant="light" role="alert" title={t('calendar.composer.notYet')} data-testid="composer-problems">
            <Stack gap={2}>
              {problems.tooLong.length > 0 && <Text size="sm">{t('calendar.composer.fixLength')}</Text>}
              {problems.missingAlt.length > 0 && <Text size="sm">{t('calendar.composer.fixAlt', { count: problems.missingAlt.length })}</Text>}
              {problems.altTooLong.length > 0 && <Text size="sm">{t('calendar.composer.fixAltLength', { max: altMax })}</Text>}
              {problems.tooManyImages && <Text size="sm">{t('calendar.media.full', { count: maxImages })}</Text>}
            </Stack>
          </Alert>
        )}
        {!readOnly && (
          <Group>
            <Button type="submit" variant="default" loading={save.isPending && save.variables === false}>{t('calendar.composer.saveDraft')}</Button>
            {canSubmit && (
              <Button onClick={submit} disabled={d.channelIds.length === 0} loading={save.isPending && save.variables === true}>
                {t('calendar.composer.submit')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
