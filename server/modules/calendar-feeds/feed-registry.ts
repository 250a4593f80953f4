/**
 * Feed kinds register here (publishing: `plan`; the roster: `roster`, …). A builder turns a
 * workspace's data into iCal events; the registry decides nothing about access beyond the
 * permission each kind declares.
 */
import type { ICalCalendar } from 'ical-generator';
import type { Permission } from '../../../common/permissions.ts';
import type { AppContext } from '../../http/context.ts';

export interface FeedRequest {
  workspaceId: string;
  userId: string;
  now: Date;
  /** The member's language for summaries and descriptions. */
  locale: 'de' | 'en';
}

export interface FeedBuilder {
  kind: string;
  /** What a member must hold to create and to read this feed. */
  permission: Permission;
  /** Calendar name shown by Outlook/Google, per language. */
  title: { de: string; en: string };
  build(ctx: AppContext, cal: ICalCalendar, req: FeedRequest): Promise<void>;
}

const builders = new Map<string, FeedBuilder>();

export function registerFeedBuilder(b: FeedBuilder): void {
  builders.set(b.kind, b);
}
export function feedBuilder(kind: string): FeedBuilder | undefined {
  return builders.get(kind);
}
export function feedKinds(): string[] {
  return [...builders.keys()].sort();
}
