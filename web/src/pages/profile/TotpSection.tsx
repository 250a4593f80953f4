import { Badge, Button, Card, Code, Group, Image, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { useRefreshSession, useWorkspaceState } from '../../api/session.tsx';
import type { RecoveryCodes as Codes, TotpSetup } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { svgDataUrl } from '../../lib/svg-data-url.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/** Two-factor authentication: set up with a QR code, confirm with a code, recovery codes; turn off with the password. */
export function TotpSection() {
  const { t } = useTranslation();
  const { me } = useWorkspaceState();
  const refresh = useRefreshSession();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => post<TotpSetup>('/profile/totp/setup') });
  const enable = useMutation({
    mutationFn: () => post<Codes>('/profile/totp/enable', { code: code.replace(/\s+/g, '') }),
    onSuccess: async (r) => {
      setCodes(r.recoveryCodes);
      setCode('');
      setup.reset();
      await refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => post('/profile/totp/disable', { password }),
    onSuccess: async () => {
      setPassword('');
      notifications.show({ color: 'teal', message: t('totp.disabled') });
      await refresh();
    },
  });
  const regenerate = useMutation({ mutationFn: () => post<Codes>('/profile/recovery-codes'), onSuccess: (r) => setCodes(r.recoveryCodes) });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="security" id="security-section">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4" id="security">{t('totp.sectionTitle')}</Title>
        <Badge color={me.user.totpEnabled ? 'teal.9' : 'gray.7'} variant="outline">{me.user.totpEnabled ? t('totp.on') : t('totp.off')}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('totp.sectionText')}</Text>
      <Stack maw={560}>
        <ErrorAlert error={setup.error ?? enable.error ?? disable.error ?? regenerate.error} />
        {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
        {!me.user.totpEnabled && !setup.data && (
          <Group><Button onClick={() => setup.mutate()} loading={setup.isPending}>{t('totp.start')}</Button></Group>
        )}
        {!me.user.totpEnabled && setup.data && (
          <form onSubmit={(e) => { e.preventDefault(); enable.mutate(); }}>
            <Stack>
              <Text size="sm">{t('totp.scan')}</Text>
              <Image src={svgDataUrl(setup.data.qrSvg)} alt={t('totp.qrAlt')} w={200} h={200} fit="contain" bg="white" p={4} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} />
              <Text size="sm">{t('totp.manual')} <Code data-testid="totp-secret">{setup.data.secret}</Code></Text>
              <TextInput label={t('fields.code')} description={t('totp.confirmHint')} autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.currentTarget.value)} maw={240} />
              <Group>
                <Button type="submit" loading={enable.isPending}>{t('totp.enable')}</Button>
                <Button variant="default" onClick={() => setup.reset()}>{t('common.cancel')}</Button>
              </Group>
            </Stack>
          </form>
        )}
        {me.user.totpEnabled && (
          <>
            <Group><Button variant="default" onClick={() => regenerate.mutate()} loading={regenerate.isPending}>{t('totp.regenerate')}</Button></Group>
            <form onSubmit={(e) => { e.preventDefault(); disable.mutate(); }}>
              <Group align="flex-end">
                <PasswordInput label={t('fields.password')} description={t('totp.disableHint')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} w={280} />
                <Button type="submit" color="red" variant="light" loading={disable.isPending}>{t('totp.disable')}</Button>
              </Group>
            </form>
          </>
        )}
      </Stack>
    </Card>
  );
}
