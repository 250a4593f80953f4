import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PRIORITY_COLOURS, type Item } from './inbox-api.ts';
import { SlaTimer } from './SlaTimer.tsx';

/** The item list; the selected row is `aria-current` and scrolled into view when moved by keyboard. */
export function ItemList({ items, selectedId, onSelect, now, names, channelName, meId }: {
  items: Item[]; selectedId: string | undefined; onSelect: (id: string) => void; now: number;
  names: Map<string, string>; channelName: (id: string | null) => string; meId: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (selectedId) refs.current.get(selectedId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <ul className="inbox-list" aria-label={t('inbox.listLabel')} data-testid="inbox-list">
      {items.map((i) => {
        const others = i.replying.filter((u) => u !== meId);
        return (
          <li key={i.id}>
            <button type="button" className="inbox-row" aria-current={i.id === selectedId ? 'true' : undefined} onClick={() => onSelect(i.id)}
              ref={(el) => { if (el) refs.current.set(i.id, el); else refs.current.delete(i.id); }} data-testid="inbox-row" data-item-id={i.id}>
              <Stack gap={4}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600} size="sm" truncate>{i.author?.displayName || i.author?.handle || t('inbox.unknownAuthor')}</Text>
                  <Text size="xs" c="dimmed">{formatDateTime(i.receivedAt, lang)}</Text>
                </Group>
                <Text size="sm" className="inbox-excerpt">{i.text}</Text>
                <Group gap={6}>
                  <SlaTimer sla={i.sla} now={now} />
                  <Badge variant="outline" color="gray.8" tt="none">{t(`inbox.status.${i.status}`)}</Badge>
                  {i.priority !== 'normal' && <Badge variant="outline" color={PRIORITY_COLOURS[i.priority]} tt="none">{t(`inbox.priority.${i.priority}`)}</Badge>}
                  <Badge variant="outline" color="gray.8" tt="none">{t(`inbox.kind.${i.kind}`)}</Badge>
                  {i.sentiment !== 'neutral' && <Badge variant="outline" color={i.sentiment === 'negative' ? 'red.9' : 'teal.9'} tt="none">{t(`inbox.sentiment.${i.sentiment}`)}</Badge>}
                  {i.assigneeId && <Text size="xs" c="dimmed">{t('inbox.assignedTo', { name: names.get(i.assigneeId) ?? '–' })}</Text>}
                  <Text size="xs" c="dimmed">{channelName(i.channelId)}</Text>
                  {others.length > 0 && (
                    <Badge color="orange.9" variant="filled" tt="none" leftSection={<IconPencil size={12} aria-hidden />} data-testid="replying-badge">
                      {t('inbox.replyingNow', { names: others.map((u) => names.get(u) ?? '–').join(', ') })}
                    </Badge>
                  )}
                  {i.hidden && <Badge color="gray.7" variant="filled" tt="none">{t('inbox.hidden')}</Badge>}
                </Group>
              </Stack>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
