import { Alert, Anchor, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconMail, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { apiUrl, del, post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ReportBody } from './ReportBody.tsx';
import { reportsKey, useDeliveries, useReport, useReportData, type ReportDelivery } from './reports-api.ts';

function Deliveries({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const deliveries = useDeliveries(reportId);
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  const items = deliveries.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="deliveries-heading">
      <Title order={2} size="h4" id="deliveries-heading">{t('reports.deliveries.title')}</Title>
      <ErrorAlert error={deliveries.error} />
      {deliveries.data && items.length === 0 && <Text size="sm" c="dimmed" mt="xs">{t('reports.deliveries.empty')}</Text>}
      {items.length > 0 && (
        <Table fz="sm" mt="xs">
          <Table.Thead><Table.Tr><Table.Th>{t('reports.deliveries.sent')}</Table.Th><Table.Th>{t('reports.deliveries.period')}</Table.Th><Table.Th>{t('reports.deliveries.how')}</Table.Th><Table.Th>{t('reports.deliveries.to')}</Table.Th><Table.Th>PDF</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((d: ReportDelivery) => (
              <Table.Tr key={d.id} data-testid="delivery">
                <Table.Td>{formatDateTime(d.createdAt, lang, ws.timezone)}</Table.Td>
                <Table.Td>{day(d.periodStart)} – {day(d.periodEnd)}{d.status === 'empty' ? ` (${t('reports.deliveries.noData')})` : ''}</Table.Td>
                <Table.Td>{t(`reports.deliveries.trigger.${d.trigger}`)}</Table.Td>
                <Table.Td>{d.recipients.join(', ')}</Table.Td>
                <Table.Td><Anchor href={apiUrl(`/workspaces/${ws.id}/reports/${reportId}/deliveries/${d.id}/pdf`)} download c="indigo.8" underline="always">{t('reports.deliveries.download')}</Anchor></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** One report: choose the period, preview it, download PDF and CSV, send it now, see what was sent. */
export function ReportView() {
  const { t } = useTranslation();
  const { reportId = '' } = useParams();
  const lang = currentLanguage();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const report = useReport(reportId);
  usePageTitle(report.data?.name ?? t('nav.reports'));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const data = useReportData(reportId, range);
  const [confirmSend, setConfirmSend] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const send = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/reports/${reportId}/send`, range),
    onSuccess: async () => {
      setConfirmSend(false);
      notifications.show({ color: 'teal', message: t('reports.view.sent'), closeButtonProps: { 'aria-label': t('common.close') } });
      await qc.invalidateQueries({ queryKey: reportsKey(ws.id) });
    },
  });
  const remove = useMutation({
    mutationFn: () => del(`/workspaces/${ws.id}/reports/${reportId}`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: reportsKey(ws.id) });
      await navigate('/reports');
    },
  });
  const r = report.data;
  const p = data.data?.period;
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, lang, 'UTC');
  const pdf = apiUrl(`/workspaces/${ws.id}/reports/${reportId}/pdf`, range);

  return (
    <Stack gap="lg">
      <ErrorAlert error={report.error} />
      {r && (
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>{r.name}</Title>
            <Text c="dimmed" mt={4}>
              {t(`reports.period.${r.period}`)} · {r.language === 'de' ? 'Deutsch' : 'English'} · {r.scheduleEnabled ? t('reports.list.scheduled', { count: r.recipients.length, from: day(r.nextPeriod.from), to: day(r.nextPeriod.to) }) : t('reports.list.notScheduled')}
            </Text>
          </div>
          <Group gap="xs">
            <Button component="a" href={pdf} download leftSection={<IconDownload size={16} aria-hidden />}>{t('reports.view.pdf')}</Button>
            {can('reports.write') && (
              <>
                <Button variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={() => setConfirmSend(true)} disabled={!r.recipients.length}>{t('reports.view.send')}</Button>
                <Button variant="default" component={Link} to={`/reports/${reportId}/edit`} leftSection={<IconPencil size={16} aria-hidden />}>{t('reports.view.edit')}</Button>
                <Button variant="outline" color="red.9" onClick={() => setConfirmDelete(true)} leftSection={<IconTrash size={16} aria-hidden />}>{t('reports.view.delete')}</Button>
              </>
            )}
          </Group>
        </Group>
      )}
      <Card withBorder padding="md" component="form" aria-label={t('reports.view.periodLabel')} onSubmit={(e) => { e.preventDefault(); setRange(from && to ? { from, to } : {}); }}>
        <Group align="flex-end">
          <Text size="sm" style={{ flex: 1 }}>{p ? t('reports.view.showing', { from: day(p.from), to: day(p.to), pfrom: day(data.data!.previous.from), pto: day(data.data!.previous.to) }) : ' '}</Text>
          <TextInput type="date" label={t('reports.view.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('reports.view.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button type="submit" variant="default">{t('reports.view.apply')}</Button>
          {range.from && <Button variant="default" onClick={() => { setFrom(''); setTo(''); setRange({}); }}>{t('reports.view.lastPeriod')}</Button>}
        </Group>
      </Card>
      <ErrorAlert error={data.error} />
      {data.data && <ReportBody data={data.data} reportId={reportId} />}
      {r && <Deliveries reportId={reportId} />}
      <Modal opened={confirmSend} onClose={() => setConfirmSend(false)} title={t('reports.view.sendTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('reports.view.sendText', { recipients: r?.recipients.join(', ') ?? '', from: p ? day(p.from) : '', to: p ? day(p.to) : '' })}</Text>
        {data.data?.empty && <Alert color="orange" variant="light" mt="sm">{t('reports.view.sendEmpty')}</Alert>}
        <ErrorAlert error={send.error} />
        <Group justify="flex-end" mt="md"><Button variant="default" onClick={() => setConfirmSend(false)}>{t('common.cancel')}</Button><Button loading={send.isPending} onClick={() => send.mutate()}>{t('reports.view.sendConfirm')}</Button></Group>
      </Modal>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('reports.view.deleteTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('reports.view.deleteText', { name: r?.name ?? '' })}</Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end" mt="md"><Button variant="default" onClick={() => setConfirmDelete(false)}>{t('common.cancel')}</Button><Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate()}>{t('reports.view.delete')}</Button></Group>
      </Modal>
    </Stack>
  );
}
