import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CrisisError } from './CrisisError.tsx';

interface AckInfo { crisisId: string; title: string; drill: boolean; name: string; acknowledgedAt: string | null }

/**
 * Target of the personal link in a crisis call (/ack/crisis/<token>): no sign-in needed. Opening the
 * page acknowledges nothing (mail scanners follow links); the button does.
 */
export function AckPage() {
  const { t } = useTranslation();
  usePageTitle(t('crisis.ack.title'));
  const { token = '' } = useParams();
  const lang = currentLanguage();
  const info = useQuery({ queryKey: ['crisis-ack', token], queryFn: () => get<AckInfo>(`/crisis-acks/${encodeURIComponent(token)}`), retry: false });
  const ack = useMutation({ mutationFn: () => post<AckInfo>(`/crisis-acks/${encodeURIComponent(token)}`), onSuccess: () => info.refetch() });
  const d = info.data;
  return (
    <AuthLayout title={t('crisis.ack.title')}>
      <Stack gap="sm">
        {info.error && <CrisisError error={info.error} />}
        {d && (
          <>
            <Text>{t(d.drill ? 'crisis.ack.drillIntro' : 'crisis.ack.intro', { name: d.name, title: d.title })}</Text>
            {d.acknowledgedAt
              ? <Alert color="teal" variant="light" role="status" data-testid="ack-done">{t('crisis.ack.done', { at: formatDateTime(d.acknowledgedAt, lang) })}</Alert>
              : <Button onClick={() => ack.mutate()} loading={ack.isPending}>{t('crisis.ack.button')}</Button>}
            <CrisisError error={ack.error} />
            <Button component={Link} to={`/crisis/${d.crisisId}`} variant="default">{t('crisis.ack.openRoom')}</Button>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
