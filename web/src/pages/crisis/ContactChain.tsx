import { Badge, Button, Card, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { crisisKeys, type CrisisRoom } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';

/** Who was called, how, and who acknowledged (with their substitutes); the member's own acknowledgement. */
export function ContactChain({ room }: { room: CrisisRoom }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { me } = useWorkspaceState();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const mine = room.contacts.find((k) => k.userId === me.user.id && !k.acknowledgedAt);
  const ack = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/crises/${room.crisis.id}/acknowledge`),
    onSuccess: () => qc.invalidateQueries({ queryKey: crisisKeys.all(ws.id) }),
  });
  const nameOf = (id: string | null) => room.contacts.find((k) => k.userId === id)?.name ?? null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="contacts-title">
      <Title order={2} size="h4" id="contacts-title" mb="xs">{t('crisis.contacts.title')}</Title>
      {room.contacts.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.contacts.none')}</Text> : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('crisis.contacts.person')}</Table.Th>
              <Table.Th scope="col">{t('crisis.contacts.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {room.contacts.map((k) => (
              <Table.Tr key={k.id} data-testid="contact-row">
                <Table.Td>
                  <Text size="sm" fw={500}>{k.name}</Text>
                  <Text size="xs" c="dimmed">{k.label}{k.substituteFor ? ` · ${t('crisis.contacts.substituteFor', { name: nameOf(k.substituteFor) ?? '?' })}` : ''}</Text>
                  <Text size="xs" c="dimmed">{t('crisis.contacts.calledAt', { at: formatDateTime(k.notifiedAt, lang), via: k.deliveries.map((d) => t(`crisis.contacts.via.${d.channel}`, { defaultValue: d.channel })).join(', ') })}</Text>
                </Table.Td>
                <Table.Td>
                  {k.acknowledgedAt ? (
                    <>
                      <Badge color="teal" variant="light" data-testid="ack-state">{t('crisis.contacts.acknowledgedShort')}</Badge>
                      <Text size="xs" c="dimmed">{formatDateTime(k.acknowledgedAt, lang)}</Text>
                    </>
                  ) : <Badge color={k.escalatedAt ? 'red' : 'orange'} variant="light" data-testid="ack-state">{t(k.escalatedAt ? 'crisis.contacts.escalated' : 'crisis.contacts.waiting')}</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mine && room.crisis.state === 'active' && <Button mt="sm" onClick={() => ack.mutate()} loading={ack.isPending} data-testid="room-ack">{t('crisis.contacts.acknowledgeMine')}</Button>}
      <CrisisError error={ack.error} />
    </Card>
  );
}
