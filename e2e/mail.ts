/**
 * Mails the e2e server delivered over SMTP to the local sink of global-setup.ts: one JSON file per
 * message. Decodes headers (RFC 2047) and a quoted-printable or base64 text body — enough for
 * Resonanz's own mails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

function decode(raw: string): { headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  const words = (s: string) => s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) => (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' '))));
  for (const k of Object.keys(headers)) headers[k] = words(headers[k]!);
  const bodyRaw = rest.join('\n\n');
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const body = cte === 'base64' ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(bodyRaw) : bodyRaw;
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

/** Every mail the sink received so far, oldest first. */
export function sentMails(): SentMail[] {
  const dir = inject('smtpDir');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const m = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { from: string; to: string[]; raw: string };
    const { headers, body } = decode(m.raw);
    return { from: m.from, to: m.to, subject: headers.subject ?? '', body };
  });
}
