import type { SopDefinition } from './sop.types';

/**
 * Declares a shipped SOP version: freezes it deeply, so it cannot be changed at run time.
 *
 * It does not validate: this module is evaluated inside every workflow sandbox, where building the
 * zod schema and parsing every version cost replay and start-up time for nothing. Shipped versions are
 * validated by `validateShippedSops()` (sop.schema.ts) when the worker and the API start, and by the
 * registry's unit test, so an invalid version still never runs.
 */
export function defineSop(definition: SopDefinition): Readonly<SopDefinition> {
  return deepFreeze(definition);
}

// Recurses even into objects already frozen: a caller may have frozen only the top level.
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
