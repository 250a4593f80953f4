import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORKS, SENTIMENTS } from '../../../../common/schemas/listening.ts';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { scopeParams, useListeningBase, type MentionDto, type MentionPage } from './monitoring-api.ts';

export const SENTIMENT_BADGE = { negative: 'red', neutral: 'gray', positive: 'teal' } as const;

/** One mention: author, time, network, sentiment and the text with a link to the original. */
export function MentionCard({ m }: { m: MentionDto }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <Card withBorder padding="md" component="article" data-testid="mention">
      <Group justify="space-between" gap="xs" mb={6}>
        <Text size="sm" fw={600}>{m.authorName ?? m.author ?? t('monitoring.mentions.unknownAuthor')}</Text>
        <Group gap={6}>
          <Badge variant="light" color={SENTIMENT_BADGE[m.sentiment]} tt="none">{t(`monitoring.sentiment.${m.sentiment}`)}</Badge>
          <Badge variant="light" color="gray" tt="none">{t(`monitoring.networks.${m.network}`, { defaultValue: m.network })}</Badge>
          {m.lang && <Badge variant="light" color="gray" tt="uppercase">{m.lang}</Badge>}
        </Group>
      </Group>
      {m.title && <Text fw={600} size="sm">{m.title}</Text>}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
      <Group gap="xs" mt={6}>
        <Text size="xs" c="dimmed">{formatDateTime(m.publishedAt, currentLanguage(), ws.timezone)}</Text>
        {m.url && <Anchor size="xs" href={m.url} target="_blank" rel="noopener noreferrer">{t('monitoring.mentions.original')}</Anchor>}
      </Group>
    </Card>
  );
}

interface Filters { sentiment: string | null; lang: string | null; network: string | null }

/** The mentions of the dashboard scope, filtered, newest first, with "load more" by cursor. */
export function MentionList({ scope, from, to }: { scope: string; from: string; to: string }) {
  const { t } = useTranslation();
  const base = useListeningBase();
  const lang = currentLanguage();
  const [f, setF] = useState<Filters>({ sentiment: null, lang: null, network: null });
  const list = useInfiniteQuery({
    queryKey: ['listening', base, 'mentions', scope, from, to, f],
    queryFn: ({ pageParam }) => get<MentionPage>(`${base}/mentions`, { ...scopeParams(scope), from, to, sentiment: f.sentiment, lang: f.lang, network: f.network, limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="mentions-title" gap="md">
      <Title order={2} size="h3" id="mentions-title">{t('monitoring.mentions.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label={t('monitoring.mentions.sentiment')} placeholder={t('monitoring.mentions.all')} clearable value={f.sentiment} onChange={(v) => setF({ ...f, sentiment: v })}
          data={SENTIMENTS.map((s) => ({ value: s, label: t(`monitoring.sentiment.${s}`) }))} />
        <Select label={t('monitoring.mentions.language')} placeholder={t('monitoring.mentions.all')} clearable value={f.lang} onChange={(v) => setF({ ...f, lang: v })}
          data={[{ value: 'de', label: t('monitoring.mentions.langDe') }, { value: 'en', label: t('monitoring.mentions.langEn') }]} />
        <Select label={t('monitoring.mentions.network')} placeholder={t('monitoring.mentions.all')} clearable value={f.network} onChange={(v) => setF({ ...f, network: v })}
          data={NETWORKS.map((s) => ({ value: s, label: t(`monitoring.networks.${s}`) }))} />
      </SimpleGrid>
      <ErrorAlert error={list.error} />
      {items.map((m) => <MentionCard key={m.id} m={m} />)}
      {list.isSuccess && items.length === 0 && <Text c="dimmed" role="status">{t('monitoring.mentions.empty')}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">{t('monitoring.mentions.shown', { count: items.length, n: formatNumber(items.length, lang) })}</Text>
        {list.hasNextPage && <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('monitoring.mentions.more')}</Button>}
      </Group>
    </Stack>
  );
}
