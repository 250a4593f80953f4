import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { trainingsKey, type Training } from './guidelines-api.ts';

type Question = { id?: string; prompt: string; kind: 'single' | 'multiple'; options: { id?: string; text: string; correct: boolean }[] };
interface Completion {
  members: { userId: string; name: string; attempts: number; bestScore: number | null; passed: boolean }[];
  phases: { phaseId: string; name: string; members: number; passed: number; share: number }[];
  passed: number; total: number;
}

/** Who passed, with attempts and best score, and the share per roll-out phase. */
function TrainingCompletion({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const c = useQuery({ queryKey: ['training-completion', ws.id, trainingId], queryFn: () => get<Completion>(`/workspaces/${ws.id}/trainings/${trainingId}/completion`) });
  if (!c.data) return <ErrorAlert error={c.error} />;
  return (
    <div data-testid="training-completion">
      <Text size="sm" fw={600} mt="md">{t('guidelines.trainingEditor.completion', { passed: c.data.passed, total: c.data.total })}</Text>
      {c.data.phases.length > 0 && (
        <Table fz="sm" mt={4} aria-label={t('guidelines.trainingEditor.byPhase')}>
          <Table.Thead><Table.Tr><Table.Th>{t('guidelines.trainingEditor.phase')}</Table.Th><Table.Th ta="right">{t('guidelines.trainingEditor.passed')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{c.data.phases.map((p) => <Table.Tr key={p.phaseId}><Table.Td>{p.name}</Table.Td><Table.Td ta="right">{p.passed} / {p.members} ({p.share} %)</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      )}
      <Table fz="sm" mt="xs" aria-label={t('guidelines.trainingEditor.byMember')}>
        <Table.Thead><Table.Tr><Table.Th>{t('guidelines.trainingEditor.member')}</Table.Th><Table.Th ta="right">{t('guidelines.trainingEditor.attempts')}</Table.Th><Table.Th ta="right">{t('guidelines.trainingEditor.best')}</Table.Th><Table.Th>{t('guidelines.trainingEditor.status')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>{c.data.members.map((m) => (
          <Table.Tr key={m.userId}><Table.Td>{m.name}</Table.Td><Table.Td ta="right">{m.attempts}</Table.Td><Table.Td ta="right">{m.bestScore === null ? '–' : `${m.bestScore} %`}</Table.Td>
            <Table.Td>{m.passed ? <Badge size="sm" color="teal.9" variant="outline">{t('guidelines.trainingEditor.isPassed')}</Badge> : <Text size="sm" c="dimmed">{t('guidelines.trainingEditor.open')}</Text>}</Table.Td></Table.Tr>
        ))}</Table.Tbody>
      </Table>
    </div>
  );
}

/** A training module with its quiz: questions, options marked correct, pass mark, draft or published. */
export function TrainingEditor({ training }: { training: Training }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const [title, setTitle] = useState(training.title);
  const [body, setBody] = useState(training.body);
  const [passMark, setPassMark] = useState<number>(training.passMark);
  const [status, setStatus] = useState(training.status);
  const [links, setLinks] = useState(training.links);
  const [media, setMedia] = useState(training.media);
  const [questions, setQuestions] = useState<Question[]>(training.questions.map((q) => ({ ...q, options: q.options.map((o) => ({ id: o.id, text: o.text, correct: Boolean(o.correct) })) })));
  useEffect(() => setStatus(training.status), [training.status]);
  const save = useMutation({
    // The form travels as the mutation's variables, taken at the click: never an older render's values.
    mutationFn: (input: Pick<Training, 'title' | 'body' | 'passMark' | 'status' | 'links' | 'media'> & { questions: Question[] }) => patch<Training>(`/workspaces/${ws.id}/trainings/${training.id}`, input),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trainingsKey(ws.id) });
      notifications.show({ color: 'teal', message: t('guidelines.trainingEditor.saved'), closeButtonProps: { 'aria-label': t('common.close') } });
    },
  });
  // Field errors name the question: `body.questions.1.options` → question 2.
  const questionError = (i: number) => save.error instanceof ApiError && save.error.errors.some((e) => e.path.startsWith(`body.questions.${i}.`) || e.path === `body.questions.${i}`);
  const setQ = (i: number, patchQ: Partial<Question>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patchQ } : q)));
  // Sets (not toggles) the flag from the event, so a repeated change event cannot flip it back.
  const setCorrect = (i: number, k: number, correct: boolean) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, options: q.options.map((o, m) => (m === k ? { ...o, correct } : o)) } : q)));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`te-${training.id}`} data-testid="training-editor">
      <Group justify="space-between">
        <Title order={3} size="h4" id={`te-${training.id}`}>{training.title}</Title>
        <Badge variant="outline" color={training.status === 'published' ? 'teal.9' : 'gray.7'}>{t(`guidelines.trainingEditor.statusValue.${training.status}`)}</Badge>
      </Group>
      {Boolean(save.error) && <ErrorAlert error={save.error} />}
      <Stack gap="sm" mt="sm">
        <TextInput label={t('guidelines.trainingEditor.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} />
        <Textarea label={t('guidelines.trainingEditor.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={4} maxRows={14} maxLength={50_000} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('guidelines.trainingEditor.links')}</Text>
          {links.map((l, i) => (
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput size="xs" aria-label={t('guidelines.trainingEditor.linkTitle', { n: i + 1 })} placeholder={t('guidelines.trainingEditor.title')} value={l.title} onChange={(e) => setLinks(links.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))} style={{ flex: 1 }} maxLength={200} />
              <TextInput size="xs" type="url" aria-label={t('guidelines.trainingEditor.linkUrl', { n: i + 1 })} placeholder="https://" value={l.url} onChange={(e) => setLinks(links.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value } : x)))} style={{ flex: 2 }} maxLength={2000} />
              <ActionIcon variant="subtle" color="red.9" onClick={() => setLinks(links.filter((_, j) => j !== i))} aria-label={t('guidelines.trainingEditor.removeLink', { n: i + 1 })}><IconTrash size={14} aria-hidden /></ActionIcon>
            </Group>
          ))}
          {media.map((m, i) => (
            <Group key={`m${i}`} gap="xs" wrap="nowrap">
              <TextInput size="xs" aria-label={t('guidelines.trainingEditor.mediaTitle', { n: i + 1 })} placeholder={t('guidelines.trainingEditor.title')} value={m.title} onChange={(e) => setMedia(media.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))} style={{ flex: 1 }} maxLength={200} />
              <TextInput size="xs" type="url" aria-label={t('guidelines.trainingEditor.mediaUrl', { n: i + 1 })} placeholder="https://" value={m.url} onChange={(e) => setMedia(media.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value } : x)))} style={{ flex: 2 }} maxLength={2000} />
              <SegmentedControl size="xs" value={m.kind} onChange={(v) => setMedia(media.map((x, j) => (j === i ? { ...x, kind: v as typeof m.kind } : x)))} aria-label={t('guidelines.trainingEditor.mediaKind', { n: i + 1 })}
                data={(['video', 'audio', 'image', 'document'] as const).map((k) => ({ value: k, label: t(`guidelines.trainingEditor.mediaKinds.${k}`) }))} />
              <ActionIcon variant="subtle" color="red.9" onClick={() => setMedia(media.filter((_, j) => j !== i))} aria-label={t('guidelines.trainingEditor.removeMedia', { n: i + 1 })}><IconTrash size={14} aria-hidden /></ActionIcon>
            </Group>
          ))}
          <Group gap="xs">
            <Button size="compact-xs" variant="default" onClick={() => setLinks([...links, { title: '', url: '' }])}>{t('guidelines.trainingEditor.addLink')}</Button>
            <Button size="compact-xs" variant="default" onClick={() => setMedia([...media, { title: '', url: '', kind: 'video' }])}>{t('guidelines.trainingEditor.addMedia')}</Button>
          </Group>
        </Stack>
        <Group>
          <NumberInput label={t('guidelines.trainingEditor.passMark')} value={passMark} onChange={(v) => setPassMark(typeof v === 'number' ? v : 80)} min={1} max={100} suffix=" %" w={160} />
          <div>
            <Text size="sm" fw={500} id={`st-${training.id}`}>{t('guidelines.trainingEditor.status')}</Text>
            <SegmentedControl mt={4} aria-labelledby={`st-${training.id}`} value={status} onChange={(v) => setStatus(v as Training['status'])} data={[{ value: 'draft', label: t('guidelines.trainingEditor.statusValue.draft') }, { value: 'published', label: t('guidelines.trainingEditor.statusValue.published') }]} />
          </div>
        </Group>
        {questions.map((q, i) => (
          <Card key={q.id ?? `new-${i}`} withBorder padding="sm" data-testid="quiz-question" style={questionError(i) ? { borderColor: 'var(--mantine-color-red-9)' } : undefined}>
            <Group align="flex-end" wrap="nowrap">
              <TextInput label={t('guidelines.trainingEditor.question', { n: i + 1 })} value={q.prompt} onChange={(e) => setQ(i, { prompt: e.currentTarget.value })} style={{ flex: 1 }} maxLength={2000} />
              <SegmentedControl size="xs" value={q.kind} onChange={(v) => setQ(i, { kind: v as Question['kind'] })} aria-label={t('guidelines.trainingEditor.kind', { n: i + 1 })}
                data={[{ value: 'single', label: t('guidelines.trainingEditor.single') }, { value: 'multiple', label: t('guidelines.trainingEditor.multiple') }]} />
              <ActionIcon variant="subtle" color="red.9" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))} aria-label={t('guidelines.trainingEditor.removeQuestion', { n: i + 1 })}><IconTrash size={16} aria-hidden /></ActionIcon>
            </Group>
            {questionError(i) && <Alert color="red" variant="light" mt="xs" role="alert">{t('guidelines.trainingEditor.questionInvalid', { n: i + 1 })}</Alert>}
            <Stack gap={4} mt="xs">
              {q.options.map((o, k) => (
                <Group key={o.id ?? `o-${k}`} gap="xs" wrap="nowrap">
                  <Checkbox checked={o.correct} onChange={(e) => setCorrect(i, k, e.currentTarget.checked)} aria-label={t('guidelines.trainingEditor.correct', { n: k + 1 })} />
                  <TextInput size="xs" value={o.text} onChange={(e) => setQ(i, { options: q.options.map((x, j) => (j === k ? { ...x, text: e.currentTarget.value } : x)) })} style={{ flex: 1 }} aria-label={t('guidelines.trainingEditor.option', { n: k + 1 })} maxLength={1000} />
                  <ActionIcon size="sm" variant="subtle" color="red.9" onClick={() => setQ(i, { options: q.options.filter((_, j) => j !== k) })} aria-label={t('guidelines.trainingEditor.removeOption', { n: k + 1 })}><IconTrash size={14} aria-hidden /></ActionIcon>
                </Group>
              ))}
              <Group><Button size="compact-xs" variant="default" onClick={() => setQ(i, { options: [...q.options, { text: '', correct: false }] })}>{t('guidelines.trainingEditor.addOption')}</Button></Group>
            </Stack>
          </Card>
        ))}
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setQuestions((qs) => [...qs, { prompt: '', kind: 'single', options: [{ text: '', correct: true }, { text: '', correct: false }] }])}>{t('guidelines.trainingEditor.addQuestion')}</Button>
          <Button onClick={() => save.mutate({ title, body, passMark, status, questions, links, media })} loading={save.isPending}>{t('common.save')}</Button>
        </Group>
      </Stack>
      <TrainingCompletion trainingId={training.id} />
    </Card>
  );
}

/** Starts a new training from the built-in module (guidelines basics with a five-question quiz). */
export function NewTraining() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (language: 'de' | 'en') => post<Training>(`/workspaces/${ws.id}/trainings`, { title: t(`guidelines.trainingEditor.templateTitle.${language}`), language, fromTemplate: true }),
    onSuccess: () => qc.invalidateQueries({ queryKey: trainingsKey(ws.id) }),
  });
  return (
    <Group>
      <Button variant="default" onClick={() => create.mutate('de')} loading={create.isPending}>{t('guidelines.trainingEditor.fromTemplate', { lang: 'Deutsch' })}</Button>
      <Button variant="default" onClick={() => create.mutate('en')} loading={create.isPending}>{t('guidelines.trainingEditor.fromTemplate', { lang: 'English' })}</Button>
      <ErrorAlert error={create.error} />
    </Group>
  );
}
