/** The SLA clock as words: how long until (or since) the due date, in whole minutes/hours/days. */
export interface SlaText {
  /** i18n key under `inbox.sla.` and its interpolation values. */
  key: 'left' | 'overdue' | 'met' | 'missed' | 'none';
  amount: string;
}

export function humanDuration(ms: number, lang: string): string {
  const abs = Math.abs(ms);
  const fmt = (n: number, unit: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(n);
  if (abs < 3_600_000) return fmt(Math.max(1, Math.round(abs / 60_000)), 'minute');
  if (abs < 2 * 86_400_000) return fmt(Math.round(abs / 3_600_000), 'hour');
  return fmt(Math.round(abs / 86_400_000), 'day');
}

export function slaText(sla: { state: string; dueAt: string | null }, now: number, lang: string): SlaText {
  if (sla.state === 'met') return { key: 'met', amount: '' };
  if (sla.state === 'missed') return { key: 'missed', amount: '' };
  if (!sla.dueAt) return { key: 'none', amount: '' };
  const diff = Date.parse(sla.dueAt) - now;
  return diff >= 0 ? { key: 'left', amount: humanDuration(diff, lang) } : { key: 'overdue', amount: humanDuration(diff, lang) };
}
