/**
 * One form for every kind of strategy item, driven by a field list: text, long text, numbers,
 * dates, a 0–100 slider, a switch, choices and free lists. The server validates; its field errors
 * (`body.<field>`) are shown at the fields they name, and nothing typed is lost on an error.
 */
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Slider, Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useErrorMessage } from '../../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../../i18n/index.ts';

export type FieldSpec =
  | { name: string; kind: 'text' | 'textarea' | 'date'; label: string; required?: boolean; description?: string; wide?: boolean }
  | { name: string; kind: 'number'; label: string; required?: boolean; description?: string; min?: number; max?: number; wide?: boolean }
  | { name: string; kind: 'slider'; label: string; description?: string; wide?: boolean }
  | { name: string; kind: 'switch'; label: string; description?: string; wide?: boolean }
  | { name: string; kind: 'select' | 'multiselect'; label: string; required?: boolean; description?: string; options: { value: string; label: string }[]; clearable?: boolean; wide?: boolean }
  | { name: string; kind: 'list'; label: string; description?: string; wide?: boolean };

export type Values = Record<string, unknown>;

/** What the form needs from a save: send, the last error, whether it is running, a reset. */
export interface Saver {
  submit(body: Values, onSuccess: () => void): void;
  error: unknown;
  pending: boolean;
  reset(): void;
}
/** Mantine's error red (red.8) falls just short of 4.5:1 on white. */
const ERROR_PROPS = { c: 'red.9' };

/** Request body: empty optional fields become null or are left out, so the server names what is missing. */
export function bodyOf(fields: FieldSpec[], v: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const x = v[f.name];
    if (f.kind === 'number') {
      if (typeof x === 'number') out[f.name] = x;
      else if (!f.required) out[f.name] = null;
    } else if (f.kind === 'date' || f.kind === 'select') {
      if (x) out[f.name] = x;
      else if (!f.required) out[f.name] = null;
    } else if (f.kind === 'text' || f.kind === 'textarea') {
      if (x !== undefined) out[f.name] = x;
    } else {
      out[f.name] = x;
    }
  }
  return out;
}

export function ItemFormModal({ opened, onClose, title, fields, initial, mutation, onSaved, extra, nullable = [] }: {
  opened: boolean;
  onClose: () => void;
  title: string;
  fields: FieldSpec[];
  initial: Values;
  mutation: Saver;
  onSaved?: () => void;
  /** More inputs below the fields (e.g. the effort lines). */
  extra?: (values: Values, set: (name: string, v: unknown) => void, errorOf: (name: string) => string | undefined) => ReactNode;
  /** Fields the API takes as null when empty; others are left out. */
  nullable?: string[];
}) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const lang = currentLanguage();
  const [v, setV] = useState<Values>(initial);
  useEffect(() => {
    if (opened) {
      setV(initial);
      mutation.reset();
    }
    // The form starts from `initial` each time it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  const set = (name: string, value: unknown) => setV((x) => ({ ...x, [name]: value }));
  const err = mutation.error;
  const fieldErrors = new Map<string, string>();
  if (err instanceof ApiError) for (const e of err.errors) {
    const name = e.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (!fieldErrors.has(name)) fieldErrors.set(name, e.message);
  }
  // The server's field messages are English; the UI says it in the user's language by field.
  const errorOf = (name: string) => {
    if (!fieldErrors.has(name)) return undefined;
    return i18n.exists(`strategy.items.errors.${name}`) ? t(`strategy.items.errors.${name}`) : t('strategy.items.errors.invalid');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(fields, v);
    for (const n of nullable) if (body[n] === undefined) body[n] = null;
    for (const [k, x] of Object.entries(v)) if (!(k in body) && !fields.some((f) => f.name === k)) body[k] = x;
    mutation.submit(body, () => { onSaved?.(); onClose(); });
  };
  const common = (f: FieldSpec) => ({ key: f.name, label: f.label, description: f.description, error: errorOf(f.name), errorProps: ERROR_PROPS });

  const input = (f: FieldSpec): ReactNode => {
    const value = v[f.name];
    switch (f.kind) {
      case 'text': return <TextInput {...common(f)} required={f.required} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} maxLength={200} />;
      case 'textarea': return <Textarea {...common(f)} required={f.required} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} autosize minRows={2} maxRows={8} />;
      case 'date': return <TextInput {...common(f)} type="date" required={f.required} value={String(value ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} />;
      case 'number': return <NumberInput {...common(f)} required={f.required} value={typeof value === 'number' ? value : ''} min={f.min} max={f.max} decimalSeparator={lang === 'de' ? ',' : '.'} onChange={(x) => set(f.name, typeof x === 'number' ? x : null)} />;
      case 'slider': return (
        <Stack key={f.name} gap={4}>
          <Text size="sm" fw={500} id={`slider-${f.name}`}>{f.label}: {Number(value ?? 0)} %</Text>
          <Slider value={Number(value ?? 0)} onChange={(x) => set(f.name, x)} min={0} max={100} step={5} label={(x) => `${x} %`} thumbProps={{ 'aria-labelledby': `slider-${f.name}` }} color="indigo.7" />
          {f.description && <Text size="xs" c="dimmed">{f.description}</Text>}
        </Stack>
      );
      case 'switch': return <Switch key={f.name} label={f.label} description={f.description} checked={Boolean(value)} onChange={(e) => set(f.name, e.currentTarget.checked)} />;
      case 'select': return <Select {...common(f)} required={f.required} data={f.options} value={(value as string | null) ?? null} onChange={(x) => set(f.name, x)} clearable={f.clearable ?? !f.required} searchable />;
      case 'multiselect': return <MultiSelect {...common(f)} data={f.options} value={(value as string[] | undefined) ?? []} onChange={(x) => set(f.name, x)} searchable clearable />;
      case 'list': return <TagsInput {...common(f)} value={(value as string[] | undefined) ?? []} onChange={(x) => set(f.name, x)} clearable splitChars={[]} acceptValueOnBlur />;
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        {Boolean(err) && (
          <Alert color="red" variant="light" role="alert" title={t('errors.title')} mb="md">
            {message(err)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map((f) => (f.wide || f.kind === 'textarea' || f.kind === 'list' ? <div key={f.name} style={{ gridColumn: '1 / -1' }}>{input(f)}</div> : input(f)))}
        </SimpleGrid>
        {extra?.(v, set, errorOf)}
        <Group mt="lg" justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={mutation.pending}>{t('common.save')}</Button>
        </Group>
      </form>
    </Modal>
  );
}
