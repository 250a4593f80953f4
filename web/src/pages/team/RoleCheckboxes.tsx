import { Checkbox, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../common/permissions.ts';

/** Role picker: one labelled checkbox per role with its short description; owner only for owners. */
export function RoleCheckboxes({ value, onChange, error, canGrantOwner, roles = ROLES }: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | null;
  canGrantOwner: boolean;
  roles?: readonly Role[];
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('fields.roles')} value={value} onChange={onChange} error={error ?? undefined} withAsterisk>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="sm">
        {roles.map((r) => (
          <Checkbox key={r} value={r} label={t(`roles.${r}.name`)} description={t(`roles.${r}.description`)} disabled={r === 'owner' && !canGrantOwner} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
