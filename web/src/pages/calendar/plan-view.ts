/**
 * How the editorial plan opens and colours its entries. Pure, so the choices are tested without a
 * browser.
 */
import type { TargetState } from './calendar-api.ts';
import { STATE_HEX } from './status-colors.ts';

const mondayOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));

/**
 * The default "current" view: whole weeks (Monday to Sunday) from the week that contains the day
 * before yesterday to the week that contains today + 7. An editor on Monday morning sees last week
 * and the weekend (what went out, what failed), this week and the next; later in the week, this
 * week and the next, still with the last two days. Two or three weeks, never a month-end cut.
 */
export function planRange(today: Date): { start: Date; end: Date } {
  const start = mondayOf(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 2));
  const lastMonday = mondayOf(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 7));
  return { start, end: new Date(lastMonday.getFullYear(), lastMonday.getMonth(), lastMonday.getDate() + 7) };
}

/** Dark colours (white text ≥ 4.5:1) for channels, distinct from each other. */
export const CHANNEL_HEX = ['#1864ab', '#5f3dc4', '#087f5b', '#a61e4d', '#862e9c', '#364fc7', '#0b7285', '#495057'] as const;

export function channelColour(channelIds: readonly string[], id: string): string {
  const i = channelIds.indexOf(id);
  return CHANNEL_HEX[(i < 0 ? 0 : i) % CHANNEL_HEX.length]!;
}

export type ColourBy = 'state' | 'channel';

export interface PlanEntry {
  id: string;
  postId: string;
  channelId: string | null;
  state: TargetState;
  colour: string;
}

/**
 * Calendar entries of one post: by status one entry (its least advanced state); by channel one entry
 * per channel, in that channel's colour and with its own state.
 */
export function entriesOf(
  post: { id: string; targets: { channelId: string; state: TargetState }[] },
  postState: TargetState, colourBy: ColourBy, channelIds: readonly string[], channelFilter: string | null,
): PlanEntry[] {
  if (colourBy === 'state' || post.targets.length === 0) return [{ id: post.id, postId: post.id, channelId: null, state: postState, colour: STATE_HEX[postState] }];
  return post.targets
    .filter((t) => !channelFilter || t.channelId === channelFilter)
    .map((t) => ({ id: `${post.id}:${t.channelId}`, postId: post.id, channelId: t.channelId, state: t.state, colour: channelColour(channelIds, t.channelId) }));
}
