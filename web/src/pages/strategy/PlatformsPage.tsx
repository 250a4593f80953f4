import { Badge, Card, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BrandSheet } from './BrandSheet.tsx';
import { ItemPage } from './items/ItemPage.tsx';
import type { Platform } from './strategy-api.ts';
import { NETWORK_LABEL, useOptions } from './use-options.ts';

/** Platform strategy per channel: purpose, target groups, frequency, response time, tone, brand sheet. */
export function PlatformsPage() {
  const { t } = useTranslation();
  const o = useOptions();
  return (
    <ItemPage<Platform>
      type="platforms" title={t('strategy.platforms.title')} intro={t('strategy.platforms.intro')} empty={t('strategy.platforms.empty')} newLabel={t('strategy.platforms.new')}
      nameOf={(p) => NETWORK_LABEL[p.network] ?? p.network}
      nullable={['channelId', 'ownerId', 'deputyId', 'postsPerWeek', 'responseTimeMinutes']}
      fields={[
        { name: 'network', kind: 'select', label: t('strategy.items.field.network'), required: true, options: o.networks },
        { name: 'channelId', kind: 'select', label: t('strategy.items.field.channelId'), options: o.channels.filter((c) => !o.networks.some((n) => n.value === c.value)), clearable: true, description: t('strategy.platforms.channelHint') },
        { name: 'purpose', kind: 'textarea', label: t('strategy.items.field.purpose') },
        { name: 'targetGroupIds', kind: 'multiselect', label: t('strategy.items.field.targetGroupIds'), options: o.targetGroups, wide: true },
        { name: 'postsPerWeek', kind: 'number', label: t('strategy.items.field.postsPerWeek'), min: 0, max: 1000 },
        { name: 'responseTimeMinutes', kind: 'number', label: t('strategy.items.field.responseTimeMinutes'), min: 1, max: 20160, description: t('strategy.platforms.responseHint') },
        { name: 'tone', kind: 'text', label: t('strategy.items.field.tone'), wide: true },
        { name: 'ownerId', kind: 'select', label: t('strategy.items.field.ownerId'), options: o.members, clearable: true },
        { name: 'deputyId', kind: 'select', label: t('strategy.items.field.deputyId'), options: o.members, clearable: true },
        { name: 'visualIdentity', kind: 'textarea', label: t('strategy.items.field.visualIdentity'), description: t('strategy.platforms.visualHint') },
      ]}
      toValues={(p) => ({
        network: p?.network ?? 'bluesky', channelId: p?.channelId ?? null, purpose: p?.purpose ?? '', targetGroupIds: p?.targetGroupIds ?? [], postsPerWeek: p?.postsPerWeek ?? null,
        responseTimeMinutes: p?.responseTimeMinutes ?? null, tone: p?.tone ?? '', ownerId: p?.ownerId ?? null, deputyId: p?.deputyId ?? null, visualIdentity: p?.visualIdentity ?? '',
      })}
      render={(p, actions) => (
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Group gap="xs"><Text fw={600}>{NETWORK_LABEL[p.network] ?? p.network}</Text>{p.channelId && <Badge size="sm" variant="outline" color="gray.7">{o.labelOf(p.channelId)}</Badge>}</Group>
              {p.purpose && <Text size="sm" mt={4}>{p.purpose}</Text>}
            </div>
            {actions}
          </Group>
          <List size="sm" mt="xs" spacing={2}>
            <List.Item>{t('strategy.platforms.groups', { groups: p.targetGroupIds.map((id) => o.groupName(id)).filter(Boolean).join(', ') || '–' })}</List.Item>
            <List.Item>{t('strategy.platforms.frequency', { count: p.postsPerWeek ?? 0, value: p.postsPerWeek ?? '–' })}</List.Item>
            <List.Item>{p.responseTimeMinutes ? t('strategy.platforms.response', { minutes: p.responseTimeMinutes }) : t('strategy.platforms.noResponse')}</List.Item>
            {p.tone && <List.Item>{t('strategy.platforms.tone', { tone: p.tone })}</List.Item>}
            <List.Item>{t('strategy.platforms.people', { owner: o.nameOf(p.ownerId) ?? '–', deputy: o.nameOf(p.deputyId) ?? '–' })}</List.Item>
          </List>
          {p.visualIdentity && <Text size="sm" c="dimmed" mt="xs">{p.visualIdentity}</Text>}
          <BrandSheet platformId={p.id} network={p.network} />
        </Card>
      )}
    />
  );
}
