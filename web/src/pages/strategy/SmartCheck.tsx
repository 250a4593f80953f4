import { Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { smartIssues } from '../../../../common/schemas/strategy.ts';

/**
 * The SMART check while typing (the same rule the server applies): measurable (a catalogue
 * metric), specific (a number different from the baseline), time-bound (a future deadline after
 * the start). `today` is the browser's day; the server decides in the workspace's time zone.
 */
export function SmartCheck({ values, checkPast = true }: { values: Record<string, unknown>; checkPast?: boolean }) {
  const { t } = useTranslation();
  const today = checkPast ? new Date().toISOString().slice(0, 10) : '0000-01-01';
  const issues = smartIssues({
    metric: values.metric as string | null, baseline: (values.baseline as number | null) ?? 0, targetValue: values.targetValue as number | null,
    startDate: (values.startDate as string | null) || null, deadline: (values.deadline as string | null) || null,
  }, today);
  const ok = (...paths: string[]) => !issues.some((i) => paths.includes(i.path));
  const checks = [
    { key: 'measurable', ok: ok('metric') },
    { key: 'specific', ok: ok('targetValue') },
    { key: 'timeBound', ok: ok('deadline', 'startDate') },
  ];
  return (
    <div data-testid="smart-check">
      <Text size="sm" fw={600} mt="md">{t('strategy.smart.title')}</Text>
      <List size="sm" spacing={2} mt={4} center>
        {checks.map((c) => (
          <List.Item key={c.key} icon={<ThemeIcon size={18} variant="transparent" color={c.ok ? 'teal.9' : 'red.9'}>{c.ok ? <IconCircleCheck size={16} aria-hidden /> : <IconCircleX size={16} aria-hidden />}</ThemeIcon>}>
            <Group gap={4}><Text size="sm">{t(`strategy.smart.${c.key}`)}</Text><Text size="sm" c={c.ok ? 'teal.9' : 'red.9'}>{c.ok ? t('strategy.smart.ok') : t(`strategy.smart.${c.key}Missing`)}</Text></Group>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
