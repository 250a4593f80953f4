import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A horizontally scrollable table region that keyboard users can focus and scroll (WCAG 2.1.1);
 * the label names the region for screen readers.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}
