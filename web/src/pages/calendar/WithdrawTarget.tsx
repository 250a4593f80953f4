import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys } from './calendar-api.ts';

/** Takes a published post down from its network, with a reason for the audit trail (approvers, duty editor). */
export function WithdrawTarget({ targetId, postId, channelName }: { targetId: string; postId: string; channelName: string }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => post(`/workspaces/${ws.id}/publishing/targets/${targetId}/withdraw`, { reason: reason.trim() }),
    onSuccess: async () => {
      setOpen(false);
      await qc.invalidateQueries({ queryKey: calendarKeys.post(ws.id, postId) });
      await qc.invalidateQueries({ queryKey: calendarKeys.all(ws.id) });
    },
  });
  if (!can('posts.approve')) return null;
  return (
    <>
      <Button size="xs" variant="default" color="red" onClick={() => { setReason(''); withdraw.reset(); setOpen(true); }}>{t('calendar.withdraw.button')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('calendar.withdraw.title', { channel: channelName })} closeButtonProps={{ 'aria-label': t('calendar.withdraw.cancel') }}>
        <Stack>
          <Text size="sm">{t('calendar.withdraw.text')}</Text>
          <Textarea label={t('calendar.withdraw.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxLength={1000} data-autofocus />
          <ErrorAlert error={withdraw.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t('calendar.withdraw.cancel')}</Button>
            <Button color="red" disabled={reason.trim() === ''} loading={withdraw.isPending} onClick={() => withdraw.mutate()}>{t('calendar.withdraw.confirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
