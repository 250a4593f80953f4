import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { get } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { AcknowledgementList } from './AcknowledgementList.tsx';
import { GuidelineCard } from './GuidelineCard.tsx';
import { guidelinesKey, pickGuideline, trainingsKey, type Guideline, type Training } from './guidelines-api.ts';
import { TrainingCard } from './TrainingCard.tsx';

/** Guidelines and training for every member: read and acknowledge, learn and take the quiz. */
export function GuidelinesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.guidelines'));
  const ws = useWorkspace();
  const can = useCan();
  const lang = currentLanguage();
  const guidelines = useQuery({ queryKey: guidelinesKey(ws.id), queryFn: () => get<{ items: Guideline[] }>(`/workspaces/${ws.id}/guidelines`) });
  const trainings = useQuery({ queryKey: trainingsKey(ws.id), queryFn: () => get<{ items: Training[] }>(`/workspaces/${ws.id}/trainings`) });
  const current = guidelines.data ? pickGuideline(guidelines.data.items, lang) : null;
  const published = (trainings.data?.items ?? []).filter((x) => x.status === 'published');
  const { hash } = useLocation();
  // The readiness navigator links to `/guidelines#training`; scroll there once the modules are shown.
  useEffect(() => {
    if (hash === '#training' && trainings.data) document.getElementById('training')?.scrollIntoView({ block: 'start' });
  }, [hash, trainings.data]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.guidelines')}</Title>
          <Text c="dimmed" mt={4}>{t('guidelines.subtitle')}</Text>
        </div>
        {can('guidelines.write') && <Button component={Link} to="/guidelines/manage" variant="default">{t('guidelines.manage.open')}</Button>}
      </Group>
      <ErrorAlert error={guidelines.error ?? trainings.error} />
      {guidelines.data && !current && (
        <Card withBorder padding="lg">
          <Text>{can('guidelines.write') ? t('guidelines.emptyEditor') : t('guidelines.empty')}</Text>
        </Card>
      )}
      {current && <GuidelineCard guideline={current} />}
      {current && can('guidelines.write') && <AcknowledgementList guidelineId={current.id} />}
      <section aria-labelledby="training-heading" id="training">
        <Title order={2} size="h3" mb="sm" id="training-heading">{t('guidelines.training.title')}</Title>
        {trainings.data && published.length === 0 && <Text c="dimmed">{t('guidelines.training.empty')}</Text>}
        <Stack gap="lg">
          {published.map((x) => <TrainingCard key={x.id} training={x} />)}
        </Stack>
      </section>
    </Stack>
  );
}
