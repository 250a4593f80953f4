/**
 * The page of each product area. An area that is not built yet shows its honest empty state
 * (AreaPage). Each area owns the sub-routes below its path (`/strategy/*` …) with its own <Routes>.
 * One line per area: add the import and the entry.
 */
import type { ReactNode } from 'react';
import type { AreaKey } from './nav.ts';
import { CalendarArea } from './pages/calendar/CalendarArea.tsx';
import { CommunityArea } from './pages/community/CommunityArea.tsx';
import { GuidelinesArea } from './pages/guidelines/GuidelinesArea.tsx';
import { InboxArea } from './pages/inbox/InboxArea.tsx';
import { StrategyArea } from './pages/strategy/StrategyArea.tsx';
import { ReportsArea } from './pages/reports/ReportsArea.tsx';
import { MonitoringPage } from './pages/monitoring/MonitoringPage.tsx';
import { CrisisArea } from './pages/crisis/CrisisArea.tsx';

export const AREA_PAGES: Partial<Record<AreaKey, ReactNode>> = {
  monitoring: <MonitoringPage />,
  crisis: <CrisisArea />,
  calendar: <CalendarArea />,
  inbox: <InboxArea />,
  community: <CommunityArea />,
  strategy: <StrategyArea />,
  reports: <ReportsArea />,
  guidelines: <GuidelinesArea />,
};
