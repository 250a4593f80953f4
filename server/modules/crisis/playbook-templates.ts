/**
 * Starter playbooks for the five scenarios, in German and English, written by us: severity levels,
 * a crisis team led by the duty editor, checklist tasks with target times, holding statements in
 * both address forms (each fits Bluesky's 300 graphemes) and FAQ drafts. An organisation adapts
 * them; nothing here is used without passing through the playbook editor and the approval chain.
 */
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';

export type Scenario = 'false_report' | 'data_leak' | 'shitstorm' | 'technical_outage' | 'security_incident';
type Locale = 'de' | 'en';

export interface HoldingTemplate {
  title: string;
  language: Locale;
  register: 'du' | 'sie';
  text: string;
}

export interface PlaybookTemplate {
  name: string;
  content: PlaybookContent;
  holdingStatements: HoldingTemplate[];
}

interface Script {
  name: Record<Locale, string>;
  description: Record<Locale, string>;
  levels: Record<Locale, [string, string, string]>;
  tasks: { de: string; en: string; dueMinutes: number }[];
  faq: { de: [string, string]; en: [string, string] }[];
  holding: { de_sie: string; de_du: string; en: string };
}

const duty = { kind: 'duty_editor' } as const;

const COMMON_TASKS = [
  { de: 'Lage einschätzen und Schweregrad festlegen', en: 'Assess the situation and set the severity', dueMinutes: 15 },
  { de: 'Holding Statement auswählen und veröffentlichen', en: 'Choose and publish a holding statement', dueMinutes: 30 },
];

const SCRIPTS: Record<Scenario, Script> = {
  false_report: {
    name: { de: 'Falschmeldung', en: 'False report' },
    description: {
      de: 'Eine falsche Behauptung über uns verbreitet sich. Schnell reagieren, Fakten belegen, Quelle nennen.',
      en: 'A false claim about us is spreading. React fast, back the facts, name the source.',
    },
    levels: {
      de: ['Einzelne Beiträge', 'Deutliche Verbreitung', 'Medien greifen es auf'],
      en: ['Single posts', 'Clear spread', 'Picked up by media'],
    },
    tasks: [
      ...COMMON_TASKS,
      { de: 'Fakten mit der Fachabteilung prüfen', en: 'Check the facts with the department', dueMinutes: 45 },
      { de: 'Richtigstellung mit Beleg veröffentlichen', en: 'Publish the correction with evidence', dueMinutes: 90 },
      { de: 'Pressestelle und Leitung informieren', en: 'Inform the press office and leadership', dueMinutes: 30 },
    ],
    faq: [
      { de: ['Stimmt die Meldung?', 'Nein. Die Behauptung ist falsch. Die richtigen Informationen finden Sie auf unserer Website.'], en: ['Is the report true?', 'No. The claim is false. The correct information is on our website.'] },
      { de: ['Woher kommt die Meldung?', 'Wir prüfen die Herkunft und informieren, sobald wir mehr wissen.'], en: ['Where does the report come from?', 'We are checking its origin and will inform you as soon as we know more.'] },
    ],
    holding: {
      de_sie: 'Uns erreichen Hinweise auf eine Meldung über das Amt, die nicht zutrifft. Wir prüfen den Sachverhalt und informieren Sie hier in Kürze mit belegten Fakten. Bitte teilen Sie die Meldung bis dahin nicht weiter.',
      de_du: 'Gerade kursiert eine Meldung über uns, die nicht stimmt. Wir prüfen das und melden uns hier gleich mit belegten Fakten. Bitte teil die Meldung bis dahin nicht weiter.',
      en: 'We are aware of a report about us that is not accurate. We are checking the facts and will update you here shortly with evidence. Please do not share the report in the meantime.',
    },
  },
  data_leak: {
    name: { de: 'Datenpanne', en: 'Data leak' },
    description: {
      de: 'Personenbezogene Daten könnten betroffen sein. Datenschutz und IT sofort einbinden; Meldepflichten beachten.',
      en: 'Personal data may be affected. Involve data protection and IT at once; mind the reporting duties.',
    },
    levels: { de: ['Verdacht', 'Bestätigt, begrenzt', 'Bestätigt, viele Betroffene'], en: ['Suspected', 'Confirmed, limited', 'Confirmed, many affected'] },
    tasks: [
      ...COMMON_TASKS,
      { de: 'Datenschutzbeauftragte informieren', en: 'Inform the data protection officer', dueMinutes: 20 },
      { de: 'Meldung an die Aufsichtsbehörde prüfen (72 Stunden)', en: 'Check the report to the supervisory authority (72 hours)', dueMinutes: 240 },
    ],
    faq: [
      { de: ['Sind meine Daten betroffen?', 'Wir prüfen das gerade. Betroffene informieren wir direkt.'], en: ['Is my data affected?', 'We are checking. We will inform affected people directly.'] },
    ],
    holding: {
      de_sie: 'Wir prüfen derzeit einen möglichen Vorfall, bei dem Daten betroffen sein könnten. Datenschutz und IT sind eingebunden. Sind Sie betroffen, informieren wir Sie direkt. Neue Informationen finden Sie hier.',
      de_du: 'Wir prüfen gerade einen möglichen Vorfall, bei dem Daten betroffen sein könnten. Datenschutz und IT sind dran. Wenn du betroffen bist, melden wir uns direkt bei dir. Updates gibt es hier.',
      en: 'We are investigating a possible incident that may involve data. Data protection and IT are involved. We will inform affected people directly and post updates here.',
    },
  },
  shitstorm: {
    name: { de: 'Shitstorm zu einer Äußerung', en: 'Shitstorm about a statement' },
    description: {
      de: 'Eine Äußerung löst massive negative Reaktionen aus. Zuhören, nicht rechtfertigen, einordnen, Netiquette durchsetzen.',
      en: 'A statement causes massive negative reactions. Listen, do not justify, explain, enforce the netiquette.',
    },
    levels: { de: ['Kritik nimmt zu', 'Welle negativer Reaktionen', 'Shitstorm mit Medienecho'], en: ['Criticism grows', 'Wave of negative reactions', 'Shitstorm with media echo'] },
    tasks: [
      ...COMMON_TASKS,
      { de: 'Kritikpunkte sammeln und gewichten', en: 'Collect and weigh the points of criticism', dueMinutes: 45 },
      { de: 'Einordnung mit der Leitung abstimmen', en: 'Agree the explanation with leadership', dueMinutes: 120 },
      { de: 'Kommentare nach Netiquette moderieren', en: 'Moderate comments by the netiquette', dueMinutes: 60 },
    ],
    faq: [
      { de: ['Warum wurde das gesagt?', 'Wir nehmen die Kritik ernst und ordnen die Äußerung in Kürze ein.'], en: ['Why was this said?', 'We take the criticism seriously and will explain the statement shortly.'] },
      { de: ['Werden Kommentare gelöscht?', 'Nur bei Verstößen gegen unsere Netiquette – Kritik bleibt sichtbar.'], en: ['Are comments deleted?', 'Only when they break our netiquette – criticism stays visible.'] },
    ],
    holding: {
      de_sie: 'Wir lesen Ihre Rückmeldungen zu unserer Äußerung und nehmen die Kritik ernst. Wir ordnen das heute noch ein. Bitte bleiben Sie sachlich – Beiträge gegen unsere Netiquette entfernen wir.',
      de_du: 'Wir lesen deine Rückmeldungen zu unserer Äußerung und nehmen die Kritik ernst. Wir ordnen das heute noch ein. Bitte bleib sachlich – Beiträge gegen unsere Netiquette entfernen wir.',
      en: 'We are reading your feedback on our statement and take the criticism seriously. We will explain it later today. Please keep it factual – we remove posts that break our netiquette.',
    },
  },
  technical_outage: {
    name: { de: 'Technische Störung', en: 'Technical outage' },
    description: {
      de: 'Ein Dienst ist nicht erreichbar. Status offen kommunizieren, regelmäßig aktualisieren, Ende melden.',
      en: 'A service is down. Communicate the status openly, update regularly, announce the end.',
    },
    levels: { de: ['Teilstörung', 'Ausfall', 'Längerer Ausfall mit Folgen'], en: ['Partial outage', 'Outage', 'Long outage with consequences'] },
    tasks: [
      ...COMMON_TASKS,
      { de: 'Ursache und Dauer bei der IT erfragen', en: 'Ask IT for cause and expected duration', dueMinutes: 20 },
      { de: 'Stündliches Update veröffentlichen', en: 'Publish an hourly update', dueMinutes: 60 },
    ],
    faq: [{ de: ['Wann geht es wieder?', 'Wir arbeiten daran und melden uns spätestens in einer Stunde.'], en: ['When will it be back?', 'We are working on it and will update you within an hour.'] }],
    holding: {
      de_sie: 'Unser Online-Angebot ist derzeit gestört. Wir arbeiten mit Hochdruck an der Behebung und informieren Sie hier spätestens in einer Stunde mit einem Update. Wir bitten Sie um Entschuldigung.',
      de_du: 'Unser Online-Angebot ist gerade gestört. Wir arbeiten mit Hochdruck daran und halten dich hier auf dem Laufenden – spätestens in einer Stunde gibt es ein Update. Sorry für die Unannehmlichkeiten!',
      en: 'Our online service is currently disrupted. We are working hard on a fix and will post an update here within the hour. We apologise for the inconvenience.',
    },
  },
  security_incident: {
    name: { de: 'Sicherheitsvorfall', en: 'Security incident' },
    description: {
      de: 'Ein Konto oder System ist kompromittiert. Zugänge sichern, Falsches löschen, warnen.',
      en: 'An account or system is compromised. Secure access, remove what is false, warn.',
    },
    levels: { de: ['Verdacht', 'Konto kompromittiert', 'Systeme kompromittiert'], en: ['Suspected', 'Account compromised', 'Systems compromised'] },
    tasks: [
      ...COMMON_TASKS,
      { de: 'Passwörter und Tokens zurücksetzen', en: 'Reset passwords and tokens', dueMinutes: 15 },
      { de: 'IT-Sicherheit (CERT) informieren', en: 'Inform IT security (CERT)', dueMinutes: 20 },
    ],
    faq: [{ de: ['Waren Beiträge echt?', 'Beiträge zwischen den genannten Zeiten stammen nicht von uns.'], en: ['Were the posts genuine?', 'Posts between the times given did not come from us.'] }],
    holding: {
      de_sie: 'Achtung: Wir prüfen einen Sicherheitsvorfall. Nachrichten, die in den letzten Stunden in unserem Namen verschickt wurden, stammen möglicherweise nicht von uns. Bitte klicken Sie keine Links darin an.',
      de_du: 'Achtung: Wir prüfen einen Sicherheitsvorfall. Nachrichten in unserem Namen aus den letzten Stunden kommen vielleicht nicht von uns. Bitte klick keine Links darin an.',
      en: 'Warning: we are investigating a security incident. Messages sent in our name in the last hours may not be from us. Please do not click links in them.',
    },
  },
};

/** The starter playbook of a scenario in the workspace language. */
export function playbookTemplate(scenario: Scenario, locale: Locale): PlaybookTemplate {
  const s = SCRIPTS[scenario];
  const [l1, l2, l3] = s.levels[locale];
  const name = s.name[locale];
  const holdingTitle = (form: string) => (locale === 'de' ? `Erste Reaktion (${form})` : `First response (${form})`);
  return {
    name,
    content: {
      description: s.description[locale],
      levels: [
        { level: 1, name: l1, description: '', triggers: [] },
        { level: 2, name: l2, description: '', triggers: [] },
        { level: 3, name: l3, description: '', triggers: [] },
      ],
      team: [{ label: locale === 'de' ? 'Krisenleitung (CvD)' : 'Crisis lead (duty editor)', member: duty, substituteUserId: null, escalateAfterMinutes: 10 }],
      tasks: s.tasks.map((t) => ({ title: t[locale], owner: duty, dueMinutes: t.dueMinutes })),
      faq: s.faq.flatMap((f) => [
        { question: f.de[0], answer: f.de[1], language: 'de' as const },
        { question: f.en[0], answer: f.en[1], language: 'en' as const },
      ]),
      queryId: null,
      crisisChain: null,
      sla: { firstResponseMinutes: 15, resolutionMinutes: 120 },
    },
    holdingStatements: [
      { title: holdingTitle('Sie'), language: 'de', register: 'sie', text: s.holding.de_sie },
      { title: holdingTitle('du'), language: 'de', register: 'du', text: s.holding.de_du },
      { title: locale === 'de' ? 'Erste Reaktion (Englisch)' : 'First response (English)', language: 'en', register: 'sie', text: s.holding.en },
    ],
  };
}

export const SCENARIO_LIST = Object.keys(SCRIPTS) as Scenario[];
