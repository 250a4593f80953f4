import { Alert, Button, FileButton, List, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { importResultSchema } from '../../../../common/schemas/listening.ts';
import { uploadRaw } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { useListeningBase, type Source } from './monitoring-api.ts';

type ImportResult = z.infer<typeof importResultSchema>;

/** The content type the import route reads: CSV by extension or type, NDJSON otherwise. */
export function importContentType(file: { name: string; type: string }): string {
  return file.type === 'text/csv' || /\.csv$/i.test(file.name) ? 'text/csv' : 'application/x-ndjson';
}

/** Uploads an NDJSON or CSV file into an import source, with progress and a summary of what was stored. */
export function ImportButton({ source }: { source: Source }) {
  const { t } = useTranslation();
  const base = useListeningBase();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: (file: File) => {
      setProgress(0);
      return uploadRaw<ImportResult>(`${base}/sources/${source.id}/import`, file, importContentType(file), setProgress);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['listening', base] }),
  });
  const r = upload.data;
  return (
    <Stack gap={6} mt={6}>
      <FileButton onChange={(f) => f && upload.mutate(f)} accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv">
        {(props) => (
          <Button {...props} size="xs" variant="default" loading={upload.isPending} aria-label={t('monitoring.sources.importFor', { name: source.name })}>
            {t('monitoring.sources.importButton')}
          </Button>
        )}
      </FileButton>
      {upload.isPending && <Progress value={progress * 100} size="sm" aria-label={t('monitoring.sources.importProgress')} />}
      <ErrorAlert error={upload.error} />
      {r && (
        <Alert color={r.rejected.length ? 'orange' : 'teal'} variant="light" role="status" p="xs" data-testid="import-result">
          <Text size="sm">{t('monitoring.sources.importResult', { received: formatNumber(r.received, lang), stored: formatNumber(r.stored, lang), duplicates: formatNumber(r.duplicates, lang), rejected: formatNumber(r.rejected.length, lang) })}</Text>
          {r.rejected.length > 0 && (
            <List size="xs" mt={4}>
              {r.rejected.slice(0, 5).map((x) => <List.Item key={x.line}>{t('monitoring.sources.importRejected', { line: x.line, message: x.message })}</List.Item>)}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
