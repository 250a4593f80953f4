import { Badge } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import type { Item } from './inbox-api.ts';
import { slaText } from './sla-time.ts';

// Dark shades so the white badge text keeps ≥ 4.5:1 contrast.
const COLOUR: Record<string, string> = { ok: '#2b5f8a', warning: '#8a4b00', breached: '#a61b1b', met: '#1f6f4a', missed: '#6b3a3a' };

/** Ticks every 15 s: often enough for a minute display, cheap for a list of 50. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** The running SLA clock of an item: time left, overdue, or the outcome. */
export function SlaTimer({ sla, now }: { sla: Item['sla']; now: number }) {
  const { t } = useTranslation();
  const text = slaText(sla, now, currentLanguage());
  if (text.key === 'none') return null;
  const label = t(`inbox.sla.${text.key}`, { amount: text.amount });
  return (
    <Badge color={COLOUR[sla.state] ?? COLOUR.ok} variant="filled" tt="none" leftSection={<IconClock size={12} aria-hidden />} data-testid="sla-timer" data-sla-state={sla.state}
      title={sla.dueAt ? t('inbox.sla.dueAt', { at: new Date(sla.dueAt).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE') }) : undefined}>
      {label}
    </Badge>
  );
}
