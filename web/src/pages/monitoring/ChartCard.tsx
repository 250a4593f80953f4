import { Card, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FigureTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/**
 * One chart with its text alternative: the drawing is hidden from assistive technology and a
 * visually hidden table carries the same figures (WCAG 1.1.1), so screen readers get every value.
 */
export function ChartCard({ id, title, summary, table, children }: { id: string; title: string; summary?: string; table: FigureTable; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`${id}-title`} data-testid={id}>
      <Title order={2} size="h4" id={`${id}-title`}>{title}</Title>
      {summary && <Text size="sm" c="dimmed" mt={4}>{summary}</Text>}
      <div aria-hidden="true" style={{ marginTop: 'var(--mantine-spacing-md)' }}>{children}</div>
      <Table className="sr-only" data-testid={`${id}-table`}>
        <caption>{table.caption}</caption>
        <Table.Thead>
          <Table.Tr>{table.columns.map((c) => <Table.Th key={c} scope="col">{c}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r, i) => (
            <Table.Tr key={i}>{r.map((v, j) => (j === 0 ? <Table.Th key={j} scope="row">{v}</Table.Th> : <Table.Td key={j}>{v}</Table.Td>))}</Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
