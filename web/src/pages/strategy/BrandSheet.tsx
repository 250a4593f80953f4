import { ActionIcon, Alert, Button, FileButton, Group, Image, Paper, Progress, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BRAND_ASSET_MAX_BYTES } from '../../../../common/schemas/strategy.ts';
import { ApiError, del, get, upload } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { BrandAsset } from './strategy-api.ts';

const MB = BRAND_ASSET_MAX_BYTES / 1_048_576;

/** The brand sheet of one platform strategy: uploaded logos and colour sheets with labels. */
export function BrandSheet({ platformId, network }: { platformId: string; network: string }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const key = ['strategy', ws.id, 'assets', platformId];
  const assets = useQuery({ queryKey: key, queryFn: () => get<{ items: BrandAsset[] }>(`/workspaces/${ws.id}/strategy/platforms/${platformId}/assets`) });
  const [label, setLabel] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('label', label);
      form.append('file', file);
      return upload<BrandAsset>(`/workspaces/${ws.id}/strategy/platforms/${platformId}/assets`, form, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: async () => {
      setLabel('');
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/workspaces/${ws.id}/strategy/assets/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
  const pick = (file: File | null) => {
    setTooBig(null);
    if (!file) return;
    // Checked here for a quick answer; the server refuses larger files with 413 all the same.
    if (file.size > BRAND_ASSET_MAX_BYTES) {
      setTooBig(t('strategy.brand.tooLarge', { name: file.name, max: MB }));
      return;
    }
    add.mutate(file);
  };
  const serverTooBig = add.error instanceof ApiError && add.error.status === 413;
  return (
    <div data-testid={`brand-${network}`}>
      <Text size="sm" fw={600} mt="sm">{t('strategy.brand.title')}</Text>
      <ErrorAlert error={serverTooBig ? null : add.error ?? remove.error ?? assets.error} />
      {(tooBig || serverTooBig) && <Alert color="red" variant="light" role="alert" mt="xs">{tooBig ?? t('strategy.brand.tooLarge', { name: '', max: MB })}</Alert>}
      {assets.data && assets.data.items.length === 0 && <Text size="sm" c="dimmed">{t('strategy.brand.empty')}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
        {assets.data?.items.map((a) => (
          <Paper key={a.id} withBorder p="xs">
            <Image src={a.fileUrl} alt={a.label || a.filename} h={72} fit="contain" />
            <Group justify="space-between" wrap="nowrap" gap={4} mt={4}>
              <Text size="xs" lineClamp={2}>{a.label || a.filename}</Text>
              {can('strategy.write') && <ActionIcon size="sm" variant="subtle" color="red.9" onClick={() => remove.mutate(a.id)} aria-label={t('strategy.brand.remove', { name: a.label || a.filename })}><IconTrash size={14} aria-hidden /></ActionIcon>}
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
      {can('strategy.write') && (
        <Group mt="xs" align="flex-end">
          <TextInput size="xs" label={t('strategy.brand.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} style={{ flex: 1 }} />
          <FileButton onChange={pick} accept="image/png,image/jpeg,image/webp,image/gif">
            {(props) => <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} aria-hidden />} loading={add.isPending}>{t('strategy.brand.upload', { max: MB })}</Button>}
          </FileButton>
        </Group>
      )}
      {progress !== null && <Progress value={Math.round(progress * 100)} mt={4} size="sm" aria-label={t('strategy.brand.uploading')} />}
    </div>
  );
}
