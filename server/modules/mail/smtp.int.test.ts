/**
 * Outgoing mail over a real SMTP conversation (smtp-server on a loopback port, the production
 * mailer from mailer.ts), and the development mailbox used when no SMTP server is configured.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { TestClient } from '../../test/client.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { createMailer } from './mailer.ts';
import { render } from './templates.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** Decodes RFC 2047 encoded words and a quoted-printable or base64 body, enough for our own mails. */
function decodeMime(raw: string): { headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')));
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  for (const k of Object.keys(headers)) headers[k] = words(headers[k]!);
  const bodyRaw = rest.join('\n\n');
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const body = cte === 'base64' ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(bodyRaw) : bodyRaw;
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

const t = await createTestApp();
afterAll(async () => t.close());
const silent = createLogger('silent');

describe('SMTP', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a mail over a real SMTP conversation with recipient, subject and body intact', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Resonanz <noreply@resonanz.example>', database: t.ctx.database, log: silent });
    expect(mailer.devMailbox).toBe(false);
    const mail = render('invitation', 'de', { workspace: 'Bundesamt für Beispielwesen', inviter: 'Jörg Müller', roles: 'editor', link: 'https://resonanz.example/invitation?token=abc_DEF-123', days: 7 });
    await mailer.send({ to: 'empfaengerin@example.org', ...mail });

    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.from).toBe('noreply@resonanz.example');
    expect(got.to).toEqual(['empfaengerin@example.org']);
    const { headers, body } = decodeMime(got.raw);
    expect(headers.to).toBe('empfaengerin@example.org');
    expect(headers.subject).toBe('Einladung zu Resonanz: Bundesamt für Beispielwesen');
    expect(body).toContain('Jörg Müller lädt Sie in den Arbeitsbereich „Bundesamt für Beispielwesen“');
    expect(body).toContain('https://resonanz.example/invitation?token=abc_DEF-123');
    // Nothing went to the development mailbox.
    expect((await t.ctx.database.pool.query('SELECT count(*)::int AS n FROM dev_mails')).rows[0].n).toBe(0);
  });

  it('with keepDevCopy (DEV_MAILBOX_COPY) sends over SMTP and also keeps a copy in the dev mailbox', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'noreply@resonanz.example', database: t.ctx.database, log: silent, keepDevCopy: true });
    expect(mailer.devMailbox).toBe(true);
    const before = received.length;
    await mailer.send({ to: 'kopie@example.org', subject: 'Kopie', text: 'Hallo' });
    expect(received.slice(before).map((r) => r.to)).toEqual([['kopie@example.org']]);
    const kept = (await t.ctx.database.pool.query("SELECT subject FROM dev_mails WHERE \"to\" = 'kopie@example.org'")).rows;
    expect(kept).toEqual([{ subject: 'Kopie' }]);
    await t.ctx.database.pool.query("DELETE FROM dev_mails WHERE \"to\" = 'kopie@example.org'");
  });

  it('reports a refused delivery to the caller instead of losing the mail silently', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@resonanz.example', database: t.ctx.database, log: silent });
    await expect(mailer.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toThrow();
  });
});

describe('development mailbox (no SMTP)', () => {
  it('keeps the mail in the database and GET /api/v1/dev/mailbox lists it', async () => {
    const mailer = createMailer({ from: 'x@resonanz.example', database: t.ctx.database, log: silent });
    expect(mailer.devMailbox).toBe(true);
    await mailer.send({ to: 'dev@example.org', subject: 'Passwort zurücksetzen', text: 'Link: http://localhost/reset?token=zzz' });
    const r = await new TestClient(t.app).get('/api/v1/dev/mailbox');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([expect.objectContaining({ to: 'dev@example.org', subject: 'Passwort zurücksetzen', text: 'Link: http://localhost/reset?token=zzz' })]);
  });

  it('an invitation through the API reaches the mailbox of a dev-mailbox app', async () => {
    // The harness captures mails in memory; route them through the real dev mailer here.
    const dev = createMailer({ from: 'x@resonanz.example', database: t.ctx.database, log: silent });
    const captured = t.ctx.mailer.send;
    (t.ctx.mailer as { send: typeof dev.send }).send = dev.send;
    try {
      const { workspace, owner } = await buildWorkspace(t.ctx.database, 'Mailbox-Amt');
      const c = new TestClient(t.app);
      await c.login(owner.email);
      expect((await c.post(`/api/v1/workspaces/${workspace.id}/invitations`, { email: 'kollege@example.org', roles: ['editor'] })).status).toBe(201);
      const box = await c.get('/api/v1/dev/mailbox');
      const mail = box.body.items.find((m: { to: string }) => m.to === 'kollege@example.org');
      expect(mail.subject).toBe('Einladung zu Resonanz: Mailbox-Amt');
      expect(mail.text).toMatch(/\/invitation\?token=[\w-]{20,}/);
    } finally {
      (t.ctx.mailer as { send: typeof dev.send }).send = captured;
    }
  });

  it('is not served in production', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production' });
    try {
      expect((await prod.app.inject({ method: 'GET', url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
