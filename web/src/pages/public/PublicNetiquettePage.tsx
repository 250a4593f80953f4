/**
 * The public netiquette page (`/netiquette/<workspace>`), readable without an account, in German
 * and English: the latest published version with numbered clauses, so a moderation decision can
 * point at "§ 2" that anyone could read.
 */
import { Anchor, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { publicNetiquetteSchema } from '../../../../common/schemas/moderation.ts';
import { get } from '../../api/client.ts';

type PublicNetiquette = z.infer<typeof publicNetiquetteSchema>;

export function PublicNetiquettePage() {
  const { slug } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const lang = params.get('lang') === 'en' ? 'en' : params.get('lang') === 'de' ? 'de' : i18n.language === 'en' ? 'en' : 'de';
  useEffect(() => { if (i18n.language !== lang) void i18n.changeLanguage(lang); }, [lang, i18n]);
  const q = useQuery({ queryKey: ['public-netiquette', slug, lang], queryFn: () => get<PublicNetiquette>(`/public/netiquette/${slug}`, { lang }), retry: false });
  useEffect(() => { document.title = q.data ? `${t('community.public.title')} – ${q.data.workspace}` : t('community.public.title'); }, [q.data, t]);
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long' });
  return (
    <Container size="sm" py="xl" component="main" lang={lang}>
      {q.isPending && <Loader role="status" aria-label={t('community.loading')} />}
      {q.error && <Stack><Title order={1}>{t('community.public.title')}</Title><Text>{t('community.public.notFound')}</Text></Stack>}
      {q.data && (
        <Stack>
          <Group justify="space-between" align="start">
            <div>
              <Text c="dimmed" size="sm">{q.data.workspace}</Text>
              <Title order={1}>{t('community.public.title')}</Title>
            </div>
            <Anchor component={Link} to={`?lang=${q.data.otherLanguage}`} lang={q.data.otherLanguage} hrefLang={q.data.otherLanguage}>{q.data.otherLanguage === 'en' ? 'English' : 'Deutsch'}</Anchor>
          </Group>
          <Text size="sm" c="dimmed">{t('community.public.version', { version: q.data.version, date: date(q.data.publishedAt) })}</Text>
          {q.data.intro && <Text>{q.data.intro}</Text>}
          <ol className="community-netiquette-list">
            {q.data.clauses.map((c) => (
              <li key={c.code} id={c.code}>
                <Title order={2} size="h3">§ {c.number} {c.title}</Title>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
              </li>
            ))}
          </ol>
          <Text size="sm" c="dimmed">{t('community.public.footer')}</Text>
        </Stack>
      )}
    </Container>
  );
}
