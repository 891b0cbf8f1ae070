import { defineSop } from '../sop.define';
import type { SopDefinition } from '../sop.types';
import { vacancyV1 } from './vacancy.v1';

/**
 * Test-only copy of vacancy 1.0.0 whose PPK deadline fires after 2 seconds and then closes the
 * case as expired, so timer behaviour is exercised on a real Temporal server without waiting days.
 * Refused unless MERITFLOW_ALLOW_TEST_SOPS is on.
 */
export const vacancyTestFast: Readonly<SopDefinition> = defineSop({
  ...vacancyV1,
  version: '1.0.0-test.fast',
  testOnly: true,
  steps: [
    ...vacancyV1.steps.map((step) =>
      step.id === 'awaiting_ppk_decision'
        ? {
            ...step,
            deadline: { after: { seconds: 2 }, onExpiry: 'close' as const, notifyRole: 'ppk' as const, closeTo: 'expired' },
          }
        : step,
    ),
    {
      id: 'expired',
      status: 'expired',
      label: { id: 'Kedaluwarsa', en: 'Expired' },
      terminal: true,
      transitions: [],
    },
  ],
});
