import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch } from '../api/client.ts';
import { SESSION_KEY, type Session } from '../api/session.tsx';
import { currentLanguage, isLanguage } from '../i18n/index.ts';

/**
 * DE/EN switch. Signed in, the choice is also saved to the profile so it follows the user to other
 * devices; the session cache is updated in place so the profile's locale does not switch it back.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const change = async (lng: string) => {
    if (!isLanguage(lng)) return;
    await i18n.changeLanguage(lng);
    const session = qc.getQueryData<Session>(SESSION_KEY);
    if (session?.state === 'ready') {
      const next: Session = { state: 'ready', me: { ...session.me, user: { ...session.me.user, locale: lng } } };
      qc.setQueryData<Session>(SESSION_KEY, next);
      await patch('/profile', { locale: lng }).catch(() => undefined);
    }
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(v) => void change(v)}
      data={[
        { value: 'de', label: <><span aria-hidden="true">DE</span><VisuallyHidden lang="de">Deutsch</VisuallyHidden></> },
        { value: 'en', label: <><span aria-hidden="true">EN</span><VisuallyHidden lang="en">English</VisuallyHidden></> },
      ]}
    />
  );
}
