import { ValidateBy, type ValidationOptions } from 'class-validator';

// Control characters enable log injection and have no place in HR text. Multi-line free text
// (reasons) may keep tab and line breaks; single-line fields (titles, names) may not.
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]*$/;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F\u2028\u2029]*$/;

export const hasNoControlCharacters = (value: unknown): boolean => typeof value !== 'string' || MULTI_LINE.test(value);
export const isSingleLine = (value: unknown): boolean => typeof value !== 'string' || SINGLE_LINE.test(value);

/** Multi-line free text: tab, CR and LF allowed, other control characters refused. */
export const NoControlCharacters = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'noControlCharacters',
      validator: { validate: hasNoControlCharacters, defaultMessage: () => '$property must not contain control characters' },
    },
    options,
  );

/** Single-line text: no control characters at all, line breaks included. */
export const SingleLine = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'singleLine',
      validator: { validate: isSingleLine, defaultMessage: () => '$property must be a single line without control characters' },
    },
    options,
  );

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width
 * characters (U+200B–U+200D, U+FEFF) make text read differently from what is stored ("Trojan Source"):
 * a name, title or reason in the ledger, PDF and CSV must show what it says. Refused in every field.
 */
const INVISIBLE = /[\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/;
export const hasInvisibleCharacters = (value: unknown): boolean => typeof value === 'string' && INVISIBLE.test(value);

/** The code point of the first invisible or direction-changing character, as U+XXXX. */
export const firstInvisibleCharacter = (value: string): string | undefined => {
  const m = INVISIBLE.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
};
