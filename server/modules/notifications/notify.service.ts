/**
 * The one way any module tells people something: an in-app notification per recipient, a live
 * event so the bell updates without reload, and — when asked — an e-mail in the recipient's
 * language through the mail outbox. Everything is written in the caller's transaction, so a
 * notice exists exactly when the change it announces exists.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { can, type Permission } from '../../../common/permissions.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { queueMail } from './mail-outbox.ts';
import { notifications } from './notifications.schema.ts';

export type Localized = { de: string; en: string };

export interface NotifyInput {
  workspaceId: string;
  /** Recipients by id (must be members of the workspace; others are ignored). */
  userIds?: string[];
  /** …and/or every member holding this permission. */
  permission?: Permission;
  /** Never notify these (e.g. the person who acted). */
  exceptUserIds?: (string | null | undefined)[];
  /** Stable kind, e.g. `publishing.review_requested`; the web app may pick an icon by it. */
  kind: string;
  title: Localized;
  body: Localized;
  /** App-relative link, e.g. `/calendar/posts/<id>`. */
  link?: string;
  objectId?: string;
  /** Also send an e-mail to each recipient. */
  email?: boolean;
}

type NotifyCtx = Pick<AppContext, 'events' | 'clock' | 'config'>;

/** Writes the notices; returns the user ids that were notified. */
export async function notify(tx: Tx, ctx: NotifyCtx, input: NotifyInput): Promise<string[]> {
  const members = await tx.select({ userId: memberships.userId, roles: memberships.roles, email: users.email, locale: users.locale })
    .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(input.userIds && !input.permission
      ? and(eq(memberships.workspaceId, input.workspaceId), inArray(memberships.userId, input.userIds.length ? input.userIds : ['00000000-0000-0000-0000-000000000000']))
      : eq(memberships.workspaceId, input.workspaceId));
  const except = new Set(input.exceptUserIds?.filter(Boolean));
  const wanted = new Set(input.userIds ?? []);
  const recipients = members.filter((m) =>
    !except.has(m.userId) && (wanted.has(m.userId) || (input.permission !== undefined && can(m.roles as string[], input.permission))));
  if (recipients.length === 0) return [];
  const now = ctx.clock.now();
  const lang = (l: string) => (l === 'en' ? 'en' : 'de');
  const rows = await tx.insert(notifications).values(recipients.map((r) => ({
    workspaceId: input.workspaceId, userId: r.userId, kind: input.kind, title: input.title[lang(r.locale)], body: input.body[lang(r.locale)],
    link: input.link ?? null, objectId: input.objectId ?? null, createdAt: now,
  }))).returning({ id: notifications.id, userId: notifications.userId });
  if (input.email) {
    for (const r of recipients) {
      const l = lang(r.locale);
      const link = input.link ? `\n\n${ctx.config.publicUrl}${input.link}` : '';
      const footer = '\n\n— Resonanz';
      await queueMail(tx, {
        workspaceId: input.workspaceId, to: r.email, subject: `Resonanz: ${input.title[l]}`, text: `${input.body[l]}${link}${footer}`,
        reference: `notification:${rows.find((x) => x.userId === r.userId)?.id ?? ''}`,
      }, now);
    }
  }
  await ctx.events.emit(tx, { workspaceId: input.workspaceId, type: 'notification.created', userIds: recipients.map((r) => r.userId), data: { kind: input.kind } });
  return recipients.map((r) => r.userId);
}
