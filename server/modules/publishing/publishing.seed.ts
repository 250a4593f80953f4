/**
 * Demo editorial plan: a Bluesky and a Mastodon channel (not connected) and two weeks of German
 * posts of the federal office, in every publish state, with campaigns, topics and images (with alt
 * text — one draft's image still lacks it, to show the accessibility gate).
 */
import { DEMO_EMAIL } from '../../seed/demo-team.ts';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { seedDemoImages, type DemoImageName } from '../media/media.seed.ts';
import { fileMediaStore, mediaRootOf } from '../media/media-store.ts';
import { contentHash } from './post-content.ts';
import { channels, posts, postVersions, publishTargets } from './publishing.schema.ts';

const PLAN: { day: number; hour: number; text: string; campaign: string | null; topic: string; state: string; groups: string[]; image?: DemoImageName }[] = [
  { day: -3, hour: 10, text: 'Ab heute gilt: Anträge auf Beispielgeld können vollständig online gestellt werden. Alle Infos: https://www.beispielamt.de/beispielgeld', campaign: 'Digitaler Antrag', topic: 'Service', state: 'published', groups: ['Bürgerinnen und Bürger'] },
  { day: -2, hour: 14, text: 'Unsere Präsidentin spricht heute beim Fachkongress Verwaltung digital über Barrierefreiheit in Behördenportalen.', campaign: null, topic: 'Termine', state: 'published', groups: ['Fachöffentlichkeit'] },
  { day: -1, hour: 9, text: 'Wartungsarbeiten: Das Antragsportal ist am Samstag von 6 bis 10 Uhr nicht erreichbar.', campaign: null, topic: 'Service', state: 'failed', groups: ['Bürgerinnen und Bürger'] },
  { day: -1, hour: 16, text: 'Rückblick auf den Tag der offenen Tür – danke an über 2.000 Besucherinnen und Besucher!', campaign: 'Tag der offenen Tür', topic: 'Einblicke', state: 'unconfirmed', groups: ['Nachbarschaft'], image: 'openDay' },
  { day: 0, hour: 8, text: 'Guten Morgen! Heute beantworten wir von 10 bis 12 Uhr Ihre Fragen zum Beispielgeld im Live-Chat.', campaign: 'Digitaler Antrag', topic: 'Service', state: 'expired', groups: ['Bürgerinnen und Bürger'] },
  { day: 1, hour: 10, text: 'Neu: Die Broschüre „Beispielgeld in Leichter Sprache“ steht zum Download bereit.', campaign: 'Digitaler Antrag', topic: 'Barrierefreiheit', state: 'scheduled', groups: ['Menschen mit Behinderungen'] },
  { day: 2, hour: 12, text: 'Wir suchen Verstärkung! Ausbildung zur Verwaltungsfachangestellten (m/w/d) ab 1. September.', campaign: 'Ausbildung 2025', topic: 'Karriere', state: 'scheduled', groups: ['Schülerinnen und Schüler'] },
  { day: 3, hour: 9, text: 'Wussten Sie schon? 80 % aller Anträge werden inzwischen digital gestellt. #Verwaltungdigital', campaign: 'Digitaler Antrag', topic: 'Zahlen & Fakten', state: 'approved', groups: ['Presse'], image: 'infographic' },
  { day: 4, hour: 15, text: 'Hinter den Kulissen: Ein Tag mit unserem Team im Bürgerservice.', campaign: null, topic: 'Einblicke', state: 'in_review', groups: ['Nachbarschaft'] },
  { day: 6, hour: 11, text: 'Hitzewarnung: Tipps für Beschäftigte im Außendienst – trinken, Schatten, Pausen.', campaign: 'Sommer-Service', topic: 'Gesundheit', state: 'in_review', groups: ['Beschäftigte'], image: 'heat' },
  { day: 8, hour: 10, text: 'Azubi-Speed-Dating am Donnerstag: Lernen Sie uns in 10 Minuten kennen.', campaign: 'Ausbildung 2025', topic: 'Karriere', state: 'draft', groups: ['Schülerinnen und Schüler'], image: 'trainees' },
  { day: 11, hour: 13, text: 'Entwurf: Ergebnisse der Nutzerbefragung zum Antragsportal (Zahlen folgen).', campaign: 'Digitaler Antrag', topic: 'Zahlen & Fakten', state: 'draft', groups: ['Fachöffentlichkeit'] },
  { day: 13, hour: 9, text: 'Feiertag: Am Montag bleiben unsere Dienststellen geschlossen.', campaign: null, topic: 'Service', state: 'draft', groups: ['Bürgerinnen und Bürger'] },
];

export async function seedPublishing(c: DemoSeedContext): Promise<void> {
  const [bsky, masto] = await c.tx.insert(channels).values([
    { workspaceId: c.workspaceId, network: 'bluesky', name: 'Bluesky @beispielamt', serviceUrl: 'https://bsky.social', defaultSlots: [{ weekday: 2, time: '10:00' }, { weekday: 4, time: '14:00' }] },
    { workspaceId: c.workspaceId, network: 'mastodon', name: 'Mastodon social.bund.de', serviceUrl: 'https://social.bund.de', defaultSlots: [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:00' }] },
  ]).returning();
  const author = c.userIds['redaktion@resonanz.local'] ?? c.userIds[DEMO_EMAIL] ?? null;
  const today = new Date();
  const images = c.config ? await seedDemoImages(c.tx, fileMediaStore(mediaRootOf(c.config)), c.workspaceId, today) : null;
  today.setUTCHours(0, 0, 0, 0);
  for (const p of PLAN) {
    const at = new Date(today.getTime() + p.day * 86_400_000 + (p.hour - 1) * 3_600_000);
    const content = { text: p.text, variants: {}, media: p.image && images ? [images[p.image]] : [], contentWarning: null, language: 'de' };
    const hash = contentHash(content);
    const [post] = await c.tx.insert(posts).values({ workspaceId: c.workspaceId, authorId: author, ...content, campaign: p.campaign, topic: p.topic, targetGroups: p.groups, scheduledAt: at, contentHash: hash }).returning();
    await c.tx.insert(postVersions).values({ postId: post!.id, version: 1, content, contentHash: hash, editedBy: author });
    // Demo channels are not connected: nothing here is ever sent; published ones carry example URLs.
    await c.tx.insert(publishTargets).values([bsky!, masto!].map((ch) => ({
      workspaceId: c.workspaceId, postId: post!.id, channelId: ch.id, state: p.state, scheduledAt: at,
      ...(p.state === 'published' ? { publishedAt: at, remoteUrl: `${ch.serviceUrl}/@beispielamt/demo` } : {}),
      ...(p.state === 'failed' ? { errorKind: 'invalid', lastError: 'Der Kanal ist nicht verbunden.' } : {}),
      ...(p.state === 'unconfirmed' ? { errorKind: 'unknown_outcome', lastError: 'Ergebnis unbekannt – bitte im Konto prüfen, bevor erneut gesendet wird.' } : {}),
    })));
  }
}
