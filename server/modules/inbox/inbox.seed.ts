/**
 * Demo inbox of the federal office: questions, praise, complaints, one insult, spam, a question for
 * an expert (with an open escalation), a direct message, a quote — in every SLA state (running,
 * due soon, overdue, met, missed; wall-clock targets so the states show at any hour) — plus saved replies in de/en × Sie/du, routing rules and
 * settings. Items carry stable external ids `demo:<key>` (the moderation seeder finds the insult
 * and the spam by them). Demo channels are not connected: nothing here is sent anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { detectLanguage } from '../listening/nlp/language-detector.ts';
import { createAnalyzer } from '../listening/nlp/sentiment-analyzer.ts';
import { channels, publishTargets } from '../publishing/publishing.schema.ts';
import { loadSlaContext, targetsFor } from '../sla/sla-targets.ts';
import { inboxEscalations, inboxExpertContacts, inboxItems, inboxNotes, inboxReplies, inboxRoutingRules, inboxSavedReplies, inboxSettings } from './inbox.schema.ts';
import { tokenHash } from './escalation.service.ts';
import { insertItem, upsertAuthor } from './item-store.ts';

interface DemoItem {
  key: string; network: 'bluesky' | 'mastodon'; kind: 'comment' | 'reply' | 'mention' | 'quote' | 'dm'; minutesAgo: number; text: string;
  author: [handle: string, name: string, followers: number]; assignee?: string; priority?: string; tags?: string[];
  answered?: { afterMin: number; text: string }; done?: boolean; spam?: boolean;
}

const KEMAL = 'community@resonanz.local';
const CLARA = 'cvd@resonanz.local';

export const DEMO_INBOX: DemoItem[] = [
  { key: 'question-1', network: 'bluesky', kind: 'comment', minutesAgo: 12, text: 'Kann ich den Antrag auf Beispielgeld auch stellen, wenn ich keinen Online-Ausweis habe?', author: ['@lena-mueller.bsky.social', 'Lena Müller', 412], tags: ['antrag'] },
  { key: 'question-2', network: 'bluesky', kind: 'comment', minutesAgo: 52, text: 'Wie lange dauert die Bearbeitung im Moment ungefähr? Ich warte seit drei Wochen auf eine Rückmeldung.', author: ['@jens.k.bsky.social', 'Jens K.', 87], assignee: KEMAL, tags: ['antrag'] },
  { key: 'complaint-1', network: 'mastodon', kind: 'comment', minutesAgo: 95, text: 'Das Antragsportal ist schon wieder nicht erreichbar. Das ist wirklich ärgerlich, ich habe mir extra frei genommen!', author: ['@paula@mastodon.social', 'Paula Schmidt', 230], assignee: CLARA, priority: 'high', tags: ['beschwerde', 'portal'] },
  { key: 'praise-1', network: 'bluesky', kind: 'comment', minutesAgo: 180, text: 'Großes Lob an das Team im Bürgerservice – super freundlich und schnell geholfen. Danke!', author: ['@oma-hilde.bsky.social', 'Hildegard B.', 35], assignee: KEMAL, answered: { afterMin: 20, text: 'Vielen Dank für Ihr Lob, Hildegard! Wir geben es gern an das Team weiter.' } },
  { key: 'expert-question', network: 'mastodon', kind: 'mention', minutesAgo: 240, text: '@beispielamt Gilt die neue Regelung zum Beispielgeld auch für Selbstständige mit Wohnsitz im Ausland?', author: ['@steuerfrage@social.bund.de', 'Tobias Reiter', 1205], assignee: CLARA, priority: 'high', tags: ['fachfrage'] },
  { key: 'insult', network: 'bluesky', kind: 'comment', minutesAgo: 30, text: 'Ihr seid doch alle unfähige Schreibtischtäter, ihr Versager!', author: ['@wutbuerger77.bsky.social', 'Wutbürger 77', 12], priority: 'normal', tags: ['netiquette'] },
  { key: 'spam', network: 'mastodon', kind: 'mention', minutesAgo: 65, text: '@beispielamt GRATIS Krypto-Gewinn!!! Jetzt klicken und 5000 € sichern: http://beispiel-gewinn.example', author: ['@gewinn-bot@spam.example', 'Gewinnspiel', 3], spam: true, tags: ['spam'] },
  { key: 'dm-1', network: 'mastodon', kind: 'dm', minutesAgo: 20, text: 'Guten Tag, ich möchte meine Adresse im Antrag ändern. Darf ich Ihnen dafür meine Vorgangsnummer schicken?', author: ['@r.wagner@chaos.social', 'R. Wagner', 58], tags: ['antrag'] },
  { key: 'quote-1', network: 'bluesky', kind: 'quote', minutesAgo: 300, text: 'Endlich digital! Das spart mir den Weg aufs Amt.', author: ['@digitalfan.bsky.social', 'Digital-Fan', 940], answered: { afterMin: 45, text: 'Das freut uns sehr! Bei Fragen sind wir gern für Sie da.' }, done: true },
  { key: 'complaint-2', network: 'bluesky', kind: 'reply', minutesAgo: 600, text: 'Die Hotline ist dauernd besetzt, und online finde ich keine Antwort auf meine Frage.', author: ['@martina-h.bsky.social', 'Martina H.', 144], assignee: KEMAL, tags: ['beschwerde', 'hotline'], answered: { afterMin: 140, text: 'Das tut uns leid, Martina. Schreiben Sie uns Ihre Frage gern hier – wir helfen weiter.' } },
  { key: 'question-en', network: 'mastodon', kind: 'mention', minutesAgo: 40, text: '@beispielamt Is there an English version of the application form for Beispielgeld?', author: ['@expat.anna@mastodon.online', 'Anna Smith', 320], tags: ['antrag'] },
  { key: 'question-3', network: 'bluesky', kind: 'comment', minutesAgo: 1500, text: 'Wann hat der Bürgerservice am Samstag geöffnet?', author: ['@kai.b.bsky.social', 'Kai B.', 21], assignee: KEMAL, answered: { afterMin: 30, text: 'Samstags von 9 bis 12 Uhr, Kai. Einen schönen Tag!' }, done: true },
  { key: 'praise-2', network: 'mastodon', kind: 'comment', minutesAgo: 2900, text: 'Die Broschüre in Leichter Sprache ist toll gemacht. Bitte mehr davon!', author: ['@inklusion@troet.cafe', 'Verein Inklusion', 2100], assignee: CLARA, answered: { afterMin: 400, text: 'Herzlichen Dank! Weitere Broschüren sind in Arbeit.' }, done: true },
];

const SAVED: { group: string; title: string; language: 'de' | 'en'; address: 'sie' | 'du'; body: string }[] = [
  { group: 'dank', title: 'Danke für das Lob', language: 'de', address: 'sie', body: 'Vielen Dank für Ihre freundlichen Worte, {{author_name}}! Wir geben das Lob gern an das Team weiter. Ihr Team von {{channel}}' },
  { group: 'dank', title: 'Danke für das Lob', language: 'de', address: 'du', body: 'Danke dir, {{author_name}}! Wir geben das Lob gern ans Team weiter. Dein Team von {{channel}}' },
  { group: 'dank', title: 'Thanks for the praise', language: 'en', address: 'sie', body: 'Thank you very much for your kind words, {{author_name}}! We will pass them on to the team.' },
  { group: 'dank', title: 'Thanks for the praise', language: 'en', address: 'du', body: 'Thanks so much, {{author_name}}! We will pass it on to the team.' },
  { group: 'oeffnungszeiten', title: 'Öffnungszeiten', language: 'de', address: 'sie', body: 'Guten Tag {{author_name}}, unser Bürgerservice ist Mo–Fr von 8 bis 18 Uhr und samstags von 9 bis 12 Uhr für Sie da.' },
  { group: 'oeffnungszeiten', title: 'Öffnungszeiten', language: 'de', address: 'du', body: 'Hallo {{author_name}}, unser Bürgerservice ist Mo–Fr von 8 bis 18 Uhr und samstags von 9 bis 12 Uhr für dich da.' },
  { group: 'pruefen', title: 'Wir prüfen das', language: 'de', address: 'sie', body: 'Danke für Ihre Nachricht, {{author_name}}. Wir klären das mit der Fachabteilung und melden uns hier so bald wie möglich.' },
  { group: 'pruefen', title: 'Wir prüfen das', language: 'de', address: 'du', body: 'Danke für deine Nachricht, {{author_name}}. Wir klären das mit der Fachabteilung und melden uns hier so bald wie möglich.' },
  { group: 'pruefen', title: 'We are looking into it', language: 'en', address: 'sie', body: 'Thank you for your message, {{author_name}}. We are checking this with the department and will get back to you here.' },
  { group: 'datenschutz', title: 'Keine persönlichen Daten öffentlich', language: 'de', address: 'sie', body: 'Bitte veröffentlichen Sie keine Vorgangsnummern oder persönlichen Daten. Schreiben Sie uns dafür gern eine Direktnachricht.' },
  { group: 'datenschutz', title: 'Keine persönlichen Daten öffentlich', language: 'de', address: 'du', body: 'Bitte teile keine Vorgangsnummern oder persönlichen Daten öffentlich. Schreib uns dafür gern eine Direktnachricht.' },
];

export async function seedInboxDemo(c: DemoSeedContext): Promise<void> {
  const { tx, workspaceId } = c;
  const now = new Date();
  const chans = await tx.select().from(channels).where(eq(channels.workspaceId, workspaceId));
  const byNet = (n: string) => chans.find((x) => x.network === n) ?? null;
  const sla = await loadSlaContext(tx, workspaceId);
  const analyzer = createAnalyzer();
  const user = (email?: string) => (email ? c.userIds[email] ?? null : null);
  await tx.insert(inboxSettings).values({ workspaceId, replyApprovalRequired: false, defaultAddress: 'sie', pollIntervalS: 60 }).onConflictDoNothing();
  // The department directory expert escalation offers first (Dr. Lang is also asked below).
  await tx.insert(inboxExpertContacts).values([
    { workspaceId, department: 'Referat Steuerrecht', name: 'Dr. Petra Lang', email: 'steuerrecht@beispielamt.example', createdBy: user(CLARA), createdAt: now, updatedAt: now },
    { workspaceId, department: 'Referat Bürgerservice', name: 'Tobias Klein', email: 'buergerservice@beispielamt.example', createdBy: user(CLARA), createdAt: now, updatedAt: now },
  ]).onConflictDoNothing();
  for (const d of DEMO_INBOX) {
    const ch = byNet(d.network);
    const receivedAt = new Date(now.getTime() - d.minutesAgo * 60_000);
    const [handle, name, followers] = d.author;
    const authorId = await upsertAuthor(tx, workspaceId, { network: d.network, externalId: `demo:${handle}`, handle, displayName: name, followerCount: followers }, now);
    const language = detectLanguage(d.text).lang;
    const s = await analyzer.analyze(d.text, language);
    const priority = d.priority ?? 'normal';
    // Wall-clock targets from the SLA defaults, so every SLA state shows whatever hour the demo is seeded.
    const t = targetsFor(sla, ch?.id ?? null, priority);
    const at = (m: number) => new Date(receivedAt.getTime() + m * 60_000);
    const due = { firstResponseDueAt: at(t.firstResponseMinutes), resolutionDueAt: at(t.resolutionMinutes), firstResponseWarnAt: at(t.firstResponseMinutes * sla.warnAtPercent / 100), resolutionWarnAt: at(t.resolutionMinutes * sla.warnAtPercent / 100) };
    const [target] = ch && (d.kind === 'comment' || d.kind === 'quote')
      ? await tx.select({ id: publishTargets.id }).from(publishTargets).where(and(eq(publishTargets.channelId, ch.id), eq(publishTargets.state, 'published'))).limit(1)
      : [];
    const answeredAt = d.answered ? new Date(receivedAt.getTime() + d.answered.afterMin * 60_000) : null;
    const assigneeId = user(d.assignee);
    const status = d.spam ? 'spam' : d.done ? 'done' : d.answered ? 'waiting' : assigneeId ? 'assigned' : 'new';
    const { item } = await insertItem(tx, {
      workspaceId, channelId: ch?.id ?? null, network: d.network, externalId: `demo:${d.key}`, kind: d.kind, text: d.text, language,
      sentiment: ({ negative: -1, neutral: 0, positive: 1 } as const)[s.sentiment], sentimentScore: s.score, authorId,
      rootExternalId: target ? `demo:post:${target.id}` : null, publishTargetId: target?.id ?? null, receivedAt, status, assigneeId, priority, tags: d.tags ?? [],
      resolvedAt: d.done || d.spam ? (answeredAt ?? now) : null,
      slaFirstDueAt: due.firstResponseDueAt, slaResolveDueAt: due.resolutionDueAt, slaFirstWarnAt: due.firstResponseWarnAt, slaResolveWarnAt: due.resolutionWarnAt,
      url: ch?.serviceUrl ? `${ch.serviceUrl}/demo/${d.key}` : null,
    }, now);
    if (d.answered && answeredAt) {
      await tx.update(inboxItems).set({ firstResponseAt: answeredAt }).where(eq(inboxItems.id, item.id));
      await tx.insert(inboxReplies).values({
        workspaceId, itemId: item.id, authorId: assigneeId, kind: 'reply', text: d.answered.text, contentHash: createHash('sha256').update(d.answered.text).digest('hex'),
        state: 'sent', sentAt: answeredAt, createdAt: answeredAt, updatedAt: answeredAt,
      });
    }
    if (d.key === 'expert-question') {
      const asked = new Date(receivedAt.getTime() + 30 * 60_000);
      const dueAt = new Date(now.getTime() + 2 * 86_400_000);
      // A real token is only ever in a mail; the demo's is thrown away, the escalation shows as open.
      const [esc] = await tx.insert(inboxEscalations).values({
        workspaceId, itemId: item.id, expertEmail: 'steuerrecht@beispielamt.example', expertName: 'Dr. Petra Lang', department: 'Referat Steuerrecht',
        question: 'Gilt die Regelung auch für Selbstständige mit Wohnsitz im Ausland? Bitte kurze, zitierfähige Antwort.', dueAt,
        tokenHash: tokenHash(randomBytes(32).toString('base64url')), expiresAt: new Date(dueAt.getTime() + 3 * 86_400_000), createdBy: user(CLARA), createdAt: asked,
      }).returning();
      await tx.insert(inboxNotes).values({ workspaceId, itemId: item.id, authorId: user(CLARA), kind: 'system', body: '→ Dr. Petra Lang, Referat Steuerrecht: Gilt die Regelung auch für Selbstständige mit Wohnsitz im Ausland?', escalationId: esc!.id, createdAt: asked });
    }
    if (d.key === 'complaint-1') {
      await tx.insert(inboxNotes).values({ workspaceId, itemId: item.id, authorId: user(KEMAL), kind: 'member', body: '@Clara vom Dienst Die IT meldet eine Störung seit 9 Uhr – bitte Statusmeldung abwarten, bevor wir antworten.', mentions: [user(CLARA)].filter((x): x is string => !!x), createdAt: new Date(receivedAt.getTime() + 10 * 60_000) });
    }
  }
  for (const s of SAVED) {
    await tx.insert(inboxSavedReplies).values({ workspaceId, title: s.title, language: s.language, address: s.address, body: s.body, groupKey: s.group, createdBy: user(KEMAL), createdAt: now, updatedAt: now });
  }
  const rules = [
    { name: 'Beschwerden an die Person im Dienst', conditions: { sentiments: ['negative'] }, actions: { assign: { type: 'on_duty' }, priority: 'high', tags: ['beschwerde'] } },
    { name: 'Fragen zum Beispielgeld', conditions: { query: 'beispielgeld OR antrag* OR vorgangsnummer' }, actions: { tags: ['antrag'] } },
    { name: 'Spam-Verdacht markieren', conditions: { query: '(gratis OR gewinn* OR krypto*) (klick* OR link OR http*)' }, actions: { tags: ['spam-verdacht'], priority: 'low' }, stop: true },
    { name: 'Englischsprachige Anfragen an Kemal', conditions: { languages: ['en'] }, actions: { assign: { type: 'user', userId: user(KEMAL) } } },
  ];
  let position = 0;
  for (const r of rules) {
    if (r.actions.assign && 'userId' in r.actions.assign && !r.actions.assign.userId) continue;
    await tx.insert(inboxRoutingRules).values({ workspaceId, name: r.name, position: position++, conditions: r.conditions, actions: r.actions, stop: r.stop ?? false, createdBy: user(CLARA), createdAt: now, updatedAt: now });
  }
}
