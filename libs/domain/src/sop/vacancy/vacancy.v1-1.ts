import { defineSop } from '../sop.define';
import type { SopDefinition } from '../sop.types';
import { vacancyV1 } from './vacancy.v1';

/**
 * Vacancy SOP 1.1.0: as 1.0.0, plus the case closes as "filled" by itself when the selection (or
 * later, the mutation) that fills the post completes its appointment.
 */
export const vacancyV1_1: Readonly<SopDefinition> = defineSop({
  ...vacancyV1,
  version: '1.1.0',
  effectiveFrom: '2026-11-01',
  steps: [
    ...vacancyV1.steps.map((step) => (step.id === 'approved' ? { ...step, auto: [{ decision: 'filled', to: 'filled' }] } : step)),
    { id: 'filled', status: 'filled', label: { id: 'Terisi', en: 'Filled' }, terminal: true, transitions: [] },
  ],
});
