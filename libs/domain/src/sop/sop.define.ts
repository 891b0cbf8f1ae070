import type { SopDefinition } from './sop.types';

/**
 * Declares a shipped SOP version. The registry freezes it deeply the first time it hands it out
 * (`sealSop`), so whatever runs a case reads a version that cannot be changed at run time.
 *
 * It neither validates nor freezes here: this module is evaluated again for every workflow in the
 * sandbox, which evaluates every SOP version shipped (47, about 2,900 objects). Freezing them all cost
 * 1.7 ms per workflow, 4 % of replay's CPU profile (bench (e)); a workflow uses one or two. Shipped
 * versions are validated, and all of them frozen, by `validateShippedSops()` (sop.schema.ts) when the
 * worker and the API start, and by the registry's unit test, so an invalid version still never runs.
 */
export function defineSop(definition: SopDefinition): Readonly<SopDefinition> {
  return definition;
}

const sealed = new WeakSet<object>();

/** Freezes a shipped SOP version deeply, once; the registry hands out nothing else. */
export function sealSop<T extends object>(sop: T): T {
  if (!sealed.has(sop)) {
    deepFreeze(sop);
    sealed.add(sop);
  }
  return sop;
}

// Recurses even into objects already frozen: a caller may have frozen only the top level.
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
