/** Starter training module with a short quiz, German and English, written for Resonanz. */
import type { QuizQuestion } from './quiz.ts';

interface StarterTraining {
  title: string;
  body: string;
  questions: QuizQuestion[];
}

const q = (id: string, prompt: string, kind: 'single' | 'multiple', options: [string, boolean][]): QuizQuestion => ({
  id, prompt, kind, options: options.map(([text, correct], i) => ({ id: String.fromCharCode(97 + i), text, correct })),
});

export const STARTER_TRAINING: Record<'de' | 'en', StarterTraining> = {
  de: {
    title: 'Grundlagen: sicher und souverän in sozialen Medien',
    body: `## Worum es geht\n\nIn 15 Minuten lernen Sie die wichtigsten Regeln unseres Social-Media-Leitfadens kennen: dienstlich und privat trennen, Vertrauliches schützen, Rechte Dritter achten, freundlich bleiben – und wissen, wen Sie im Zweifel fragen.\n\n## Merksätze\n\n1. Ich spreche privat als Privatperson.\n2. Intern bleibt intern.\n3. Keine Daten oder Bilder Dritter ohne Einwilligung.\n4. Erst fragen, dann posten.\n\nAm Ende prüft ein kurzes Quiz Ihr Wissen (Bestehensgrenze 75 %).`,
    questions: [
      q('private', 'Sie äußern sich privat zu einem Thema Ihrer Behörde. Was ist richtig?', 'single', [['Ich mache deutlich, dass ich meine persönliche Meinung äußere.', true], ['Ich schreibe im Namen der Behörde, weil ich dort arbeite.', false], ['Private Äußerungen zu dienstlichen Themen sind immer verboten.', false]]),
      q('confidential', 'Was dürfen Sie ohne Rücksprache nicht veröffentlichen?', 'multiple', [['Einen internen Entwurf einer Pressemitteilung', true], ['Ein Foto aus der Besprechung mit lesbarem Whiteboard', true], ['Den Link auf eine bereits veröffentlichte Pressemitteilung', false]]),
      q('privacy', 'Eine Bürgerin nennt in einem öffentlichen Kommentar ihr Aktenzeichen. Wie reagieren Sie?', 'single', [['Ich verweise auf einen sicheren Kontaktweg und gehe öffentlich nicht auf Details ein.', true], ['Ich beantworte die Frage öffentlich mit allen Details.', false], ['Ich ignoriere den Kommentar.', false]]),
      q('doubt', 'Sie sind unsicher, ob ein Beitrag in Ordnung ist. Was tun Sie?', 'single', [['Erst fragen, dann posten – beim Social-Media-Team.', true], ['Posten und bei Kritik löschen.', false]]),
    ],
  },
  en: {
    title: 'Basics: safe and confident on social media',
    body: `## What this is about\n\nIn 15 minutes you learn the key rules of our social media guideline: keep official and private apart, protect what is confidential, respect the rights of others, stay friendly – and know whom to ask when in doubt.\n\n## Key points\n\n1. In private I speak as a private person.\n2. Internal stays internal.\n3. No data or images of others without consent.\n4. Ask first, post later.\n\nA short quiz checks your knowledge at the end (pass mark 75 %).`,
    questions: [
      q('private', 'You comment privately on a topic of your organisation. What is right?', 'single', [['I make clear that this is my personal opinion.', true], ['I write on behalf of the organisation because I work there.', false], ['Private comments on work topics are always forbidden.', false]]),
      q('confidential', 'What may you not publish without checking first?', 'multiple', [['An internal draft of a press release', true], ['A photo from the meeting with a readable whiteboard', true], ['The link to a press release that has been published', false]]),
      q('privacy', 'A citizen posts her case number in a public comment. How do you react?', 'single', [['I point to a secure contact channel and do not discuss details in public.', true], ['I answer publicly with all details.', false], ['I ignore the comment.', false]]),
      q('doubt', 'You are unsure whether a post is all right. What do you do?', 'single', [['Ask first, post later – ask the social media team.', true], ['Post it and delete it if people complain.', false]]),
    ],
  },
};
