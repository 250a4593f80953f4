import { Alert, Anchor, Badge, Box, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api/client.ts';
import type { DevMail } from '../api/types.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { currentLanguage } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { linkify, toAppPath } from '../lib/linkify.ts';

/** Development only: the mails Resonanz would have sent (no SMTP configured), with clickable links. */
export function DevMailboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('mailbox.title'));
  const mails = useQuery({ queryKey: ['dev-mailbox'], queryFn: () => get<{ items: DevMail[] }>('/dev/mailbox'), refetchInterval: 5000 });
  const lang = currentLanguage();
  return (
    <Box mih="100vh" bg="gray.0">
      <a href="#main" className="skip-link">{t('shell.skip')}</a>
      <Box component="header" px="lg" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between">
          <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={t('shell.homeLink')}><Logo /></Anchor>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container size="md" py="xl" component="main" id="main" tabIndex={-1}>
        <Stack>
          <Group justify="space-between">
            <div>
              <Title order={1}>{t('mailbox.title')}</Title>
              <Text c="dimmed">{t('mailbox.subtitle')}</Text>
            </div>
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void mails.refetch()}>{t('common.refresh')}</Button>
          </Group>
          {mails.isError && <Alert color="red" role="alert">{t('mailbox.unavailable')}</Alert>}
          {mails.data?.items.length === 0 && <Alert color="gray" role="status">{t('mailbox.empty')}</Alert>}
          {mails.data?.items.map((m) => (
            <Card key={m.id} withBorder padding="lg" component="article" aria-labelledby={`mail-${m.id}`}>
              <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
                <Title order={2} size="h4" id={`mail-${m.id}`}>{m.subject}</Title>
                <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>{formatDateTime(m.createdAt, lang)}</Badge>
              </Group>
              <Text size="sm" mb="sm"><strong>{t('mailbox.to')}:</strong> {m.to}</Text>
              <div className="mail-text">
                {linkify(m.text).map((p, i) =>
                  p.kind === 'text' ? (
                    <Fragment key={i}>{p.text}</Fragment>
                  ) : (
                    <MailLink key={i} href={p.href} />
                  ),
                )}
              </div>
            </Card>
          ))}
        </Stack>
      </Container>
    </Box>
  );
}

function MailLink({ href }: { href: string }) {
  const path = toAppPath(href, window.location.origin);
  return path ? <Anchor component={Link} to={path}>{href}</Anchor> : <Anchor href={href}>{href}</Anchor>;
}
