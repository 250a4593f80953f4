import { Anchor, Card, Group, Progress, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { scoreColor } from './forecast.ts';
import { useReadiness } from './strategy-api.ts';

/**
 * Readiness per area for the home dashboard: one score bar per area and a link to the navigator.
 * Renders nothing for members who may not read the strategy (the API would refuse).
 */
export function ReadinessSummary() {
  const can = useCan();
  if (!can('strategy.read')) return null;
  return <ReadinessSummaryCard />;
}

function ReadinessSummaryCard() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const readiness = useReadiness();
  const data = readiness.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="readiness-summary-heading">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4" id="readiness-summary-heading">{t('strategy.readiness.summaryTitle')}</Title>
        {data && <Text fw={600}>{t('strategy.readiness.overall', { score: data.score })}</Text>}
      </Group>
      <ErrorAlert error={readiness.error} />
      {data && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
          {data.areas.map((a) => (
            <Group key={a.key} justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{a.title[lang]}</Text>
              <Group gap={6} wrap="nowrap">
                <Progress value={a.score} color={scoreColor(a.score)} w={90} aria-hidden />
                <Text size="sm" w={52} ta="right" style={{ whiteSpace: "nowrap" }}>{a.score} %</Text>
              </Group>
            </Group>
          ))}
        </SimpleGrid>
      )}
      <Anchor component={Link} to="/strategy" size="sm" mt="sm" display="inline-block" c="indigo.8" underline="always">{t('strategy.readiness.open')}</Anchor>
    </Card>
  );
}
