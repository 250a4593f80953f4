import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { usePageTitle } from '../../components/page-title.ts';
import { AlertsPage } from './AlertsPage.tsx';
import { useMonitoringLive } from './monitoring-api.ts';
import { QueriesPage } from './QueriesPage.tsx';
import { QueryEditPage } from './QueryEditPage.tsx';
import { SourcesPage } from './SourcesPage.tsx';

// The chart library is large: it loads only when the dashboard is opened.
const DashboardPage = lazy(() => import('./DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));

const SECTIONS = [
  { key: 'dashboard', path: '/monitoring' },
  { key: 'queries', path: '/monitoring/queries' },
  { key: 'sources', path: '/monitoring/sources' },
  { key: 'alerts', path: '/monitoring/alerts' },
] as const;

/** Monitoring (social listening): dashboard, saved queries, sources and alerts, each its own sub-route. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = [...SECTIONS].reverse().find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)) ?? SECTIONS[0];
  usePageTitle(`${t(`monitoring.sections.${current.key}`)} – ${t('nav.monitoring')}`);
  useMonitoringLive();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('nav.monitoring')}: {t(`monitoring.sections.${current.key}`)}</Title>
        <Text c="dimmed" mt={4}>{t('monitoring.subtitle')}</Text>
      </div>
      <nav aria-label={t('monitoring.sectionsNav')}>
        <Group gap="xs">
          {SECTIONS.map((s) => (
            <Button key={s.key} component={Link} to={s.path} variant={s.key === current.key ? 'filled' : 'default'} aria-current={s.key === current.key ? 'page' : undefined}>
              {t(`monitoring.sections.${s.key}`)}
            </Button>
          ))}
        </Group>
      </nav>
      <Routes>
        <Route index element={<Suspense fallback={<Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('common.loading')}</Text></Group>}><DashboardPage /></Suspense>} />
        <Route path="queries" element={<QueriesPage />} />
        <Route path="queries/new" element={<QueryEditPage />} />
        <Route path="queries/:queryId" element={<QueryEditPage />} />
        <Route path="sources" element={<SourcesPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="*" element={<Navigate to="/monitoring" replace />} />
      </Routes>
    </Stack>
  );
}
