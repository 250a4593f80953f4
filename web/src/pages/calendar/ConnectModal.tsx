import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { calendarKeys, serverMessage, type Channel } from './calendar-api.ts';

/**
 * Connecting a channel: Bluesky with handle, app password and PDS URL; Mastodon by instance URL,
 * after which the browser goes to the instance to authorise (OAuth).
 */
export function ConnectModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const qc = useQueryClient();
  const [identifier, setIdentifier] = useState(channel.accountHandle ?? '');
  const [password, setPassword] = useState('');
  const [serviceUrl, setServiceUrl] = useState(channel.serviceUrl ?? (channel.network === 'bluesky' ? 'https://bsky.social' : ''));
  const base = `/workspaces/${ws.id}/channels/${channel.id}`;
  const connect = useMutation({
    mutationFn: async () => {
      if (channel.network === 'bluesky') return post<Channel>(`${base}/connect/password`, { identifier, password, serviceUrl: serviceUrl || undefined });
      const { authorizeUrl } = await post<{ authorizeUrl: string }>(`${base}/connect/oauth`, { instanceUrl: serviceUrl });
      window.location.assign(authorizeUrl);
      return null;
    },
    onSuccess: async (c) => {
      if (!c) return;
      notifications.show({ color: 'teal', message: t('calendar.channels.connected', { name: c.name }), closeButtonProps: { 'aria-label': t('calendar.close') } });
      await qc.invalidateQueries({ queryKey: calendarKeys.channels(ws.id) });
      onClose();
    },
  });
  const detail = serverMessage(connect.error);
  return (
    <Modal opened onClose={onClose} title={t('calendar.channels.connectTitle', { name: channel.name })} closeButtonProps={{ 'aria-label': t('calendar.close') }}>
      <form onSubmit={(e) => { e.preventDefault(); connect.mutate(); }}>
        <Stack gap="sm">
          {channel.network === 'bluesky' ? (
            <>
              <TextInput label={t('calendar.channels.handle')} description={t('calendar.channels.handleHelp')} value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)} required autoComplete="username" />
              <PasswordInput label={t('calendar.channels.appPassword')} description={t('calendar.channels.appPasswordHelp')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required autoComplete="current-password" />
              <TextInput type="url" label={t('calendar.channels.pdsUrl')} description={t('calendar.channels.pdsUrlHelp')} value={serviceUrl} onChange={(e) => setServiceUrl(e.currentTarget.value)} />
            </>
          ) : (
            <>
              <TextInput type="url" label={t('calendar.channels.instanceUrl')} placeholder="https://social.bund.de" value={serviceUrl} onChange={(e) => setServiceUrl(e.currentTarget.value)} required />
              <Text size="sm">{t('calendar.channels.oauthNote')}</Text>
            </>
          )}
          <ErrorAlert error={connect.error} />
          {detail && <Alert color="red" variant="light" title={t('calendar.serverSays')}>{detail}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('calendar.cancel')}</Button>
            <Button type="submit" loading={connect.isPending}>{t(channel.network === 'bluesky' ? 'calendar.channels.connect' : 'calendar.channels.toInstance')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
