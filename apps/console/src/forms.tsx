import { zodResolver } from '@hookform/resolvers/zod';
import { useId, type ReactNode } from 'react';
import {
  useController,
  useForm,
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { z } from 'zod';
import { parseNip } from '@meritflow/domain';
import { ApiError } from './api';
import { DateInput } from './date-field';
import { useI18n, type Lang } from './i18n';

// Forms: react-hook-form holds the state, a zod schema validates it (reusing the domain's own rules,
// such as parseNip), and a server refusal naming a field is attached to that field. Messages are
// { id, en } pairs encoded as "id|en" so one schema serves both languages.

/** A validation message in both languages, for a zod schema: `msg('Wajib diisi', 'Required')`. */
export const msg = (id: string, en: string): string => `${id}|${en}`;
/** Shows a message written with msg() (or any plain server text) in the language in force. */
export const showMsg = (text: string | undefined, lang: Lang): string | undefined => {
  if (!text) return undefined;
  const [id, en] = text.split('|');
  return en === undefined ? id : lang === 'id' ? id : en;
};

/** Schema pieces the console's forms share. */
export const fields = {
  required: () => z.string().trim().min(1, msg('Wajib diisi', 'Required')),
  /** An 18-digit NIP, checked by the domain's parseNip (birth date, appointment month, sex digit). */
  nip: () =>
    z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        try {
          parseNip(v);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: msg(
              'NIP tidak sah (18 digit dengan tanggal lahir dan TMT yang benar)',
              'Not a valid NIP (18 digits with valid dates)',
            ),
          });
        }
      }),
  /** A calendar date from the date picker (YYYY-MM-DD). */
  date: () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('Pilih tanggal', 'Pick a date')),
};

/** useForm with a zod schema. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, defaultValues: DefaultValues<z.input<S>>) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onTouched',
  });
}

/**
 * Attaches a server refusal to the form: each `details.fields[]` entry (or `details.field`) naming a
 * field of the form becomes that field's error; answers whether any was attached, so the caller can
 * show the remaining refusal above the button.
 */
export function applyServerErrors<V extends FieldValues>(form: UseFormReturn<V, unknown, any>, error: unknown, lang: Lang): boolean {
  if (!(error instanceof ApiError)) return false;
  const names = new Set(Object.keys(form.getValues()));
  const d = error.details ?? {};
  const list: { field: string; message?: { id: string; en: string } }[] = Array.isArray(d.fields)
    ? (d.fields as { field: string; message?: { id: string; en: string } }[])
    : error.field
      ? [{ field: error.field, message: error.messages }]
      : [];
  let attached = false;
  for (const f of list) {
    const name = f.field.replace(/^body\./, '');
    if (!names.has(name.split('.')[0])) continue;
    const text = f.message ? (lang === 'id' ? f.message.id : f.message.en) : lang === 'id' ? error.messages.id : error.messages.en;
    form.setError(name as Path<V>, { type: 'server', message: text }, { shouldFocus: !attached });
    attached = true;
  }
  return attached;
}

function FieldShell({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

type Common<V extends FieldValues> = { form: UseFormReturn<V, unknown, any>; name: FieldPath<V>; label: string; hint?: string };

const describe = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;

function useFieldError<V extends FieldValues>(form: UseFormReturn<V, unknown, any>, name: FieldPath<V>): string | undefined {
  const { lang } = useI18n();
  const err = name.split('.').reduce<any>((o, k) => o?.[k], form.formState.errors);
  return showMsg(err?.message as string | undefined, lang);
}

/** A text input bound to a react-hook-form field. */
export function FormText<V extends FieldValues>(
  props: Common<V> & { type?: string; multiline?: boolean; inputMode?: 'numeric' | 'text'; autoComplete?: string },
) {
  const id = useId();
  const error = useFieldError(props.form, props.name);
  const a = { id, 'aria-describedby': describe(id, props.hint, error), 'aria-invalid': error ? true : undefined };
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      {props.multiline ? (
        <textarea rows={3} {...a} {...props.form.register(props.name)} />
      ) : (
        <input
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          {...a}
          {...props.form.register(props.name)}
        />
      )}
    </FieldShell>
  );
}

/** A select bound to a react-hook-form field; options carry labels from the label dictionary. */
export function FormSelect<V extends FieldValues>(props: Common<V> & { options: { value: string; label: string }[] }) {
  const id = useId();
  const error = useFieldError(props.form, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <select
        id={id}
        aria-describedby={describe(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        {...props.form.register(props.name)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The date field (date-field.tsx: Indonesian day, typed or picked from a calendar) bound to a react-hook-form field as YYYY-MM-DD. */
export function FormDate<V extends FieldValues>(props: Common<V> & { min?: string; max?: string }) {
  const id = useId();
  const error = useFieldError(props.form, props.name);
  const { field } = useController({ control: props.form.control, name: props.name });
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <DateInput
        id={id}
        label={props.label}
        name={field.name}
        value={(field.value as string | undefined) ?? ''}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        min={props.min}
        max={props.max}
        describedBy={describe(id, props.hint, error)}
        invalid={Boolean(error)}
      />
    </FieldShell>
  );
}
