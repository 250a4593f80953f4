import { Alert, Code, Text } from '@mantine/core';
import { IconCheck, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QueryError } from '../../../../common/query/index.ts';

/**
 * The live syntax result under the query field: the parser's column and message, and the query
 * with a caret under the column, so the place is visible without counting characters.
 */
export function QuerySyntax({ id, text, error, normalized }: { id: string; text: string; error: QueryError | null; normalized: string | null }) {
  const { t } = useTranslation();
  if (!text.trim()) return <Text id={id} size="sm" c="dimmed">{t('monitoring.editor.syntaxEmpty')}</Text>;
  if (error) {
    const line = text.replace(/\s/g, ' ');
    return (
      <Alert id={id} color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('monitoring.editor.syntaxError', { column: error.column })} data-testid="syntax-error">
        <Text size="sm">{t('monitoring.editor.parserSays')} <span lang="en">{error.message}</span></Text>
        <Code block mt="xs" aria-hidden="true">{`${line}\n${' '.repeat(Math.max(0, error.column - 1))}^`}</Code>
      </Alert>
    );
  }
  return (
    <Alert id={id} color="teal" variant="light" icon={<IconCheck aria-hidden />} title={t('monitoring.editor.syntaxOk')} data-testid="syntax-ok">
      <Text size="sm">{t('monitoring.editor.normalized')} <Code>{normalized}</Code></Text>
    </Alert>
  );
}
