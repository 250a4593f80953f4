/**
 * Scenario scripts for drills: generated German mentions and comments that follow a rising curve
 * (few at first, then quickly more — the typical shape of a shitstorm or a spreading false report)
 * and turn negative. Pure and deterministic for a seed, so a drill can be replayed and tested.
 */
import type { Scenario } from './playbook-templates.ts';

export interface DrillItemDraft {
  /** Seconds after the drill start. */
  offsetS: number;
  kind: 'mention' | 'comment';
  network: 'bluesky' | 'mastodon';
  author: string;
  text: string;
}

const OPENERS = ['Stimmt das wirklich?', 'Unglaublich.', 'Ernsthaft jetzt?', 'Das ist ein Skandal.', 'Ich bin fassungslos.', 'Typisch.', 'Wieder einmal.', 'Das kann doch nicht wahr sein.'];
const CLOSERS = ['Erklärt euch endlich!', 'Wir wollen Antworten.', 'So geht das nicht.', 'Peinlich und enttäuschend.', 'Schämt euch.', 'Ich bin wütend.', 'Das ist eine Katastrophe.', 'Vertrauen verspielt.'];
const BODIES: Record<Scenario, string[]> = {
  false_report: [
    'Angeblich streicht das Amt alle Anträge auf Beispielgeld rückwirkend.',
    'Überall liest man, dass die Behörde Daten an private Firmen verkauft hat.',
    'Ein Screenshot zeigt angeblich eine interne Anweisung, Beschwerden zu ignorieren.',
    'Laut einem Post wird das Bürgerbüro ab Montag komplett geschlossen.',
  ],
  data_leak: [
    'Meine Antragsdaten tauchen in einem Forum auf.',
    'Offenbar sind tausende Datensätze mit Namen und Adressen im Netz.',
    'Wer hat da geschlampt? Persönliche Daten frei zugänglich.',
    'Ich habe eine Phishing-Mail mit meinen echten Antragsdaten bekommen.',
  ],
  shitstorm: [
    'Die Aussage der Pressestelle gestern ist respektlos gegenüber allen Betroffenen.',
    'Wie kann man so etwas öffentlich sagen?',
    'Dieser Kommentar des Amtes ist arrogant und verletzend.',
    'Die Entschuldigung fehlt immer noch.',
  ],
  technical_outage: [
    'Das Antragsportal ist seit Stunden nicht erreichbar.',
    'Frist läuft heute ab und das Portal ist down.',
    'Fehlermeldung beim Hochladen, nichts funktioniert.',
    'Die Hotline ist auch überlastet, niemand geht ran.',
  ],
  security_incident: [
    'Der offizielle Account postet komische Links.',
    'Ich habe auf den Link im Post geklickt und jetzt ist mein Konto gesperrt.',
    'Wurde der Kanal gehackt? Seltsame Nachrichten seit heute Morgen.',
    'Warnung: die Nachricht des Amtes sieht nach Betrug aus.',
  ],
};
const HANDLES = ['lena', 'tobias', 'mia', 'jonas', 'sara', 'felix', 'nora', 'paul', 'emma', 'leon', 'hannah', 'ben', 'lara', 'finn', 'julia', 'max'];

/** A small deterministic PRNG (mulberry32): the same seed gives the same drill. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Items over `durationMinutes`: the count per minute grows quadratically from ~0 to `peakPerMinute`,
 * so the cumulative curve is cubic (slow start, steep end). About a third are comments on our posts.
 */
export function drillScript(scenario: Scenario, durationMinutes: number, seed = 1, peakPerMinute = 6): DrillItemDraft[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const out: DrillItemDraft[] = [];
  for (let minute = 0; minute < durationMinutes; minute++) {
    const expected = peakPerMinute * ((minute + 1) / durationMinutes) ** 2;
    const n = Math.floor(expected) + (next() < expected % 1 ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const kind = next() < 0.35 ? 'comment' : 'mention';
      const body = pick(BODIES[scenario]);
      const text = kind === 'comment' ? `@amt ${pick(OPENERS)} ${body} ${pick(CLOSERS)}` : `${pick(OPENERS)} ${body} ${pick(CLOSERS)} #Beispielamt`;
      out.push({ offsetS: minute * 60 + Math.floor(next() * 60), kind, network: next() < 0.5 ? 'bluesky' : 'mastodon', author: `${pick(HANDLES)}${Math.floor(next() * 90 + 10)}.${next() < 0.5 ? 'bsky.social' : 'social.example'}`, text });
    }
  }
  return out.sort((a, b) => a.offsetS - b.offsetS);
}
