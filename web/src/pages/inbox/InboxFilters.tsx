import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS, PRIORITIES, SENTIMENTS, SLA_STATES } from '../../../../common/schemas/inbox.ts';
import type { ListFilter } from './inbox-api.ts';

const VIEWS = { open: undefined, new: 'new', assigned: 'assigned', waiting: 'waiting', done: 'done', spam: 'spam', all: 'new,assigned,waiting,done,spam' } as const;

/** The filter bar; the search applies after a short pause in typing. */
export function InboxFilters({ value, onChange, channels, workers, searchRef }: {
  value: ListFilter; onChange: (f: ListFilter) => void; channels: { value: string; label: string }[]; workers: { value: string; label: string }[];
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => {
    const id = setTimeout(() => { if ((value.q ?? '') !== q.trim()) onChange({ ...value, q: q.trim() || undefined }); }, 300);
    return () => clearTimeout(id);
  }, [q, value, onChange]);
  const set = (k: keyof ListFilter) => (v: string | null) => onChange({ ...value, [k]: v || undefined });
  const view = (Object.entries(VIEWS).find(([, s]) => s === value.status)?.[0] ?? 'open');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput ref={searchRef} label={t('inbox.filters.search')} placeholder={t('inbox.filters.searchPlaceholder')} leftSection={<IconSearch size={16} aria-hidden />}
        value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="inbox-search" />
      <Select label={t('inbox.filters.view')} value={view} allowDeselect={false} w={150}
        data={Object.keys(VIEWS).map((k) => ({ value: k, label: t(`inbox.views.${k}`) }))}
        onChange={(v) => onChange({ ...value, status: VIEWS[(v ?? 'open') as keyof typeof VIEWS] })} />
      <Select label={t('inbox.filters.channel')} value={value.channelId ?? null} onChange={set('channelId')} data={channels} clearable placeholder={t('inbox.filters.any')} w={170} />
      <Select label={t('inbox.filters.assignee')} value={value.assignee ?? null} onChange={set('assignee')} clearable placeholder={t('inbox.filters.any')} w={170}
        data={[{ value: 'me', label: t('inbox.filters.me') }, { value: 'none', label: t('inbox.filters.unassigned') }, ...workers]} />
      <Select label={t('inbox.filters.priority')} value={value.priority ?? null} onChange={set('priority')} clearable placeholder={t('inbox.filters.any')} w={130}
        data={PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))} />
      <Select label={t('inbox.filters.sentiment')} value={value.sentiment ?? null} onChange={set('sentiment')} clearable placeholder={t('inbox.filters.any')} w={130}
        data={SENTIMENTS.map((s) => ({ value: s, label: t(`inbox.sentiment.${s}`) }))} />
      <Select label={t('inbox.filters.sla')} value={value.sla ?? null} onChange={set('sla')} clearable placeholder={t('inbox.filters.any')} w={150}
        data={SLA_STATES.map((s) => ({ value: s, label: t(`inbox.slaState.${s}`) }))} />
      <Select label={t('inbox.filters.kind')} value={value.kind ?? null} onChange={set('kind')} clearable placeholder={t('inbox.filters.any')} w={140}
        data={ITEM_KINDS.map((k) => ({ value: k, label: t(`inbox.kind.${k}`) }))} />
      <Select label={t('inbox.filters.language')} value={value.language ?? null} onChange={set('language')} clearable placeholder={t('inbox.filters.any')} w={120}
        data={[{ value: 'de', label: t('inbox.languages.de') }, { value: 'en', label: t('inbox.languages.en') }]} />
      <TextInput label={t('inbox.filters.tag')} value={value.tag ?? ''} onChange={(e) => set('tag')(e.currentTarget.value.trim())} w={130} />
      <Select label={t('inbox.filters.sort')} value={value.sort ?? 'urgency'} allowDeselect={false} onChange={(v) => onChange({ ...value, sort: v === 'urgency' ? undefined : v ?? undefined })} w={150}
        data={['urgency', 'newest', 'oldest'].map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))} />
    </Group>
  );
}
