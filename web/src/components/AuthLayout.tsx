import { Anchor, Box, Center, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

/** Frame of the signed-out pages: header with logo and language, one centred card as main content. */
export function AuthLayout({ title, subtitle, children, wide }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <a href="#main" className="skip-link">{t('shell.skip')}</a>
      <Box component="header" px="lg" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between">
          <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={t('shell.homeLink')}>
            <Logo />
          </Anchor>
          <LanguageSwitch />
        </Group>
      </Box>
      <Center component="main" id="main" tabIndex={-1} py={48} px="md">
        <Container size={wide ? 560 : 440} w="100%" p={0}>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="lg">
              <div>
                <Title order={1} size="h2">{title}</Title>
                {subtitle && <Text c="dimmed" mt={4}>{subtitle}</Text>}
              </div>
              {children}
            </Stack>
          </Paper>
        </Container>
      </Center>
    </Box>
  );
}
