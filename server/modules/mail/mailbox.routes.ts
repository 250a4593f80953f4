import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { devMails } from './mail.schema.ts';

const mailSchema = z.object({ id: z.uuid(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() });

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The development mailbox (only when no SMTP server is configured and not in production): lets a
 * tester follow invitation and reset links without a mail server. It holds live reset links, so it
 * answers only connections from this machine (the socket address, not X-Forwarded-For).
 */
export function registerDevMailboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  if (!ctx.mailer.devMailbox || ctx.config.NODE_ENV === 'production') return;
  app.get(
    '/api/v1/dev/mailbox',
    { config: { access: { public: true } }, schema: { tags: ['dev'], response: { 200: z.object({ items: z.array(mailSchema) }) } } },
    async (req) => {
      if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) throw notFound('mailbox');
      const rows = await ctx.database.db.select().from(devMails).orderBy(desc(devMails.createdAt)).limit(100);
      return { items: rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, createdAt: r.createdAt.toISOString() })) };
    },
  );
}
