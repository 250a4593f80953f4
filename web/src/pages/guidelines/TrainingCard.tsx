import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { trainingsKey, type AttemptResult, type Training } from './guidelines-api.ts';
import { Markdown } from './Markdown.tsx';

/** A training module: text, links and media, then its quiz; the result shows score and pass/fail. */
export function TrainingCard({ training }: { training: Training }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const attempt = useMutation({
    mutationFn: () => post<AttemptResult>(`/workspaces/${ws.id}/trainings/${training.id}/attempts`, { answers }),
    onSuccess: async (r) => {
      setResult(r);
      await qc.invalidateQueries({ queryKey: trainingsKey(ws.id) });
    },
  });
  const wrong = new Set(result?.questions.filter((q) => !q.correct).map((q) => q.id));
  const unanswered = training.questions.some((q) => !(answers[q.id]?.length));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt.mutate();
  };
  const headingId = `training-${training.id}`;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} data-testid="training">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={3} size="h4" id={headingId}>{training.title}</Title>
        {training.myPassed ? (
          <Badge color="teal.9" variant="outline">{t('guidelines.training.passedBadge', { score: training.myBestScore })}</Badge>
        ) : training.myBestScore !== null ? (
          <Badge color="orange.9" variant="outline">{t('guidelines.training.bestScore', { score: training.myBestScore })}</Badge>
        ) : (
          <Badge color="gray.7" variant="outline">{t('guidelines.training.open')}</Badge>
        )}
      </Group>
      {training.body && <Markdown>{training.body}</Markdown>}
      {(training.links.length > 0 || training.media.length > 0) && (
        <List size="sm" mt="sm">
          {[...training.links, ...training.media].map((l) => (
            <List.Item key={l.url}><Anchor href={l.url} target="_blank" rel="noopener noreferrer" c="indigo.8" underline="always">{l.title}</Anchor></List.Item>
          ))}
        </List>
      )}
      {training.questions.length > 0 && (
        <form onSubmit={submit} aria-label={t('guidelines.training.quizLabel', { title: training.title })}>
          <Title order={4} size="h5" mt="lg" mb="xs">{t('guidelines.training.quiz', { passMark: training.passMark })}</Title>
          <Stack gap="md">
            {training.questions.map((q, i) => {
              const label = `${i + 1}. ${q.prompt}`;
              const value = answers[q.id] ?? [];
              const error = wrong.has(q.id) ? t('guidelines.training.wrong') : undefined;
              const options = q.options.map((o) => (q.kind === 'single'
                ? <Radio key={o.id} value={o.id} label={o.text} />
                : <Checkbox key={o.id} value={o.id} label={o.text} />));
              return q.kind === 'single' ? (
                <Radio.Group key={q.id} label={label} value={value[0] ?? null} error={error} errorProps={{ c: 'red.9' }} data-testid="question"
                  onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: [v] }))}>
                  <Stack gap={6} mt={6}>{options}</Stack>
                </Radio.Group>
              ) : (
                <Checkbox.Group key={q.id} label={label} description={t('guidelines.training.multiple')} value={value} error={error} errorProps={{ c: 'red.9' }} data-testid="question"
                  onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}>
                  <Stack gap={6} mt={6}>{options}</Stack>
                </Checkbox.Group>
              );
            })}
          </Stack>
          <ErrorAlert error={attempt.error} />
          {result && (
            <Alert mt="md" color={result.passed ? 'teal' : 'orange'} variant="light" role="status" data-testid="quiz-result"
              title={result.passed ? t('guidelines.training.passed') : t('guidelines.training.failed')}>
              {t('guidelines.training.score', { score: result.score, passMark: result.passMark })}
            </Alert>
          )}
          <Group mt="md">
            <Button type="submit" loading={attempt.isPending} disabled={unanswered}>{t('guidelines.training.submit')}</Button>
            {unanswered && <Text size="sm" c="dimmed">{t('guidelines.training.answerAll')}</Text>}
          </Group>
        </form>
      )}
    </Card>
  );
}
