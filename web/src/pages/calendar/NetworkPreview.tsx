import { Avatar, Badge, Card, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { linkify } from '../../lib/linkify.ts';
import { mediaFileUrl, type Channel } from './calendar-api.ts';
import type { Draft } from './composer-draft.ts';
import { limitsOf, threadOf } from './text-limits.ts';

const ACCENT: Record<string, string> = { bluesky: 'blue.8', mastodon: 'violet.8' };

/** Text with links and hashtags marked as the network would show them (not clickable in a preview). */
function RichText({ text }: { text: string }) {
  const out: ReactNode[] = [];
  linkify(text).forEach((p, i) => {
    if (p.kind === 'link') {
      out.push(<Text key={i} span c="indigo.8" td="underline">{p.href}</Text>);
      return;
    }
    p.text.split(/(#[\p{L}\p{N}_]+)/u).forEach((s, j) => out.push(s.startsWith('#') ? <Text key={`${i}-${j}`} span c="indigo.8">{s}</Text> : s));
  });
  return <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{out}</Text>;
}

/**
 * How the post will look on each chosen channel: its own text (variant or shared), Mastodon's
 * content warning, images with their alt text badge, and — when the text is too long — the thread
 * it becomes at that network's limit (or would become, while the author has not chosen a thread).
 */
export function NetworkPreview({ draft, channels, workspaceId }: { draft: Draft; channels: Channel[]; workspaceId: string }) {
  const { t } = useTranslation();
  if (channels.length === 0) return <Text size="sm" c="dimmed">{t('calendar.preview.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: Math.min(channels.length, 2) }} data-testid="previews">
      {channels.map((c) => {
        const parts = threadOf(c, draft.text, draft.variants[c.id], draft.contentWarning);
        const cw = c.network === 'mastodon' ? draft.contentWarning.trim() : '';
        const asThread = draft.thread && limitsOf(c).threads;
        return (
          <Card key={c.id} withBorder padding="md" data-testid={`preview-${c.network}`} aria-label={t('calendar.preview.label', { channel: c.name })} component="section">
            <Group gap="xs" mb="xs" wrap="nowrap">
              <Avatar color={ACCENT[c.network]} radius="xl" size="sm" aria-hidden>{c.name.slice(0, 1)}</Avatar>
              <div style={{ minWidth: 0 }}>
                <Title order={3} size="h6" lineClamp={2}>{c.name}</Title>
                <Text size="xs" c="dimmed">{t(`calendar.network.${c.network}`)}{c.accountHandle ? ` · @${c.accountHandle}` : ''}</Text>
              </div>
              {parts.length > 1 && <Badge ml="auto" variant="light" color="orange" tt="none">{t('calendar.preview.thread', { count: parts.length })}</Badge>}
            </Group>
            <Stack gap="sm">
              {(parts.length ? parts : ['']).map((p, i) => (
                <Stack key={i} gap={6} pl={i > 0 ? 'sm' : 0} style={i > 0 ? { borderLeft: '2px solid var(--mantine-color-gray-4)' } : undefined}>
                  {cw && <Text size="sm" fw={600}>{t('calendar.preview.cw', { text: cw })}</Text>}
                  {p ? <RichText text={p} /> : <Text size="sm" c="dimmed">{t('calendar.preview.empty')}</Text>}
                  {i === 0 && draft.media.length > 0 && (
                    <SimpleGrid cols={draft.media.length === 1 ? 1 : 2} spacing={4}>
                      {draft.media.map((m, j) => (
                        <div key={m.id} style={{ position: 'relative' }}>
                          <Image src={mediaFileUrl(workspaceId, m.id)} alt={m.altText || t('calendar.preview.noAltImage', { n: j + 1 })} h={draft.media.length === 1 ? 180 : 100} fit="cover" radius="sm" />
                          <Badge size="xs" color={m.altText.trim() ? 'dark' : 'red.9'} variant="filled" style={{ position: 'absolute', left: 4, bottom: 4 }}>
                            {m.altText.trim() ? 'ALT' : t('calendar.preview.altMissing')}
                          </Badge>
                        </div>
                      ))}
                    </SimpleGrid>
                  )}
                </Stack>
              ))}
              {parts.length > 1 && <Text size="xs" c="dimmed">{t(asThread ? 'calendar.preview.threadOn' : 'calendar.preview.threadNote')}</Text>}
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
