/**
 * Saved reply templates (Textbausteine): `{{author}}`-style variables, replaced when a reply is
 * prepared for an item. Unknown variables are refused when the template is saved, so a typo
 * never reaches a citizen as "{{autor}}".
 */
import { SAVED_REPLY_VARIABLES } from '../../../common/schemas/inbox.ts';

export type TemplateVariables = Record<(typeof SAVED_REPLY_VARIABLES)[number], string>;

const VAR = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** Variable names a template uses that do not exist. */
export function unknownVariables(body: string): string[] {
  const known = new Set<string>(SAVED_REPLY_VARIABLES);
  return [...new Set([...body.matchAll(VAR)].map((m) => m[1]!).filter((v) => !known.has(v)))];
}

export function renderTemplate(body: string, vars: TemplateVariables): string {
  return body.replace(VAR, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name as keyof TemplateVariables] : whole));
}

/** The address form a free-text tone names ("du, locker" → du; "Sie, sachlich" → sie), else null. */
export function addressOfTone(tone: string | null | undefined): 'du' | 'sie' | null {
  if (!tone) return null;
  if (/\bSie\b/.test(tone) || /\bsiezen\b/i.test(tone) || /\bformal\b/i.test(tone)) return 'sie';
  if (/\bdu\b/i.test(tone) || /\bduzen\b/i.test(tone)) return 'du';
  return null;
}
