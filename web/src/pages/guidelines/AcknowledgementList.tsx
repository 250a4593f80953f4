import { Card, Group, List, Progress, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatNumber } from '../../lib/format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { AcknowledgementStatus } from './guidelines-api.ts';

/** For guideline editors: how many acknowledged the current version, and who has not yet. */
export function AcknowledgementList({ guidelineId }: { guidelineId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const status = useQuery({
    queryKey: ['guidelines-ack', ws.id, guidelineId],
    queryFn: () => get<AcknowledgementStatus>(`/workspaces/${ws.id}/guidelines/${guidelineId}/acknowledgements`),
  });
  const s = status.data;
  const missing = s?.members.filter((m) => m.acknowledgedAt === null) ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ack-heading">
      <Title order={2} size="h4" mb="xs" id="ack-heading">{t('guidelines.ackStatusTitle')}</Title>
      <ErrorAlert error={status.error} />
      {s && (
        <>
          <Group gap="sm" wrap="nowrap" mb="sm">
            <Progress value={s.share} color="teal.8" style={{ flex: 1 }} aria-label={t('guidelines.ackShare', { done: s.acknowledged, total: s.total })} />
            <Text size="sm">{t('guidelines.ackShare', { done: s.acknowledged, total: s.total })} ({formatNumber(s.share, lang)} %)</Text>
          </Group>
          {missing.length === 0 ? (
            <Text size="sm">{t('guidelines.allAcknowledged')}</Text>
          ) : (
            <>
              <Text size="sm" fw={500}>{t('guidelines.missingTitle', { count: missing.length })}</Text>
              <List size="sm" mt={4} data-testid="ack-missing">
                {missing.map((m) => <List.Item key={m.userId}>{m.name}</List.Item>)}
              </List>
            </>
          )}
        </>
      )}
    </Card>
  );
}
