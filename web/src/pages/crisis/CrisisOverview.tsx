import { Anchor, Badge, Button, Card, EmptyState, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUrgent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCrises, useCrisisState, usePlaybooks } from './crisis-api.ts';
import { DeclareForm } from './DeclareForm.tsx';
import { DrillForm } from './DrillForm.tsx';

/** Crisis overview: what is going on now, declaring a crisis or starting a drill, and the history with reports. */
export function CrisisOverview() {
  const { t } = useTranslation();
  usePageTitle(t('nav.crisis'));
  const ws = useWorkspace();
  const can = useCan();
  const lang = currentLanguage();
  const state = useCrisisState();
  const crises = useCrises();
  const playbooks = usePlaybooks();
  const [declaring, declare] = useDisclosure(false);
  const [drilling, drill] = useDisclosure(false);
  const usable = (playbooks.data?.items ?? []).filter((p) => !p.archived);
  const current = [state.data?.active, state.data?.proposal, state.data?.drill].filter((c): c is NonNullable<typeof c> => Boolean(c));
  const history = (crises.data?.items ?? []).filter((c) => c.state === 'ended' || c.state === 'dismissed');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.crisis')}</Title>
          <Text c="dimmed" mt={4}>{t('crisis.overview.subtitle')}</Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/crisis/playbooks" variant="default">{t('crisis.playbooks.title')}</Button>
          {can('crisis.prepare') && <Button variant="default" onClick={drill.open} disabled={usable.length === 0 || Boolean(state.data?.drill)}>{t('crisis.drill.start')}</Button>}
          {can('crisis.decide') && <Button color="red.9" leftSection={<IconUrgent size={16} aria-hidden />} onClick={declare.open} disabled={usable.length === 0 || Boolean(state.data?.active)}>{t('crisis.declare.button')}</Button>}
        </Group>
      </Group>

      {current.length > 0 ? (
        <Stack gap="sm">
          {current.map((c) => (
            <Card key={c.id} withBorder padding="lg" data-testid="current-crisis">
              <Group justify="space-between">
                <div>
                  <Group gap="xs">
                    <Badge color={c.drill ? 'indigo' : c.state === 'proposed' ? 'orange' : 'red'} variant="light">{t(c.drill ? 'crisis.kind.drill' : `crisis.state.${c.state}`)}</Badge>
                    <Text fw={600}>{c.title}</Text>
                  </Group>
                  <Text size="sm" c="dimmed" mt={4}>{t('crisis.overview.level', { level: c.severity })} · {formatDateTime(c.confirmedAt ?? c.proposedAt ?? c.createdAt, lang)}</Text>
                </div>
                <Button component={Link} to={`/crisis/${c.id}`}>{t(c.state === 'proposed' ? 'crisis.overview.review' : 'crisis.overview.openRoom')}</Button>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Card withBorder padding="xl">
          <EmptyState icon={<IconUrgent size={32} aria-hidden />} variant="light" title={<span>{t('crisis.overview.calm')}</span>}
            description={usable.length === 0 ? t('crisis.overview.noPlaybook') : t('crisis.overview.calmText')} />
          {usable.length === 0 && can('crisis.prepare') && <Group justify="center" mt="md"><Button component={Link} to="/crisis/playbooks">{t('crisis.playbooks.create')}</Button></Group>}
        </Card>
      )}

      <Card withBorder padding="lg" component="section" aria-labelledby="crisis-history">
        <Title order={2} size="h4" id="crisis-history" mb="sm">{t('crisis.overview.history')}</Title>
        {history.length === 0 ? <Text size="sm" c="dimmed">{t('crisis.overview.noHistory')}</Text> : (
          <ScrollTable minWidth={640} label={t('crisis.overview.history')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('crisis.overview.when')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.overview.what')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.overview.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.overview.report')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.map((c) => (
                  <Table.Tr key={c.id} data-testid="history-row">
                    <Table.Td>{formatDateTime(c.confirmedAt ?? c.proposedAt ?? c.createdAt, lang)}</Table.Td>
                    <Table.Td><Anchor component={Link} to={`/crisis/${c.id}`}>{c.title}</Anchor>{c.drill && <Badge ml="xs" size="sm" color="indigo" variant="light">{t('crisis.kind.drill')}</Badge>}</Table.Td>
                    <Table.Td>{t(`crisis.state.${c.state}`)}</Table.Td>
                    <Table.Td>{c.hasReport ? <Anchor href={`/api/v1/workspaces/${ws.id}/crises/${c.id}/report.pdf?lang=${lang}`} download>{t('crisis.overview.pdf')}</Anchor> : '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Card>

      <Modal opened={declaring} onClose={declare.close} title={t('crisis.declare.title')} size="lg">
        <DeclareForm playbooks={usable} onDone={declare.close} />
      </Modal>
      <Modal opened={drilling} onClose={drill.close} title={t('crisis.drill.title')}>
        <DrillForm playbooks={usable} onDone={drill.close} />
      </Modal>
    </Stack>
  );
}
