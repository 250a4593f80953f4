import { Alert, Button, Card, Group, List, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { KPI_CATALOGUE, KPI_KEYS } from '../../../../common/kpi-catalogue.ts';
import { ApiError, post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { readinessKey, strategyKey, useStrategyItems, type Goal, type MetaGoal } from './strategy-api.ts';
import { SmartCheck } from './SmartCheck.tsx';
import { useChannels } from './use-channels.ts';
import { useMembers } from './use-members.ts';

const FIELDS = ['metaGoalId', 'title', 'metric', 'channels', 'baseline', 'targetValue', 'startDate', 'deadline', 'ownerId'] as const;
type Field = (typeof FIELDS)[number];
/** Mantine's error red (red.8) falls just short of 4.5:1 on white. */
const ERROR_PROPS = { c: 'red.9' };

interface Draft {
  metaGoalId: string | null;
  title: string;
  metric: string | null;
  channels: string[];
  baseline: number | string;
  targetValue: number | string;
  startDate: string;
  deadline: string;
  ownerId: string | null;
}
const EMPTY: Draft = { metaGoalId: null, title: '', metric: null, channels: [], baseline: '', targetValue: '', startDate: '', deadline: '', ownerId: null };

/** The request body: empty fields are left out so the server names what is missing. */
function body(d: Draft): Record<string, unknown> {
  const num = (v: number | string) => (typeof v === 'number' ? v : undefined);
  const out: Record<string, unknown> = {
    metaGoalId: d.metaGoalId ?? undefined, title: d.title, metric: d.metric ?? undefined, channels: d.channels,
    baseline: num(d.baseline), targetValue: num(d.targetValue), startDate: d.startDate || undefined, deadline: d.deadline || undefined, ownerId: d.ownerId,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Field of a server error path (`body.targetValue` → `targetValue`). */
function fieldOf(path: string): Field | null {
  const f = path.replace(/^body\./, '').split('.')[0];
  return (FIELDS as readonly string[]).includes(f ?? '') ? (f as Field) : null;
}

/**
 * Creates a SMART goal: a metric from the KPI catalogue, channels, baseline, target, deadline,
 * owner. The server checks SMART-ness; its field errors are shown at the fields they name.
 */
export function GoalForm() {
  const { t } = useTranslation();
  usePageTitle(t('strategy.goalForm.title'));
  const lang = currentLanguage();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const metas = useStrategyItems<MetaGoal>('meta-goals');
  const { members } = useMembers();
  const { options: channelOptions } = useChannels();
  const [d, setD] = useState<Draft>(EMPTY);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const create = useMutation({
    mutationFn: () => post<Goal>(`/workspaces/${ws.id}/strategy/goals`, body(d)),
    onSuccess: async (g) => {
      notifications.show({ color: 'teal', message: t('strategy.goalForm.created', { title: g.title }), closeButtonProps: { 'aria-label': t('common.close') } });
      await Promise.all([qc.invalidateQueries({ queryKey: strategyKey(ws.id, 'goals') }), qc.invalidateQueries({ queryKey: readinessKey(ws.id) })]);
      await navigate('/strategy#goals');
    },
  });
  const err = create.error;
  const fieldErrors = new Map<Field, string>();
  if (err instanceof ApiError) {
    for (const e of err.errors) {
      const f = fieldOf(e.path);
      if (f && !fieldErrors.has(f)) fieldErrors.set(f, /past/.test(e.message) ? t('strategy.goalForm.errors.deadlinePast') : t(`strategy.goalForm.errors.${f}`));
    }
  }
  const fe = (f: Field) => fieldErrors.get(f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const metric = d.metric && (KPI_KEYS as readonly string[]).includes(d.metric) ? KPI_CATALOGUE[d.metric as keyof typeof KPI_CATALOGUE] : null;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('strategy.goalForm.title')}</Title>
        <Text c="dimmed" mt={4}>{t('strategy.goalForm.subtitle')}</Text>
      </div>
      <Card withBorder padding="lg" component="form" onSubmit={submit} noValidate aria-labelledby="goal-form-heading">
        <Title order={2} size="h4" mb="md" id="goal-form-heading">{t('strategy.goalForm.heading')}</Title>
        {err && (
          <Alert color="red" variant="light" role="alert" title={t('errors.title')} mb="md">
            {message(err)}
            {fieldErrors.size > 0 && (
              <List size="sm" mt="xs">
                {[...fieldErrors.keys()].map((f) => <List.Item key={f}>{t(`strategy.goalForm.fields.${f}`)}: {fieldErrors.get(f)}</List.Item>)}
              </List>
            )}
          </Alert>
        )}
        {metas.data && metas.data.items.length === 0 && <Text c="dimmed" mb="md">{t('strategy.goalForm.noMetaGoals')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('strategy.goalForm.fields.metaGoalId')} required value={d.metaGoalId} onChange={(v) => set('metaGoalId', v)} errorProps={ERROR_PROPS} error={fe('metaGoalId')}
            data={(metas.data?.items ?? []).map((m) => ({ value: m.id, label: m.title }))} />
          <TextInput label={t('strategy.goalForm.fields.title')} required value={d.title} onChange={(e) => set('title', e.currentTarget.value)} errorProps={ERROR_PROPS} error={fe('title')} maxLength={200} />
          <Select label={t('strategy.goalForm.fields.metric')} required searchable value={d.metric} onChange={(v) => set('metric', v)} errorProps={ERROR_PROPS} error={fe('metric')}
            description={metric ? metric[lang].definition : t('strategy.goalForm.metricHint')}
            data={KPI_KEYS.map((k) => ({ value: k, label: KPI_CATALOGUE[k][lang].name }))} />
          <MultiSelect label={t('strategy.goalForm.fields.channels')} value={d.channels} onChange={(v) => set('channels', v)} errorProps={ERROR_PROPS} error={fe('channels')}
            description={t('strategy.goalForm.channelsHint')} data={channelOptions} clearable />
          <NumberInput label={t('strategy.goalForm.fields.baseline')} value={d.baseline} onChange={(v) => set('baseline', v)} errorProps={ERROR_PROPS} error={fe('baseline')}
            description={t('strategy.goalForm.baselineHint')} decimalSeparator={lang === 'de' ? ',' : '.'} />
          <NumberInput label={t('strategy.goalForm.fields.targetValue')} required value={d.targetValue} onChange={(v) => set('targetValue', v)} errorProps={ERROR_PROPS} error={fe('targetValue')}
            decimalSeparator={lang === 'de' ? ',' : '.'} />
          <TextInput type="date" label={t('strategy.goalForm.fields.startDate')} value={d.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} errorProps={ERROR_PROPS} error={fe('startDate')}
            description={t('strategy.goalForm.startHint')} />
          <TextInput type="date" label={t('strategy.goalForm.fields.deadline')} required value={d.deadline} onChange={(e) => set('deadline', e.currentTarget.value)} errorProps={ERROR_PROPS} error={fe('deadline')} />
          <Select label={t('strategy.goalForm.fields.ownerId')} clearable value={d.ownerId} onChange={(v) => set('ownerId', v)} errorProps={ERROR_PROPS} error={fe('ownerId')}
            data={members.map((m) => ({ value: m.userId, label: m.name }))} />
        </SimpleGrid>
        <SmartCheck values={{ ...d, baseline: typeof d.baseline === 'number' ? d.baseline : 0, targetValue: typeof d.targetValue === 'number' ? d.targetValue : null }} />
        <Group mt="lg">
          <Button type="submit" loading={create.isPending}>{t('strategy.goalForm.submit')}</Button>
          <Button component={Link} to="/strategy" variant="default">{t('common.cancel')}</Button>
        </Group>
      </Card>
    </Stack>
  );
}
