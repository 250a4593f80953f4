import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ITEM_KINDS, PRIORITIES, SENTIMENTS } from '../../../../common/schemas/inbox.ts';
import { del, get, patch, post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useChannels } from '../calendar/calendar-api.ts';
import { ExpertDirectory } from './ExpertDirectory.tsx';
import { inboxKeys, useInboxTeam, type InboxSettings, type Rule } from './inbox-api.ts';

interface Draft { name: string; query: string; channelIds: string[]; languages: string[]; sentiments: string[]; kinds: string[]; authorHandles: string[]; minFollowers: number | ''; assign: string | null; priority: string | null; tags: string[]; status: string | null; stop: boolean }
const EMPTY: Draft = { name: '', query: '', channelIds: [], languages: [], sentiments: [], kinds: [], authorHandles: [], minFollowers: '', assign: null, priority: null, tags: [], status: null, stop: false };

function toBody(d: Draft) {
  const nonEmpty = <T,>(a: T[]) => (a.length ? a : undefined);
  return {
    name: d.name, stop: d.stop,
    conditions: { query: d.query.trim() || undefined, channelIds: nonEmpty(d.channelIds), languages: nonEmpty(d.languages), sentiments: nonEmpty(d.sentiments), kinds: nonEmpty(d.kinds), authorHandles: nonEmpty(d.authorHandles), minFollowers: d.minFollowers === '' ? undefined : d.minFollowers },
    actions: {
      assign: d.assign === 'on_duty' ? { type: 'on_duty' } : d.assign ? { type: 'user', userId: d.assign } : undefined,
      priority: d.priority ?? undefined, tags: nonEmpty(d.tags), status: d.status ?? undefined,
    },
  };
}

/** Routing rules (boolean query + conditions → assignee, priority, tags) and the inbox settings. */
export function RulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.rules.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const channels = useChannels(ws.id);
  const { workers, names } = useInboxTeam(ws.id);
  const rules = useQuery({ queryKey: inboxKeys.rules(ws.id), queryFn: () => get<{ items: Rule[] }>(`/workspaces/${ws.id}/inbox/rules`).then((r) => r.items) });
  const settings = useQuery({ queryKey: inboxKeys.settings(ws.id), queryFn: () => get<InboxSettings>(`/workspaces/${ws.id}/inbox/settings`) });
  const [d, setD] = useState<Draft>(EMPTY);
  const refresh = () => qc.invalidateQueries({ queryKey: inboxKeys.all(ws.id) });
  const create = useMutation({ mutationFn: () => post(`/workspaces/${ws.id}/inbox/rules`, toBody(d)), onSuccess: async () => { setD(EMPTY); await refresh(); } });
  const toggle = useMutation({ mutationFn: (r: Rule) => patch(`/workspaces/${ws.id}/inbox/rules/${r.id}`, { enabled: !r.enabled }), onSettled: refresh });
  const remove = useMutation({ mutationFn: (r: Rule) => del(`/workspaces/${ws.id}/inbox/rules/${r.id}`), onSettled: refresh });
  const saveSettings = useMutation({ mutationFn: (body: Partial<InboxSettings>) => patch(`/workspaces/${ws.id}/inbox/settings`, body), onSettled: refresh });
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const channelOptions = (channels.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const describeActions = (a: Record<string, unknown>) => {
    const parts: string[] = [];
    const assign = a.assign as { type: string; userId?: string } | undefined;
    if (assign) parts.push(assign.type === 'on_duty' ? t('inbox.rules.toOnDuty') : t('inbox.rules.toUser', { name: names.get(assign.userId ?? '') ?? '–' }));
    if (a.priority) parts.push(t(`inbox.priority.${a.priority as string}`));
    if (Array.isArray(a.tags)) parts.push(...(a.tags as string[]).map((x) => `#${x}`));
    if (a.status) parts.push(t(`inbox.status.${a.status as string}`));
    return parts.join(' · ');
  };
  return (
    <Stack>
      <Anchor component={Link} to="/inbox" size="sm">{t('inbox.back')}</Anchor>
      <Title order={1}>{t('inbox.rules.title')}</Title>
      <Text c="dimmed" size="sm">{t('inbox.rules.intro')}</Text>
      <ErrorAlert error={rules.error ?? toggle.error ?? remove.error} />
      {rules.data?.length === 0 && <Alert color="blue" variant="light">{t('inbox.rules.empty')}</Alert>}
      {rules.data?.map((r) => (
        <Card key={r.id} withBorder padding="sm">
          <Group justify="space-between">
            <div>
              <Text fw={600}>{r.position + 1}. {r.name} {r.stop && <Badge size="xs" variant="outline" color="gray.8" tt="none">{t('inbox.rules.stopBadge')}</Badge>}</Text>
              <Text size="sm" c="dimmed">{r.conditions.query ? <code>{r.conditions.query}</code> : t('inbox.rules.always')} → {describeActions(r.actions)}</Text>
            </div>
            {can('inbox.work') && (
              <Group gap="xs">
                <Switch checked={r.enabled} onChange={() => toggle.mutate(r)} label={t('inbox.rules.enabled')} />
                <Button size="xs" variant="default" onClick={() => remove.mutate(r)} aria-label={t('inbox.rules.delete', { name: r.name })}>{t('inbox.delete')}</Button>
              </Group>
            )}
          </Group>
        </Card>
      ))}
      {can('inbox.work') && (
        <Card withBorder>
          <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
            <Stack>
              <Title order={2} size="h4">{t('inbox.rules.new')}</Title>
              <TextInput label={t('inbox.rules.name')} value={d.name} onChange={(e) => set('name')(e.currentTarget.value)} required />
              <Textarea label={t('inbox.rules.query')} description={t('inbox.rules.queryHint')} value={d.query} onChange={(e) => set('query')(e.currentTarget.value)} autosize />
              <Group grow>
                <MultiSelect label={t('inbox.filters.channel')} data={channelOptions} value={d.channelIds} onChange={set('channelIds')} />
                <MultiSelect label={t('inbox.filters.language')} data={[{ value: 'de', label: t('inbox.languages.de') }, { value: 'en', label: t('inbox.languages.en') }]} value={d.languages} onChange={set('languages')} />
              </Group>
              <Group grow>
                <MultiSelect label={t('inbox.filters.sentiment')} data={SENTIMENTS.map((s) => ({ value: s, label: t(`inbox.sentiment.${s}`) }))} value={d.sentiments} onChange={set('sentiments')} />
                <MultiSelect label={t('inbox.filters.kind')} data={ITEM_KINDS.map((k) => ({ value: k, label: t(`inbox.kind.${k}`) }))} value={d.kinds} onChange={set('kinds')} />
              </Group>
              <Group grow>
                <TagsInput label={t('inbox.rules.authors')} value={d.authorHandles} onChange={set('authorHandles')} />
                <NumberInput label={t('inbox.rules.minFollowers')} min={0} value={d.minFollowers} onChange={(v) => set('minFollowers')(typeof v === 'number' ? v : '')} />
              </Group>
              <Text fw={600} size="sm">{t('inbox.rules.then')}</Text>
              <Group grow>
                <Select label={t('inbox.rules.assign')} clearable value={d.assign} onChange={set('assign')} data={[{ value: 'on_duty', label: t('inbox.rules.toOnDuty') }, ...workers]} />
                <Select label={t('inbox.filters.priority')} clearable value={d.priority} onChange={set('priority')} data={PRIORITIES.filter((p) => p !== 'crisis').map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))} />
              </Group>
              <Group grow>
                <TagsInput label={t('inbox.fields.tags')} value={d.tags} onChange={set('tags')} />
                <Select label={t('inbox.fields.status')} clearable value={d.status} onChange={set('status')} data={['spam', 'done'].map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))} />
              </Group>
              <Checkbox label={t('inbox.rules.stop')} checked={d.stop} onChange={(e) => set('stop')(e.currentTarget.checked)} />
              <ErrorAlert error={create.error} />
              <Group justify="flex-end"><Button type="submit" loading={create.isPending}>{t('inbox.rules.create')}</Button></Group>
            </Stack>
          </form>
        </Card>
      )}
      {can('inbox.work') && <ExpertDirectory ws={ws.id} />}
      {settings.data && can('workspace.update') && (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">{t('inbox.settings.title')}</Title>
            <Switch label={t('inbox.settings.approval')} checked={settings.data.replyApprovalRequired} onChange={(e) => saveSettings.mutate({ replyApprovalRequired: e.currentTarget.checked })} />
            <Select label={t('inbox.settings.address')} description={t('inbox.settings.addressHint')} value={settings.data.defaultAddress} allowDeselect={false} w={260}
              data={[{ value: 'sie', label: t('inbox.address.sie') }, { value: 'du', label: t('inbox.address.du') }]} onChange={(v) => v && saveSettings.mutate({ defaultAddress: v as 'sie' | 'du' })} />
            <NumberInput label={t('inbox.settings.interval')} min={15} max={3600} w={260} defaultValue={settings.data.pollIntervalS}
              onBlur={(e) => { const n = Number(e.currentTarget.value); if (n >= 15 && n <= 3600 && n !== settings.data!.pollIntervalS) saveSettings.mutate({ pollIntervalS: n }); }} />
            <ErrorAlert error={saveSettings.error} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
