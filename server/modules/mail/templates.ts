/** Mail texts in German and English; placeholders are filled by `render`. */
type Locale = 'de' | 'en';

const TEMPLATES = {
  invitation: {
    de: { subject: 'Einladung zu Resonanz: {{workspace}}', text: 'Hallo,\n\n{{inviter}} lädt Sie in den Arbeitsbereich „{{workspace}}“ bei Resonanz ein (Rollen: {{roles}}).\n\nEinladung annehmen: {{link}}\n\nDer Link ist {{days}} Tage gültig.' },
    en: { subject: 'Invitation to Resonanz: {{workspace}}', text: 'Hello,\n\n{{inviter}} invites you to the workspace "{{workspace}}" on Resonanz (roles: {{roles}}).\n\nAccept the invitation: {{link}}\n\nThe link is valid for {{days}} days.' },
  },
  passwordReset: {
    de: { subject: 'Resonanz: Passwort zurücksetzen', text: 'Hallo {{name}},\n\nüber diesen Link setzen Sie Ihr Passwort zurück: {{link}}\n\nDer Link ist eine Stunde gültig. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.' },
    en: { subject: 'Resonanz: reset your password', text: 'Hello {{name}},\n\nreset your password with this link: {{link}}\n\nThe link is valid for one hour. If you did not ask for this, ignore this e-mail.' },
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

export function render(name: TemplateName, locale: Locale, vars: Record<string, string | number>): { subject: string; text: string } {
  const t = TEMPLATES[name][locale];
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
  return { subject: fill(t.subject), text: fill(t.text) };
}
