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
  /** An 18-digit NIP, checked by the domain's parseNip (length, birth date, appointment month, sex digit), its own words. */
  nip: () =>
    z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const r = parseNip(v);
        if (!r.ok)
          ctx.addIssue({
            code: 'custom',
            message: msg(r.issues.map((i) => i.message.id).join('; '), r.issues.map((i) => i.message.en).join('; ')),
          });
      }),
  /** A calendar date from the date field (YYYY-MM-DD). */
  date: () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('Pilih tanggal', 'Pick a date')),
  /** A date field left empty, or a calendar date. */
  optionalDate: () => z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('Bukan tanggal', 'Not a date'))]),
  /** A score or percentage typed as text, 0–100. */
  score: () =>
    z
      .string()
      .trim()
      .min(1, msg('Wajib diisi', 'Required'))
      .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) >= 0 && Number(v) <= 100, msg('Nilai harus 0–100', 'Must be 0–100')),
  /** The evidence document; required unless `optional`. */
  file: (optional = false) =>
    optional
      ? z.custom<File | null>((v) => v === null || v instanceof File)
      : z.custom<File | null>((v) => v instanceof File, msg('Pilih berkas bukti', 'Choose the evidence file')),
};

/** useForm with a zod schema. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  mode: 'onTouched' | 'onChange' = 'onTouched',
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode,
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

/** A document to upload as evidence, held by the form as a File until the form is sent. */
export function FormFile<V extends FieldValues>(props: Common<V>) {
  const id = useId();
  const error = useFieldError(props.form, props.name);
  const { field } = useController({ control: props.form.control, name: props.name });
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <input
        id={id}
        type="file"
        name={field.name}
        accept="application/pdf,image/png,image/jpeg"
        aria-describedby={describe(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        ref={field.ref}
        onBlur={field.onBlur}
        onChange={(e) => field.onChange(e.target.files?.[0] ?? null)}
      />
    </FieldShell>
  );
}

/** Radio buttons bound to a string field; each option's label is its own accessible name. */
export function FormRadios<V extends FieldValues>(props: Common<V> & { options: { value: string; label: string }[]; idPrefix: string }) {
  const error = useFieldError(props.form, props.name);
  const errId = `${props.idPrefix}-err`;
  return (
    <fieldset aria-describedby={error ? errId : undefined}>
      <legend>{props.label}</legend>
      {props.options.map((o) => (
        <div className="check" key={o.value}>
          <input type="radio" id={`${props.idPrefix}-${o.value}`} value={o.value} {...props.form.register(props.name)} />
          <label htmlFor={`${props.idPrefix}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      {error && (
        <small id={errId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** Check boxes bound to a string-array field, in the options' order unless `keepOrder` (then in the order ticked). */
export function FormChecks<V extends FieldValues>(
  props: Common<V> & { options: { value: string; label: string; disabled?: boolean }[]; idPrefix: string; max?: number },
) {
  const error = useFieldError(props.form, props.name);
  const { field } = useController({ control: props.form.control, name: props.name });
  const value = (field.value as string[] | undefined) ?? [];
  const errId = `${props.idPrefix}-err`;
  return (
    <fieldset aria-describedby={error ? errId : undefined}>
      <legend>{props.label}</legend>
      {props.options.map((o) => {
        const on = value.includes(o.value);
        return (
          <div className="check" key={o.value}>
            <input
              type="checkbox"
              id={`${props.idPrefix}-${o.value}`}
              checked={on}
              disabled={o.disabled || (!on && props.max !== undefined && value.length >= props.max)}
              onBlur={field.onBlur}
              onChange={(e) => field.onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
            />
            <label htmlFor={`${props.idPrefix}-${o.value}`}>{o.label}</label>
          </div>
        );
      })}
      {error && (
        <small id={errId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/**
 * The submit of a decision form inside ActionForm: validates with the form's schema (the fields show
 * what is wrong, and nothing is sent), sends, and attaches a server refusal naming a field to that
 * field before ActionForm shows the refusal itself.
 */
export function submitWith<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  lang: Lang,
  send: (values: O) => Promise<unknown>,
): () => Promise<unknown> {
  return async () => {
    let sent = false;
    let result: unknown;
    await form.handleSubmit(async (values) => {
      sent = true;
      try {
        result = await send(values);
      } catch (e) {
        applyServerErrors(form, e, lang);
        throw e;
      }
    })();
    if (!sent) throw new Error(showMsg(msg('Periksa isian yang ditandai.', 'Check the fields marked.'), lang));
    return result;
  };
}
