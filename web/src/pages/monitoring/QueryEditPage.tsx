import { Anchor, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatQuery, parseQuery } from '../../../../common/query/index.ts';
import { ALERT_SENSITIVITIES } from '../../../../common/schemas/listening.ts';
import { get, patch, post } from '../../api/client.ts';
import { useCan } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { MentionCard } from './MentionList.tsx';
import { QuerySyntax } from './QuerySyntax.tsx';
import { useListeningBase, useTopicGroups, type PreviewResult, type SavedQuery } from './monitoring-api.ts';

interface Draft {
  name: string;
  query: string;
  groupId: string | null;
  enabled: boolean;
  alertEnabled: boolean;
  alertSensitivity: string;
  alertMinMentions: number;
}
const EMPTY: Draft = { name: '', query: '', groupId: null, enabled: true, alertEnabled: true, alertSensitivity: 'medium', alertMinMentions: 10 };

/** Create or edit a saved query: live syntax check on every keystroke, preview on stored mentions, topic group, alert settings. */
export function QueryEditPage() {
  const { t } = useTranslation();
  const { queryId } = useParams();
  const base = useListeningBase();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const writable = useCan()('listening.write');
  const lang = currentLanguage();
  const groups = useTopicGroups();
  const existing = useQuery({ queryKey: ['listening', base, 'query', queryId], queryFn: () => get<SavedQuery>(`${base}/queries/${queryId}`), enabled: Boolean(queryId) });
  const [d, setD] = useState<Draft>(EMPTY);
  const [previewDays, setPreviewDays] = useState('14');
  useEffect(() => {
    const q = existing.data;
    if (q) setD({ name: q.name, query: q.query, groupId: q.groupId, enabled: q.enabled, alertEnabled: q.alertEnabled, alertSensitivity: q.alertSensitivity, alertMinMentions: q.alertMinMentions });
  }, [existing.data]);
  // Pure parser from common/: instant feedback without a round trip; the server checks again on save.
  const parsed = useMemo(() => (d.query.trim() ? parseQuery(d.query) : null), [d.query]);
  const syntaxError = parsed && !parsed.ok ? parsed.error : null;
  const normalized = parsed?.ok ? formatQuery(parsed.ast) : null;

  const preview = useMutation({ mutationFn: () => post<PreviewResult>(`${base}/queries/preview`, { query: d.query, days: Number(previewDays), limit: 10 }) });
  const save = useMutation({
    mutationFn: () => {
      const body = { ...d, name: d.name.trim() };
      return queryId ? patch<SavedQuery>(`${base}/queries/${queryId}`, body) : post<SavedQuery>(`${base}/queries`, body);
    },
    onSuccess: async (q) => {
      notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': t('common.close') }, message: t('monitoring.editor.saved', { name: q.name }) });
      await qc.invalidateQueries({ queryKey: ['listening', base] });
      navigate('/monitoring/queries');
    },
  });
  const canSave = writable && d.name.trim() !== '' && parsed?.ok === true;

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">{queryId ? t('monitoring.editor.editTitle') : t('monitoring.editor.newTitle')}</Title>
      <ErrorAlert error={existing.error ?? save.error} />
      <Card withBorder padding="lg">
        <form onSubmit={(e) => { e.preventDefault(); if (canSave) save.mutate(); }}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('monitoring.editor.name')} required value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} maxLength={120} />
              <Select label={t('monitoring.editor.group')} placeholder={t('monitoring.editor.noGroup')} clearable value={d.groupId} onChange={(v) => setD({ ...d, groupId: v })}
                data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} (${t(`monitoring.groupKinds.${g.kind}`)})` }))} />
            </SimpleGrid>
            <Textarea label={t('monitoring.editor.query')} description={t('monitoring.editor.queryHelp')} required autosize minRows={3} maxLength={4000}
              value={d.query} onChange={(e) => setD({ ...d, query: e.currentTarget.value })} error={syntaxError ? t('monitoring.editor.syntaxErrorShort', { column: syntaxError.column }) : undefined}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} spellCheck={false} data-testid="query-input" />
            <div aria-live="polite"><QuerySyntax id="query-syntax" text={d.query} error={syntaxError} normalized={normalized} /></div>
            <Checkbox label={t('monitoring.editor.enabled')} checked={d.enabled} onChange={(e) => setD({ ...d, enabled: e.currentTarget.checked })} />
            <Card withBorder padding="md" component="fieldset" style={{ margin: 0 }}>
              <legend><Text fw={600} size="sm" px={4}>{t('monitoring.editor.alerts')}</Text></legend>
              <Stack gap="sm">
                <Checkbox label={t('monitoring.editor.alertEnabled')} checked={d.alertEnabled} onChange={(e) => setD({ ...d, alertEnabled: e.currentTarget.checked })} />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select label={t('monitoring.editor.sensitivity')} description={t('monitoring.editor.sensitivityHelp')} value={d.alertSensitivity} allowDeselect={false}
                    onChange={(v) => setD({ ...d, alertSensitivity: v ?? 'medium' })} data={ALERT_SENSITIVITIES.map((s) => ({ value: s, label: t(`monitoring.sensitivity.${s}`) }))} disabled={!d.alertEnabled} />
                  <NumberInput label={t('monitoring.editor.minMentions')} description={t('monitoring.editor.minMentionsHelp')} min={1} max={100000} value={d.alertMinMentions}
                    onChange={(v) => setD({ ...d, alertMinMentions: typeof v === 'number' ? v : 1 })} disabled={!d.alertEnabled} />
                </SimpleGrid>
              </Stack>
            </Card>
            <Group>
              <Button type="submit" disabled={!canSave} loading={save.isPending}>{t('common.save')}</Button>
              <Button component={Link} to="/monitoring/queries" variant="default">{t('common.cancel')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="preview-title">
        <Title order={3} size="h4" id="preview-title">{t('monitoring.editor.previewTitle')}</Title>
        <Text size="sm" c="dimmed" mt={4}>{t('monitoring.editor.previewHelp')}</Text>
        <Group mt="md" align="flex-end">
          <Select label={t('monitoring.editor.previewDays')} value={previewDays} onChange={(v) => setPreviewDays(v ?? '14')} allowDeselect={false} w={200}
            data={['1', '7', '14', '30', '90'].map((n) => ({ value: n, label: t('monitoring.dashboard.lastDays', { count: Number(n) }) }))} />
          <Button variant="default" onClick={() => preview.mutate()} disabled={parsed?.ok !== true} loading={preview.isPending}>{t('monitoring.editor.previewRun')}</Button>
        </Group>
        <Stack mt="md" gap="sm" aria-live="polite">
          <ErrorAlert error={preview.error} />
          {preview.data && (
            <Text size="sm" fw={600} data-testid="preview-summary">
              {t('monitoring.editor.previewResult', { matched: formatNumber(preview.data.matched, lang), scanned: formatNumber(preview.data.scanned, lang), count: preview.data.matched })}
            </Text>
          )}
          {preview.data?.items.map((m) => <MentionCard key={m.id} m={m} />)}
        </Stack>
      </Card>
    </Stack>
  );
}
