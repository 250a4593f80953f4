import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { AcknowledgementList } from './AcknowledgementList.tsx';
import { GuidelineEditor, NewGuideline } from './GuidelineEditor.tsx';
import { guidelinesKey, trainingsKey, type Guideline, type Training } from './guidelines-api.ts';
import { NewTraining, TrainingEditor } from './TrainingEditor.tsx';

/** For guideline editors: write and publish guidelines, build trainings and quizzes, follow completion. */
export function ManagePage() {
  const { t } = useTranslation();
  usePageTitle(t('guidelines.manage.title'));
  const ws = useWorkspace();
  const guidelines = useQuery({ queryKey: guidelinesKey(ws.id), queryFn: () => get<{ items: Guideline[] }>(`/workspaces/${ws.id}/guidelines`) });
  const trainings = useQuery({ queryKey: trainingsKey(ws.id), queryFn: () => get<{ items: Training[] }>(`/workspaces/${ws.id}/trainings`) });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('guidelines.manage.title')}</Title>
        <Text c="dimmed" mt={4}>{t('guidelines.manage.subtitle')} <Anchor component={Link} to="/guidelines" c="indigo.8" underline="always">{t('guidelines.manage.back')}</Anchor></Text>
      </div>
      <ErrorAlert error={guidelines.error ?? trainings.error} />
      <section aria-labelledby="manage-guidelines">
        <Title order={2} size="h3" mb="sm" id="manage-guidelines">{t('guidelines.manage.guidelines')}</Title>
        <Stack gap="md">
          {guidelines.data?.items.map((g) => (
            <Stack key={g.id} gap="sm">
              <GuidelineEditor guideline={g} />
              {g.currentVersion !== null && <AcknowledgementList guidelineId={g.id} />}
            </Stack>
          ))}
          <NewGuideline />
        </Stack>
      </section>
      <section aria-labelledby="manage-trainings">
        <Title order={2} size="h3" mb="sm" id="manage-trainings">{t('guidelines.manage.trainings')}</Title>
        <Stack gap="md">
          {trainings.data?.items.map((x) => <TrainingEditor key={x.id} training={x} />)}
          <NewTraining />
        </Stack>
      </section>
    </Stack>
  );
}
