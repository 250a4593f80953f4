/**
 * The frame of every strategy page: heading and intro, a "new" button for editors, the list (the
 * page renders each item), and for each item edit, versions & comments, and delete with a
 * confirmation. The form and the history drawer are shared (ItemFormModal, ItemHistory).
 */
import { ActionIcon, Button, Card, Group, Modal, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconHistory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StrategyItemType } from '../../../../../common/schemas/strategy.ts';
import { useCan } from '../../../api/session.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useStrategyItems } from '../strategy-api.ts';
import { useItemMutations, type Versioned } from './item-api.ts';
import { ItemFormModal, type FieldSpec, type Saver, type Values } from './ItemFormModal.tsx';
import { ItemHistory } from './ItemHistory.tsx';

export interface ItemPageProps<T extends Versioned> {
  type: StrategyItemType;
  title: string;
  intro: string;
  empty: string;
  newLabel: string;
  nameOf: (item: T) => string;
  fields: FieldSpec[];
  /** Form values of an item (or of a new one). */
  toValues: (item: T | null) => Values;
  render: (item: T, actions: ReactNode) => ReactNode;
  /** Ordering of the list (default: as the API returns it). */
  sort?: (a: T, b: T) => number;
  extra?: Parameters<typeof ItemFormModal>[0]['extra'];
  nullable?: string[];
  /** Rendered above the list (summaries, warnings). */
  header?: (items: T[]) => ReactNode;
  /** The list container (e.g. an ordered list for rankings). */
  listAs?: 'ol' | 'ul';
  /** `page`: the page's own H1; `section`: a card with an H2 inside a page. */
  as?: 'page' | 'section';
  /** Buttons next to "new" (e.g. downloads). */
  tools?: ReactNode;
  /** "New" opens this page instead of the form (the SMART goal form has its own page). */
  newHref?: string;
}

export function ItemPage<T extends Versioned>(p: ItemPageProps<T>) {
  usePageTitle(p.title);
  return <ItemSection {...p} as="page" />;
}

export function ItemSection<T extends Versioned>(p: ItemPageProps<T>) {
  const { t } = useTranslation();
  const page = p.as === 'page';
  const headingId = `heading-${p.type}`;
  const can = useCan();
  const editor = can('strategy.write');
  const items = useStrategyItems<T>(p.type);
  const m = useItemMutations<T>(p.type);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [history, setHistory] = useState<T | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const list = [...(items.data?.items ?? [])];
  if (p.sort) list.sort(p.sort);
  const current = editing === 'new' ? null : editing;
  const save: Saver = {
    submit: (body, onSuccess) => (current ? m.update.mutate({ id: current.id, body }, { onSuccess }) : m.create.mutate(body, { onSuccess })),
    error: current ? m.update.error : m.create.error,
    pending: current ? m.update.isPending : m.create.isPending,
    reset: () => { m.create.reset(); m.update.reset(); },
  };

  const actions = (item: T) => (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('strategy.items.history')}>
        <ActionIcon variant="subtle" color="gray.8" onClick={() => setHistory(item)} aria-label={t('strategy.items.historyOf', { name: p.nameOf(item) })}><IconHistory size={18} aria-hidden /></ActionIcon>
      </Tooltip>
      {editor && (
        <>
          <Tooltip label={t('strategy.items.edit')}>
            <ActionIcon variant="subtle" color="indigo.8" onClick={() => setEditing(item)} aria-label={t('strategy.items.editOf', { name: p.nameOf(item) })}><IconPencil size={18} aria-hidden /></ActionIcon>
          </Tooltip>
          <Tooltip label={t('strategy.items.delete')}>
            <ActionIcon variant="subtle" color="red.9" onClick={() => setRemoving(item)} aria-label={t('strategy.items.deleteOf', { name: p.nameOf(item) })}><IconTrash size={18} aria-hidden /></ActionIcon>
          </Tooltip>
        </>
      )}
    </Group>
  );

  const body = (
    <Stack gap={page ? 'lg' : 'sm'}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={page ? 1 : 2} size={page ? undefined : 'h3'} id={headingId}>{p.title}</Title>
          <Text c="dimmed" mt={4} maw={720} size={page ? undefined : 'sm'}>{p.intro}</Text>
        </div>
        <Group gap="xs">
          {p.tools}
          {editor && (p.newHref
            ? <Button component={Link} to={p.newHref} leftSection={<IconPlus size={16} aria-hidden />}>{p.newLabel}</Button>
            : <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>{p.newLabel}</Button>)}
        </Group>
      </Group>
      <ErrorAlert error={items.error ?? m.remove.error} />
      {p.header?.(list)}
      {items.data && list.length === 0 && (
        <Card withBorder padding="lg"><Text c="dimmed">{p.empty}</Text></Card>
      )}
      <Stack gap="sm" component={p.listAs ?? 'ul'} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.map((item) => <li key={item.id} data-testid={`item-${p.type}`}>{p.render(item, actions(item))}</li>)}
      </Stack>
      <ItemFormModal opened={editing !== null} onClose={() => setEditing(null)} title={current ? t('strategy.items.editTitle', { name: p.nameOf(current) }) : p.newLabel}
        fields={p.fields} initial={p.toValues(current)} mutation={save} extra={p.extra} nullable={p.nullable} />
      <ItemHistory itemId={history?.id ?? null} title={history ? p.nameOf(history) : ''} opened={history !== null} onClose={() => setHistory(null)} />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('strategy.items.deleteTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('strategy.items.deleteText', { name: removing ? p.nameOf(removing) : '' })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
          <Button color="red.9" loading={m.remove.isPending} onClick={() => removing && m.remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}>{t('strategy.items.delete')}</Button>
        </Group>
      </Modal>
    </Stack>
  );
  return page ? body : <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>{body}</Card>;
}
