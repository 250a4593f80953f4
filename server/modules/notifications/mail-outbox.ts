/**
 * The mail outbox. `queueMail(tx, …)` writes a mail in the caller's transaction; `drainMailOutbox`
 * sends due mails through the mailer. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * workers never send the same row at once. Delivery is at-least-once: a crash after the SMTP
 * server accepted a mail but before the row was marked sent sends it once more — for notices that
 * is the right side to err on (a lost breach warning is worse than a duplicate).
 */
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import type { MailAttachment, Mailer, OutgoingMail } from '../mail/mailer.ts';
import { mailOutbox } from './notifications.schema.ts';

export const MAIL_CHANNEL = 'resonanz_mail';
const MAX_ATTEMPTS = 8;

export async function queueMail(tx: Tx, mail: OutgoingMail & { workspaceId?: string | null; reference?: string }, now: Date): Promise<string> {
  const [row] = await tx.insert(mailOutbox).values({
    workspaceId: mail.workspaceId ?? null, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null,
    reference: mail.reference ?? null, nextAttemptAt: now, createdAt: now,
    attachments: mail.attachments?.length ? mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, contentBase64: a.content.toString('base64') })) : null,
  }).returning({ id: mailOutbox.id });
  // Wakes a running outbox loop right after the commit instead of at its next poll.
  await tx.execute(sql`SELECT pg_notify(${MAIL_CHANNEL}, '')`);
  return row!.id;
}

type StoredAttachment = { filename: string; contentType: string; contentBase64: string };
function attachmentsOf(stored: unknown): MailAttachment[] | undefined {
  if (!Array.isArray(stored) || !stored.length) return undefined;
  return (stored as StoredAttachment[]).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') }));
}

/** Back-off after the n-th failed attempt: 30 s, 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** Sends every due mail (up to `limit`); returns how many went out and how many failed this round. */
export async function drainMailOutbox(database: Database, mailer: Mailer, now: Date, limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const done = await database.db.transaction(async (tx) => {
      const [m] = await tx.select().from(mailOutbox)
        .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.failedAt), lte(mailOutbox.nextAttemptAt, now)))
        .orderBy(asc(mailOutbox.nextAttemptAt)).limit(1).for('update', { skipLocked: true });
      if (!m) return true;
      try {
        await mailer.send({ to: m.to, subject: m.subject, text: m.text, html: m.html ?? undefined, attachments: attachmentsOf(m.attachments) });
        await tx.update(mailOutbox).set({ sentAt: now, attempts: m.attempts + 1, lastError: null }).where(eq(mailOutbox.id, m.id));
        sent++;
      } catch (e) {
        const attempts = m.attempts + 1;
        const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        await tx.update(mailOutbox).set(attempts >= MAX_ATTEMPTS
          ? { attempts, lastError: error, failedAt: now }
          : { attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }).where(eq(mailOutbox.id, m.id));
        failed++;
      }
      return sent + failed >= limit;
    });
    if (done) return { sent, failed };
  }
}

/**
 * Drains the outbox every `intervalMs` (and once at start) until stopped. Idempotent across
 * processes thanks to the row claim; returns an async stop function that waits for a running round.
 */
export function startMailOutbox(database: Database, mailer: Mailer, log: (msg: string, data?: object) => void, intervalMs = 2000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = drainMailOutbox(database, mailer, new Date())
      .then((r) => { if (r.sent || r.failed) log('mail outbox drained', r); })
      .catch((err: unknown) => log('mail outbox failed', { err: String(err) }));
  };
  tick();
  const t = setInterval(tick, intervalMs);
  t.unref();
  return async () => {
    stopped = true;
    clearInterval(t);
    await running;
  };
}
