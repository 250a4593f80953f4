import { AppShell, Avatar, Box, Burger, Group, Menu, NavLink, ScrollArea, Select, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBook, IconCalendarEvent, IconChartBar, IconChevronDown, IconHome, IconInbox, IconListCheck, IconLogout, IconMail,
  IconRadar, IconSettings, IconUrgent, IconTarget, IconUser, IconUsers, IconUsersGroup,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { clearCsrfToken, post } from '../api/client.ts';
import { SESSION_KEY, useWorkspaceState } from '../api/session.tsx';
import { useSetupStatus } from '../api/setup.ts';
import { ADMIN, AREAS, visibleItems } from '../nav.ts';
import { LiveEventsProvider } from '../api/live.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { Logo } from './Logo.tsx';
import { CrisisBanner } from '../pages/crisis/CrisisBanner.tsx';

const ICONS: Record<string, ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>> = {
  home: IconHome, strategy: IconTarget, calendar: IconCalendarEvent, inbox: IconInbox, community: IconUsersGroup, monitoring: IconRadar, crisis: IconUrgent,
  reports: IconChartBar, guidelines: IconBook, team: IconUsers, audit: IconListCheck, settings: IconSettings, profile: IconUser,
};

/** The signed-in frame: header (workspace, language, account), navigation by permission, main content. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { me, workspace, selectWorkspace } = useWorkspaceState();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const setup = useSetupStatus();
  const permissions = workspace?.permissions ?? [];

  useEffect(close, [location.pathname, close]);

  const logout = async () => {
    await post('/auth/logout').catch(() => undefined);
    clearCsrfToken();
    qc.clear();
    qc.setQueryData(SESSION_KEY, { state: 'anonymous' });
    await navigate('/login');
  };

  const item = (key: string, path: string, label: string) => {
    const Icon = ICONS[key] ?? IconHome;
    const active = path === '/' ? location.pathname === '/' : location.pathname.startsWith(path);
    return (
      <NavLink
        key={key}
        component={Link}
        to={path}
        label={label}
        active={active}
        aria-current={active ? 'page' : undefined}
        leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
        variant="light"
        fw={500}
      />
    );
  };
  const areas = visibleItems(AREAS, permissions);
  const admin = visibleItems(ADMIN, permissions);

  return (
    <LiveEventsProvider workspaceId={workspace?.id ?? null}>
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a href="#main" className="skip-link">{t('shell.skip')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} aria-expanded={opened} aria-controls="main-nav" />
            <Link to="/" aria-label={t('shell.homeLink')} style={{ textDecoration: 'none' }}>
              <Logo />
            </Link>
            {workspace && (
              <Box visibleFrom="xs" ml="md" w={260}>
                {me.workspaces.length > 1 ? (
                  <Select
                    label={t('shell.workspace')}
                    labelProps={{ className: 'sr-only' }}
                    data={me.workspaces.map((w) => ({ value: w.id, label: w.name }))}
                    value={workspace.id}
                    onChange={(v) => v && selectWorkspace(v)}
                    allowDeselect={false}
                    size="sm"
                    comboboxProps={{ withinPortal: true }}
                  />
                ) : (
                  <Text size="sm" fw={500}>
                    <VisuallyHidden>{t('shell.workspace')}: </VisuallyHidden>
                    {workspace.name}
                  </Text>
                )}
              </Box>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {workspace && <NotificationBell workspaceId={workspace.id} />}
            <LanguageSwitch />
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton aria-label={me.user.name} className="account-button">
                  <Group gap={8} wrap="nowrap">
                    <Avatar color="indigo" variant="light" size={32} aria-hidden />
                    <Text size="sm" fw={500} visibleFrom="md">{me.user.name}</Text>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>{t('nav.profile')}</Menu.Item>
                {setup.data?.devMailbox && (
                  <Menu.Item component={Link} to="/dev/mailbox" leftSection={<IconMail size={16} aria-hidden />}>{t('nav.mailbox')}</Menu.Item>
                )}
                <Menu.Divider />
                <Menu.Item onClick={() => void logout()} leftSection={<IconLogout size={16} aria-hidden />}>{t('shell.logout')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-nav" aria-label={t('shell.navigation')}>
        <ScrollArea type="never">
          {item('home', '/', t('nav.home'))}
          {areas.length > 0 && <Text className="nav-section" size="xs" fw={700} c="gray.7" tt="uppercase" mt="md" mb={4} px="sm">{t('shell.areas')}</Text>}
          {areas.map((a) => item(a.key, a.path, t(`nav.${a.key}`)))}
          {admin.length > 0 && <Text className="nav-section" size="xs" fw={700} c="gray.7" tt="uppercase" mt="md" mb={4} px="sm">{t('shell.administration')}</Text>}
          {admin.map((a) => item(a.key, a.path, t(`nav.${a.key}`)))}
          <Text className="nav-section" size="xs" fw={700} c="gray.7" tt="uppercase" mt="md" mb={4} px="sm">{t('shell.personal')}</Text>
          {item('profile', '/profile', t('nav.profile'))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Box maw={1200} mx="auto">
          {workspace && <CrisisBanner />}
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
    </LiveEventsProvider>
  );
}
