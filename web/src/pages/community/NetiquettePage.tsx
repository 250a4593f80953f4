/** The netiquette editor: clauses in German and English, settings (four-eyes bans, warning ladder), publishing a version, rules. */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAUSE_CATEGORIES } from '../../../../common/schemas/moderation.ts';
import { del, fieldErrorsOf, get, patch, post, put } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { communityKeys, messageOf, useNetiquette, type Clause, type Rule } from './community-api.ts';

type Draft = Omit<Clause, 'id' | 'retired' | 'position'> & { id?: string };
const EMPTY: Draft = { code: '', category: 'insult', titleDe: '', titleEn: '', bodyDe: '', bodyEn: '', autoHide: false };

export function NetiquettePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.netiquette.title'));
  const ws = useWorkspace();
  const can = useCan();
  const qc = useQueryClient();
  const n = useNetiquette(ws.id);
  const rules = useQuery({ queryKey: communityKeys.of(ws.id, 'rules'), queryFn: () => get<{ items: Rule[] }>(`/workspaces/${ws.id}/moderation/rules`).then((r) => r.items) });
  const [edit, setEdit] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [rule, setRule] = useState<{ name: string; clauseId: string | null; keywords: string[]; query: string } | null>(null);
  const manage = can('community.manage');
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const refresh = () => qc.invalidateQueries({ queryKey: communityKeys.all(ws.id) });
  const run = async (fn: () => Promise<unknown>, after?: () => void) => {
    setError(null);
    setErrors({});
    try { await fn(); after?.(); await refresh(); } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
    }
  };
  if (n.error) return <ErrorAlert error={n.error} />;
  if (!n.data) return null;
  const active = n.data.clauses.filter((c) => !c.retired);
  const saveClause = () => run(() => {
    const { id, ...body } = edit!;
    return id ? put(`/workspaces/${ws.id}/moderation/netiquette/clauses/${id}`, body) : post(`/workspaces/${ws.id}/moderation/netiquette/clauses`, body);
  }, () => setEdit(null));

  return (
    <Stack>
      <Title order={1}>{t('community.netiquette.title')}</Title>
      <Group>
        {n.data.published ? <Badge variant="light">{t('community.netiquette.published', { version: n.data.published.version })}</Badge> : <Badge color="gray">{t('community.netiquette.notPublished')}</Badge>}
        {n.data.unpublishedChanges && <Badge color="orange" variant="light">{t('community.netiquette.unpublished')}</Badge>}
        {n.data.published && <Anchor href={n.data.publicPath} target="_blank">{t('community.netiquette.publicPage')}</Anchor>}
        {manage && <Button size="xs" disabled={!n.data.unpublishedChanges || active.length === 0} onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/netiquette/publish`))}>{t('community.netiquette.publish')}</Button>}
      </Group>
      {error && !edit && <Alert color="red" role="alert">{error}</Alert>}
      {active.length === 0 && <Alert color="blue">{t('community.netiquette.empty')}</Alert>}
      {active.map((c, i) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between">
            <Title order={2} size="h5">§ {i + 1} {lang === 'de' ? c.titleDe : c.titleEn} <Text span c="dimmed" size="sm">({c.code})</Text></Title>
            <Group gap="xs">
              {c.autoHide && <Badge color="orange" variant="light">{t('community.netiquette.autoHideOn')}</Badge>}
              {manage && <Button size="xs" variant="light" onClick={() => setEdit({ ...c })}>{t('community.edit')}</Button>}
              {manage && <Button size="xs" variant="subtle" color="red" onClick={() => void run(() => del(`/workspaces/${ws.id}/moderation/netiquette/clauses/${c.id}`))}>{t('community.netiquette.retire')}</Button>}
            </Group>
          </Group>
          <Text size="sm" mt={4}>{lang === 'de' ? c.bodyDe : c.bodyEn}</Text>
        </Card>
      ))}
      {manage && <Button w="fit-content" onClick={() => setEdit({ ...EMPTY })}>{t('community.netiquette.addClause')}</Button>}

      <Card withBorder>
        <Title order={2} size="h4">{t('community.netiquette.settings')}</Title>
        <Stack mt="xs">
          <Switch label={t('community.netiquette.fourEyes')} checked={n.data.settings.banNeedsConfirmation} disabled={!manage} onChange={(e) => void run(() => patch(`/workspaces/${ws.id}/moderation/netiquette`, { banNeedsConfirmation: e.currentTarget.checked }))} />
          <NumberInput label={t('community.netiquette.warningsBeforeBan')} min={1} max={20} w={260} defaultValue={n.data.settings.warningsBeforeBan} disabled={!manage} onBlur={(e) => void run(() => patch(`/workspaces/${ws.id}/moderation/netiquette`, { warningsBeforeBan: Number(e.currentTarget.value) }))} />
          <NumberInput label={t('community.netiquette.recordRetention')} min={30} max={3650} w={260} defaultValue={n.data.settings.recordRetentionDays} disabled={!manage} onBlur={(e) => void run(() => patch(`/workspaces/${ws.id}/moderation/netiquette`, { recordRetentionDays: Number(e.currentTarget.value) }))} />
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4">{t('community.netiquette.rulesTitle')}</Title>
        <Text size="sm" c="dimmed">{t('community.netiquette.rulesIntro')}</Text>
        {(rules.data ?? []).map((r) => (
          <Group key={r.id} justify="space-between" mt="xs">
            <Text size="sm"><b>{r.name}</b> · {r.kind === 'keywords' ? r.keywords.join(', ') : r.query} → {active.find((c) => c.id === r.clauseId)?.[lang === 'de' ? 'titleDe' : 'titleEn']}</Text>
            {manage && <Button size="xs" variant="subtle" color="red" onClick={() => void run(() => del(`/workspaces/${ws.id}/moderation/rules/${r.id}`))}>{t('community.delete')}</Button>}
          </Group>
        ))}
        {manage && <Button mt="sm" w="fit-content" variant="light" onClick={() => setRule({ name: '', clauseId: null, keywords: [], query: '' })}>{t('community.netiquette.addRule')}</Button>}
      </Card>

      <Modal closeButtonProps={{ 'aria-label': t('community.close') }} opened={edit !== null} onClose={() => setEdit(null)} title={t(edit?.id ? 'community.netiquette.editClause' : 'community.netiquette.addClause')} size="xl">
        {edit && (
          <Stack>
            <SimpleGrid cols={2}>
              <TextInput label={t('community.netiquette.code')} description={t('community.netiquette.codeHelp')} required value={edit.code} error={errors.code} onChange={(e) => setEdit({ ...edit, code: e.currentTarget.value })} />
              <Select label={t('community.netiquette.category')} required value={edit.category} onChange={(v) => setEdit({ ...edit, category: (v ?? 'other') as Draft['category'] })} data={CLAUSE_CATEGORIES.map((c) => ({ value: c, label: t(`community.netiquette.categories.${c}`) }))} />
              <TextInput label={t('community.netiquette.titleDe')} required lang="de" value={edit.titleDe} error={errors.titleDe} onChange={(e) => setEdit({ ...edit, titleDe: e.currentTarget.value })} />
              <TextInput label={t('community.netiquette.titleEn')} required lang="en" value={edit.titleEn} error={errors.titleEn} onChange={(e) => setEdit({ ...edit, titleEn: e.currentTarget.value })} />
              <Textarea label={t('community.netiquette.bodyDe')} required lang="de" autosize minRows={4} value={edit.bodyDe} error={errors.bodyDe} onChange={(e) => setEdit({ ...edit, bodyDe: e.currentTarget.value })} />
              <Textarea label={t('community.netiquette.bodyEn')} required lang="en" autosize minRows={4} value={edit.bodyEn} error={errors.bodyEn} onChange={(e) => setEdit({ ...edit, bodyEn: e.currentTarget.value })} />
            </SimpleGrid>
            <Checkbox label={t('community.netiquette.autoHide')} description={t('community.netiquette.autoHideHelp')} checked={edit.autoHide} onChange={(e) => setEdit({ ...edit, autoHide: e.currentTarget.checked })} />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button variant="default" onClick={() => setEdit(null)}>{t('community.cancel')}</Button><Button onClick={() => void saveClause()}>{t('community.save')}</Button></Group>
          </Stack>
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('community.close') }} opened={rule !== null} onClose={() => setRule(null)} title={t('community.netiquette.addRule')}>
        {rule && (
          <Stack>
            <TextInput label={t('community.netiquette.ruleName')} required value={rule.name} error={errors.name} onChange={(e) => setRule({ ...rule, name: e.currentTarget.value })} />
            <Select label={t('community.moderation.clause')} required value={rule.clauseId} error={errors.clauseId} onChange={(v) => setRule({ ...rule, clauseId: v })} data={active.map((c) => ({ value: c.id, label: lang === 'de' ? c.titleDe : c.titleEn }))} />
            <TagsInput label={t('community.netiquette.keywords')} value={rule.keywords} error={errors.keywords} onChange={(v) => setRule({ ...rule, keywords: v })} />
            <Textarea label={t('community.netiquette.ruleQuery')} description={t('community.netiquette.ruleQueryHelp')} autosize minRows={2} maxLength={2000} value={rule.query} error={errors.query}
              onChange={(e) => setRule({ ...rule, query: e.currentTarget.value })} ff="monospace" />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button onClick={() => void run(() => post(`/workspaces/${ws.id}/moderation/rules`, { name: rule.name, clauseId: rule.clauseId, keywords: rule.keywords, ...(rule.query.trim() ? { query: rule.query.trim() } : {}) }), () => setRule(null))}>{t('community.save')}</Button></Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
