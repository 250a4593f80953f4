import { Alert, Anchor, Badge, Button, Card, Group, MultiSelect, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { checkText } from '../../../../providers/text-count.ts';
import { textLimitsOf } from '../calendar/text-limits.ts';
import { crisisKeys, useWorkspaceChannels, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/**
 * The statement composer, pre-filled from the playbook's holding statements. An approved holding
 * statement used as it is goes out on the fast track when the duty editor releases it; a changed
 * text first passes the crisis approval path. In a drill nothing is ever sent.
 */
export function StatementPanel({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const channels = useWorkspaceChannels();
  const chans = (channels.data?.items ?? []).filter((c) => c.status === 'connected' || room.crisis.drill);
  const [holdingId, setHoldingId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const holding = room.holdingStatements.find((h) => h.id === holdingId) ?? null;
  const changed = holding ? text !== holding.text : true;
  const refresh = () => qc.invalidateQueries({ queryKey: crisisKeys.room(ws.id, room.crisis.id) });
  const create = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/statements`, {
      ...(holdingId ? { holdingStatementId: holdingId } : {}), ...(changed ? { text: text.trim() } : {}), channelIds,
    }),
    onSuccess: async () => {
      setHoldingId(null);
      setText('');
      await refresh();
    },
  });
  const release = useMutation({
    mutationFn: (id: string) => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/statements/${id}/release`),
    onSettled: refresh,
  });
  const counts = useMemo(() => chans.filter((c) => channelIds.includes(c.id)).map((c) => ({ name: c.name, ...checkText(text, textLimitsOf(c.network, c.limits)) })), [chans, channelIds, text]);
  const active = room.crisis.state === 'active';
  const label = (h: CrisisRoom['holdingStatements'][number]) => `${h.title} (${h.language.toUpperCase()}, ${h.register === 'du' ? 'du' : 'Sie'})${h.usable ? '' : ` – ${t('crisis.holding.notApproved')}`}`;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="statements-title">
      <Title order={2} size="h4" id="statements-title" mb="xs">{t('crisis.statements.title')}</Title>
      {active && can('posts.write') && (
        <Stack gap="sm" mb="lg">
          <Select label={t('crisis.statements.fromHolding')} placeholder={t('crisis.statements.choose')} clearable data={room.holdingStatements.map((h) => ({ value: h.id, label: label(h) }))}
            value={holdingId} onChange={(v) => { setHoldingId(v); setText(room.holdingStatements.find((h) => h.id === v)?.text ?? ''); }} comboboxProps={{ withinPortal: true }} />
          <Textarea label={t('crisis.statements.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
          <MultiSelect label={t('crisis.statements.channels')} data={chans.map((c) => ({ value: c.id, label: c.name }))} value={channelIds} onChange={setChannelIds} comboboxProps={{ withinPortal: true }}
            description={chans.length === 0 ? t('crisis.statements.noChannels') : undefined} />
          {counts.length > 0 && (
            <Group gap="xs" aria-live="polite">
              {counts.map((c) => <Badge key={c.name} color={c.ok ? 'gray' : 'red'} variant="light" tt="none">{t('crisis.statements.count', { name: c.name, count: c.count, max: c.max })}</Badge>)}
            </Group>
          )}
          <Text size="sm" c="dimmed" data-testid="approval-path">
            {room.crisis.drill ? t('crisis.statements.drillPath') : holding && !changed && holding.usable ? t('crisis.statements.preApprovedPath') : t('crisis.statements.crisisPath')}
          </Text>
          <CrisisError error={create.error} />
          <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!text.trim() || channelIds.length === 0} style={{ alignSelf: 'flex-start' }}>{t('crisis.statements.create')}</Button>
        </Stack>
      )}
      {room.statements.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.statements.none')}</Text> : (
        <Stack gap="sm">
          {[...room.statements].reverse().map((s) => {
            const waiting = s.targets.some((x) => x.state === 'draft' || x.state === 'in_review');
            const ready = s.targets.some((x) => x.state === 'approved' || x.state === 'expired' || x.state === 'scheduled');
            return (
              <Card key={s.id} withBorder padding="sm" data-testid="statement">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{s.text}</Text>
                <Group gap="xs" mt="xs">
                  {s.preApproved && <Badge color="teal" variant="light">{t('crisis.statements.preApproved')}</Badge>}
                  {s.targets.map((x) => (
                    <Badge key={x.channelId} color={x.state === 'published' ? 'teal' : x.state === 'failed' ? 'red' : 'gray'} variant="light" tt="none" data-testid="statement-target">
                      {(chans.find((c) => c.id === x.channelId)?.name ?? '') + ': ' + t(`crisis.statements.targetState.${x.state}`, { defaultValue: x.state })}
                    </Badge>
                  ))}
                  {s.targets.filter((x) => x.remoteUrl).map((x) => <Anchor key={x.remoteUrl} href={x.remoteUrl!} target="_blank" rel="noreferrer" size="sm">{t('crisis.statements.view')}</Anchor>)}
                  {room.crisis.drill && <Badge color="indigo" variant="light">{t('crisis.statements.drillOnly')}</Badge>}
                </Group>
                {waiting && s.postId && <Text size="sm" mt="xs">{t('crisis.statements.needsApproval')} <Anchor component={Link} to={`/calendar/posts/${s.postId}`}>{t('crisis.statements.openApproval')}</Anchor></Text>}
                {s.targets.filter((x) => x.lastError).map((x) => <Text key={x.channelId} size="xs" c="red.9">{x.lastError}</Text>)}
                {can('crisis.decide') && active && (room.crisis.drill || ready) && (
                  <Button mt="xs" size="sm" color="red.9" style={{ alignSelf: 'flex-start' }} onClick={() => release.mutate(s.id)} loading={release.isPending && release.variables === s.id} data-testid="release">
                    {t(room.crisis.drill ? 'crisis.statements.releaseDrill' : 'crisis.statements.release')}
                  </Button>
                )}
              </Card>
            );
          })}
        </Stack>
      )}
      {release.error && <CrisisError error={release.error} />}
      {!active && room.statements.length > 0 && !room.crisis.drill && <Alert mt="sm" color="gray" variant="light">{t('crisis.statements.afterEnd')}</Alert>}
    </Card>
  );
}
