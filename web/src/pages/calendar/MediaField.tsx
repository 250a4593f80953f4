import { ActionIcon, Alert, Badge, Button, Card, FileButton, Group, Image, Modal, Progress, SimpleGrid, Stack, Text, Textarea, Title, UnstyledButton } from '@mantine/core';
import { IconPhotoPlus, IconLibraryPhoto, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIA_TYPES } from '../../../../common/schemas/media.ts';
import { upload } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, mediaFileUrl, useMediaLibrary, type Media } from './calendar-api.ts';
import type { DraftImage } from './composer-draft.ts';

interface Props {
  workspaceId: string;
  images: DraftImage[];
  onChange: (next: DraftImage[]) => void;
  /** The workspace requires alt text before review (the default). */
  altRequired: boolean;
  /** Show the missing-alt-text errors (after a submit attempt). */
  showErrors: boolean;
  /** Longest alt text the chosen networks take. */
  altMax: number;
  maxCount: number;
  readOnly?: boolean;
}

/**
 * Images of the post: upload (re-encoded on the server, metadata removed) or pick from the media
 * library, each with its alt text field — required by default, with the error next to the field.
 */
export function MediaField({ workspaceId, images, onChange, altRequired, showErrors, altMax, maxCount, readOnly }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picking, setPicking] = useState(false);
  const resetRef = useRef<() => void>(null);
  const full = images.length >= maxCount;

  const add = async (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    setError(null);
    setProgress(0);
    const form = new FormData();
    form.append('file', file);
    try {
      const m = await upload<Media>(`/workspaces/${workspaceId}/media`, form, setProgress);
      onChange([...images, { id: m.id, altText: m.altText, filename: m.filename }]);
      await qc.invalidateQueries({ queryKey: calendarKeys.media(workspaceId) });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const setAlt = (i: number, altText: string) => onChange(images.map((m, j) => (j === i ? { ...m, altText } : m)));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h5">{t('calendar.media.title')}</Title>
          <Text size="sm" c="dimmed">{t(altRequired ? 'calendar.media.helpRequired' : 'calendar.media.helpOptional', { count: maxCount })}</Text>
        </div>
        {!readOnly && (
          <Group gap="xs">
            <FileButton onChange={(f) => void add(f)} accept={MEDIA_TYPES.join(',')} resetRef={resetRef} disabled={full || progress !== null}>
              {(props) => <Button {...props} variant="default" leftSection={<IconPhotoPlus size={16} aria-hidden />}>{t('calendar.media.upload')}</Button>}
            </FileButton>
            <Button variant="default" leftSection={<IconLibraryPhoto size={16} aria-hidden />} onClick={() => setPicking(true)} disabled={full}>{t('calendar.media.fromLibrary')}</Button>
          </Group>
        )}
      </Group>
      {progress !== null && (
        <div>
          <Text size="sm" id="upload-progress-label">{t(progress < 1 ? 'calendar.media.uploading' : 'calendar.media.processing')}</Text>
          <Progress value={Math.round(progress * 100)} animated={progress >= 1} aria-labelledby="upload-progress-label" mt={4} />
        </div>
      )}
      <ErrorAlert error={error} />
      {images.length === 0 && !readOnly && <Text size="sm" c="dimmed">{t('calendar.media.none')}</Text>}
      {images.map((m, i) => {
        const missing = altRequired && !m.altText.trim();
        const tooLong = m.altText.trim().length > altMax;
        const err = tooLong ? t('calendar.media.altTooLong', { max: altMax }) : showErrors && missing ? t('calendar.media.altMissing') : undefined;
        return (
          <Card key={m.id} withBorder padding="sm" data-testid="composer-image">
            <Group align="flex-start" wrap="nowrap" gap="md">
              <Image src={mediaFileUrl(workspaceId, m.id)} alt="" w={112} h={112} fit="cover" radius="sm" />
              <Stack gap={4} style={{ flex: 1 }}>
                <Textarea
                  label={t('calendar.media.altLabel', { n: i + 1 })}
                  description={t('calendar.media.altHelp')}
                  withAsterisk={altRequired}
                  required={altRequired}
                  error={err}
                  errorProps={{ c: 'red.9' }}
                  autosize minRows={2}
                  value={m.altText}
                  readOnly={readOnly}
                  onChange={(e) => setAlt(i, e.currentTarget.value)}
                  data-testid={`alt-text-${i}`}
                />
                <Group justify="space-between">
                  <Text size="xs" c={tooLong ? 'red.8' : 'dimmed'}>{t('calendar.media.altCount', { count: m.altText.trim().length, max: altMax })}</Text>
                  {!readOnly && (
                    <ActionIcon variant="subtle" color="red.8" onClick={() => onChange(images.filter((_, j) => j !== i))} aria-label={t('calendar.media.remove', { n: i + 1 })}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              </Stack>
            </Group>
          </Card>
        );
      })}
      {full && !readOnly && <Text size="sm" c="dimmed">{t('calendar.media.full', { count: maxCount })}</Text>}
      {picking && (
        <LibraryPicker
          workspaceId={workspaceId}
          taken={images.map((m) => m.id)}
          onClose={() => setPicking(false)}
          onPick={(m) => { onChange([...images, { id: m.id, altText: m.altText, filename: m.filename }]); setPicking(false); }}
        />
      )}
    </Stack>
  );
}

function LibraryPicker({ workspaceId, taken, onClose, onPick }: { workspaceId: string; taken: string[]; onClose: () => void; onPick: (m: Media) => void }) {
  const { t } = useTranslation();
  const lib = useMediaLibrary(workspaceId);
  const items = (lib.data ?? []).filter((m) => !taken.includes(m.id));
  return (
    <Modal opened onClose={onClose} title={t('calendar.media.libraryTitle')} size="lg" closeButtonProps={{ 'aria-label': t('calendar.close') }}>
      <ErrorAlert error={lib.error} />
      {lib.data && items.length === 0 && <Alert variant="light" color="gray">{t('calendar.media.libraryEmpty')}</Alert>}
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        {items.map((m) => (
          <UnstyledButton key={m.id} onClick={() => onPick(m)} aria-label={t('calendar.media.pick', { name: m.filename })} className="resonanz-media-pick">
            <Image src={m.thumbUrl} alt="" h={120} fit="cover" radius="sm" />
            <Text size="xs" mt={4} lineClamp={1}>{m.filename}</Text>
            {m.altText ? <Text size="xs" c="dimmed" lineClamp={2}>{m.altText}</Text> : <Badge size="xs" color="orange" variant="light" tt="none">{t('calendar.media.noAlt')}</Badge>}
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Modal>
  );
}
