import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { crisisKeys, usePlaybooks, useTemplates, type Playbook } from './crisis-api.ts';
import { CrisisError } from './CrisisError.tsx';
import { WebhooksCard } from './WebhooksCard.tsx';

/** Playbooks per scenario with their holding statements' approval state; a new one starts from our template. */
export function PlaybooksPage() {
  const { t } = useTranslation();
  usePageTitle(`${t('crisis.playbooks.title')} – ${t('nav.crisis')}`);
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const playbooks = usePlaybooks();
  const templates = useTemplates();
  const [scenario, setScenario] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const tpl = templates.data!.items.find((x) => x.scenario === scenario)!;
      const p = await post<Playbook>(`/workspaces/${ws.id}/crisis/playbooks`, { scenario: tpl.scenario, name: tpl.name, content: tpl.content });
      for (const h of tpl.holdingStatements) await post(`/workspaces/${ws.id}/crisis/playbooks/${p.id}/holding-statements`, h);
      return p;
    },
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: crisisKeys.playbooks(ws.id) });
      await navigate(`/crisis/playbooks/${p.id}`);
    },
  });
  const items = playbooks.data?.items ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/crisis" size="sm">{t('crisis.back')}</Anchor>
        <Title order={1} mt={4}>{t('crisis.playbooks.title')}</Title>
        <Text c="dimmed" mt={4}>{t('crisis.playbooks.subtitle')}</Text>
      </div>
      {can('crisis.prepare') && (
        <Card withBorder padding="lg" component="section" aria-labelledby="new-playbook">
          <Title order={2} size="h4" id="new-playbook" mb="xs">{t('crisis.playbooks.create')}</Title>
          <Group align="flex-end">
            <Select label={t('crisis.playbooks.scenario')} data={(templates.data?.items ?? []).map((x) => ({ value: x.scenario, label: t(`crisis.scenario.${x.scenario}`) }))} value={scenario} onChange={setScenario} comboboxProps={{ withinPortal: true }} w={320} />
            <Button onClick={() => create.mutate()} disabled={!scenario || !templates.data} loading={create.isPending}>{t('crisis.playbooks.fromTemplate')}</Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">{t('crisis.playbooks.templateHelp')}</Text>
          <CrisisError error={create.error} />
        </Card>
      )}
      <Card withBorder padding="lg">
        {items.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.playbooks.none')}</Text> : (
          <ScrollTable minWidth={620} label={t('crisis.playbooks.title')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('crisis.playbooks.name')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.playbooks.scenario')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.playbooks.team')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.playbooks.statements')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.playbooks.version')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => {
                  const ok = p.holdingStatements.filter((h) => h.usable).length;
                  return (
                    <Table.Tr key={p.id} data-testid="playbook-row">
                      <Table.Td><Anchor component={Link} to={`/crisis/playbooks/${p.id}`}>{p.name}</Anchor>{p.archived && <Badge ml="xs" color="gray" variant="light">{t('crisis.playbooks.archived')}</Badge>}</Table.Td>
                      <Table.Td>{t(`crisis.scenario.${p.scenario}`)}</Table.Td>
                      <Table.Td>{p.content.team.length}</Table.Td>
                      <Table.Td><Badge color={ok > 0 ? 'teal' : 'orange'} variant="light">{t('crisis.playbooks.approvedOf', { ok, total: p.holdingStatements.length })}</Badge></Table.Td>
                      <Table.Td>v{p.version}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>
      {can('crisis.prepare') && <WebhooksCard />}
    </Stack>
  );
}
