import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { del, get, put } from '../../api/client.ts';
import { useCan, useRefreshSession, useWorkspace, useWorkspaceState } from '../../api/session.tsx';
import type { Invitation, Member, Team } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { InviteForm } from './InviteForm.tsx';
import { PermissionTable } from './PermissionTable.tsx';
import { RoleCheckboxes } from './RoleCheckboxes.tsx';

function RoleBadges({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((r) => <Badge key={r} variant="light" size="sm" tt="none">{t(`roles.${r}.name`)}</Badge>)}
    </Group>
  );
}

/** Team & roles: members with their roles, open invitations, the invite form and the permission table. */
export function TeamPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.team'));
  const ws = useWorkspace();
  const { me } = useWorkspaceState();
  const can = useCan();
  const manage = can('members.manage');
  const qc = useQueryClient();
  const refresh = useRefreshSession();
  const lang = currentLanguage();
  const team = useQuery({ queryKey: ['team', ws.id], queryFn: () => get<Team>(`/workspaces/${ws.id}/members`) });
  const [editing, setEditing] = useState<Member | null>(null);
  const [editRoles, setEditRoles] = useState<string[]>([]);
  const [removing, setRemoving] = useState<Member | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: ['team', ws.id] });

  const saveRoles = useMutation({
    mutationFn: () => put<Member>(`/workspaces/${ws.id}/members/${editing!.userId}/roles`, { roles: editRoles }),
    onSuccess: async (m) => {
      setEditing(null);
      notifications.show({ color: 'teal', message: t('team.rolesSaved', { name: m.name }) });
      await invalidate();
      if (m.userId === me.user.id) await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (m: Member) => del(`/workspaces/${ws.id}/members/${m.userId}`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('team.removed', { name: removing?.name }) });
      setRemoving(null);
      await invalidate();
    },
  });
  const revoke = useMutation({
    mutationFn: (i: Invitation) => del(`/workspaces/${ws.id}/invitations/${i.id}`),
    onSuccess: async (_r, i) => {
      notifications.show({ color: 'teal', message: t('team.revoked', { email: i.email }) });
      await invalidate();
    },
  });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('nav.team')}</Title>
        <Text c="dimmed" mt={4}>{t('team.subtitle', { workspace: ws.name })}</Text>
      </div>
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t('team.tabMembers')}</Tabs.Tab>
          <Tabs.Tab value="permissions">{t('team.tabPermissions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="lg">
          <Stack gap="lg">
            <ErrorAlert error={team.error ?? revoke.error} />
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="md">{t('team.membersTitle', { count: team.data?.members.length ?? 0 })}</Title>
              <ScrollTable minWidth={640} label={t('team.tabMembers')}>
                <Table verticalSpacing="sm" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('fields.roles')}</Table.Th>
                      <Table.Th scope="col">{t('team.joined')}</Table.Th>
                      {manage && <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {team.data?.members.map((m) => (
                      <Table.Tr key={m.userId} data-testid="member-row">
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm" fw={500}>{m.name}</Text>
                            {m.totpEnabled && <IconShieldCheck size={16} color="var(--mantine-color-teal-8)" aria-label={t('team.totpOn')} role="img" />}
                          </Group>
                          <Text size="xs" c="dimmed">{m.email}</Text>
                        </Table.Td>
                        <Table.Td><RoleBadges roles={m.roles} /></Table.Td>
                        <Table.Td><Text size="sm">{formatDate(m.joinedAt, lang, ws.timezone)}</Text></Table.Td>
                        {manage && (
                          <Table.Td ta="right">
                            <Menu position="bottom-end">
                              <Menu.Target>
                                <ActionIcon variant="subtle" color="gray.8" aria-label={t('team.actionsFor', { name: m.name })}><IconDots size={18} aria-hidden /></ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item onClick={() => { saveRoles.reset(); setEditRoles(m.roles); setEditing(m); }}>{t('team.changeRoles')}</Menu.Item>
                                <Menu.Item color="red.8" onClick={() => { remove.reset(); setRemoving(m); }}>{t('team.remove')}</Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </Card>

            {manage && (
              <Card withBorder padding="lg">
                <Title order={2} size="h4" mb={4} id="invite-heading">{t('team.inviteTitle')}</Title>
                <Text size="sm" c="dimmed" mb="md">{t('team.inviteText')}</Text>
                <InviteForm />
              </Card>
            )}

            {manage && (
              <Card withBorder padding="lg">
                <Title order={2} size="h4" mb="md">{t('team.invitationsTitle')}</Title>
                {team.data && team.data.invitations.length === 0 ? (
                  <Text size="sm" c="dimmed">{t('team.noInvitations')}</Text>
                ) : (
                  <ScrollTable minWidth={560} label={t('team.invitationsTitle')}>
                    <Table verticalSpacing="sm">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('fields.email')}</Table.Th>
                          <Table.Th scope="col">{t('fields.roles')}</Table.Th>
                          <Table.Th scope="col">{t('team.expires')}</Table.Th>
                          <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {team.data?.invitations.map((i) => (
                          <Table.Tr key={i.id} data-testid="invitation-row">
                            <Table.Td><Text size="sm">{i.email}</Text></Table.Td>
                            <Table.Td><RoleBadges roles={i.roles} /></Table.Td>
                            <Table.Td><Text size="sm">{formatDate(i.expiresAt, lang, ws.timezone)}</Text></Table.Td>
                            <Table.Td ta="right">
                              <Button size="xs" variant="subtle" color="red.8" onClick={() => revoke.mutate(i)} aria-label={t('team.revokeFor', { email: i.email })}>{t('team.revoke')}</Button>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollTable>
                )}
              </Card>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="permissions" pt="lg">
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb={4}>{t('team.tabPermissions')}</Title>
            <Text size="sm" c="dimmed" mb="md">{t('team.permissionsText')}</Text>
            <PermissionTable />
          </Card>
        </Tabs.Panel>
      </Tabs>

      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={editing !== null} onClose={() => setEditing(null)} title={t('team.changeRolesFor', { name: editing?.name ?? '' })} size="lg">
        <Stack>
          <ErrorAlert error={saveRoles.error} />
          <RoleCheckboxes value={editRoles} onChange={setEditRoles} canGrantOwner={ws.roles.includes('owner')} error={editRoles.length ? null : t('validation.roles')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button onClick={() => saveRoles.mutate()} disabled={editRoles.length === 0} loading={saveRoles.isPending}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={removing !== null} onClose={() => setRemoving(null)} title={t('team.removeTitle')}>
        <Stack>
          <ErrorAlert error={remove.error} />
          <Text>{t('team.removeConfirm', { name: removing?.name ?? '', workspace: ws.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
            <Button color="red.8" onClick={() => removing && remove.mutate(removing)} loading={remove.isPending}>{t('team.remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
