import { Kbd, Modal, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from './use-triage-keys.ts';

/** The list of triage shortcuts (opened with `?` or the button in the page header). */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.keys.title')} closeButtonProps={{ 'aria-label': t('inbox.close') }}>
      <Table className="inbox-kbd-help" aria-label={t('inbox.keys.title')}>
        <Table.Thead><Table.Tr><Table.Th>{t('inbox.keys.key')}</Table.Th><Table.Th>{t('inbox.keys.action')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map(([k, a]) => (
            <Table.Tr key={k}><Table.Td><Kbd>{k}</Kbd></Table.Td><Table.Td>{t(`inbox.keys.${a}`)}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
