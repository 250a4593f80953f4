import { Anchor, Badge, Button, Card, FileButton, Group, Image, Progress, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ALT_TEXT_MAX, MEDIA_TYPES } from '../../../../common/schemas/media.ts';
import { del, patch, upload } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { calendarKeys, useMediaLibrary, type Media } from './calendar-api.ts';

function MediaCard({ m, mayWrite }: { m: Media; mayWrite: boolean }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [alt, setAlt] = useState(m.altText);
  const refresh = () => qc.invalidateQueries({ queryKey: calendarKeys.media(ws.id) });
  const save = useMutation({
    mutationFn: () => patch<Media>(`/workspaces/${ws.id}/media/${m.id}`, { altText: alt }),
    onSuccess: async () => { notifications.show({ color: 'teal', message: t('calendar.library.saved'), closeButtonProps: { 'aria-label': t('calendar.close') } }); await refresh(); },
  });
  const remove = useMutation({ mutationFn: () => del(`/workspaces/${ws.id}/media/${m.id}`), onSuccess: refresh });
  return (
    <Card withBorder padding="sm" data-testid="library-item">
      <Card.Section>
        <Image src={m.thumbUrl} alt={m.altText || t('calendar.library.noAltImage', { name: m.filename })} h={160} fit="cover" />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={500} lineClamp={1}>{m.filename}</Text>
          {m.inUse ? <Badge size="sm" variant="light" color="teal" tt="none" style={{ flexShrink: 0 }}>{t('calendar.library.inUse')}</Badge> : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('calendar.library.facts', { w: m.width, h: m.height, kb: formatNumber(Math.round(m.bytes / 1024), lang), when: formatDateTime(m.createdAt, lang) })}
          {m.compact ? ` · ${t('calendar.library.compact', { kb: formatNumber(Math.round(m.compact.bytes / 1024), lang) })}` : ''}
        </Text>
        <Textarea label={t('calendar.library.altLabel', { name: m.filename })} autosize minRows={2} value={alt} onChange={(e) => setAlt(e.currentTarget.value)} readOnly={!mayWrite} maxLength={ALT_TEXT_MAX}
          error={!alt.trim() ? t('calendar.library.altMissing') : undefined} errorProps={{ c: 'red.9' }} />
        {mayWrite && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => save.mutate()} disabled={alt === m.altText} loading={save.isPending}>{t('calendar.library.saveAlt')}</Button>
            <Button size="xs" variant="subtle" color="red.8" onClick={() => remove.mutate()} disabled={m.inUse} loading={remove.isPending} aria-label={t('calendar.library.deleteFor', { name: m.filename })}>
              {t('calendar.library.delete')}
            </Button>
          </Group>
        )}
        {m.inUse && mayWrite && <Text size="xs" c="dimmed">{t('calendar.library.inUseHelp')}</Text>}
        <ErrorAlert error={save.error ?? remove.error} />
      </Stack>
    </Card>
  );
}

/** `/calendar/media`: the workspace's images, their alt texts, upload, and deleting unused ones. */
export function MediaLibraryPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.library.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const lib = useMediaLibrary(ws.id);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const resetRef = useRef<() => void>(null);
  const add = async (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    setError(null);
    setProgress(0);
    const form = new FormData();
    form.append('file', file);
    try {
      await upload<Media>(`/workspaces/${ws.id}/media`, form, setProgress);
      await qc.invalidateQueries({ queryKey: calendarKeys.media(ws.id) });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const missing = (lib.data ?? []).filter((m) => !m.altText.trim()).length;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} to="/calendar" size="sm">{t('calendar.backToPlan')}</Anchor>
          <Title order={1} mt={4}>{t('calendar.library.title')}</Title>
          <Text c="dimmed" mt={4}>{t('calendar.library.subtitle')}</Text>
        </div>
        {can('posts.write') && (
          <FileButton onChange={(f) => void add(f)} accept={MEDIA_TYPES.join(',')} resetRef={resetRef} disabled={progress !== null}>
            {(props) => <Button {...props} leftSection={<IconPhotoPlus size={16} aria-hidden />}>{t('calendar.media.upload')}</Button>}
          </FileButton>
        )}
      </Group>
      {progress !== null && (
        <div>
          <Text size="sm" id="library-progress-label">{t(progress < 1 ? 'calendar.media.uploading' : 'calendar.media.processing')}</Text>
          <Progress value={Math.round(progress * 100)} animated={progress >= 1} aria-labelledby="library-progress-label" mt={4} />
        </div>
      )}
      <ErrorAlert error={error ?? lib.error} />
      {missing > 0 && <Text size="sm" data-testid="library-missing-alt">{t('calendar.library.missingAlt', { count: missing })}</Text>}
      {lib.data?.length === 0 && <Text c="dimmed">{t(can('posts.write') ? 'calendar.library.emptyWriter' : 'calendar.library.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {(lib.data ?? []).map((m) => <MediaCard key={`${m.id}:${m.altText}`} m={m} mayWrite={can('posts.write')} />)}
      </SimpleGrid>
    </Stack>
  );
}
