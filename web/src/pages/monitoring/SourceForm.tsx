import { Alert, Button, Card, Code, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sourceCreateSchema, SOURCE_KINDS } from '../../../../common/schemas/listening.ts';
import { post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useListeningBase, type Source } from './monitoring-api.ts';

type Kind = (typeof SOURCE_KINDS)[number];
interface Draft { kind: Kind; name: string; url: string; tag: string; endpoint: string }
const EMPTY: Draft = { kind: 'feed', name: '', url: '', tag: '', endpoint: '' };
/** Public endpoints used when the field is left empty (the server applies the same defaults). */
const DEFAULT_ENDPOINT: Partial<Record<Kind, string>> = {
  bluesky_jetstream: 'wss://jetstream2.us-east.bsky.network/subscribe',
  bluesky_firehose: 'wss://bsky.network',
};

function bodyOf(d: Draft): unknown {
  const name = d.name.trim();
  switch (d.kind) {
    case 'feed': return { kind: d.kind, name, config: { url: d.url.trim() } };
    case 'mastodon': return { kind: d.kind, name, config: { instanceUrl: d.url.trim(), stream: 'hashtag', tag: d.tag.trim().replace(/^#/, '') } };
    case 'bluesky_jetstream': case 'bluesky_firehose': return { kind: d.kind, name, config: d.endpoint.trim() ? { endpoint: d.endpoint.trim() } : {} };
    default: return { kind: d.kind, name, config: {} };
  }
}

/** Adds a source: RSS/Atom feed, Mastodon hashtag stream, Bluesky Jetstream or firehose, webhook or file import. */
export function SourceForm() {
  const { t } = useTranslation();
  const base = useListeningBase();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(EMPTY);
  const [secret, setSecret] = useState<{ name: string; url: string | null; secret: string } | null>(null);
  const body = bodyOf(d);
  // The shared schema decides, as on the server, whether the source can be created.
  const valid = sourceCreateSchema.safeParse(body).success && (d.kind !== 'mastodon' || d.tag.trim() !== '');
  const create = useMutation({
    mutationFn: () => post<Source & { secret: string | null }>(`${base}/sources`, body),
    onSuccess: async (s) => {
      setSecret(s.secret ? { name: s.name, url: s.webhookUrl, secret: s.secret } : null);
      setD(EMPTY);
      await qc.invalidateQueries({ queryKey: ['listening', base, 'sources'] });
    },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="source-new-title">
      <Title order={2} size="h4" id="source-new-title">{t('monitoring.sources.new')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); if (valid) create.mutate(); }}>
        <Stack gap="sm" mt="sm">
          <ErrorAlert error={create.error} />
          {secret && (
            <Alert color="teal" variant="light" title={t('monitoring.sources.secretTitle', { name: secret.name })} role="status">
              <Text size="sm">{t('monitoring.sources.secretOnce')}</Text>
              {secret.url && <Text size="sm" mt={4}>{t('monitoring.sources.webhookUrl')} <Code>{secret.url}</Code></Text>}
              <Text size="sm" mt={4}>{t('monitoring.sources.secret')} <Code data-testid="source-secret">{secret.secret}</Code></Text>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('monitoring.sources.kind')} value={d.kind} allowDeselect={false} onChange={(v) => setD({ ...d, kind: (v ?? 'feed') as Kind })}
              data={SOURCE_KINDS.map((k) => ({ value: k, label: t(`monitoring.sourceKinds.${k}`) }))} />
            <TextInput label={t('monitoring.sources.nameLabel')} required value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} maxLength={120} />
            {d.kind === 'feed' && <TextInput label={t('monitoring.sources.feedUrl')} required type="url" value={d.url} onChange={(e) => setD({ ...d, url: e.currentTarget.value })} />}
            {d.kind === 'mastodon' && <TextInput label={t('monitoring.sources.instanceUrl')} required type="url" placeholder="https://mastodon.social" value={d.url} onChange={(e) => setD({ ...d, url: e.currentTarget.value })} />}
            {d.kind === 'mastodon' && <TextInput label={t('monitoring.sources.tag')} required value={d.tag} onChange={(e) => setD({ ...d, tag: e.currentTarget.value })} />}
            {DEFAULT_ENDPOINT[d.kind] && (
              <TextInput label={t('monitoring.sources.endpoint')} description={t('monitoring.sources.endpointHelp')} placeholder={DEFAULT_ENDPOINT[d.kind]}
                value={d.endpoint} onChange={(e) => setD({ ...d, endpoint: e.currentTarget.value })} />
            )}
          </SimpleGrid>
          <Text size="sm" c="dimmed">{t(`monitoring.sources.kindHelp.${d.kind}`)}</Text>
          <Group><Button type="submit" variant="default" disabled={!valid} loading={create.isPending}>{t('monitoring.sources.add')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}
