/** An inbox item with its moderation buttons, rule suggestions and earlier actions on it. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { get } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, type Action } from './community-api.ts';
import { ModerationActions, ModerationStateBadge, useLadder } from './ModerationActions.tsx';

export function ModerateItemPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.moderation.itemTitle'));
  const { itemId } = useParams();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const ladder = useLadder(ws.id, itemId!);
  const history = useQuery({ queryKey: communityKeys.of(ws.id, 'actions', { itemId }), queryFn: () => get<{ items: Action[] }>(`/workspaces/${ws.id}/moderation/actions`, { itemId }).then((r) => r.items) });
  if (ladder.error) return <ErrorAlert error={ladder.error} />;
  const d = ladder.data;
  if (!d) return null;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack>
      <Title order={1}>{t('community.moderation.itemTitle')}</Title>
      <Card withBorder>
        <Group justify="space-between">
          <Text fw={600}>{d.item.authorHandle ?? '–'} {d.item.authorName ? `(${d.item.authorName})` : ''}</Text>
          <ModerationStateBadge state={d.item.moderationState} hidden={d.item.hidden} />
        </Group>
        <Text size="sm" c="dimmed">{when(d.item.receivedAt)} · {d.network}{d.item.url ? <> · <a href={d.item.url} target="_blank" rel="noreferrer noopener">{t('community.moderation.onNetwork')}</a></> : null}</Text>
        <Text mt="sm" data-testid="item-text">{d.item.text}</Text>
        {d.flags.length > 0 && <Group mt="sm">{d.flags.map((f) => <Badge key={f.ruleId} color="orange" variant="light">{t('community.moderation.suggested', { clause: f.clauseTitle, rule: f.ruleName })}</Badge>)}</Group>}
      </Card>
      <ModerationActions workspaceId={ws.id} itemId={d.item.id} onDone={(a) => navigate(`/community/moderation/${a.id}`)} />
      {(history.data?.length ?? 0) > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('community.moderation.itemHistory')}</Title>
          {history.data!.map((a) => <Text key={a.id} size="sm"><Anchor component={Link} to={`/community/moderation/${a.id}`}>{when(a.createdAt)}</Anchor> · {t(`community.moderation.action.${a.action}`)} · {a.clauseTitle}</Text>)}
        </Card>
      )}
    </Stack>
  );
}
