import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ModerateItemPage } from './ModerateItemPage.tsx';
import { ModerationDetailPage } from './ModerationDetailPage.tsx';
import { ModerationPage } from './ModerationPage.tsx';
import { NetiquettePage } from './NetiquettePage.tsx';
import { PrivacyPage } from './PrivacyPage.tsx';
import { RosterPage } from './RosterPage.tsx';
import { SlaPage } from './SlaPage.tsx';
import './community.css';

const TABS = ['roster', 'moderation', 'netiquette', 'sla', 'privacy'] as const;

/** Community management (`/community/*`): duty roster, moderation record, netiquette, response-time targets, privacy. */
export function CommunityArea() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((k) => pathname.startsWith(`/community/${k}`)) ?? 'roster';
  const tabs = TABS.filter((k) => k !== 'privacy' || can('community.manage'));
  return (
    <>
      <Tabs value={current} onChange={(v) => v && navigate(`/community/${v}`)} mb="md" aria-label={t('community.tabs')}>
        <Tabs.List>{tabs.map((k) => <Tabs.Tab key={k} value={k}>{t(`community.tab.${k}`)}</Tabs.Tab>)}</Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<RosterPage />} />
        <Route path="roster" element={<RosterPage />} />
        <Route path="moderation" element={<ModerationPage />} />
        <Route path="moderation/items/:itemId" element={<ModerateItemPage />} />
        <Route path="moderation/:id" element={<ModerationDetailPage />} />
        <Route path="netiquette" element={<NetiquettePage />} />
        <Route path="sla" element={<SlaPage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
