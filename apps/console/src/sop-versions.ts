import { listSops } from '@meritflow/domain';

/**
 * The open-selection versions HR may pin, read from the SOP registry (the senior chains' variants are
 * chosen by the post, not here); the server refuses test-only versions unless it allows them.
 */
export const SOP_VERSIONS = [
  { value: '', label: 'Versi berlaku / current version' },
  ...listSops()
    .filter((s) => s.id === 'open-selection' && !s.variant)
    .map((s) => ({
      value: s.version,
      label: s.testOnly
        ? `${s.version} (uji, tenggat singkat / test, short timers)`
        : `${s.version} (berlaku ${s.effectiveFrom} / from ${s.effectiveFrom})`,
    })),
];
