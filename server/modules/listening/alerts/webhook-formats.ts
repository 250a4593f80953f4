/** Alert webhook payloads: plain JSON, Slack incoming webhook, Microsoft Teams (Adaptive Card), Matrix (m.text). */

export interface AlertMessage {
  alertId: string;
  workspaceId: string;
  queryId: string;
  queryName: string;
  kind: 'volume' | 'negative_share';
  observed: number;
  expected: number;
  score: number;
  windowStart: string;
  windowEnd: string;
  link: string;
}

/** One-line human summary (German first: the product's primary audience). */
export function summary(a: AlertMessage, locale: 'de' | 'en' = 'de'): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (a.kind === 'volume') {
    return locale === 'de'
      ? `Ausschlag bei „${a.queryName}“: ${a.observed} Erwähnungen statt etwa ${a.expected.toFixed(1)} (z = ${a.score.toFixed(1)})`
      : `Spike for "${a.queryName}": ${a.observed} mentions instead of about ${a.expected.toFixed(1)} (z = ${a.score.toFixed(1)})`;
  }
  return locale === 'de'
    ? `Mehr negative Erwähnungen bei „${a.queryName}“: ${pct(a.observed)} statt etwa ${pct(a.expected)} (z = ${a.score.toFixed(1)})`
    : `More negative mentions for "${a.queryName}": ${pct(a.observed)} instead of about ${pct(a.expected)} (z = ${a.score.toFixed(1)})`;
}

export function webhookPayload(format: 'json' | 'slack' | 'teams' | 'matrix', a: AlertMessage): unknown {
  const text = summary(a);
  switch (format) {
    case 'slack':
      return {
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: `${a.windowStart} – ${a.windowEnd} · <${a.link}|Resonanz>` }] },
        ],
      };
    case 'teams':
      return {
        type: 'message',
        attachments: [{
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4',
            body: [{ type: 'TextBlock', text, wrap: true, weight: 'Bolder' }, { type: 'TextBlock', text: `${a.windowStart} – ${a.windowEnd}`, isSubtle: true, wrap: true }],
            actions: [{ type: 'Action.OpenUrl', title: 'Resonanz', url: a.link }],
          },
        }],
      };
    case 'matrix':
      return { msgtype: 'm.text', body: `${text}\n${a.link}`, format: 'org.matrix.custom.html', formatted_body: `<strong>${escapeHtml(text)}</strong><br><a href="${escapeHtml(a.link)}">Resonanz</a>` };
    default:
      return { type: 'listening.alert', text, alert: a };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
