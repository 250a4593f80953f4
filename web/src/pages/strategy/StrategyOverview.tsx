import { Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { apiUrl } from '../../api/client.ts';
import { useWorkspace } from '../../api/session.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { ChallengesSection } from './ChallengesSection.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { ReadinessNavigator } from './ReadinessNavigator.tsx';
import { TargetGroupsSection } from './TargetGroupsSection.tsx';

/** Sections that have an anchor on the overview; other readiness links land at the top. */
const SECTIONS = ['goals', 'challenges', 'target-groups'];

/**
 * The strategy overview: readiness navigator, challenges, meta and SMART goals, ranked target
 * groups and the strategy document. `/strategy/<section>` (where readiness items link) scrolls
 * to that section.
 */
export function StrategyOverview() {
  const { t } = useTranslation();
  usePageTitle(t('nav.strategy'));
  const ws = useWorkspace();
  const { section } = useParams();
  const { hash } = useLocation();
  const target = hash.slice(1) || section || '';
  useEffect(() => {
    if (!SECTIONS.includes(target)) return;
    // Sections render while their data loads; wait a frame for the layout.
    const id = requestAnimationFrame(() => document.getElementById(target)?.scrollIntoView({ block: 'start' }));
    return () => cancelAnimationFrame(id);
  }, [target]);
  const doc = (lang: 'de' | 'en', format: 'pdf' | 'docx' | 'md') => apiUrl(`/workspaces/${ws.id}/strategy/document`, { lang, format });
  const name = (lang: 'de' | 'en', format: string) => `${lang === 'de' ? 'strategie' : 'strategy'}-${lang}.${format}`;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.strategy')}</Title>
          <Text c="dimmed" mt={4}>{t('strategy.subtitle')}</Text>
        </div>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>{t('strategy.document.label')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(['de', 'en'] as const).map((l) => (
              <div key={l}>
                <Menu.Label>{t(`strategy.document.${l}`)}</Menu.Label>
                {(['pdf', 'docx', 'md'] as const).map((f) => (
                  <Menu.Item key={f} component="a" href={doc(l, f)} download={name(l, f)}>{t(`strategy.document.${f}`, { lang: l === 'de' ? 'Deutsch' : 'English' })}</Menu.Item>
                ))}
              </div>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <ReadinessNavigator />
      <ChallengesSection />
      <GoalsSection />
      <TargetGroupsSection />
    </Stack>
  );
}
