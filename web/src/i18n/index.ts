/**
 * i18next set-up. German is the default (the product's home market and the demo workspace); the
 * choice is remembered in the browser before login and in the profile after. The <html lang>
 * attribute follows the UI language so screen readers pronounce the text correctly.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { translations } from './resources.ts';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(x: string | undefined | null): x is Language {
  return x === 'de' || x === 'en';
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: translations.de }, en: { translation: translations.en } },
    fallbackLng: 'de',
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: false,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage'], lookupLocalStorage: 'resonanz.lang', caches: ['localStorage'] },
    returnNull: false,
  });

function applyLang(lng: string) {
  document.documentElement.lang = isLanguage(lng) ? lng : 'de';
}
applyLang(i18n.resolvedLanguage ?? 'de');
i18n.on('languageChanged', applyLang);

/** The active UI language, narrowed to what we ship. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'de';
}

export default i18n;
