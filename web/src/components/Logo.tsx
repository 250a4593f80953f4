import { Group, Text } from '@mantine/core';

/** Word mark; the icon is decorative, the name is the accessible text. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="#364fc7" />
        <path d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H9m7 0l6 5" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <Text fw={700} size="lg" c="dark.8">Resonanz</Text>
    </Group>
  );
}
