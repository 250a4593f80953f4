import { Alert, Badge, Box, Button, Card, Group, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { guidelinesKey, withoutTitle, type Guideline } from './guidelines-api.ts';
import { Markdown } from './Markdown.tsx';

/** The published guideline with its version, and the member's own acknowledgement (every role). */
export function GuidelineCard({ guideline }: { guideline: Guideline }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const ack = useMutation({
    mutationFn: () => post<Guideline>(`/workspaces/${ws.id}/guidelines/${guideline.id}/acknowledge`, { version: guideline.currentVersion }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: guidelinesKey(ws.id) }), qc.invalidateQueries({ queryKey: ['guidelines-ack', ws.id] })]),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="guideline-heading">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h3" id="guideline-heading">{guideline.title}</Title>
          <Text size="sm" c="dimmed">
            {t('guidelines.version', { version: guideline.currentVersion, date: guideline.publishedAt ? formatDate(guideline.publishedAt, lang, ws.timezone) : '–' })}
          </Text>
        </div>
        {guideline.acknowledged && <Badge color="teal.9" variant="outline" leftSection={<IconCircleCheck size={14} aria-hidden />}>{t('guidelines.acknowledged')}</Badge>}
      </Group>
      {/* Long text scrolls in its own region, which keyboard users can focus (WCAG 2.1.1). */}
      <Box mah={520} style={{ overflowY: 'auto' }} tabIndex={0} role="region" aria-label={t('guidelines.textLabel')} pr="xs">
        <Markdown>{withoutTitle(guideline.body ?? '', guideline.title ?? '')}</Markdown>
      </Box>
      <ErrorAlert error={ack.error} />
      {!guideline.acknowledged && (
        <Alert color="indigo" variant="light" mt="md" title={t('guidelines.ackTitle')}>
          <Text size="sm" mb="sm">{t('guidelines.ackText')}</Text>
          <Button onClick={() => ack.mutate()} loading={ack.isPending}>{t('guidelines.ackButton')}</Button>
        </Alert>
      )}
    </Card>
  );
}
