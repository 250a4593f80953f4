import { Accordion, Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { scoreColor, STATUS_COLOR } from './forecast.ts';
import { useReadiness } from './strategy-api.ts';

/**
 * The readiness navigator: each area with its score bar; opening an area lists its checks with
 * the status the server computed from the configuration, the reason and where to fix it.
 */
export function ReadinessNavigator() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const readiness = useReadiness();
  const data = readiness.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="readiness-heading">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h3" id="readiness-heading">{t('strategy.readiness.title')}</Title>
        {data && <Text fw={600}>{t('strategy.readiness.overall', { score: data.score })}</Text>}
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('strategy.readiness.text')}</Text>
      <ErrorAlert error={readiness.error} />
      {data && (
        <Accordion multiple variant="separated" chevronPosition="left">
          {data.areas.map((area) => (
            <Accordion.Item key={area.key} value={area.key} data-testid="readiness-area">
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" gap="md">
                  <Text fw={500}>{area.title[lang]}</Text>
                  <Group gap="xs" wrap="nowrap" miw={180}>
                    <Progress value={area.score} color={scoreColor(area.score)} w={120} aria-hidden />
                    <Text size="sm" w={52} ta="right" style={{ whiteSpace: "nowrap" }}>{area.score} %</Text>
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {area.items.map((item) => (
                    <div key={item.id} data-testid="readiness-item">
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Badge color={STATUS_COLOR[item.status]} variant="outline" size="sm" miw={110}>{t(`strategy.status.${item.status}`)}</Badge>
                        <div>
                          <Text size="sm" fw={500}>{item.title[lang]}</Text>
                          <Text size="sm" c="dimmed">{item.reason[lang]}</Text>
                          {item.status !== 'done' && (
                            <Anchor component={Link} to={item.link} size="sm" c="indigo.8" underline="always">
                              {t('strategy.readiness.fix', { item: item.title[lang] })}
                            </Anchor>
                          )}
                        </div>
                      </Group>
                    </div>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Card>
  );
}
