import { Alert, Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shows freshly generated recovery codes once, with a copy button. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t('totp.recoveryTitle')} role="status">
      <Stack gap="sm">
        <Text size="sm">{t('totp.recoveryText')}</Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="recovery-codes">
          {codes.map((c) => <Text component="li" key={c} ff="monospace" size="sm" fw={600}>{c}</Text>)}
        </SimpleGrid>
        <Group>
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>}
          </CopyButton>
          <Button size="xs" onClick={onDone}>{t('totp.recoverySaved')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
