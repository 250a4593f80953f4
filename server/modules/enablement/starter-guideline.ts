/**
 * Starter social media guideline in German and English, written for Resonanz. An organisation
 * adapts it (placeholders in [brackets]) before publishing it to its members.
 */
export const STARTER_GUIDELINE: Record<'de' | 'en', { title: string; body: string }> = {
  de: {
    title: 'Social-Media-Leitfaden für Mitarbeitende',
    body: `# Social-Media-Leitfaden für Mitarbeitende

Dieser Leitfaden gilt für alle, die für [Organisation] oder als Beschäftigte von [Organisation] in sozialen Netzwerken unterwegs sind. Er soll Sicherheit geben, nicht Mut nehmen: Wer sich an diese Punkte hält, kann sich frei und souverän im Netz bewegen.

## 1. Dienstlich oder privat – klar trennen
- **Dienstliche Kanäle** bespielen nur die dafür benannten Personen (siehe Plattformstrategie). Beiträge dort durchlaufen die vereinbarte Freigabe.
- **Privat** äußern Sie sich als Privatperson. Wenn Sie Ihren Arbeitgeber im Profil nennen oder über dienstliche Themen schreiben, machen Sie deutlich, dass Sie Ihre persönliche Meinung äußern („Hier privat“).
- Nutzen Sie für private Konten keine dienstliche E-Mail-Adresse und für dienstliche Konten keine privaten Geräte ohne Freigabe der IT.

## 2. Vertraulichkeit
- Was intern ist, bleibt intern: keine Entwürfe, Vermerke, Termine, Zahlen oder Personalangelegenheiten, die nicht veröffentlicht sind.
- Keine Fotos aus Büros, Besprechungen oder von Bildschirmen, auf denen interne Informationen zu sehen sein könnten.
- Im Zweifel gilt eine Information als vertraulich.

## 3. Datenschutz
- Veröffentlichen Sie keine personenbezogenen Daten Dritter (Namen, Fotos, Kontaktdaten, Nachrichten) ohne deren Einwilligung.
- Beantworten Sie Anfragen mit persönlichen Daten (z. B. Aktenzeichen, Gesundheitsdaten) nie öffentlich, sondern verweisen Sie auf einen sicheren Kontaktweg.
- Geben Sie Zugangsdaten dienstlicher Konten niemals weiter; Resonanz verwaltet sie verschlüsselt.

## 4. Urheber- und Persönlichkeitsrechte
- Verwenden Sie nur Bilder, Videos, Musik und Texte, an denen [Organisation] die Rechte hat oder deren Lizenz die Nutzung erlaubt – und nennen Sie die Quelle wie verlangt.
- Auf Fotos erkennbare Personen müssen der Veröffentlichung zugestimmt haben.
- Teilen und Verlinken ist meist erlaubt; Herunterladen und neu Hochladen fremder Inhalte meist nicht.

## 5. Ton und Haltung
- Freundlich, sachlich und respektvoll – auch bei Kritik. Wir diskutieren Argumente, nicht Personen.
- Ansprache nach Zielgruppe: Die Plattformstrategie legt fest, ob wir duzen oder siezen.
- Fehler passieren: Korrigieren Sie offen und sichtbar, statt still zu löschen.
- Lassen Sie sich nicht provozieren. Beleidigungen, Drohungen und Hetze melden Sie dem Community-Management.

## 6. Wenn es brennt
- Bemerken Sie eine ungewöhnliche Welle von Kritik, Falschmeldungen über [Organisation] oder einen gehackten Account, informieren Sie sofort den Chef vom Dienst: [Kontakt].
- Reagieren Sie in solchen Lagen nicht eigenständig auf dienstlichen Kanälen.

## 7. Im Zweifel
- **Erst fragen, dann posten.** Ansprechpartner: Social-Media-Team [Kontakt], Datenschutz [Kontakt], Rechtsreferat [Kontakt].
- Eine Frage zu viel ist besser als ein Beitrag zu viel.

_Bitte bestätigen Sie in Resonanz, dass Sie diesen Leitfaden gelesen haben. Bei jeder neuen Fassung werden Sie erneut gefragt._
`,
  },
  en: {
    title: 'Social media guideline for staff',
    body: `# Social media guideline for staff

This guideline applies to everyone who is active on social networks for [organisation] or as a member of staff of [organisation]. It is meant to give confidence, not to discourage: follow these points and you can act freely and with assurance online.

## 1. Official or private – keep them apart
- **Official channels** are run only by the people named for them (see the platform strategy). Posts there go through the agreed approval.
- **Privately** you speak as a private person. If your profile names your employer or you write about work topics, make clear that this is your personal opinion ("Views my own").
- Do not use a work e-mail address for private accounts, and do not use private devices for official accounts without IT's approval.

## 2. Confidentiality
- What is internal stays internal: no drafts, memos, appointments, figures or personnel matters that have not been published.
- No photos of offices, meetings or screens on which internal information could be visible.
- When in doubt, treat information as confidential.

## 3. Data protection
- Do not publish personal data of others (names, photos, contact details, messages) without their consent.
- Never answer requests containing personal data (case numbers, health data) in public; point to a secure contact channel instead.
- Never pass on the log-in details of official accounts; Resonanz keeps them encrypted.

## 4. Copyright and personal rights
- Use only images, videos, music and texts that [organisation] holds the rights to or whose licence allows the use – and credit the source as required.
- People recognisable in photos must have agreed to publication.
- Sharing and linking is usually allowed; downloading and re-uploading other people's content usually is not.

## 5. Tone and attitude
- Friendly, factual and respectful – also under criticism. We discuss arguments, not people.
- Address each target group as the platform strategy says (informal "du" or formal "Sie" in German).
- Mistakes happen: correct them openly and visibly instead of deleting quietly.
- Do not let yourself be provoked. Report insults, threats and hate speech to the community management team.

## 6. When things heat up
- If you notice an unusual wave of criticism, false reports about [organisation] or a hacked account, tell the duty editor at once: [contact].
- Do not react on official channels on your own in such situations.

## 7. When in doubt
- **Ask first, post later.** Contacts: social media team [contact], data protection [contact], legal department [contact].
- One question too many is better than one post too many.

_Please confirm in Resonanz that you have read this guideline. You will be asked again for every new version._
`,
  },
};
