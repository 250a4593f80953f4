/**
 * Outgoing e-mail through nodemailer. With SMTP_URL set, mails go over a real SMTP conversation;
 * without it (development) they are logged and kept in the dev mailbox (/dev/mailbox). In
 * production without SMTP the mail is kept in the mailbox too, and a warning is logged.
 * `keepDevCopy` (development only, DEV_MAILBOX_COPY) does both: SMTP and a copy in the dev mailbox.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.ts';
import { devMails } from './mail.schema.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  readonly devMailbox: boolean;
}

export function createMailer(opts: { smtpUrl?: string; from: string; database: Database; log: FastifyBaseLogger; keepDevCopy?: boolean }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    devMailbox: !transport || opts.keepDevCopy === true,
    async send(mail) {
      if (transport) {
        await transport.sendMail({ from: opts.from, ...mail });
        opts.log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
        if (!opts.keepDevCopy) return;
      }
      // The dev mailbox keeps text only; attachments are named so a developer sees they were there.
      const names = (mail.attachments ?? []).map((a) => `[${a.filename}, ${a.content.length} bytes]`);
      const text = names.length ? `${mail.text}\n\n${names.join('\n')}` : mail.text;
      await opts.database.db.insert(devMails).values({ to: mail.to, subject: mail.subject, text, html: mail.html ?? null });
      opts.log.info({ to: mail.to, subject: mail.subject }, transport ? 'mail copy kept in the dev mailbox (DEV_MAILBOX_COPY)' : 'mail kept in the dev mailbox (no SMTP_URL configured)');
    },
  };
}
