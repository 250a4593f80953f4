import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TargetState } from './calendar-api.ts';
import { STATE_HEX } from './status-colors.ts';

/** A publish state in the calendar's colours (filled: the dark shades carry white text at ≥ 4.5:1). */
export function StateBadge({ state, ...rest }: { state: TargetState } & BadgeProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  return <Badge color={STATE_HEX[state]} variant="filled" tt="none" {...rest}>{t(`calendar.state.${state}`)}</Badge>;
}
