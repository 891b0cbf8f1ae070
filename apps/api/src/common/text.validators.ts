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
