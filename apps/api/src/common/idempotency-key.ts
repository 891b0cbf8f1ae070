import { DomainError } from '../../../../libs/domain/src';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** Checks an optional Idempotency-Key header. */
export function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError('VALIDATION_FAILED', {
      fields: [{ field: 'idempotency-key', rule: 'matches', message: { id: '8–128 karakter: huruf, angka, . _ : -', en: '8–128 characters: letters, digits, . _ : -' } }],
    });
  }
  return value;
}
