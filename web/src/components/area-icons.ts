import { IconBook, IconCalendarEvent, IconChartBar, IconInbox, IconRadar, IconUrgent, IconTarget, IconUsersGroup } from '@tabler/icons-react';
import type { AreaKey } from '../nav.ts';

export const AREA_ICONS: Record<AreaKey, typeof IconBook> = {
  strategy: IconTarget,
  calendar: IconCalendarEvent,
  inbox: IconInbox,
  community: IconUsersGroup,
  monitoring: IconRadar,
  crisis: IconUrgent,
  reports: IconChartBar,
  guidelines: IconBook,
};
