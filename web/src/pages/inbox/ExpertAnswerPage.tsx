import { Alert, Button, Card, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { z } from 'zod';
import type { expertViewSchema } from '../../../../common/schemas/inbox.ts';
import { ApiError, get, post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import './inbox.css';

type View = z.infer<typeof expertViewSchema>;

/** What a link problem means for the expert, by the server's code (used / expired / unknown). */
function linkProblem(e: unknown): 'used' | 'expired' | 'unknown' | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 409) return 'used';
  if (e.status === 410) return 'expired';
  if (e.status === 404 || e.status === 400) return 'unknown';
  return null;
}

/** `/expert/:token` — the expert's page, no account: the question, the message, one answer. */
export function ExpertAnswerPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.expert.title'));
  const { token = '' } = useParams();
  const lang = currentLanguage();
  const view = useQuery({ queryKey: ['expert', token], queryFn: () => get<View>(`/expert/${token}`), retry: false });
  const [answer, setAnswer] = useState('');
  const send = useMutation({ mutationFn: () => post(`/expert/${token}/answer`, { answer }) });
  const problem = linkProblem(view.error) ?? linkProblem(send.error);
  return (
    <AuthLayout title={t('inbox.expert.title')} wide>
      {view.isPending && <Loader role="status" aria-label={t('inbox.loading')} />}
      {send.isSuccess && <Alert color="teal" role="status" title={t('inbox.expert.thanksTitle')}>{t('inbox.expert.thanks')}</Alert>}
      {problem && !send.isSuccess && <Alert color={problem === 'used' ? 'blue' : 'red'} role="alert" title={t(`inbox.expert.problem.${problem}.title`)}>{t(`inbox.expert.problem.${problem}.body`)}</Alert>}
      {!problem && view.error && <Alert color="red" role="alert">{t('errors.network')}</Alert>}
      {view.data && !send.isSuccess && !problem && (
        <Stack>
          <Text>{t('inbox.expert.intro', { who: view.data.askedBy ?? view.data.workspaceName, workspace: view.data.workspaceName, due: formatDateTime(view.data.dueAt, lang) })}</Text>
          <Card withBorder bg="gray.0"><Text fw={600} size="sm">{t('inbox.expert.question')}</Text><Text className="inbox-text">{view.data.question}</Text></Card>
          <Card withBorder><Text fw={600} size="sm">{t('inbox.expert.message')}</Text><Text className="inbox-text">{view.data.itemText}</Text></Card>
          <form onSubmit={(e) => { e.preventDefault(); send.mutate(); }}>
            <Stack>
              <Textarea label={t('inbox.expert.answer')} autosize minRows={5} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} required data-testid="expert-answer" />
              <Text size="xs" c="dimmed">{t('inbox.expert.once', { until: formatDateTime(view.data.expiresAt, lang) })}</Text>
              <Button type="submit" loading={send.isPending} disabled={!answer.trim()}>{t('inbox.expert.send')}</Button>
            </Stack>
          </form>
        </Stack>
      )}
    </AuthLayout>
  );
}
