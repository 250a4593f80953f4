/**
 * Moderation buttons for one inbox item (used on the item page here and in the inbox conversation
 * view): hide, delete, warn, block, mute, report — each opens a dialog that requires a netiquette
 * clause and a reason. The dialog shows the author's warning ladder before a ban and says plainly
 * what the network cannot do (then it happens in Resonanz only).
 */
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationActionKind } from '../../../../common/schemas/moderation.ts';
import { fieldErrorsOf, get, post } from '../../api/client.ts';
import { useCan, useWorkspace } from '../../api/session.tsx';
import { communityKeys, messageOf, useNetiquette, type Action, type Ladder } from './community-api.ts';

const NETWORK_OP: Partial<Record<ModerationActionKind, string>> = { hide: 'hide', unhide: 'unhide', block: 'block', unblock: 'unblock', mute: 'mute', report: 'report' };

export function useLadder(workspaceId: string, itemId: string) {
  return useQuery({ queryKey: communityKeys.of(workspaceId, 'ladder', itemId), queryFn: () => get<Ladder>(`/workspaces/${workspaceId}/moderation/items/${itemId}/ladder`) });
}

export function ModerationActions({ workspaceId, itemId, onDone }: { workspaceId: string; itemId: string; onDone?: (a: Action) => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const ladder = useLadder(workspaceId, itemId);
  const netiquette = useNetiquette(workspaceId);
  const [action, setAction] = useState<ModerationActionKind | null>(null);
  const [clauseId, setClauseId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [alsoReport, setAlsoReport] = useState(false);
  // A warning can also answer the author in the thread (no network has a warning API); the text stays editable.
  const [answer, setAnswer] = useState(false);
  const [answerText, setAnswerText] = useState('');
  const [answerEdited, setAnswerEdited] = useState(false);
  const workspace = useWorkspace();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!can('moderation.act')) return null;
  const lang = i18n.language === 'en' ? 'en' : 'de';
  // Only published clauses can be cited (the server refuses others).
  const clauses = (netiquette.data?.clauses ?? []).filter((c) => !c.retired && c.published);
  const ops = ladder.data?.operations ?? [];
  const hidden = ladder.data?.item.hidden ?? false;
  const blocked = ladder.data?.item.moderationState === 'blocked';
  const kinds: ModerationActionKind[] = [hidden ? 'unhide' : 'hide', 'delete', 'warn', ...(can('moderation.ban') ? ([blocked ? 'unblock' : 'block'] as const) : []), 'mute', 'report'];
  const localOnly = (k: ModerationActionKind) => !NETWORK_OP[k] || !ops.includes(NETWORK_OP[k]!);
  const answerFor = (id: string | null) => {
    const c = clauses.find((x) => x.id === id);
    return t('community.moderation.warnAnswerTemplate', { title: c ? (lang === 'de' ? c.titleDe : c.titleEn) : '…', link: `${window.location.origin}/netiquette/${workspace.slug}?lang=${lang}` });
  };
  const pickClause = (v: string | null) => {
    setClauseId(v);
    setFieldErrors(({ clauseId: _c, ...rest }) => rest);
    if (answer && !answerEdited) setAnswerText(answerFor(v));
  };

  const open = (k: ModerationActionKind) => { setAction(k); setClauseId(null); setReason(''); setAlsoReport(false); setAnswer(false); setAnswerText(''); setAnswerEdited(false); setFieldErrors({}); setError(null); };
  const submit = async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const a = await post<Action>(`/workspaces/${workspaceId}/moderation/actions`, { action, itemId, clauseId: clauseId ?? undefined, reason: reason.trim() || undefined, ...(action === 'block' ? { alsoReport } : {}), ...(action === 'warn' && answer ? { authorReply: answerText } : {}) });
      notifications.show({ color: a.status === 'failed' ? 'red' : 'teal', message: t(`community.moderation.status.${a.status}`), closeButtonProps: { 'aria-label': t('community.close') } });
      setAction(null);
      await qc.invalidateQueries({ queryKey: communityKeys.all(workspaceId) });
      await qc.invalidateQueries({ queryKey: ['inbox', workspaceId] });
      onDone?.(a);
    } catch (e) {
      setFieldErrors(fieldErrorsOf(e));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap="xs" role="group" aria-label={t('community.moderation.actionsLabel')}>
        {kinds.map((k) => (
          // Outlined neutral buttons keep their contrast when hovered (the light variant's hover tint fell below 4.5:1).
          <Button key={k} size="xs" variant={k === 'block' ? 'filled' : 'default'} color={k === 'block' ? 'red.9' : undefined} onClick={() => open(k)}>
            {t(`community.moderation.action.${k}`)}
          </Button>
        ))}
      </Group>
      {ladder.data && ladder.data.authorId && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('community.moderation.ladder', { warnings: ladder.data.warnings, hides: ladder.data.hides, blocks: ladder.data.blocks })}
        </Text>
      )}
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? t(`community.moderation.dialogTitle.${action}`) : ''} size="lg" closeButtonProps={{ 'aria-label': t('community.close') }}>
        {action && (
          <Stack>
            {clauses.length === 0 && <Alert color="yellow">{t('community.moderation.noClauses')}</Alert>}
            {localOnly(action) && (
              <Alert color="blue" title={t('community.moderation.localOnlyTitle')}>
                {t(`community.moderation.localOnly.${action}`, { network: ladder.data?.network ?? '' })}
              </Alert>
            )}
            {action === 'block' && ladder.data && (
              <Alert color={ladder.data.suggestBan ? 'orange' : 'yellow'} title={t('community.moderation.ladderTitle')}>
                {t('community.moderation.ladderBeforeBan', { warnings: ladder.data.warnings, needed: ladder.data.warningsBeforeBan })}
              </Alert>
            )}
            <Select
              label={t('community.moderation.clause')} required withAsterisk data={clauses.map((c) => ({ value: c.id, label: lang === 'de' ? c.titleDe : c.titleEn }))}
              value={clauseId} onChange={pickClause} error={fieldErrors.clauseId} searchable nothingFoundMessage={t('community.moderation.noClauses')}
            />
            <Textarea label={t('community.moderation.reason')} required withAsterisk autosize minRows={3} value={reason} onChange={(e) => { setReason(e.currentTarget.value); setFieldErrors(({ reason: _r, ...rest }) => rest); }} error={fieldErrors.reason} />
            {action === 'block' && <Checkbox label={t('community.moderation.alsoReport')} checked={alsoReport} onChange={(e) => setAlsoReport(e.currentTarget.checked)} />}
            {action === 'warn' && can('inbox.work') && (
              <>
                <Checkbox label={t('community.moderation.warnAnswer')} description={t('community.moderation.warnAnswerHint')} checked={answer}
                  onChange={(e) => { const on = e.currentTarget.checked; setAnswer(on); if (on && !answerEdited) setAnswerText(answerFor(clauseId)); }} />
                {answer && (
                  <Textarea label={t('community.moderation.warnAnswerText')} required withAsterisk autosize minRows={3} value={answerText} error={fieldErrors.authorReply}
                    onChange={(e) => { setAnswerText(e.currentTarget.value); setAnswerEdited(true); setFieldErrors(({ authorReply: _a, ...rest }) => rest); }} />
                )}
              </>
            )}
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAction(null)}>{t('community.cancel')}</Button>
              <Button color={action === 'block' ? 'red' : undefined} loading={busy} onClick={() => void submit()}>{t(`community.moderation.confirm.${action}`)}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

export function ModerationStateBadge({ state, hidden }: { state: string | null; hidden: boolean }) {
  const { t } = useTranslation();
  if (!state && !hidden) return null;
  return <Badge color={state === 'blocked' ? 'red' : 'gray'} variant="light">{t(`community.moderation.itemState.${state ?? 'hidden'}`)}</Badge>;
}
