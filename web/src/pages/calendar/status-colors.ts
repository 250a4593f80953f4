/**
 * Colours per publish state, shared by calendar events and badges: both carry white text, so every
 * background is a dark shade (contrast ≥ 4.5:1).
 */
import type { TargetState } from './calendar-api.ts';

/** Event background colours (hex, dark enough for white text). */
export const STATE_HEX: Record<TargetState, string> = {
  draft: '#495057',
  in_review: '#8a5a00',
  approved: '#0b7285',
  scheduled: '#364fc7',
  publishing: '#6741d9',
  published: '#087f5b',
  failed: '#c92a2a',
  unconfirmed: '#a33a06',
  expired: '#a61e4d',
  withdrawn: '#343a40',
};
