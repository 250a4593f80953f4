import { Button, Modal, SegmentedControl, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { inboxKeys } from './inbox-api.ts';

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
  const save = useMutation({
    mutationFn: () => post(`/workspaces/${ws}/inbox/items/${itemId}/escalations`, {
      ...(who === 'member' ? { expertUserId: userId ?? undefined } : { expertEmail: email, ...(name.trim() ? { expertName: name.trim() } : {}) }),
      ...(department.trim() ? { department: department.trim() } : {}), question, dueAt: new Date(due).toISOString(),
    }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('inbox.escalate.sent'), closeButtonProps: { 'aria-label': t('inbox.close') } });
      await qc.invalidateQueries({ queryKey: inboxKeys.item(ws, itemId) });
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
