import { Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { can, PERMISSION_NAMES, PERMISSIONS, ROLES } from '../../../../common/permissions.ts';
import { currentLanguage } from '../../i18n/index.ts';

/** The permission table, rendered from common/permissions.ts (the same table the server enforces). */
export function PermissionTable() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <ScrollTable minWidth={900} label={t('team.permissionsCaption')}>
      <Table striped withTableBorder withColumnBorders highlightOnHover stickyHeader>
        <caption className="sr-only">{t('team.permissionsCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('team.permission')}</Table.Th>
            {ROLES.map((r) => (
              <Table.Th key={r} scope="col" ta="center" fz="xs">{t(`roles.${r}.name`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PERMISSION_NAMES.map((p) => (
            <Table.Tr key={p}>
              <Table.Th scope="row" fw={500}>
                <Text size="sm">{PERMISSIONS[p][lang]}</Text>
                <Text size="xs" c="dimmed" ff="monospace">{p}</Text>
              </Table.Th>
              {ROLES.map((r) => (
                <Table.Td key={r} ta="center">
                  {can([r], p) ? (
                    <>
                      <IconCheck size={18} color="var(--mantine-color-teal-8)" aria-hidden />
                      <VisuallyHidden>{t('team.allowed')}</VisuallyHidden>
                    </>
                  ) : (
                    <>
                      <Text span c="gray.7" aria-hidden>–</Text>
                      <VisuallyHidden>{t('team.denied')}</VisuallyHidden>
                    </>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
