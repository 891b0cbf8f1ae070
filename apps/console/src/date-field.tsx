import { format, parseISO } from 'date-fns';
import { enGB, id as idLocale } from 'date-fns/locale';
import { useEffect, useId, useRef, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { formatDate, parseTypedDate } from './dates';
import { useI18n } from './i18n';

// One date field for every form: a text box that shows the day the Indonesian way ("6 Desember 2026",
// or "6 December 2026" in English) and takes a typed date, plus a calendar (react-day-picker with
// date-fns' Indonesian locale) behind a button. The value is always the ISO calendar day YYYY-MM-DD;
// text that is no date stays as typed, so the form's schema names the problem.

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const toDate = (iso: string | undefined): Date | undefined => (iso && ISO.test(iso) ? parseISO(iso) : undefined);

export interface DateInputProps {
  id: string;
  label: string;
  /** YYYY-MM-DD, '' when empty, or the text typed when it is not a date. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  name?: string;
  min?: string;
  max?: string;
  required?: boolean;
  describedBy?: string;
  invalid?: boolean;
  inputRef?: (el: HTMLInputElement | null) => void;
}

/** The date text box and its calendar button; the label is rendered by the caller's field shell. */
export function DateInput(props: DateInputProps) {
  const { t, lang } = useI18n();
  const shown = (v: string) => (ISO.test(v) ? formatDate(v, lang) : v);
  const [text, setText] = useState(() => shown(props.value));
  const [open, setOpen] = useState(false);
  const calendarId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement | null>(null);
  // A value set from outside (a reset, a drafted decree's TMT, the language switched) shows as its day;
  // what the person is typing stays as typed until they leave the box.
  useEffect(() => {
    if (document.activeElement === input.current && (parseTypedDate(text) ?? text) === props.value) return;
    setText(shown(props.value));
  }, [props.value, lang]);
  const selected = toDate(props.value);
  const min = toDate(props.min);
  const max = toDate(props.max);
  const disabled = [...(min ? [{ before: min }] : []), ...(max ? [{ after: max }] : [])];
  const year = new Date().getFullYear();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="date-field">
      <div className="date-row">
        <input
          id={props.id}
          name={props.name}
          type="text"
          autoComplete="off"
          value={text}
          placeholder={t('mis. 6 Desember 2026', 'e.g. 6 December 2026')}
          required={props.required}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? true : undefined}
          data-iso={ISO.test(props.value) ? props.value : undefined}
          ref={(el) => {
            input.current = el;
            props.inputRef?.(el);
          }}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(parseTypedDate(e.target.value) ?? e.target.value);
          }}
          onBlur={() => {
            const iso = parseTypedDate(text);
            if (iso) setText(formatDate(iso, lang));
            props.onBlur?.();
          }}
        />
        <button
          type="button"
          ref={button}
          className="date-button"
          aria-label={t('Buka kalender', 'Open the calendar')}
          title={`${t('Pilih dari kalender', 'Pick from the calendar')}: ${props.label}`}
          aria-expanded={open}
          aria-controls={open ? calendarId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          📅
        </button>
      </div>
      {open && (
        <div
          id={calendarId}
          className="date-popover"
          role="dialog"
          aria-label={t('Kalender', 'Calendar')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <DayPicker
            mode="single"
            locale={lang === 'id' ? idLocale : enGB}
            lang={lang}
            selected={selected}
            defaultMonth={selected ?? min}
            captionLayout="dropdown"
            startMonth={min ?? new Date(year - 80, 0)}
            endMonth={max ?? new Date(year + 10, 11)}
            disabled={disabled}
            autoFocus
            labels={{
              labelNav: () => t('Navigasi bulan', 'Month navigation'),
              labelNext: () => t('Bulan berikutnya', 'Next month'),
              labelPrevious: () => t('Bulan sebelumnya', 'Previous month'),
              labelMonthDropdown: () => t('Pilih bulan', 'Choose the month'),
              labelYearDropdown: () => t('Pilih tahun', 'Choose the year'),
            }}
            onSelect={(d) => {
              if (!d) return;
              const iso = format(d, 'yyyy-MM-dd');
              setText(formatDate(iso, lang));
              props.onChange(iso);
              props.onBlur?.();
              close();
            }}
          />
          <button type="button" onClick={close}>
            {t('Tutup kalender', 'Close the calendar')}
          </button>
        </div>
      )}
    </div>
  );
}
