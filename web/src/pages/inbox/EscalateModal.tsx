import { Button, Modal, SegmentedControl, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { inboxKeys, type ExpertContacts } from './inbox-api.ts';

/** Local "YYYY-MM-DDTHH:mm" for an <input type="datetime-local">. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Forward an item to a subject-matter expert (a member, or an e-mail contact of a department). */
export function EscalateModal({ ws, itemId, opened, onClose, members }: { ws: string; itemId: string; opened: boolean; onClose: () => void; members: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [who, setWho] = useState<'member' | 'email'>('email');
  const [userId, setUserId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState(() => localInput(new Date(Date.now() + 2 * 86_400_000)));
  // Experts asked before: picking one fills address, name and department (they stay editable).
  const known = useQuery({ queryKey: inboxKeys.expertContacts(ws), queryFn: () => get<ExpertContacts>(`/workspaces/${ws}/inbox/expert-contacts`), enabled: opened });
  const contacts = known.data?.items ?? [];
  const pick = (address: string | null) => {
    const c = contacts.find((x) => x.email === address);
    if (!c) return;
    setEmail(c.email);
    setName(c.name ?? '');
    setDepartment(c.department ?? '');
  };
  const save = useMutation({
    mutationFn: () => post(`/workspaces/${ws}/inbox/items/${itemId}/escalations`, {
      ...(who === 'member' ? { expertUserId: userId ?? undefined } : { expertEmail: email, ...(name.trim() ? { expertName: name.trim() } : {}) }),
      ...(department.trim() ? { department: department.trim() } : {}), question, dueAt: new Date(due).toISOString(),
    }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('inbox.escalate.sent'), closeButtonProps: { 'aria-label': t('inbox.close') } });
      await qc.invalidateQueries({ queryKey: inboxKeys.item(ws, itemId) });
      await qc.invalidateQueries({ queryKey: inboxKeys.expertContacts(ws) });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.escalate.title')} closeButtonProps={{ 'aria-label': t('inbox.close') }}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack>
          <SegmentedControl value={who} onChange={(v) => setWho(v as 'member' | 'email')} aria-label={t('inbox.escalate.who')}
            data={[{ value: 'email', label: t('inbox.escalate.external') }, { value: 'member', label: t('inbox.escalate.member') }]} />
          {who === 'member'
            ? <Select label={t('inbox.escalate.memberLabel')} data={members} value={userId} onChange={setUserId} searchable required />
            : <>
              {contacts.length > 0 && (
                <Select label={t('inbox.escalate.known')} description={t('inbox.escalate.knownHint')} searchable clearable value={contacts.some((c) => c.email === email) ? email : null} onChange={pick}
                  data={(['directory', 'history'] as const).map((source) => ({
                    group: t(`inbox.escalate.knownGroup.${source}`),
                    items: contacts.filter((c) => c.source === source).map((c) => ({ value: c.email, label: [c.name, c.department].filter(Boolean).concat(c.email).join(' · ') })),
                  })).filter((g) => g.items.length > 0)} data-testid="expert-contact" />
              )}
              <TextInput label={t('inbox.escalate.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required />
              <TextInput label={t('inbox.escalate.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            </>}
          <TextInput label={t('inbox.escalate.department')} value={department} onChange={(e) => setDepartment(e.currentTarget.value)} />
          <Textarea label={t('inbox.escalate.question')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} required autosize minRows={3} />
          <TextInput label={t('inbox.escalate.due')} type="datetime-local" value={due} onChange={(e) => setDue(e.currentTarget.value)} required />
          <ErrorAlert error={save.error} />
          <Button type="submit" loading={save.isPending}>{t('inbox.escalate.submit')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}
