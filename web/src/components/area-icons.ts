import { IconBook, IconCalendarEvent, IconChartBar, IconInbox, IconRadar, IconUrgent, IconTarget } from '@tabler/icons-react';
import type { AreaKey } from '../nav.ts';

export const AREA_ICONS: Record<AreaKey, typeof IconBook> = {
  strategy: IconTarget,
  calendar: IconCalendarEvent,
  inbox: IconInbox,
  monitoring: IconRadar,
  crisis: IconUrgent,
  reports: IconChartBar,
  guidelines: IconBook,
};
