import { Alert, Badge, Button, Card, Group, List, SegmentedControl, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { guidelinesKey, type Guideline } from './guidelines-api.ts';
import { Markdown } from './Markdown.tsx';

interface Version { version: number; title: string; changeNote: string; publishedAt: string }

/**
 * Editing one guideline: the draft (Markdown with a preview) is saved separately from what members
 * read; publishing freezes it into the next version, which everyone must acknowledge again.
 */
export function GuidelineEditor({ guideline }: { guideline: Guideline }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const [title, setTitle] = useState(guideline.draft?.title ?? '');
  const [body, setBody] = useState(guideline.draft?.body ?? '');
  const [note, setNote] = useState('');
  useEffect(() => {
    setTitle(guideline.draft?.title ?? '');
    setBody(guideline.draft?.body ?? '');
  }, [guideline.id, guideline.draft?.updatedAt]);
  const base = `/workspaces/${ws.id}/guidelines/${guideline.id}`;
  const versions = useQuery({ queryKey: [...guidelinesKey(ws.id), guideline.id, 'versions'], queryFn: () => get<{ items: Version[] }>(`${base}/versions`) });
  const refresh = () => qc.invalidateQueries({ queryKey: guidelinesKey(ws.id) });
  const saveDraft = useMutation({ mutationFn: () => patch<Guideline>(base, { title, body }), onSuccess: async () => { await refresh(); notifications.show({ color: 'teal', message: t('guidelines.editor.saved'), closeButtonProps: { 'aria-label': t('common.close') } }); } });
  const publish = useMutation({
    mutationFn: async () => {
      await patch<Guideline>(base, { title, body });
      return post<Guideline>(`${base}/publish`, { changeNote: note });
    },
    onSuccess: async () => {
      setNote('');
      await Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['guidelines-ack', ws.id] })]);
      notifications.show({ color: 'teal', message: t('guidelines.editor.published'), closeButtonProps: { 'aria-label': t('common.close') } });
    },
  });
  const changed = title !== (guideline.title ?? '') || body !== (guideline.body ?? '');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`ge-${guideline.id}`}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={`ge-${guideline.id}`}>{guideline.draft?.title}</Title>
        <Group gap="xs">
          <Badge variant="outline" color="gray.7">{guideline.language.toUpperCase()}</Badge>
          <Badge variant="outline" color={guideline.currentVersion ? 'teal.9' : 'gray.7'}>{guideline.currentVersion ? t('guidelines.editor.version', { version: guideline.currentVersion }) : t('guidelines.editor.unpublished')}</Badge>
        </Group>
      </Group>
      <ErrorAlert error={saveDraft.error ?? publish.error ?? versions.error} />
      <Stack gap="sm" mt="sm">
        <TextInput label={t('guidelines.editor.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} required />
        <Tabs defaultValue="edit">
          <Tabs.List>
            <Tabs.Tab value="edit">{t('guidelines.editor.edit')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('guidelines.editor.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="edit" pt="xs">
            <Textarea label={t('guidelines.editor.body')} description={t('guidelines.editor.markdownHint')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={10} maxRows={24} maxLength={50_000} styles={{ input: { fontFamily: 'monospace' } }} />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs"><Card withBorder padding="md" mah={480} style={{ overflowY: 'auto' }} tabIndex={0} aria-label={t('guidelines.editor.preview')}><Markdown>{body}</Markdown></Card></Tabs.Panel>
        </Tabs>
        <Group align="flex-end">
          <Button variant="default" onClick={() => saveDraft.mutate()} loading={saveDraft.isPending}>{t('guidelines.editor.saveDraft')}</Button>
          <TextInput label={t('guidelines.editor.changeNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} style={{ flex: 1 }} />
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>{t('guidelines.editor.publish')}</Button>
        </Group>
        {changed && guideline.currentVersion !== null && <Alert color="orange" variant="light">{t('guidelines.editor.reacknowledge')}</Alert>}
        {(versions.data?.items.length ?? 0) > 0 && (
          <div>
            <Text size="sm" fw={600}>{t('guidelines.editor.versions')}</Text>
            <List size="sm">
              {versions.data!.items.map((v) => <List.Item key={v.version}>{t('guidelines.editor.versionLine', { version: v.version, date: formatDateTime(v.publishedAt, lang, ws.timezone), note: v.changeNote || '–' })}</List.Item>)}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}

/** Starts a new guideline from the built-in template (data protection, copyright, confidentiality …). */
export function NewGuideline() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const [language, setLanguage] = useState<'de' | 'en'>(currentLanguage());
  const create = useMutation({
    mutationFn: () => post<Guideline>(`/workspaces/${ws.id}/guidelines`, { title: t(`guidelines.editor.templateTitle.${language}`), language, fromTemplate: true }),
    onSuccess: () => qc.invalidateQueries({ queryKey: guidelinesKey(ws.id) }),
  });
  return (
    <Card withBorder padding="lg">
      <Text size="sm">{t('guidelines.editor.templateText')}</Text>
      <ErrorAlert error={create.error} />
      <Group mt="sm">
        <SegmentedControl value={language} onChange={(v) => setLanguage(v as 'de' | 'en')} data={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} aria-label={t('guidelines.editor.language')} />
        <Button onClick={() => create.mutate()} loading={create.isPending}>{t('guidelines.editor.fromTemplate')}</Button>
      </Group>
    </Card>
  );
}
