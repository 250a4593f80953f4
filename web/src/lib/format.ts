/** Locale-aware formatting with Intl; the UI language picks the locale, the workspace the time zone. */
const LOCALES: Record<string, string> = { de: 'de-DE', en: 'en-GB' };

export function localeTag(lang: string): string {
  return LOCALES[lang] ?? 'de-DE';
}

/** Date and time, e.g. "12.03.2025, 14:05" (de) or "12 Mar 2025, 14:05" (en). */
export function formatDateTime(iso: string, lang: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: safeZone(timeZone) }).format(d);
}

export function formatDate(iso: string, lang: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(d);
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(localeTag(lang)).format(n);
}

function safeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/**
 * Turns a day picked in a date field (YYYY-MM-DD, local time) into the ISO instant the audit API
 * expects: the start of that day for `from`, its last millisecond for `to`.
 */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
